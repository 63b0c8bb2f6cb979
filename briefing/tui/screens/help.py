"""The help screen: what the app does and every key."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

HELP = """\
# briefing — help

Pick articles and topics on the left; the **Briefing** tab shows the dated
briefing as it will be exported. Every sentence is verbatim from its article
and cites it.

| key | what it does |
|---|---|
| `space` / click | select or deselect the highlighted article or topic |
| `a` / `n` | in the article list: select all / none (of those shown) |
| `/` | filter the articles: type words from the title or path |
| `t` | add your own topic (Enter adds it) |
| `delete` | in the topic list: remove your own topic |
| `b` / `r` / `o` | show the Briefing / Article (read) / Options tab |
| `ctrl+s` | export the briefing (Markdown or JSON) |
| `ctrl+t` | switch between light and dark |
| `ctrl+p` | command palette (all actions, themes) |
| `?` / `F1` | this help |
| `ctrl+q` | quit |

The **Article** tab shows the highlighted article with the sentences its
summary picked in reverse video, each with its speaker when the source names
one. A sentence marked ↳ (underlined) is shown only as context: the rest of a
quotation or list, or the sentence a pick leans on. A sentence that would
mislead read alone is flagged ⚠ with the reason. Articles that could not be
read are listed with a ⚠ and the reason.

Press `escape` to close this help.
"""


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,q,question_mark,f1", "dismiss", "Close", show=True),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box"):
            yield Markdown(HELP)

    def action_dismiss(self, result: None = None) -> None:  # type: ignore[override]
        self.dismiss(None)
