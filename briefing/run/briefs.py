"""Briefings from articles not yet summarised: summarising (here, in the
run layer, in a process pool when there are many) then composing (in
:mod:`briefing.compose`, which never summarises)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from briefing.compose.assemble import Request, build, planned
from briefing.model import Article, Briefing, Edits, Plan
from briefing.run.pipeline import summarize_all
from briefing.summarizers.summarize import summarize


def brief(
    articles: Sequence[Article], request: Request, *, edits: Edits = Edits(), jobs: int = 1
) -> Briefing:
    """Summarise every article (with the analyst's ``edits``; ``jobs`` > 1:
    in a process pool), then compose the briefing."""
    options = request.options
    if edits.excluded or edits.pinned:
        summaries = [summarize(a, options, edits.for_article(a.id)) for a in articles]
    else:
        summaries = summarize_all(articles, options, jobs=jobs)
    return build(articles, request, summaries=summaries, edits=edits)


def brief_from_plan(
    plan: Plan,
    articles: Sequence[Article],
    day: date,
    warn: Callable[[str], None] = lambda message: None,
) -> Briefing:
    """The briefing a plan describes (see :func:`briefing.compose.assemble.planned`)."""
    asked = planned(plan, articles, day, warn)
    return brief(asked.articles, asked.request, edits=asked.edits)
