"""An article's text with the sentences its summary picked highlighted."""

from __future__ import annotations

from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

from ...models import Article, Summary


VIEW_CHARS = 100_000
"""Text shown of a long article (laying out a book would freeze the screen
for half a minute); its picked sentences past that are listed after it."""


def article_text(article: Article, summary: Summary | None, limit: int = VIEW_CHARS) -> Text:
    picked = {s.index for s in summary.sentences} if summary else set()
    text = Text()
    text.append(article.title + "\n", style="bold")
    meta = f"{article.source} · {article.words} words"
    if summary:
        meta += f" · {len(picked)} of {article.sentence_count} sentences picked ({summary.algorithm})"
    text.append(meta + "\n", style="dim")
    shown = 0
    last = -1
    for section in article.sections:
        if shown > limit:
            break
        if section.heading and (article.is_live_page or len(article.sections) > 1):
            text.append("\n" + section.heading + "\n", style="bold underline")
        for paragraph in section.paragraphs:
            if shown > limit:
                break
            text.append("\n")
            for i, sentence in enumerate(paragraph):
                if i:
                    text.append(" ")
                text.append(sentence.text, style="reverse" if sentence.index in picked else "")
                shown += len(sentence.text) + 1
                last = sentence.index
            text.append("\n")
    rest = [s for s in (summary.sentences if summary else ()) if s.index > last]
    if last + 1 < article.sentence_count:
        text.append(f"\n… {article.sentence_count - last - 1:,} more sentences not shown here"
                    f"{'; the picked ones among them:' if rest else '.'}\n", style="dim")
        for sentence in rest:
            text.append(f"\n[{sentence.index + 1:,}] ", style="dim")
            text.append(sentence.text, style="reverse")
            text.append("\n")
    return text


class ArticleView(VerticalScroll):
    def compose(self):
        yield Static("Highlight an article in the list to read it here.", id="article-body")

    def show(self, article: Article, summary: Summary | None) -> None:
        self.query_one("#article-body", Static).update(article_text(article, summary))
        self.scroll_home(animate=False)
