"""Save the plan under another name (when its own file cannot be written)."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label


class PlanAsScreen(ModalScreen[Path | None]):
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, folder: Path, default_name: str, why: str) -> None:
        super().__init__()
        self.folder, self.default_name, self.why = folder, default_name, why

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label("Save the plan as…", classes="dialog-title")
            yield Label(f"It is not being saved: {self.why}", classes="dim")
            yield Label(f"Folder: {self.folder}", classes="dim")
            yield Input(self.default_name, id="plan-name")
            with Horizontal(classes="buttons"):
                yield Button("Save", variant="primary", id="plan-ok")
                yield Button("Cancel", id="plan-cancel")

    def on_mount(self) -> None:
        self.query_one("#plan-name", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self._finish()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "plan-ok":
            self._finish()
        else:
            self.dismiss(None)

    def _finish(self) -> None:
        name = self.query_one("#plan-name", Input).value.strip()
        if not name:
            self.notify("Give the plan a file name.", severity="warning")
            return
        path = Path(name).expanduser()
        self.dismiss(path if path.is_absolute() else self.folder / path)

    def action_cancel(self) -> None:
        self.dismiss(None)
