"""A modal for the analyst's own words: a note on an article or a topic, or
the overall assessment. Saved with the button or ctrl+s; Esc cancels."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, TextArea


class NoteScreen(ModalScreen[str | None]):
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, heading: str, text: str) -> None:
        super().__init__()
        self.heading = heading
        self.text = text

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="note-dialog"):
            yield Label(self.heading, classes="dialog-title")
            yield Label(
                "Shown as an analyst comment, never cited. ctrl+s saves, Esc cancels.",
                classes="dim",
            )
            yield TextArea(self.text, id="note-text", soft_wrap=True)
            with Horizontal(classes="buttons"):
                yield Button("Save", variant="primary", id="note-save")
                yield Button("Cancel", id="note-cancel")

    def on_mount(self) -> None:
        area = self.query_one("#note-text", TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    def save(self) -> None:
        self.dismiss(self.query_one("#note-text", TextArea).text)

    def action_cancel(self) -> None:
        """Esc: leaves at once when nothing was typed; else asks first."""
        if self.query_one("#note-text", TextArea).text == self.text:
            self.dismiss(None)
            return
        from briefing.tui.screens.export import ConfirmScreen

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(
            ConfirmScreen("Discard what you typed?", yes="Discard", no="Keep editing"), answered
        )

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "note-save":
            self.save()
        else:
            self.dismiss(None)
