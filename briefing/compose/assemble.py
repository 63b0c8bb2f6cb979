"""Selections → :class:`Briefing`: the one call the CLI and the TUI make."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from briefing.compose.anchoring import anchor, lost_message
from briefing.compose.grouping import published_on
from briefing.compose.keypoints import key_points
from briefing.compose.stories import story_sections
from briefing.compose.topics import topic_section
from briefing.model import (
    DEFAULT_KEY_POINTS,
    DEFAULT_TOPIC_SENTENCES,
    Article,
    Briefing,
    Edits,
    Options,
    Plan,
    Summary,
)

DEFAULT_TITLE = "News briefing"


@dataclass(frozen=True)
class Request:
    """What the user asked for. ``today`` is passed in, never read from a clock."""

    today: date
    title: str | None = None
    marking: str | None = None
    topics: tuple[str, ...] = ()
    options: Options = field(default_factory=Options)
    topic_sentences: int = DEFAULT_TOPIC_SENTENCES
    key_points: int = DEFAULT_KEY_POINTS
    """Sentences in the "Key points" block at the top; 0 leaves it out."""
    stories: bool = False
    """Group the articles about one event into stories (opening the briefing)."""

    @classmethod
    def of(cls, spec: Plan, today: date) -> Request:
        """What a briefing's spec (a :class:`~briefing.model.Plan`: the one
        record the CLI's flags, a plan file and the TUI all make, checked
        when made) asks of the composer, dated ``today`` unless the spec
        is dated. The one place the fields pass from one to the other."""
        return cls(
            today=spec.day or today,
            title=spec.title or None,
            marking=spec.marking or None,
            topics=spec.topics,
            options=spec.options,
            topic_sentences=spec.topic_sentences,
            key_points=spec.key_points,
            stories=spec.stories,
        )


def default_title(topics: Sequence[str]) -> str:
    if not topics:
        return DEFAULT_TITLE
    return f"Briefing: {', '.join(topics)}"


def build(
    articles: Sequence[Article],
    request: Request,
    *,
    summaries: Sequence[Summary],
    edits: Edits = Edits(),
) -> Briefing:
    """The briefing of these articles and their ``summaries`` (made with
    ``request.options`` and ``edits`` by the caller: composing never
    summarises an article): topic sections, key points, the analyst's own
    words. Nothing is written anywhere. ``edits``: the analyst's excluded
    and pinned sentences and their own words (the one path the CLI's
    ``--plan`` and the TUI share). See :func:`briefing.run.briefs.brief`
    for articles not yet summarised."""
    options = request.options
    topics = tuple(
        topic_section(name, articles, options, request.topic_sentences, excluded=edits.excluded)
        for name in dict.fromkeys(t.strip() for t in request.topics if t.strip())
    )
    summaries = tuple(summaries)
    return Briefing(
        title=(request.title or "").strip() or default_title([t.name for t in topics]),
        date=request.today,
        marking=(request.marking or "").strip() or None,
        topics=topics,
        summaries=summaries,
        algorithm=options.algorithm.lower(),
        key_points=key_points(
            summaries, request.key_points, ranked=options.ranked, language=options.language
        ),
        edits=edits,
        stories=(
            story_sections(summaries, request.topic_sentences, language=options.language)
            if request.stories
            else ()
        ),
    )


@dataclass(frozen=True)
class Planned:
    """What a plan asks of its articles as loaded: the chosen ones in order,
    the request, the edits matched to the sentences holding their text."""

    articles: tuple[Article, ...]
    request: Request
    edits: Edits


def planned(
    plan: Plan,
    articles: Sequence[Article],
    day: date,
    warn: Callable[[str], None] = lambda message: None,
) -> Planned:
    """The briefing a plan describes, dated ``day`` (the plan's date unless
    the user gave another), from its ``articles`` as loaded (in any order;
    the plan's order and choice are applied). An edit whose sentence
    no longer holds the text it was made on (the source changed) is left
    out with a warning; so is a chosen article that could not be loaded.
    An edit whose text moved to another index (a paragraph added above it)
    follows its text."""
    by_id = {a.id: a for a in articles}
    chosen = []
    for article_id in plan.articles:
        if article_id in by_id:
            chosen.append(by_id[article_id])
        else:
            warn(f"the plan's article {article_id} could not be loaded; left out")
    # Edits follow their sentence's text: a changed source moves them, never onto another
    # sentence; one whose text is gone is reported (for a chosen article) and left out.
    anchored = anchor(plan.excluded, plan.pinned, by_id)
    chosen_ids = {a.id for a in chosen}
    for ref in anchored.lost:
        if ref.article in chosen_ids:
            warn(lost_message(ref))
    edits = replace(
        plan.edits(),
        excluded=frozenset((r.article, r.index) for r in anchored.excluded),
        pinned=frozenset((r.article, r.index) for r in anchored.pinned),
    )
    return Planned(tuple(chosen), Request.of(replace(plan, day=day), day), edits)


def published_between(
    summaries: Sequence[Summary], since: date | None, until: date | None
) -> tuple[list[Summary], int, int]:
    """The summaries whose article was published within [since, until]
    (either end open); undated ones are kept. Returns (kept, left out, undated)."""
    kept, left_out, undated = [], 0, 0
    for summary in summaries:
        day = published_on(summary.article)
        if day is None:
            undated += 1
            kept.append(summary)
        elif (since is None or day >= since) and (until is None or day <= until):
            kept.append(summary)
        else:
            left_out += 1
    return kept, left_out, undated
