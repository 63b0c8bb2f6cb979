"""Options: algorithm, length, title, marking, date."""

from __future__ import annotations

import re
from datetime import date, datetime

from textual.containers import VerticalScroll
from textual.validation import Function, Integer
from textual.widgets import Checkbox, Input, Label, Select, Static

from briefing.model import (
    DEFAULT_KEY_POINTS,
    DEFAULT_SENTENCES,
    MAX_KEY_POINTS,
    MAX_SENTENCES,
    Options,
    SpecError,
    check_count,
)
from briefing.summarizers.algorithms import DESCRIPTIONS
from briefing.tui.widgets.ticks import ShapedCheckbox

_WHOLE_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_date(value: str) -> date | None:
    """A whole date as written YYYY-MM-DD; None for anything else, a date
    half typed ("2026-11-3", which strptime would take) included."""
    value = value.strip()
    if not _WHOLE_DATE.fullmatch(value):
        return None
    try:
        return datetime.strptime(value, "%Y-%m-%d").date()
    except ValueError:
        return None


class OptionsPanel(VerticalScroll):
    """Options; a value that does not validate is refused where it was typed
    (a line under the field says so) and the last good value stays in force."""

    def __init__(
        self,
        options: Options,
        title: str,
        marking: str,
        today: date,
        key_points: int = DEFAULT_KEY_POINTS,
        stories: bool = False,
        **kwargs,
    ) -> None:
        super().__init__(**kwargs)
        self._stories = stories
        self._options = options
        self._title = title
        self._marking = marking
        self._today = today
        self._good = {
            "sentences": options.sentences or DEFAULT_SENTENCES,
            "key-points": key_points,
            "date": today,
        }

    def on_mount(self) -> None:
        # Tab into a field puts the cursor at its end, nothing selected: each key applies
        # at once, and a Backspace after Tab wiped the whole marking ("SECRET" -> "").
        for field in self.query(Input):
            field.select_on_focus = False

    def compose(self):
        yield Label("Algorithm")
        yield Select(
            [(f"{name} — {text.split(':')[0]}", name) for name, text in DESCRIPTIONS.items()],
            value=self._options.algorithm,
            allow_blank=False,
            id="algorithm",
            compact=True,
        )
        yield Static(
            DESCRIPTIONS.get(self._options.algorithm, ""), id="algorithm-description", classes="dim"
        )
        yield Label("Sentences per article")
        yield Input(
            str(self._options.sentences or DEFAULT_SENTENCES),
            id="sentences",
            type="integer",
            validators=[Integer(minimum=1, maximum=50)],
            compact=True,
        )
        yield Static("", id="sentences-refused", classes="refused")
        yield Label("Key points at the top (0: none)")
        yield Input(
            str(self._good["key-points"]),
            id="key-points",
            type="integer",
            validators=[Integer(minimum=0, maximum=10)],
            compact=True,
        )
        yield Static("", id="key-points-refused", classes="refused")
        yield ShapedCheckbox(
            "Stories: one event, many sources",
            self._stories,
            id="stories",
            compact=True,
        )
        yield Label("Title (empty: automatic)")
        yield Input(self._title, id="title", placeholder="News briefing", compact=True)
        yield Label("Marking (shown top and bottom)")
        yield Input(
            self._marking, id="marking", placeholder="e.g. OFFICIAL-SENSITIVE", compact=True
        )
        yield Label("Date (YYYY-MM-DD)")
        yield Input(
            self._today.isoformat(),
            id="date",
            validators=[
                Function(lambda v: parse_date(v) is not None, "Write the date as YYYY-MM-DD")
            ],
            compact=True,
        )
        yield Static("", id="date-refused", classes="refused")

    RULES = {
        "sentences": (
            lambda v: _count(v, 1, MAX_SENTENCES),
            f"a whole number, 1 to {MAX_SENTENCES:,}",
        ),
        "key-points": (
            lambda v: _count(v, 0, MAX_KEY_POINTS),
            f"a whole number, 0 to {MAX_KEY_POINTS}",
        ),
        "date": (parse_date, "a date written YYYY-MM-DD"),
    }

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "algorithm":
            self.query_one("#algorithm-description", Static).update(
                DESCRIPTIONS.get(str(event.value), "")
            )

    def on_input_changed(self, event: Input.Changed) -> None:
        field = event.input.id
        if field not in self.RULES:
            return
        read, wanted = self.RULES[field]
        value = read(event.value.strip())
        note = self.query_one(f"#{field}-refused", Static)
        if value is None:
            kept = self._good[field]
            note.update(
                f"⚠ Not {wanted}: still using {kept.isoformat() if isinstance(kept, date) else kept}."
            )
            note.display = True
        else:
            self._good[field] = value
            note.update("")
            note.display = False

    def key_points(self) -> int:
        return int(self._good["key-points"])

    def stories(self) -> bool:
        return self.query_one("#stories", Checkbox).value

    def values(self, fallback: date) -> tuple[Options, str, str, date]:
        """Current options; a field that does not validate keeps its last good value."""
        algorithm = self.query_one("#algorithm", Select).value
        sentences = int(self._good["sentences"])
        day = self._good["date"]
        options = Options(
            algorithm=str(algorithm), sentences=sentences, ranked=self._options.ranked
        )
        return (
            options,
            self.query_one("#title", Input).value,
            self.query_one("#marking", Input).value,
            day,
        )


def _count(text: str, low: int, high: int) -> int | None:
    """The number typed, checked as the CLI and plans check it; None if it is not one."""
    try:
        return check_count("", int(text), low, high) if text.isdigit() else None
    except SpecError:
        return None
