"""An article's text with the sentences its summary picked highlighted,
those shown with them as context marked, any that would mislead read alone
flagged, and a sentence cursor for the analyst's edits (exclude, pin).

Every state has a mark of its own, not a colour alone: ● picked (with its
rank), ★ pinned, ✗ excluded (struck through), ↳ context, ▸ the cursor.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from rich.text import Text
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Static

from briefing.model import NO_EDITS, Article, ArticleEdits, Sentence, Summary
from briefing.summarizers.coherence import check, summary_groups

VIEW_CHARS = 100_000
"""Text shown of a long article (laying out a book would freeze the screen
for half a minute); its picked sentences past that are listed after it."""
CONTEXT_MARK = "↳ "
"""Before a sentence shown only as context for a pick (not by colour alone)."""
WARNING_MARK = "⚠ "
PICK_MARK = "● "
PINNED_MARK = "★ "
EXCLUDED_MARK = "✗ "
CURSOR_MARK = "▸ "


@dataclass(frozen=True)
class Marks:
    picked: dict[int, int]
    """Index → rank (1 = best) of each pick."""
    context: set[int]
    misleading: dict[int, str]
    speakers: set[int]
    edits: ArticleEdits
    cursor: int | None


CHUNK_CHARS = 2_000
"""The text is shown in pieces of about this many characters (whole
paragraphs): moving the cursor redraws the one or two pieces it leaves and
enters, not a whole long article (350 ms at 100,000 characters before)."""


@dataclass(frozen=True)
class Chunk:
    text: Text
    indexes: frozenset[int]
    """The sentences it shows."""


def article_marks(
    article: Article,
    summary: Summary | None,
    edits: ArticleEdits = NO_EDITS,
    cursor: int | None = None,
) -> Marks:
    """Every sentence's marks (the readability check runs here, once)."""
    rank = (
        {s.index: n for sec in summary.sections for n, s in enumerate(sec.best_first, start=1)}
        if summary
        else {}
    )
    picked = {s.index: rank.get(s.index, 0) for s in summary.picks} if summary else {}
    context = {s.index for s in summary.sentences} - set(picked) if summary else set()
    misleading = (
        {
            f.sentence.index: f.kind
            for f in check(summary_groups([summary]), {article.id: article.sentences})
        }
        if summary
        else {}
    )
    return Marks(
        picked, context, misleading, _speakers_shown(article, set(picked) | context), edits, cursor
    )


def article_chunks(
    article: Article,
    summary: Summary | None,
    marks: Marks,
    limit: int = VIEW_CHARS,
    story: str | None = None,
) -> list[Chunk]:
    """The article as shown, in pieces of whole paragraphs (see
    :data:`CHUNK_CHARS`); joined, they are :func:`article_text`."""
    chunks: list[Chunk] = []
    text, indexes, size = Text(), set(), 0

    def flush() -> None:
        nonlocal text, indexes, size
        if text.plain:
            chunks.append(Chunk(text, frozenset(indexes)))
        text, indexes, size = Text(), set(), 0

    picked, context, edits = marks.picked, marks.context, marks.edits
    text.append(article.title + "\n", style="bold")
    meta = f"{article.source} · {count(article.words, 'word')}"
    if summary:
        total = count(article.sentence_count, "sentence")
        meta += f" · {len(picked)} of {total} picked ({summary.algorithm})"
        if context:
            meta += f", {len(context)} shown with them as context ({CONTEXT_MARK.strip()})"
    if edits.pinned or edits.excluded:
        meta += f" · {len(edits.pinned)} pinned, {len(edits.excluded)} excluded by you"
    text.append(meta + "\n", style="dim")
    if story:
        text.append(f"Story: {story}\n", style="italic")
    flush()
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
                _sentence(text, sentence, marks)
                indexes.add(sentence.index)
                shown += len(sentence.text) + 1
                size += len(sentence.text) + 1
                last = sentence.index
            text.append("\n")
            if size >= CHUNK_CHARS:
                flush()
    flush()
    rest = [s for s in (summary.sentences if summary else ()) if s.index > last]
    if last + 1 < article.sentence_count:
        text.append(
            f"\n… {article.sentence_count - last - 1:,} more sentences not shown here"
            f"{'; the picked ones among them:' if rest else '.'}\n",
            style="dim",
        )
        for sentence in rest:
            text.append(f"\n[{sentence.index + 1:,}] ", style="dim")
            _sentence(text, sentence, marks)
            indexes.add(sentence.index)
            text.append("\n")
        flush()
    return chunks


