"""Edits follow their sentence's text, not its number.

A plan records each excluded or pinned sentence by article, index and
text. When the source changes (a paragraph added at the top), the index
points at another sentence: the edit must move with its text, or be
reported as lost, never land on whatever sentence now has that number.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from briefing.model import Article, SentenceRef


@dataclass(frozen=True)
class Anchored:
    """A plan's edits matched against the articles as loaded now."""

    excluded: tuple[SentenceRef, ...]
    """Each at the index that now holds its text."""
    pinned: tuple[SentenceRef, ...]
    lost: tuple[SentenceRef, ...] = ()
    """Edits whose text is no longer in their article (kept in the plan, not applied)."""
    absent: tuple[SentenceRef, ...] = ()
    """Edits of articles not loaded now (kept in the plan, not applied)."""
    moved: int = 0
    """How many edits were found at another index (the source changed)."""


def anchor(
    excluded: Iterable[SentenceRef],
    pinned: Iterable[SentenceRef],
    articles: Mapping[str, Article],
) -> Anchored:
    """Match each edit to the sentence that holds its text now: the same
    index when it still does, else the sentence with that text nearest the
    old index. An edit made without its text (an old plan) keeps its index.
    ``articles``: the loaded articles by id."""
    lost: list[SentenceRef] = []
    absent: list[SentenceRef] = []
    moved = 0

    def place(refs: Iterable[SentenceRef]) -> tuple[SentenceRef, ...]:
        nonlocal moved
        placed = []
        for ref in refs:
            article = articles.get(ref.article)
            if article is None:
                absent.append(ref)
                continue
            texts = {s.index: s.text for s in article.sentences}
            if not ref.text and ref.index in texts:
                placed.append(ref)
                continue
            if texts.get(ref.index) == ref.text:
                placed.append(ref)
                continue
            same = [i for i, text in texts.items() if text == ref.text]
            if not same:
                lost.append(ref)
                continue
            index = min(same, key=lambda i: (abs(i - ref.index), i))
            placed.append(SentenceRef(ref.article, index, ref.text))
            moved += 1
        return tuple(sorted(set(placed), key=lambda r: (r.article, r.index)))

    found_excluded = place(excluded)
    taken = {(e.article, e.index) for e in found_excluded}
    found_pinned = tuple(r for r in place(pinned) if (r.article, r.index) not in taken)
    return Anchored(found_excluded, found_pinned, tuple(lost), tuple(absent), moved)


def lost_message(ref: SentenceRef) -> str:
    """One line for an edit whose sentence is gone from its article."""
    shown = ref.text[:50] + ("…" if len(ref.text) > 50 else "")
    return (
        f'{ref.article}: the sentence edited ("{shown}") is no longer in the article; '
        "the edit is kept in the plan but not applied"
    )
