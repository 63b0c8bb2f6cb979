"""Export: the dialog, the overwrite question, and the write in a worker."""

from __future__ import annotations

from textual import work

from briefing.model import Article
from briefing.tui.screens.export import ConfirmScreen, ExportChoice, ExportScreen


class ExportMixin:
    """Mixed into the app: needs ``settings``, ``cache`` (a SummaryCache), ``current_request``
    and ``chosen_articles``."""

    def action_export(self) -> None:
        from briefing.tui.screens.note import NoteScreen

        if isinstance(self.screen, NoteScreen):  # ctrl+s saves the note being written
            self.screen.save()
            return
        if isinstance(self.screen, (ExportScreen, ConfirmScreen)):
            return
        if not self.chosen_articles():
            self.push_screen(
                ConfirmScreen(
                    "No article is selected: export an empty briefing?", yes="Export empty"
                ),
                lambda yes: self._ask_where() if yes else self.notify("Export cancelled."),
            )
            return
        self._ask_where()

    _typed: str | None = None
    """The file name typed last time, offered again after a failed export."""

    def _ask_where(self) -> None:
        from briefing.output.formats import SUFFIXES

        day = self.current_request().today
        suffix = SUFFIXES.get(self.settings.export_format, ".md")
        self.push_screen(
            ExportScreen(
                self.settings.export_dir, self._typed or f"briefing-{day.isoformat()}{suffix}"
            ),
            self._export_chosen,
        )

    def _export_chosen(self, choice: ExportChoice | None) -> None:
        if choice is None:
            return
        self._typed = str(choice.path)
        if choice.path.is_dir():
            self.notify(
                f"{choice.path} is a folder: give the file a name.",
                title="Export",
                severity="error",
            )
            self._ask_where()
            return
        if choice.path.exists():
            self.push_screen(
                ConfirmScreen(f"{choice.path} exists. Overwrite it?"),
                lambda yes: self._export_now(choice) if yes else self.notify("Export cancelled."),
            )
        else:
            self._export_now(choice)

    def _export_now(self, choice: ExportChoice) -> None:
        self.write_export(choice, self.chosen_articles(), self.current_request(), self.edits())

    @work(thread=True, group="export", exit_on_error=False, description="export the briefing")
    def write_export(self, choice: ExportChoice, articles: list[Article], request, edits) -> None:
        from briefing.compose.assemble import build
        from briefing.output.formats import rendered, template_in
        from briefing.output.render import TemplateProblem
        from briefing.output.write import OutputError, write_atomic, write_binary

        try:
            briefing = build(
                articles,
                request,
                summaries=self.cache.summaries(articles, request.options, edits),
                edits=edits,
            )
            made = rendered(briefing, choice.fmt, template_in(self.settings.templates, choice.fmt))
            if isinstance(made, bytes):
                write_binary(made, choice.path)
            else:
                write_atomic(choice.path, made)
        except (OutputError, TemplateProblem) as exc:
            self.call_from_thread(
                self.notify, str(exc), title="Export failed", severity="error", timeout=10
            )
            return
        except Exception as exc:  # noqa: BLE001 - shown to the user, never swallowed
            self.call_from_thread(
                self.notify,
                f"{type(exc).__name__}: {exc}",
                title="Export failed",
                severity="error",
                timeout=10,
            )
            return
        self._typed = None
        self.call_from_thread(self.notify, str(choice.path), title="Briefing exported")