def article_text(
    article: Article,
    summary: Summary | None,
    limit: int = VIEW_CHARS,
    edits: ArticleEdits = NO_EDITS,
    cursor: int | None = None,
) -> Text:
    """The whole article as shown, in one piece."""
    marks = article_marks(article, summary, edits, cursor)
    whole = Text()
    for chunk in article_chunks(article, summary, marks, limit):
        whole.append_text(chunk.text)
    return whole


def shown_indexes(article: Article, summary: Summary | None, limit: int = VIEW_CHARS) -> list[int]:
    """The sentences :func:`article_text` shows, in order: the text up to
    ``limit`` characters, then the picks past it. The cursor moves among
    these only, so x and p never touch a sentence nobody can see."""
    shown, found, last = 0, [], -1
    for section in article.sections:
        for paragraph in section.paragraphs:
            if shown > limit:
                break
            for sentence in paragraph:
                found.append(sentence.index)
                shown += len(sentence.text) + 1
                last = sentence.index
        if shown > limit:
            break
    found += [s.index for s in (summary.sentences if summary else ()) if s.index > last]
    return found


def _trimmed(text: Text) -> Text:
    """A piece without its closing line break (the next piece opens with
    one): pieces stacked read as the whole text did."""
    trimmed = text.copy()
    trimmed.rstrip()
    return trimmed


def _sentence(text: Text, sentence: Sentence, marks: Marks) -> None:
    i = sentence.index
    if i == marks.cursor:
        text.append(CURSOR_MARK, style="bold")
    if i in marks.misleading:
        text.append(f"{WARNING_MARK}{marks.misleading[i]}: ", style="bold")
    if i in marks.edits.excluded:
        text.append(EXCLUDED_MARK, style="bold")
        text.append(sentence.text, style="strike dim")
        return
    if i in marks.edits.pinned:
        text.append(PINNED_MARK, style="bold")
    elif i in marks.picked:
        text.append(f"{PICK_MARK.strip()}{marks.picked[i]} ", style="bold")
    if i in marks.context:
        text.append(CONTEXT_MARK, style="dim")
    style = "reverse" if i in marks.picked else "underline" if i in marks.context else ""
    if i == marks.cursor:
        style = (style + " bold").strip()
    text.append(sentence.text, style=style)
    if i in marks.speakers:
        text.append(f" — {sentence.speaker}", style="dim italic")


def _speakers_shown(article: Article, shown: set[int]) -> set[int]:
    """Shown sentences followed by their speaker: the last of a run by one
    speaker, when the sentence does not name them itself."""
    by_index = {s.index: s for s in article.sentences}
    return {
        i
        for i in shown
        if (s := by_index.get(i))
        and s.speaker
        and s.speaker not in s.text
        and not (i + 1 in shown and by_index.get(i + 1) and by_index[i + 1].speaker == s.speaker)
    }


