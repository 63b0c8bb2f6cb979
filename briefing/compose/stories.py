"""Story sections: the articles about one event (grouped by
:mod:`briefing.compose.grouping`), told once.

Each story has a headline (the title of its most central article: the one
most like the others), its sentences drawn across its articles' summaries
(only sentences that stand alone; a sentence saying what another already
said is left out and its source cited beside the first; every sentence
verbatim and cited) and a timeline: a line per article, dated by
publication (or, for an undated article, by a full date its opening
states), and a line per summary sentence that states a full date, each
saying where its date came from. Stories come biggest first (most
sources, then most articles), then the most recent, then in article order. Pure: summaries in,
stories out; nothing is summarised here.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from briefing.compose.grouping import profile, published_on, similarity, stories_of
from briefing.compose.keypoints import summary_picks
from briefing.compose.redundancy import centroid, cosine, mmr, tfidf_vectors
from briefing.model import Article, Citation, Story, Summary, TimelineEntry, TopicSentence
from briefing.nlp.stems import content_stems

_MONTHS = (
    "January February March April May June July August September October November December"
).split()
_MONTH = "|".join(_MONTHS)
_STATED = re.compile(
    rf"\b(?:(?P<d1>[0-3]?\d)(?:st|nd|rd|th)? (?P<m1>{_MONTH}),? (?P<y1>(?:19|20)\d\d)"
    rf"|(?P<m2>{_MONTH}) (?P<d2>[0-3]?\d)(?:st|nd|rd|th)?,? (?P<y2>(?:19|20)\d\d))\b"
)
OPENING_SENTENCES = 3
"""An undated article is dated by a full date stated in this many first sentences."""


def stated_date(text: str) -> date | None:
    """The first full date ``text`` states ("12 June 2019", "June 12, 2019")."""
    for match in _STATED.finditer(text):
        day = match.group("d1") or match.group("d2")
        month = match.group("m1") or match.group("m2")
        year = match.group("y1") or match.group("y2")
        try:
            return datetime.strptime(f"{day} {month} {year}", "%d %B %Y").date()
        except ValueError:
            continue
    return None


def carried_by(article: Article) -> str:
    """Who carried the article: its publisher, else its input's name."""
    return article.metadata.get("source") or article.source


@dataclass(frozen=True)
class StoryGroup:
    """One story's articles, before anything is drawn from them."""

    id: str
    headline_article: str
    articles: tuple[str, ...]
    """First reported first."""
    dated: tuple[tuple[date | None, str], ...]
    """Each article's date and where it came from (``published``, ``text``)."""
    sources: tuple[str, ...]
    """Who carried it (publishers, else input names), first reported first."""

    @property
    def first_published(self) -> date | None:
        known = [d for d, _ in self.dated if d is not None]
        return min(known) if known else None

    @property
    def last_published(self) -> date | None:
        known = [d for d, _ in self.dated if d is not None]
        return max(known) if known else None


def story_groups(articles: Sequence[Article], *, language: str = "english") -> list[StoryGroup]:
    """The stories among ``articles``, biggest first (most sources, then
    most articles), then the most recent (the TUI lists these;
    :func:`story_sections` tells them)."""
    days = [published_on(a) for a in articles]
    profiles = profile(articles, days, language=language)
    made = []
    for members in stories_of(profiles):
        centrality = {
            i: sum(similarity(profiles[i], profiles[j]) for j in members if j != i) for i in members
        }
        central = max(members, key=lambda i: (centrality[i], -i))
        dated = {i: _dated(articles[i], days[i]) for i in members}
        order = sorted(members, key=lambda i: (_later(dated[i][0]), i))
        first = articles[order[0]].id
        made.append(
            StoryGroup(
                id="story-" + hashlib.sha256(first.encode()).hexdigest()[:10],
                headline_article=articles[central].id,
                articles=tuple(articles[i].id for i in order),
                dated=tuple(dated[i] for i in order),
                sources=tuple(dict.fromkeys(carried_by(articles[i]) for i in order)),
            )
        )
    made.sort(key=lambda g: (-len(g.sources), -len(g.articles), -_ordinal(g.last_published)))
    return made


def story_sections(
    summaries: Sequence[Summary], count: int, *, language: str = "english"
) -> tuple[Story, ...]:
    """The stories among the summaries' articles, each with up to ``count``
    sentences."""
    by_id = {s.article.id: s for s in summaries}
    return tuple(
        Story(
            id=g.id,
            headline_article=g.headline_article,
            articles=g.articles,
            sentences=_sentences([by_id[i] for i in g.articles], count, language),
            timeline=_timeline([by_id[i] for i in g.articles], g.dated),
            first_published=g.first_published,
            last_published=g.last_published,
        )
        for g in story_groups([s.article for s in summaries], language=language)
    )


def _dated(article: Article, published: date | None) -> tuple[date | None, str]:
    if published is not None:
        return published, "published"
    opening = [s.text for s in article.sentences[:OPENING_SENTENCES]]
    stated = stated_date(" ".join(opening))
    return (stated, "text") if stated else (None, "published")


def _later(day: date | None) -> int:
    return day.toordinal() if day else date.max.toordinal()


def _ordinal(day: date | None) -> int:
    return day.toordinal() if day else 0


def _sentences(
    summaries: Sequence[Summary], count: int, language: str
) -> tuple[TopicSentence, ...]:
    """Up to ``count`` sentences across the story's summaries (first
    reported first): each article's best picks that stand alone, by rank;
    a near-duplicate of one picked is not picked, its source cited beside it."""
    candidates = summary_picks(summaries)
    if not candidates or count <= 0:
        return ()
    vectors = tfidf_vectors([sorted(content_stems(s.text, language)) for s, _ in candidates])
    center = centroid(vectors)
    relevance = [
        0.5 * own + 0.5 * cosine(vec, center) for (_, own), vec in zip(candidates, vectors)
    ]
    also: dict[int, list[Citation]] = {}

    def cite(kept: int, duplicate: int) -> None:
        sentence = candidates[duplicate][0]
        if sentence.article_id != candidates[kept][0].article_id:
            also.setdefault(kept, []).append(Citation(sentence.article_id, sentence.index))

    picked = mmr(relevance, vectors, count, on_duplicate=cite)
    rank = {s.article.id: n for n, s in enumerate(summaries)}
    picked.sort(key=lambda i: (rank[candidates[i][0].article_id], candidates[i][0].index))
    return tuple(
        TopicSentence(candidates[i][0], relevance[i], tuple(dict.fromkeys(also.get(i, ()))))
        for i in picked
    )


def _timeline(
    summaries: Sequence[Summary], dated: Sequence[tuple[date | None, str]]
) -> tuple[TimelineEntry, ...]:
    """A line per article (as dated), and one per summary sentence that
    states a full date other than its article's; oldest first, undated last."""
    entries = []
    for summary, (day, source) in zip(summaries, dated):
        entries.append(TimelineEntry(day, summary.article.id, source))
        for section in summary.sections:
            for sentence in section.sentences:
                stated = stated_date(sentence.text)
                if stated is not None and stated != day:
                    entries.append(TimelineEntry(stated, summary.article.id, "text", sentence))
    order = {s.article.id: n for n, s in enumerate(summaries)}
    entries.sort(
        key=lambda e: (
            _later(e.day),
            order[e.article_id],
            -1 if e.sentence is None else e.sentence.index,
        )
    )
    return tuple(entries)
