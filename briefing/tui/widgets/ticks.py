"""Tick boxes that differ in shape, not only in colour: ✓ when chosen,
empty when not (Textual draws an X in both, told apart by colour alone)."""

from __future__ import annotations

from rich.segment import Segment
from textual.content import Content
from textual.strip import Strip
from textual.widgets import Checkbox, RadioButton
from textual.widgets.option_list import OptionDoesNotExist

TICKED = "✓"
UNTICKED = " "


class ShapedTicks:
    """Mixed into a SelectionList (before it)."""

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)  # type: ignore[misc]
        segments = list(strip)
        if (
            len(segments) < 3 or segments[1].text != Checkbox.BUTTON_INNER
        ):  # as SelectionList draws it
            return strip
        try:
            selection = self.get_option_at_index(self.scroll_offset[1] + y)  # type: ignore[attr-defined]
        except OptionDoesNotExist:
            return strip
        mark = TICKED if selection.value in self._selected else UNTICKED  # type: ignore[attr-defined]
        segments[1] = Segment(mark, segments[1].style, segments[1].control)
        return Strip(segments, strip.cell_length)


class ShapedRadio(RadioButton):
    """A radio button whose mark differs in shape: ● chosen, ○ not (Textual
    draws the same ● for both, told apart by colour alone)."""

    @property
    def _button(self) -> Content:
        button = super()._button  # left side, the mark, right side, each styled
        mark = Content.assemble(
            ("●" if self.value else "○", self.get_visual_style("toggle--button"))
        )
        return Content.assemble(
            button[: len(self.BUTTON_LEFT)], mark, button[-len(self.BUTTON_RIGHT) :]
        )


class ShapedCheckbox(Checkbox):
    """A check box marked ✓ when on and empty when off (Textual draws an X
    in both, told apart by colour alone)."""

    @property
    def _button(self) -> Content:
        button = super()._button
        mark = Content.assemble(
            (TICKED if self.value else UNTICKED, self.get_visual_style("toggle--button"))
        )
        return Content.assemble(
            button[: len(self.BUTTON_LEFT)], mark, button[-len(self.BUTTON_RIGHT) :]
        )