class ArticleView(VerticalScroll, can_focus=True):
    """The Article tab: up/down (j/k) move the sentence cursor, which starts
    on the first picked sentence; x excludes or restores it, p pins or
    unpins it (the app applies the edit and saves the plan)."""

    BINDINGS = [
        Binding("down,j", "move(1)", "Next sentence", show=False),
        Binding("up,k", "move(-1)", "Previous sentence", show=False),
        Binding("x", "edit('excluded')", "Exclude"),
        Binding("p", "edit('pinned')", "Pin"),
        Binding("n", "find(1)", "Next match", show=False),
        Binding("N", "find(-1)", "Previous match", show=False),
    ]

    class Edit(Message):
        """The analyst excluded/restored or pinned/unpinned a sentence."""

        def __init__(self, kind: str, sentence: Sentence) -> None:
            super().__init__()
            self.kind = kind
            self.sentence = sentence

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.article: Article | None = None
        self.summary: Summary | None = None
        self.edits: ArticleEdits = NO_EDITS
        self.cursor: int | None = None
        self.story_of: dict[str, str] = {}
        """Article id → the story it belongs to ("headline (N sources)")."""
        self._marks: Marks | None = None
        """The marks of what is shown (the check runs once per summary and edits)."""
        self._chunks: list[Chunk] = []
        self._shown: list[Static] = []

    def compose(self):
        with Vertical(id="article-body"):
            yield Static("Highlight an article in the list to read it here.", id="article-hint")

    def show(
        self, article: Article, summary: Summary | None, edits: ArticleEdits = NO_EDITS
    ) -> None:
        same = self.article is not None and self.article.id == article.id
        if not (same and summary is self.summary and edits == self.edits):
            self._marks = None  # the summary or the edits changed: marks made again
        self.article, self.summary, self.edits = article, summary, edits
        if not same or self.cursor is None:
            picks = summary.picks if summary else ()
            self.cursor = (
                picks[0].index
                if picks
                else (article.sentences[0].index if article.sentences else None)
            )
        self._render_text(scroll=not same)

    def set_stories(self, story_of: dict[str, str]) -> None:
        """Which story each article belongs to (shown under its title)."""
        self.story_of = story_of
        self._render_text(scroll=False)

    def _render_text(self, scroll: bool) -> None:
        """Show the article: the pieces whose text changed are redrawn (a
        cursor move: the one or two it leaves and enters), the rest kept."""
        if self.article is None:
            return
        if self._marks is None:
            self._marks = article_marks(self.article, self.summary, self.edits, self.cursor)
        marks = replace(self._marks, cursor=self.cursor)
        chunks = article_chunks(
            self.article, self.summary, marks, story=self.story_of.get(self.article.id)
        )
        body = self.query_one("#article-body", Vertical)
        if scroll or len(chunks) != len(self._shown):
            body.remove_children()
            self._shown = [Static(_trimmed(c.text), classes="chunk") for c in chunks]
            body.mount_all(self._shown)
        else:
            for widget, chunk, before in zip(self._shown, chunks, self._chunks):
                if chunk.text != before.text:
                    widget.update(_trimmed(chunk.text))
        self._chunks = chunks
        if scroll:
            self.scroll_home(animate=False)
        self.call_after_refresh(self._scroll_to_cursor)

    def cursor_line(self) -> int | None:
        """The line the cursor ▸ is on, as the text is laid out: its piece's
        place, then the text before it in the piece wrapped at this width."""
        for widget, chunk in zip(self._shown, self._chunks):
            if self.cursor not in chunk.indexes:
                continue
            plain = _trimmed(chunk.text).plain
            at = plain.find(CURSOR_MARK)
            if at < 0:
                return None
            width = max(1, widget.content_region.width or self.scrollable_content_region.width)
            lines = len(Text(plain[:at] + CURSOR_MARK).wrap(self.app.console, width)) - 1
            body = self.query_one("#article-body", Vertical)
            return body.virtual_region.y + widget.virtual_region.y + lines
        return None

    def _scroll_to_cursor(self) -> None:
        """Keep the cursor in view, where the text puts it (an estimate from
        the text's length left it pages away in a long article)."""
        y = self.cursor_line()
        if y is None:
            return
        if not (self.scroll_y <= y < self.scroll_y + self.size.height - 2):
            self.scroll_to(y=max(0, y - self.size.height // 3), animate=False)

    def current(self) -> Sentence | None:
        if self.article is None or self.cursor is None:
            return None
        return next((s for s in self.article.sentences if s.index == self.cursor), None)

    def action_move(self, step: int) -> None:
        if self.article is None or self.cursor is None:
            return
        indexes = shown_indexes(self.article, self.summary)
        at = indexes.index(self.cursor) if self.cursor in indexes else 0
        self.cursor = indexes[max(0, min(len(indexes) - 1, at + step))]
        self._render_text(scroll=False)

    query = ""
    """Words to find with n / N (the article filter's words)."""

    def action_find(self, step: int) -> None:
        """Move the cursor to the next (or previous) sentence holding every
        word of the filter."""
        words = self.query.lower().split()
        if self.article is None or not words:
            self.notify("Type words in the filter (/) to find them here.", timeout=3)
            return
        indexes = [s.index for s in self.article.sentences]
        texts = {s.index: s.text.lower() for s in self.article.sentences}
        at = indexes.index(self.cursor) if self.cursor in indexes else -1
        order = (
            indexes[at + 1 :] + indexes[: at + 1]
            if step > 0
            else (indexes[:at][::-1] + indexes[at:][::-1])
        )
        found = next((i for i in order if all(w in texts[i] for w in words)), None)
        if found is None:
            self.notify(f"“{self.query}” is not in this article.", timeout=3)
            return
        self.cursor = found
        self._render_text(scroll=False)

    def action_edit(self, kind: str) -> None:
        sentence = self.current()
        if sentence is not None:
            self.post_message(self.Edit(kind, sentence))


def count(n: int, noun: str) -> str:
    """``1 word``, ``2 words``, ``1,204 words``."""
    return f"{n:,} {noun}{'' if n == 1 else 's'}"
