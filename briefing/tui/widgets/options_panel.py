"""Options: algorithm, length, title, marking, date."""

from __future__ import annotations

from datetime import date, datetime

from textual.containers import VerticalScroll
from textual.validation import Function, Integer
from textual.widgets import Input, Label, Select

from ...algorithms import DESCRIPTIONS
from ...models import DEFAULT_KEY_POINTS, DEFAULT_SENTENCES, Options


def parse_date(value: str) -> date | None:
    try:
        return datetime.strptime(value.strip(), "%Y-%m-%d").date()
    except ValueError:
        return None


class OptionsPanel(VerticalScroll):
    def __init__(self, options: Options, title: str, marking: str, today: date, **kwargs) -> None:
        super().__init__(**kwargs)
        self._options = options
        self._title = title
        self._marking = marking
        self._today = today

    def compose(self):
        yield Label("Algorithm")
        yield Select([(f"{name} — {text.split(':')[0]}", name) for name, text in DESCRIPTIONS.items()],
                     value=self._options.algorithm, allow_blank=False, id="algorithm", compact=True)
        yield Label("Sentences per article")
        yield Input(str(self._options.sentences or DEFAULT_SENTENCES), id="sentences", type="integer",
                    validators=[Integer(minimum=1, maximum=50)], compact=True)
        yield Label("Key points at the top (0: none)")
        yield Input(str(DEFAULT_KEY_POINTS), id="key-points", type="integer",
                    validators=[Integer(minimum=0, maximum=10)], compact=True)
        yield Label("Title (empty: automatic)")
        yield Input(self._title, id="title", placeholder="News briefing", compact=True)
        yield Label("Marking (shown top and bottom)")
        yield Input(self._marking, id="marking", placeholder="e.g. OFFICIAL-SENSITIVE", compact=True)
        yield Label("Date (YYYY-MM-DD)")
        yield Input(self._today.isoformat(), id="date",
                    validators=[Function(lambda v: parse_date(v) is not None, "Write the date as YYYY-MM-DD")],
                    compact=True)

    def key_points(self) -> int:
        raw = self.query_one("#key-points", Input).value.strip()
        return int(raw) if raw.isdigit() and int(raw) <= 10 else DEFAULT_KEY_POINTS

    def values(self, fallback: date) -> tuple[Options, str, str, date]:
        """Current options; a field that does not validate keeps its default."""
        algorithm = self.query_one("#algorithm", Select).value
        raw = self.query_one("#sentences", Input).value.strip()
        sentences = int(raw) if raw.isdigit() and 1 <= int(raw) <= 50 else DEFAULT_SENTENCES
        day = parse_date(self.query_one("#date", Input).value) or fallback
        options = Options(algorithm=str(algorithm), sentences=sentences, ranked=self._options.ranked)
        return (options, self.query_one("#title", Input).value, self.query_one("#marking", Input).value, day)
