"""The command palette's own entries (ctrl+p): every action has one."""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import SystemCommand
from textual.screen import Screen

from briefing.tui.widgets.article_list import ArticleList


class PaletteMixin:
    """Mixed into the app (before ``App``, whose commands follow ours)."""

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield SystemCommand(
            "Export briefing", "Write the briefing to a Markdown or JSON file", self.action_export
        )
        yield SystemCommand("Select all articles", "Select every article shown", self._select_all)
        yield SystemCommand("Select no articles", "Deselect every article shown", self._select_none)
        yield SystemCommand("Add a topic", "Type a topic of your own", self.action_focus_topic)
        yield SystemCommand(
            "Write the assessment",
            "Your overall assessment, opening the briefing (A)",
            self.action_assessment,
        )
        yield SystemCommand(
            "Note on this article", "Your note on the highlighted article (c)", self.action_note
        )
        yield SystemCommand("Undo", "Undo the last change (ctrl+z)", self.action_undo)
        yield SystemCommand(
            "Save plan as",
            "Save the plan under another name, and keep it there (S)",
            self.action_save_plan_as,
        )
        yield SystemCommand(
            "Options",
            "Algorithm, length, title, marking, date",
            lambda: self.action_tab("tab-options"),
        )
        yield SystemCommand("Help", "Keys and what the app does", self.action_help)
        yield from super().get_system_commands(screen)

    def _select_all(self) -> None:
        self.query_one(ArticleList).select_all()

    def _select_none(self) -> None:
        self.query_one(ArticleList).deselect_all()
