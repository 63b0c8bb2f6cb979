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
and cites it. **Escape** (or `?`) closes this help.

| key | what it does |
|---|---|
| `space` / click | select or deselect the highlighted article or topic |
| `a` / `n` | in the article list: select all / none (of those shown) |
| `/` | filter the articles: words (where they start) in the title, path or text; the title bar counts the matches (Enter or ↓: to the list) |
| `n` / `N` | in the Article tab: next / previous sentence with the filter's words |
| `t` | add your own topic (Enter adds it) |
| `delete` | in the topic list: remove your own topic, or dismiss a suggestion |
| | topic counts `4·6`: the number of articles using the phrase · how often it is used |
| `shift+↑` / `shift+↓` (`K` / `J`) | in the article list: move the article up / down in the briefing |
| `b` / `r` / `o` | show the Briefing / Article (read) / Options tab |
| `↑` / `↓` (`k` / `j`) | in the Article tab: move the sentence cursor ▸ |
| `x` | in the Article tab: exclude the sentence (✗, never shown) or restore it |
| `p` | in the Article tab: pin the sentence (★, always shown) or unpin it |
| `c` | write a note on the highlighted article (your own words, marked as such) |
| `A` | write the overall assessment that opens the briefing |
| `ctrl+z` | undo the last change (edits, order, articles and topics chosen) |
| `escape` | leave a text field |
| `1` / `2` / `3` | focus the article list / the topic list / the open tab |
| `ctrl+s` | export the briefing (Markdown or JSON) |
| `ctrl+t` | switch between light and dark |
| `ctrl+p` | command palette (all actions, themes) |
| `?` / `F1` | this help |
| `S` | save the plan under another name (and keep saving it there) |
| `ctrl+q` | quit (asks first if the plan could not be saved) |

The **Article** tab shows the highlighted article with the sentences its
summary picked in reverse video and marked ● with their rank (●1 is the
best), each with its speaker when the source names one. Your edits, notes
and choices are saved to the plan as you make them (`--plan FILE`, or the
last plan in your state folder, offered when you start again);
`briefing build --plan FILE` rebuilds the same briefing headless. A sentence marked ↳ (underlined) is shown only as context: the rest of a
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
