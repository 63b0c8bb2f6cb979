"""Summaries kept for the TUI, so a change of topic, title or selection does
not summarise the same article again."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence

from briefing.model import NO_EDITS, Article, ArticleEdits, Edits, Options, Summary


class SummaryCache:
    """Summaries kept per article and options, so that choosing a topic,
    a title or other articles does not summarise the same article again.

    Keeps the summaries of the last ``keep`` option sets. Safe to share
    between threads: one article is summarised at a time (the GIL allows no
    more), so two threads asking for the same article wait for one summary.
    """

    def __init__(self, keep: int = 3) -> None:
        self.keep = keep
        self._by_options: OrderedDict[Options, dict[tuple[str, ArticleEdits], Summary]] = (
            OrderedDict()
        )
        self._lock = threading.Lock()

    def _table(self, options: Options) -> dict[tuple[str, ArticleEdits], Summary]:
        table = self._by_options.get(options)
        if table is None:
            table = self._by_options[options] = {}
            while len(self._by_options) > self.keep:
                self._by_options.popitem(last=False)
        return table

    def get(
        self, article_id: str, options: Options, edits: ArticleEdits = NO_EDITS
    ) -> Summary | None:
        """The summary if it was made already, else None (never summarises)."""
        table = self._by_options.get(options)
        return None if table is None else table.get((article_id, edits))

    def summary(
        self, article: Article, options: Options, edits: ArticleEdits = NO_EDITS
    ) -> Summary:
        """``article``'s summary with ``options`` and the analyst's ``edits`` to it."""
        with self._lock:
            table = self._table(options)
            found = table.get((article.id, edits))
            if found is None or found.article is not article:
                from briefing.summarizers.summarize import (
                    summarize,  # here: the TUI paints before sumy loads
                )

                found = table[(article.id, edits)] = summarize(article, options, edits)
            return found

    def add(self, summaries: Sequence[Summary], options: Options) -> None:
        """Keep summaries made elsewhere (by the file pipeline) with ``options``."""
        with self._lock:
            table = self._table(options)
            for summary in summaries:
                table[(summary.article.id, NO_EDITS)] = summary

    def summaries(
        self, articles: Sequence[Article], options: Options, edits: Edits | None = None
    ) -> list[Summary]:
        edits = edits or Edits()
        return [
            self.summary(article, options, edits.for_article(article.id)) for article in articles
        ]
