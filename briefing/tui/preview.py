"""The live preview: the briefing rebuilt in a thread worker a short quiet
time after each change (exclusive workers drop stale work), then the
suggested topics for what is chosen."""

from __future__ import annotations

from textual import work
from textual.widgets import Markdown
from textual.worker import get_current_worker

from briefing.model import Article
from briefing.tui.messages import PreviewFailed, PreviewReady, SuggestionsReady
from briefing.tui.widgets.article_list import ArticleList

DEBOUNCE = 0.25
PREVIEW_LIMIT = 30_000
"""Characters of Markdown the preview shows; Textual's Markdown widget
builds a widget per block on the UI thread, so a long briefing is cut at an
article boundary (the export always has everything)."""


def preview_text(text: str, articles: int, limit: int = PREVIEW_LIMIT) -> str:
    if len(text) <= limit:
        return text
    cut = text.rfind("\n### ", 0, limit)
    cut = cut if cut > 0 else limit
    shown = text[:cut].count("\n### ") - text[:cut].count("\n### ", 0, text.find("\n## Articles"))
    return (
        text[:cut]
        + f"\n\n---\n\n_Preview shows the start of the briefing ({max(shown, 0)} of {articles} "
        "articles); the export has all of it._\n"
    )


class PreviewMixin:
    """Mixed into the app: needs ``loaded``, ``articles``, ``selected``,
    ``cache``, ``settings``, ``own_topics``/``active_topics`` and the
    editing mixin's ``ordered``/``edits``/``save_plan``."""

    def schedule_refresh(self, delay: float = DEBOUNCE) -> None:
        """Refresh the preview after ``delay`` seconds of quiet (0: now)."""
        if self._refresh_timer is not None:
            self._refresh_timer.stop()
            self._refresh_timer = None
        if not self.loaded:
            return
        if delay <= 0:
            self._start_refresh()
        else:
            self._refresh_timer = self.set_timer(delay, self._start_refresh)

    @property
    def refresh_pending(self) -> bool:
        """A refresh is waiting for its debounce (tests run it at once with
        ``schedule_refresh(0)`` instead of sleeping)."""
        return self._refresh_timer is not None

    def current_request(self):
        """What the composer is asked for: made from the plan the session and
        the options make (the same spec a plan file and the CLI make)."""
        from briefing.compose.assemble import Request

        return Request.of(self.current_plan(), self.settings.today)

    def chosen_articles(self) -> list[Article]:
        return self.ordered([a for a in self.articles if a.id in self.selected])

    def _start_refresh(self) -> None:
        self._refresh_timer = None
        self.query_one("#busy").display = True
        self.save_plan()
        self.refresh_preview(self.chosen_articles(), self.current_request(), self.edits())

    @work(
        thread=True,
        exclusive=True,
        group="preview",
        exit_on_error=False,
        description="rebuild the briefing",
    )
    def refresh_preview(self, articles: list[Article], request, edits) -> None:
        from briefing.compose.assemble import build
        from briefing.output.render import render_markdown

        worker = get_current_worker()
        try:
            summaries = []
            for article in articles:
                if worker.is_cancelled:  # newer choices are on their way
                    return
                summaries.append(
                    self.cache.summary(article, request.options, edits.for_article(article.id))
                )
            briefing = build(articles, request, summaries=summaries, edits=edits)
            text = render_markdown(briefing)
        except Exception as exc:  # noqa: BLE001 - shown to the user, never swallowed
            self.post_message(PreviewFailed(exc))
            return
        if not get_current_worker().is_cancelled:
            self.post_message(PreviewReady(briefing, text))

    def on_preview_ready(self, message: PreviewReady) -> None:
        briefing, text = message.briefing, message.text
        self.briefing = briefing
        if not briefing.summaries:
            text = "_No article selected: select articles on the left (space, or `a` for all)._"
        self.query_one("#preview", Markdown).update(preview_text(text, len(briefing.summaries)))
        self.query_one("#busy").display = False
        highlighted = self.query_one(ArticleList).highlighted
        if highlighted is not None:
            self._show_article(self.query_one(ArticleList).get_option_at_index(highlighted).value)
        if self._suggest_due:  # after the preview, so the two do not share the CPU
            self._suggest_due = False
            self.update_suggestions([s.article for s in briefing.summaries])

    def on_preview_failed(self, message: PreviewFailed) -> None:
        self.query_one("#busy").display = False
        self.notify(f"Could not build the briefing: {message.error}", severity="error", timeout=10)

    @work(
        thread=True,
        exclusive=True,
        group="suggest",
        exit_on_error=False,
        description="suggest topics",
    )
    def update_suggestions(self, chosen: list[Article]) -> None:
        from briefing.compose.topics import suggest

        suggested = suggest(chosen) if chosen else []
        if not get_current_worker().is_cancelled:
            self.post_message(SuggestionsReady(suggested))

    def on_suggestions_ready(self, message: SuggestionsReady) -> None:
        self.suggested = message.suggested
        self._show_topics()
