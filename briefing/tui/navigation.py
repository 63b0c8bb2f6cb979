"""Moving around: tabs, panes, the filter, leaving text fields, help, theme."""

from __future__ import annotations

from textual.widgets import Input, TabbedContent

from briefing.tui.screens.help import HelpScreen
from briefing.tui.widgets.article_list import ArticleList
from briefing.tui.widgets.article_view import ArticleView


class NavigationMixin:
    """Mixed into the app."""

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_leave_input(self) -> None:
        """Esc in a text field goes back to the article list (keys work again)."""
        if isinstance(self.focused, Input):
            self.query_one(ArticleList).focus()

    def on_key(self, event) -> None:  # noqa: ANN001
        """Down from the filter goes to the list."""
        if event.key == "down" and self.focused is self.query_one("#filter", Input):
            self.query_one(ArticleList).focus()
            event.stop()

    def action_focus_pane(self, pane: str) -> None:
        """1, 2, 3: the article list, the topic list, the open tab's content."""
        if pane == "tabs":
            tab = self.query_one(TabbedContent).active
            target = {"tab-article": "#article-view", "tab-options": "#algorithm"}.get(
                tab, "#preview-scroll"
            )
            self.query_one(target).focus()
        else:
            self.query_one(f"#{pane}").focus()

    def action_focus_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    def action_focus_topic(self) -> None:
        self.query_one("#new-topic", Input).focus()

    def action_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab
        if tab == "tab-article":  # the Article tab takes focus: its sentence cursor is there
            self.query_one(ArticleView).focus()
        elif tab == "tab-stories":  # and the Stories tab: Enter on a story chooses it
            self.query_one("#story-list").focus()

    def action_toggle_theme(self) -> None:
        self.theme = "textual-light" if self.current_theme.dark else "textual-dark"
