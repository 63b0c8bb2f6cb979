"""What the app's workers report: each result is a message posted to the
app (thread-safe), handled on the UI thread by ``on_<message>``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual.message import Message

from briefing.library import Row

from briefing.model import (
    Article,
    ArticleEdits,
    Briefing,
    Plan,
    Problem,
    SuggestedTopic,
    Summary,
)


@dataclass
class ArticlesLoaded(Message):
    articles: list[Article]
    problems: list[Problem]
    inputs: tuple = ()
    """Each input as the plan records it (``PlanInput``): made in the loading
    thread, taken up by the app's own thread when it handles the message."""


@dataclass
class StoriesFound(Message):
    """The loaded articles' stories (``StoryGroup``), biggest first."""

    stories: tuple


@dataclass
class ArticlesListed(Message):
    """What the list can show before the articles load, chosen as they
    will be."""

    rows: list[Row]


@dataclass
class FirstArticle(Message):
    """The first listed article, read before the rest (the list highlights it)."""

    article: Article


@dataclass
class LoadFailed(Message):
    reason: str


@dataclass
class LoadProgress(Message):
    done: int
    total: int


@dataclass
class PreviewReady(Message):
    briefing: Briefing
    text: str


@dataclass
class PreviewFailed(Message):
    error: Exception


@dataclass
class SuggestionsReady(Message):
    suggested: list[SuggestedTopic]


@dataclass
class ArticleSummarized(Message):
    summary: Summary
    edits: ArticleEdits


@dataclass
class PlanWritten(Message):
    """A save of the plan finished: ``why`` it was not written, or None."""

    path: Path
    plan: Plan
    why: str | None
