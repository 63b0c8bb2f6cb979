"""An article's text with the sentences its summary picked highlighted."""

from __future__ import annotations

from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

from ...models import Article, Summary


def article_text(article: Article, summary: Summary | None) -> Text:
    picked = {s.index for s in summary.sentences} if summary else set()
    text = Text()
    text.append(article.title + "\n", style="bold")
    meta = f"{article.source} · {article.words} words"
    if summary:
        meta += f" · {len(picked)} of {article.sentence_count} sentences picked ({summary.algorithm})"
    text.append(meta + "\n", style="dim")
    for section in article.sections:
        if section.heading and article.is_live_page:
            text.append("\n" + section.heading + "\n", style="bold underline")
        for paragraph in section.paragraphs:
            text.append("\n")
            for i, sentence in enumerate(paragraph):
                if i:
                    text.append(" ")
                text.append(sentence.text, style="reverse" if sentence.index in picked else "")
            text.append("\n")
    return text


class ArticleView(VerticalScroll):
    def compose(self):
        yield Static("Highlight an article in the list to read it here.", id="article-body")

    def show(self, article: Article, summary: Summary | None) -> None:
        self.query_one("#article-body", Static).update(article_text(article, summary))
        self.scroll_home(animate=False)
