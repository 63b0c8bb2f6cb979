"""The Article tab: the highlighted article, summarised in a worker when
its summary is not cached yet (with the analyst's edits to it)."""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.widgets import Static
from textual.worker import get_current_worker

from briefing.model import Article, Options
from briefing.tui.messages import ArticleSummarized
from briefing.tui.widgets.article_list import ArticleList
from briefing.tui.widgets.article_view import ArticleView, count


class ReadingMixin:
    """Mixed into the app: needs ``articles``, ``problems``, ``cache``,
    ``current_request`` and ``edits``."""

    def _show_article(self, article_id: str) -> None:
        article = next((a for a in self.articles if a.id == article_id), None)
        info = self.query_one("#article-info", Static)
        if article is None:
            problem = next((p for p in self.problems if f"!{p.source}" == article_id), None)
            info.update(f"[red]⚠ {problem.source}[/]\n[dim]{problem.reason}[/]" if problem else "")
            return
        self.present_article(article)

    def present_article(self, article: Article) -> None:
        """The article's details and summary in the Article tab (summarised
        in a worker when its summary is not made yet)."""
        article_id = article.id
        info = self.query_one("#article-info", Static)
        published = " · ".join(
            v
            for v in (
                article.metadata.get("source"),
                article.metadata.get("date"),
                article.metadata.get("extent"),
            )
            if v
        )
        info.update(
            Text.assemble(
                (article.title, "bold"),
                "\n",
                (article.source, "dim"),
                "\n",
                (published + "\n" if published else "", "dim"),
                (
                    f"{count(article.words, 'word')} · {count(article.sentence_count, 'sentence')}",
                    "dim",
                ),
            )
        )
        options = self.current_request().options
        edits = self.edits().for_article(article_id)
        summary = self.cache.get(article_id, options, edits)
        self.query_one(ArticleView).show(article, summary, edits)
        if summary is None:
            self.summarize_one(article, options, edits)

    @work(
        thread=True,
        exclusive=True,
        group="article",
        exit_on_error=False,
        description="show the article",
    )
    def summarize_one(self, article: Article, options: Options, edits) -> None:
        summary = self.cache.summary(article, options, edits)
        if not get_current_worker().is_cancelled:
            self.post_message(ArticleSummarized(summary, edits))

    def on_article_summarized(self, message: ArticleSummarized) -> None:
        summary, edits = message.summary, message.edits
        highlighted = self.query_one(ArticleList).highlighted
        if (
            highlighted is not None
            and self.query_one(ArticleList).get_option_at_index(highlighted).value
            == summary.article.id
        ):
            self.query_one(ArticleView).show(summary.article, summary, edits)
