"""Adding inputs to the library: read with the readers (every format), each
article kept once, wire copies marked as duplicates (never merged)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from briefing.library import Library
from briefing.library.codec import with_metadata
from briefing.library.identity import (
    CONTAINMENT,
    NearIndex,
    canonical_url,
    containment,
    shingles,
    signature,
    text_hash,
)
from briefing.model import (
    NO_EDITS,
    Article,
    ArticleEdits,
    Briefing,
    Edits,
    InputLimits,
    Options,
    Problem,
    Summary,
)

if TYPE_CHECKING:
    from briefing.ingest.inputs import Task

NEAR_DAYS = 7
"""Near duplicates are looked for among documents published within this many days."""


@dataclass
class Tally:
    added: int = 0
    already: int = 0
    duplicates: int = 0
    skipped: int = 0
    problems: list[Problem] = field(default_factory=list)

    def line(self) -> str:
        return (
            f"added {self.added}, already there {self.already}, "
            f"duplicates {self.duplicates}, skipped {self.skipped}"
        )


def add_inputs(
    library: Library,
    tasks: Sequence[Task],
    *,
    now: datetime,
    jobs: int = 1,
    advance: Callable[[int], object] = lambda n: None,
    near_days: int = NEAR_DAYS,
) -> Tally:
    """Read ``tasks`` and keep each article in ``library`` (as added at
    ``now``, the caller's clock): an article kept
    already (same content, or same canonical URL) is a new sighting only;
    one whose text is another's (case, spacing, punctuation aside), or a
    near copy of one published within ``near_days`` (MinHash candidates
    confirmed by shingle containment >= 0.8), is kept marked as its
    duplicate. Problems are counted as skipped and returned."""
    from briefing.run.loading import load_listed  # (reading: NLTK and the readers)

    tally = Tally()
    index = _near_index(library, near_days)
    step = 64
    for start in range(0, len(tasks), step):
        chunk = tasks[start : start + step]
        result = load_listed(chunk, jobs=jobs)
        tally.skipped += sum(1 for p in result.problems if p.skipped)
        tally.problems += list(result.problems)
        for article in result.articles:
            _add_one(library, article, index, tally, now)
        advance(len(chunk))
    return tally


def _near_index(library: Library, days: int) -> NearIndex:
    """The library's originals, indexed for near duplicates within ``days``."""
    index = NearIndex(days)
    for key, raw, day in library.signatures():
        index.insert(key, raw, day)
    return index


def _add_one(
    library: Library, article: Article, index: NearIndex, tally: Tally, now: datetime
) -> None:
    body = " ".join(s.text for s in article.sentences)
    digest = text_hash(body)
    pieces = shingles(body)
    raw = signature(pieces)
    day = article.metadata.get("date")
    of = library.original_with_hash(digest)
    if of is None or of == article.id:
        of = None
        for key in index.candidates(raw, day):
            if (
                key != article.id
                and containment(pieces, shingles(library.body(key))) >= CONTAINMENT
            ):
                of = key
                break
    outcome = library.add(
        article,
        source=article.source,
        body=body,
        text_hash=digest,
        canonical_url=canonical_url(article.metadata.get("url")),
        signature=raw,
        now=now,
        duplicate_of=of,
    )
    if outcome.kind == "already":
        tally.already += 1
    elif outcome.kind == "duplicate":
        tally.duplicates += 1
    else:
        tally.added += 1
        index.insert(article.id, raw, day)


@dataclass(frozen=True)
class Choice:
    """Which of the library's documents a briefing is made from: those added
    since the last briefing recorded (``new``), those matching ``query``
    (best first), or all; within the published dates ``since``/``until``."""

    new: bool = False
    query: str | None = None
    since: str | None = None
    until: str | None = None


def chosen_from(
    library: Library,
    *,
    new: bool = False,
    query: str | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int = 10_000,
) -> list[Article]:
    """The library's articles for a briefing (see :func:`chosen_ids`), each
    saying who else carried it (``also_carried_by``: its duplicates' and
    other sightings' sources)."""
    choice = Choice(new=new, query=query, since=since, until=until)
    return documents(library, chosen_ids(library, choice, limit))[0]


def chosen_ids(library: Library, choice: Choice, limit: int = 10_000) -> list[str]:
    """The chosen documents (originals only): oldest added first, or best
    first for a query."""
    if choice.query is not None:
        found = library.search(choice.query, since=choice.since, until=choice.until, limit=limit)
        return [f.id for f in found]
    return library.chosen(
        since=choice.since,
        until=choice.until,
        added_after=library.last_briefing_at() if choice.new else None,
    )[:limit]


CONTINUED_LIMIT = 5_000
"""Earlier articles read at most to find the stories a briefing continues."""


def story_articles(
    library: Library,
    articles: Sequence[Article],
    *,
    copied_after: str | None = None,
    language: str = "english",
) -> list[Article]:
    """What a briefing with stories reads: the chosen ``articles``; the
    originals a new copy of which came after ``copied_after`` (the last
    briefing, with ``--new``: another outlet carrying a story is news of
    it); the earlier articles whose stories these continue
    (:func:`continued_stories`); and every copy of them all, each a source
    of its story (the library keeps near-duplicates apart from originals)."""
    chosen = list(articles)
    if copied_after is not None:
        seen = {a.id for a in chosen}
        more = [i for i in library.copied_after(copied_after) if i not in seen]
        chosen += documents(library, more)[0]
    chosen += continued_stories(library, chosen, language=language)
    copies = library.copies(a.id for a in chosen)
    extra = [c for a in chosen for c in copies.get(a.id, [])]
    return chosen + documents(library, extra)[0]


def continued_stories(
    library: Library, articles: Sequence[Article], *, language: str = "english"
) -> list[Article]:
    """The library's earlier articles whose stories ``articles`` continue:
    published from :data:`~briefing.compose.grouping.WINDOW_DAYS` before the
    earliest of them to the latest, not among them, and one story with one
    of them (see :mod:`briefing.compose.grouping`). A story told yesterday
    goes on today with today's reports and yesterday's in its timeline."""
    from briefing.compose.grouping import WINDOW_DAYS, group, published_on

    known = [d for d in (published_on(a) for a in articles) if d is not None]
    if not known:
        return []
    chosen = {a.id for a in articles}
    since = (min(known) - timedelta(days=WINDOW_DAYS)).isoformat()
    until = (
        max(known) + timedelta(days=1)
    ).isoformat()  # (a stamp with a time sorts after its day)
    ids = [i for i in library.chosen(since=since, until=until) if i not in chosen]
    earlier = documents(library, ids[-CONTINUED_LIMIT:])[0]
    if not earlier:
        return []
    everything = [*articles, *earlier]
    stories = group(everything, [published_on(a) for a in everything], language=language)
    mine = len(articles)
    joined = {i for g in stories if g[0] < mine for i in g if i >= mine}
    return [everything[i] for i in sorted(joined)]


def documents(library: Library, ids: Sequence[str]) -> tuple[list[Article], list[str]]:
    """The library's articles with these ids, in this order, each saying who
    else carried it; and the ids the library does not hold."""
    articles, missing = [], []
    carried = library.sources_of(ids)
    kept = library.articles(ids)
    for document in ids:
        article = kept.get(document)
        if article is None:
            missing.append(document)
            continue
        others = [s for s in carried.get(document, []) if s != article.source]
        if others:
            article = with_metadata(
                article, {**article.metadata, "also_carried_by": ", ".join(others)}
            )
        articles.append(article)
    return articles, missing


def record(library: Library, briefing: Briefing, now: datetime) -> int:
    """Keep ``briefing`` in the library with every sentence it cites."""
    cited = {
        (s.article_id, s.index, text_hash(s.text))
        for summary in briefing.summaries
        for s in summary.sentences
    }
    cited |= {
        (t.sentence.article_id, t.sentence.index, text_hash(t.sentence.text))
        for t in (*briefing.key_points, *(x for topic in briefing.topics for x in topic.sentences))
    }
    return library.record_briefing(
        made_at=now, day=briefing.date.isoformat(), title=briefing.title, cited=sorted(cited)
    )


@dataclass(frozen=True)
class Polled:
    """What ``update`` did with one subscription."""

    url: str
    outcome: str
    """"new" (read; see the tally), "not modified" (304), "not due", "error"."""
    detail: str = ""


def update(
    library: Library,
    limits: InputLimits,
    *,
    now: datetime,
    jobs: int = 1,
    advance: Callable[[int], None] = lambda n: None,
) -> tuple[list[Polled], Tally]:
    """Poll every subscription that is due, 8 at once (``advance``: told of
    each subscription done, the ones not due first): a conditional GET
    (the ETag and Last-Modified kept from the last answer: a 304 is nothing
    to do), the next check no sooner than the server's Cache-Control max-age
    or Retry-After says; each feed's entries are added as ``add`` adds them
    (their links followed as when reading a feed, unless ``limits.fetch`` is
    off). A dead or refused feed is one ``error`` result, its error kept for
    ``subscriptions``."""
    from briefing.ingest.fetch import Answer, Busy, FetchError, Reach, at_once, get, wait_asked
    from briefing.ingest.inputs import read_again
    from briefing.run.loading import load_listed

    stamp = now.astimezone(timezone.utc).isoformat(timespec="microseconds")
    subscriptions = library.subscriptions()
    due = {s.url: s for s in subscriptions if not s.next_check or s.next_check <= stamp}
    results: list[Polled] = [
        Polled(s.url, "not due", f"next check {s.next_check}")
        for s in subscriptions
        if s.url not in due
    ]
    advance(len(results))
    timeout = limits.fetch_timeout or 20.0

    def poll(url: str) -> tuple[Answer | Busy | None, str | None]:
        sub = due[url]
        reach = Reach.named([url])  # the user named it: its own host may be internal
        try:
            return get(
                url,
                timeout=timeout,
                max_bytes=limits.max_bytes,
                reach=reach,
                etag=sub.etag,
                last_modified=sub.last_modified,
            ), None
        except Busy as exc:
            return exc, str(exc)
        except FetchError as exc:
            return None, str(exc)
        except Exception as exc:  # noqa: BLE001 - a server never ends the run: one line
            return None, f"cannot be fetched ({type(exc).__name__})"

    answers = at_once({url: url for url in due}, poll, budget=3 * timeout)
    tally = Tally()
    index = _near_index(library, NEAR_DAYS)
    for url, sub in due.items():
        advance(1)  # (its answer is in: what is left is adding its entries)
        answer, error = answers.get(url, (None, "no answer in time"))
        if error is not None or not isinstance(answer, Answer):
            wait = wait_asked(answer.retry_after, now) if isinstance(answer, Busy) else None
            library.checked(
                url,
                now=now,
                etag=None,
                last_modified=None,
                next_check=now + timedelta(seconds=wait) if wait else None,
                error=error or "no answer",
            )
            results.append(Polled(url, "error", error or "no answer"))
            continue
        fresh = answer.fresh_for
        library.checked(
            url,
            now=now,
            etag=answer.etag,
            last_modified=answer.last_modified,
            next_check=now + timedelta(seconds=fresh) if fresh else None,
            error=None,
        )
        body = answer.body
        if body is None:
            results.append(Polled(url, "not modified"))
            continue
        task = read_again(url, Path(url), None, limits, (body, None), Reach.named([url]).hosts)
        before = (tally.added, tally.duplicates)
        loaded = load_listed([task], jobs=jobs)
        tally.skipped += sum(1 for p in loaded.problems if p.skipped)
        tally.problems += list(loaded.problems)
        for article in loaded.articles:
            _add_one(library, article, index, tally, now)
        added = tally.added - before[0]
        results.append(
            Polled(url, "new", f"{added} new, {tally.duplicates - before[1]} duplicates")
        )
    return results, tally


def briefed_before(library: Library, articles: Sequence[Article]) -> tuple[list[Article], Edits]:
    """New sentences only: each sentence an earlier briefing of this library
    cited (the same text, case, spacing and punctuation aside) is left out
    of this one (as an exclusion, so no summary, key point or topic shows
    it); each article says how many were left out and since when
    (``briefed_before``, ``briefed_on`` in its metadata)."""
    hashes = {(a.id, s.index): text_hash(s.text) for a in articles for s in a.sentences}
    briefed = library.briefed_on(hashes.values())
    excluded = frozenset(key for key, digest in hashes.items() if digest in briefed)
    marked = []
    for article in articles:
        days = sorted(briefed[hashes[(article.id, s.index)]] for s in article.sentences
                      if (article.id, s.index) in excluded)  # fmt: skip
        if days:
            article = replace(
                article,
                metadata={
                    **article.metadata,
                    "briefed_before": str(len(days)),
                    "briefed_on": days[0],
                },
            )
        marked.append(article)
    return marked, Edits(excluded=excluded)


def library_summaries(
    library: Library,
    articles: Sequence[Article],
    options: Options,
    edits: Edits = Edits(),
    *,
    jobs: int = 1,
) -> list[Summary]:
    """The articles' summaries, in order: kept ones read back from the
    library (made by this code, with these options and edits), the rest
    made (over ``jobs`` processes) and kept for the next time (unless the
    library is read-only)."""
    from briefing.library.codec import summary_json
    from briefing.run.pipeline import summarize_all
    from briefing.summarizers.kept import made_by
    from briefing.summarizers.summarize import summarize

    own = {a.id: edits.for_article(a.id) for a in articles}
    keys = _keys(articles, options, own)
    found = _kept(library, articles, keys)
    missing = [a for a in articles if a.id not in found]
    plain = [a for a in missing if own[a.id] is NO_EDITS]
    found.update((s.article.id, s) for s in summarize_all(plain, options, jobs=jobs))
    for article in missing:
        if article.id not in found:
            found[article.id] = summarize(article, options, own[article.id])
    if missing and not library.read_only:
        library.keep_summaries(
            [(a.id, keys[a.id], summary_json(found[a.id])) for a in missing], made_by()
        )
    return [found[a.id] for a in articles]


def kept_summaries(
    library: Library, articles: Sequence[Article], options: Options
) -> dict[str, Summary]:
    """The summaries the library keeps for these articles as they are (no
    edits; made by this code, with these options), by article id; nothing
    is made."""
    return _kept(library, articles, _keys(articles, options, {}))


def _kept(
    library: Library, articles: Sequence[Article], keys: dict[str, str]
) -> dict[str, Summary]:
    from briefing.library.codec import summary_from_json
    from briefing.summarizers.kept import made_by

    kept = library.kept_summaries(keys, made_by())
    found: dict[str, Summary] = {}
    for article in articles:
        text = kept.get((article.id, keys[article.id]))
        summary = summary_from_json(text, article) if text is not None else None
        if summary is not None:
            found[article.id] = summary
    return found


def _keys(
    articles: Sequence[Article], options: Options, own: dict[str, ArticleEdits]
) -> dict[str, str]:
    """Each article's summary key, by its own edits (none: the key made
    once for every article left as it is)."""
    from briefing.summarizers.kept import options_key

    plain = options_key(options)
    keys = {}
    for article in articles:
        edits = own.get(article.id, NO_EDITS)
        keys[article.id] = plain if edits is NO_EDITS else options_key(options, edits)
    return keys
