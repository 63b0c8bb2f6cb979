"""Export dialog (file name, format) and overwrite confirmation."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, RadioSet

from briefing.tui.widgets.ticks import ShapedRadio

from briefing.output.formats import LABELS, SUFFIXES, format_of


@dataclass(frozen=True)
class ExportChoice:
    path: Path
    fmt: str


def with_suffix(name: str, fmt: str) -> str:
    stem = name[: -len(Path(name).suffix)] if Path(name).suffix in SUFFIXES.values() else name
    return stem + SUFFIXES[fmt]


class ExportScreen(ModalScreen[ExportChoice | None]):
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, folder: Path, default_name: str) -> None:
        super().__init__()
        self.folder = folder
        self.default_name = default_name

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label("Export the briefing", classes="dialog-title")
            yield Label(f"Folder: {self.folder}", classes="dim")
            yield Input(self.default_name, id="export-name")
            offered = format_of(Path(self.default_name), "markdown")
            with RadioSet(id="export-format"):
                for fmt, label in LABELS.items():
                    yield ShapedRadio(label, value=fmt == offered, id=f"fmt-{fmt}")
            with Horizontal(classes="buttons"):
                yield Button("Export", variant="primary", id="export-ok")
                yield Button("Cancel", id="export-cancel")

    def on_mount(self) -> None:
        self.query_one("#export-name", Input).focus()

    def _format(self) -> str:
        pressed = self.query_one("#export-format", RadioSet).pressed_button
        chosen = (pressed.id or "")[len("fmt-") :] if pressed is not None else ""
        return chosen if chosen in SUFFIXES else "markdown"

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        name = self.query_one("#export-name", Input)
        name.value = with_suffix(name.value, self._format())

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self._finish()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "export-ok":
            self._finish()
        else:
            self.dismiss(None)

    def _finish(self) -> None:
        name = self.query_one("#export-name", Input).value.strip()
        if not name:
            self.notify("Give the file a name.", severity="warning")
            return
        path = Path(name).expanduser()
        # A suffix typed (b.docx) says the format, whichever button is pressed.
        self.dismiss(
            ExportChoice(
                path if path.is_absolute() else self.folder / path,
                format_of(path, self._format()),
            )
        )

    def action_cancel(self) -> None:
        self.dismiss(None)


class ConfirmScreen(ModalScreen[bool]):
    BINDINGS = [Binding("escape,n", "no", "No"), Binding("y", "yes", "Yes")]

    def __init__(self, question: str, yes: str = "Overwrite", no: str = "Cancel") -> None:
        super().__init__()
        self.question = question
        self.yes, self.no = yes, no

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(self.question, id="confirm-question")
            with Horizontal(classes="buttons"):
                yield Button(
                    f"{self.yes} (y)",
                    variant="error" if self.yes == "Overwrite" else "primary",
                    id="confirm-yes",
                )
                yield Button(f"{self.no} (n)", id="confirm-no")

    def on_mount(self) -> None:
        self.query_one("#confirm-no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "confirm-yes")

    def action_yes(self) -> None:
        self.dismiss(True)

    def action_no(self) -> None:
        self.dismiss(False)
