"""Selections → :class:`Briefing`: the one call the CLI and the TUI make."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from .keypoints import key_points
from .models import DEFAULT_KEY_POINTS, Article, Briefing, Options, Summary
from .pipeline import summarize_all
from .topics import topic_section

DEFAULT_TITLE = "News briefing"


@dataclass(frozen=True)
class Request:
    """What the user asked for. ``today`` is passed in, never read from a clock."""

    today: date
    title: str | None = None
    marking: str | None = None
    topics: tuple[str, ...] = ()
    options: Options = field(default_factory=Options)
    topic_sentences: int = 5
    key_points: int = DEFAULT_KEY_POINTS
    """Sentences in the "Key points" block at the top; 0 leaves it out."""


def default_title(topics: Sequence[str]) -> str:
    if not topics:
        return DEFAULT_TITLE
    return f"Briefing: {', '.join(topics)}"


def build(articles: Sequence[Article], request: Request, *, jobs: int = 1,
          summaries: Sequence[Summary] | None = None) -> Briefing:
    """Summarise every article and every topic; nothing is written anywhere.
    ``jobs`` > 1 summarises the articles in a process pool; ``summaries``
    already made with ``request.options`` are used as they are."""
    options = request.options
    topics = tuple(
        topic_section(name, articles, options, request.topic_sentences)
        for name in dict.fromkeys(t.strip() for t in request.topics if t.strip())
    )
    summaries = tuple(summaries if summaries is not None else summarize_all(articles, options, jobs=jobs))
    return Briefing(
        title=(request.title or "").strip() or default_title([t.name for t in topics]),
        date=request.today,
        marking=(request.marking or "").strip() or None,
        topics=topics,
        summaries=summaries,
        algorithm=options.algorithm.lower(),
        key_points=key_points(summaries, request.key_points, ranked=options.ranked, language=options.language),
    )
