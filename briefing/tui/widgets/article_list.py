"""The article list: multi-select, filter as you type, unreadable files flagged."""

from __future__ import annotations

import functools
import re

from rich.text import Text
from textual.binding import Binding
from textual.widgets import SelectionList
from textual.widgets.selection_list import Selection

from briefing.library import Row
from briefing.model import Article, Problem
from briefing.tui.widgets.ticks import ShapedTicks


def matches(article: Article, query: str, text: str | None = None) -> bool:
    """Every word of the query appears in the title, the source path or the
    article's text (``text``: that text in lower case, if already made)."""
    patterns = _word_starts(query)
    haystack = f"{article.title} {article.source}".lower()
    if all(p.search(haystack) for p in patterns):
        return True
    text = text if text is not None else " ".join(s.text for s in article.sentences).lower()
    return all(p.search(text) for p in patterns)


@functools.lru_cache(maxsize=64)
def _word_starts(query: str) -> tuple[re.Pattern[str], ...]:
    """Each word of the query, found only where a word starts ("man utd"
    no longer finds "performance")."""
    return tuple(re.compile(r"(?<!\w)" + re.escape(w)) for w in query.lower().split())


class ArticleList(ShapedTicks, SelectionList[str]):
    """Selection state lives in the app (``selected``); this list shows the
    articles that match the filter and reports toggles."""

    BINDINGS = [
        Binding("a", "select_all_visible", "All"),
        Binding("n", "select_none_visible", "None"),
        Binding("shift+up,K", "app.move_article(-1)", "Move up", show=False),
        Binding("shift+down,J", "app.move_article(1)", "Move down", show=False),
    ]
    _visible: frozenset[str] = frozenset()
    _texts: dict[str, tuple[Article, str]]
    """Each article's text in lower case, made once (the list owns it; it
    holds only the articles shown)."""

    def show(
        self, articles: list[Article], problems: list[Problem], selected: set[str], query: str
    ) -> None:
        """List the articles that match ``query``, ticked as in ``selected``.
        Posts no SelectedChanged: the app already knows the selection (one
        message per ticked article made a 1,000-article list take seconds)."""
        highlighted = self.highlighted
        self.clear_options()
        options: list[Selection[str]] = []
        for article in articles:
            if query and not matches(article, query, self._lowered(article)):
                continue
            prompt = _prompt(article.words, article.metadata.get("date", ""), article.title)
            options.append(Selection(prompt, article.id, article.id in selected, id=article.id))
        for problem in problems:
            if query and query.lower() not in problem.source.lower():
                continue
            prompt = Text.assemble(
                ("  ⚠ ", "bold red"), (f"{problem.source}: {problem.reason}", "red")
            )
            options.append(Selection(prompt, f"!{problem.source}", False, disabled=True))
        with self.prevent(SelectionList.SelectedChanged):
            self.add_options(options)
        self._visible = frozenset(o.value for o in options if not o.disabled)
        if options:
            self.highlighted = min(highlighted or 0, len(options) - 1)

    def show_rows(self, rows: list[Row]) -> None:
        """The library's rows shown, chosen, before their articles load;
        :meth:`show` replaces them."""
        self.clear_options()
        with self.prevent(SelectionList.SelectedChanged):
            self.add_options(
                [Selection(_prompt(r.words, r.published, r.title), r.id, True, id=r.id)
                 for r in rows]
            )  # fmt: skip
        self._visible = frozenset()

    def _lowered(self, article: Article) -> str:
        texts = self.__dict__.setdefault("_texts", {})
        found = texts.get(article.id)
        if found is None or found[0] is not article:
            found = texts[article.id] = (
                article,
                " ".join(s.text for s in article.sentences).lower(),
            )
        return found[1]

    def highlight_id(self, article_id: str) -> None:
        for n in range(self.option_count):
            if self.get_option_at_index(n).value == article_id:
                self.highlighted = n
                return

    def visible_ids(self) -> frozenset[str]:
        """The articles the filter shows (unreadable files left out)."""
        return self._visible

    def action_select_all_visible(self) -> None:
        self.select_all()

    def action_select_none_visible(self) -> None:
        if self.selected:
            self.deselect_all()
            self.notify("No article chosen of those shown (ctrl+z takes it back).", timeout=4)


def _prompt(words: int, published: str, title: str) -> Text:
    published = published[:10]
    return Text.assemble(
        (f"{words:>5}w ", "dim"), (f"{published} " if published else "", "dim"), title
    )
