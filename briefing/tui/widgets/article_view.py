"""An article's text with the sentences its summary picked highlighted,
those shown with them as context marked, and any that would mislead read
alone flagged."""

from __future__ import annotations

from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

from ...coherence import check, summary_groups
from ...models import Article, Sentence, Summary


VIEW_CHARS = 100_000
"""Text shown of a long article (laying out a book would freeze the screen
for half a minute); its picked sentences past that are listed after it."""


CONTEXT_MARK = "↳ "
"""Before a sentence shown only as context for a pick (not by colour alone)."""
WARNING_MARK = "⚠ "


def article_text(article: Article, summary: Summary | None, limit: int = VIEW_CHARS) -> Text:
    picked = {s.index for s in summary.picks} if summary else set()
    context = {s.index for s in summary.sentences} - picked if summary else set()
    misleading = {f.sentence.index: f.kind for f in check(summary_groups([summary]),
                                                          {article.id: article.sentences})} if summary else {}
    speakers = _speakers_shown(article, picked | context)
    text = Text()
    text.append(article.title + "\n", style="bold")
    meta = f"{article.source} · {article.words} words"
    if summary:
        meta += f" · {len(picked)} of {article.sentence_count} sentences picked ({summary.algorithm})"
        if context:
            meta += f", {len(context)} shown with them as context ({CONTEXT_MARK.strip()})"
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
                _sentence(text, sentence, picked, context, misleading, speakers)
                shown += len(sentence.text) + 1
                last = sentence.index
            text.append("\n")
    rest = [s for s in (summary.sentences if summary else ()) if s.index > last]
    if last + 1 < article.sentence_count:
        text.append(f"\n… {article.sentence_count - last - 1:,} more sentences not shown here"
                    f"{'; the picked ones among them:' if rest else '.'}\n", style="dim")
        for sentence in rest:
            text.append(f"\n[{sentence.index + 1:,}] ", style="dim")
            _sentence(text, sentence, picked, context, misleading, speakers)
            text.append("\n")
    return text


def _sentence(text: Text, sentence: Sentence, picked: set[int], context: set[int],
              misleading: dict[int, str], speakers: set[int]) -> None:
    if sentence.index in misleading:
        text.append(f"{WARNING_MARK}{misleading[sentence.index]}: ", style="bold")
    if sentence.index in context:
        text.append(CONTEXT_MARK, style="dim")
    text.append(sentence.text, style="reverse" if sentence.index in picked
                else "underline" if sentence.index in context else "")
    if sentence.index in speakers:
        text.append(f" — {sentence.speaker}", style="dim italic")


def _speakers_shown(article: Article, shown: set[int]) -> set[int]:
    """Shown sentences followed by their speaker: the last of a run by one
    speaker, when the sentence does not name them itself."""
    by_index = {s.index: s for s in article.sentences}
    return {i for i in shown if (s := by_index.get(i)) and s.speaker and s.speaker not in s.text
            and not (i + 1 in shown and by_index.get(i + 1) and by_index[i + 1].speaker == s.speaker)}


class ArticleView(VerticalScroll):
    def compose(self):
        yield Static("Highlight an article in the list to read it here.", id="article-body")

    def show(self, article: Article, summary: Summary | None) -> None:
        self.query_one("#article-body", Static).update(article_text(article, summary))
        self.scroll_home(animate=False)
