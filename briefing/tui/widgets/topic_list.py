"""Topics: suggested key phrases to toggle, plus the user's own."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import SelectionList
from textual.widgets.selection_list import Selection

from briefing.model import SuggestedTopic
from briefing.tui.widgets.ticks import ShapedTicks


class TopicList(ShapedTicks, SelectionList[str]):
    BINDINGS = [Binding("delete,backspace", "remove", "Remove topic")]

    class Removed(Message):
        def __init__(self, topic: str) -> None:
            super().__init__()
            self.topic = topic

    def show(self, own: list[str], suggested: list[SuggestedTopic], active: set[str]) -> None:
        """List the topics; the highlight stays on the topic it was on (a
        ticked suggestion moves up to the user's own: the highlight goes
        with it, so a second space unticks the same topic)."""
        highlighted = self.highlighted
        was = self.get_option_at_index(highlighted).value if highlighted is not None else None
        self.clear_options()
        # A chosen topic keeps the counts it was suggested with.
        counts = {t.phrase.lower(): f"  {t.articles}·{t.mentions}" for t in suggested}
        options = [
            Selection(
                Text.assemble(("+ ", "bold"), name, (counts.get(name.lower(), ""), "dim")),
                name,
                name in active,
                id=f"own-{i}",
            )
            for i, name in enumerate(own)
        ]
        seen = {name.lower() for name in own}
        for i, topic in enumerate(suggested):
            if topic.phrase.lower() in seen:
                continue
            prompt = Text.assemble(topic.phrase, (f"  {topic.articles}·{topic.mentions}", "dim"))
            options.append(
                Selection(prompt, topic.phrase, topic.phrase in active, id=f"suggested-{i}")
            )
        with self.prevent(SelectionList.SelectedChanged):
            self.add_options(options)
        values = [o.value for o in options]
        if was in values:
            self.highlighted = values.index(was)
        elif options and highlighted is not None:
            self.highlighted = min(highlighted, len(options) - 1)

    def action_remove(self) -> None:
        if self.highlighted is not None:
            self.post_message(self.Removed(self.get_option_at_index(self.highlighted).value))
