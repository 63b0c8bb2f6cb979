"""Files, folders and stdin → :class:`Article`.

Reading (decoding, front matter, HTML extraction) and structure (title,
headings, live-page items, page furniture, sentences) happen here; what comes
out is clean text in sentences that each know their article and position.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import BinaryIO, TypeVar

from .attribution import Mark, Paragraph, attribution_text, mark_section, publisher_voice
from .decode import NotText, decode, strip_invisible
from .limits import TooSlow, time_limit
from .models import DEFAULT_MAX_BYTES, DEFAULT_MAX_SECONDS, Article, Problem, Section, Sentence
from .text import (
    LineKind, OfflineTokenizer, classify, furniture, line_furniture, normalize_space,
)
from .workers import PARALLEL_MIN, process_pool, running

_HAS_LETTER = re.compile(r"[^\W\d_]")
T = TypeVar("T")


@dataclass(frozen=True)
class Block:
    """One line or paragraph of an article before classification."""

    text: str
    heading: bool = False  # known to be a heading (markup said so)
    item: bool = False  # a list item (a bullet in the source)


@dataclass(frozen=True)
class LoadResult:
    articles: tuple[Article, ...]
    problems: tuple[Problem, ...]


from .inputs import (  # noqa: F401 - re-exported: the loading API lives here
    STDIN, SUFFIXES, InputError, Listed, Task, bundled, expand, load_tasks, read_bytes, reason,
)




def load(
    paths: Sequence[str],
    *,
    stdin: BinaryIO | None = None,
    tokenizer: OfflineTokenizer | None = None,
    jobs: int = 1,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_seconds: float | None = DEFAULT_MAX_SECONDS,
) -> LoadResult:
    """Load every article under ``paths`` (the bundled seeds when empty).

    Bad files are reported as problems and skipped; a path that does not
    exist raises :class:`InputError`. With ``jobs`` > 1 and many files, files
    are parsed in a process pool; the order is always the inputs' order.
    No input is read past ``max_bytes``, nor worked on past ``max_seconds``.
    """
    tasks = load_tasks(paths, stdin, max_bytes=max_bytes, max_seconds=max_seconds)
    return load_listed(tasks, tokenizer=tokenizer, jobs=jobs)


def load_listed(tasks: Sequence[Task], *, tokenizer: OfflineTokenizer | None = None, jobs: int = 1) -> LoadResult:
    """:func:`load` for inputs already listed by :func:`load_tasks`."""
    if jobs > 1 and len(tasks) >= PARALLEL_MIN:
        with running(process_pool(jobs)) as pool:
            outcomes = list(pool.map(load_one, tasks, chunksize=16))
    else:
        tokenizer = tokenizer or OfflineTokenizer()
        outcomes = [load_one(task, tokenizer) for task in tasks]
    articles = tuple(o for o in outcomes if isinstance(o, Article))
    problems = tuple(o for o in outcomes if isinstance(o, Problem))
    return LoadResult(articles, problems)


def load_one(task: Task, tokenizer: OfflineTokenizer | None = None, *,
             then: Callable[[Article], T] | None = None) -> Article | Problem | T:
    """Read and parse one input: the article, or why it cannot be used.
    ``then``: more work on the article (summarising it) within the input's
    time limit; its result is returned instead of the article."""
    if task.problem is not None:
        return Problem(task.label, task.problem)
    try:
        with time_limit(task.max_seconds):
            data = task.data if task.data is not None else read_bytes(task.path, task.max_bytes)
            article = parse(data, task.label, task.article_id, tokenizer or OfflineTokenizer())
            return then(article) if then else article
    except (OSError, NotText, ValueError) as exc:
        return Problem(task.label, reason(exc))
    except RecursionError:
        return Problem(task.label, "nested too deeply to read")
    except TooSlow:
        return Problem(task.label, f"took longer than {task.max_seconds:g} s to read and summarise "
                                   "(the --max-seconds limit)")


def parse(data: bytes, source: str, article_id: str, tokenizer: OfflineTokenizer) -> Article:
    """Bytes of one file → Article. Raises ``ValueError`` when nothing is usable."""
    if not data.strip():
        raise ValueError("empty file")
    text = strip_invisible(decode(data)[0])
    if _is_html(source, text):
        from .html import extract

        metadata, blocks = extract(text)
    else:
        metadata, body = split_front_matter(text)
        blocks = list(text_blocks(body, markdown=source.lower().endswith((".md", ".markdown"))))
    article = build(blocks, metadata, source, article_id, tokenizer)
    if not article.sentences:
        raise ValueError("no sentences found (empty or only page furniture)")
    return article


def _is_html(source: str, text: str) -> bool:
    if source.lower().endswith((".html", ".htm")):
        return True
    head = text.lstrip()[:200].lower()
    return head.startswith(("<!doctype html", "<html"))


_FRONT = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.DOTALL)
_FIELD = re.compile(r"^([A-Za-z_][\w-]*)\s*:\s*(.*?)\s*$")


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """``---`` / ``key: value`` lines / ``---`` at the very top → (fields, rest)."""
    match = _FRONT.match(text)
    if not match:
        return {}, text
    fields: dict[str, str] = {}
    for line in match.group(1).splitlines():
        m = _FIELD.match(line)
        if not m:
            return {}, text  # not front matter after all: keep the text whole
        value = m.group(2)
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        fields[m.group(1).lower()] = value
    return fields, text[match.end():]


_MD_HEADING = re.compile(r"^#{1,6}\s+(.*?)\s*#*\s*$")
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__|\*|`)(?=\S)(.+?)(?<=\S)\1")
_BULLET = re.compile(r"^[•·▪‣◦]\s+")
_MD_BULLET = re.compile(r"^(?:[-*+]|\d+[.)])\s+")


def text_blocks(text: str, *, markdown: bool = False) -> Iterator[Block]:
    """Plain text → blocks: blank lines separate paragraphs; a paragraph whose
    lines are hard-wrapped is joined, otherwise each line stands alone."""
    for chunk in re.split(r"\n[ \t]*\n", text.replace("\r\n", "\n").replace("\r", "\n")):
        lines = [ln.strip() for ln in chunk.split("\n") if ln.strip()]
        if not lines:
            continue
        if markdown:
            yield from _markdown_blocks(lines)
        elif _hard_wrapped(lines):
            yield Block(normalize_space(" ".join(lines)))
        else:
            yield from (Block(normalize_space(_BULLET.sub("", ln)), item=_BULLET.match(ln) is not None)
                        for ln in lines)


def _hard_wrapped(lines: list[str]) -> bool:
    """Lines of a wrapped paragraph: all short, and most not ending a sentence."""
    if len(lines) < 2 or max(len(ln) for ln in lines) > 100 or any(_BULLET.match(ln) for ln in lines):
        return False
    open_ends = sum(1 for ln in lines[:-1] if ln[-1] not in ".!?:\"”")
    return open_ends >= (len(lines) - 1) / 2


def _markdown_blocks(lines: list[str]) -> Iterator[Block]:
    paragraph: list[str] = []

    def flush() -> Iterator[Block]:
        if paragraph:
            yield Block(normalize_space(_md_inline(" ".join(paragraph))))
            paragraph.clear()

    for line in lines:
        heading = _MD_HEADING.match(line)
        if heading:
            yield from flush()
            yield Block(normalize_space(_md_inline(heading.group(1))), heading=True)
        elif _MD_BULLET.match(line) or line.startswith(">"):
            yield from flush()
            yield Block(normalize_space(_md_inline(_MD_BULLET.sub("", line.lstrip("> ")))),
                        item=_MD_BULLET.match(line) is not None)
        else:
            paragraph.append(line)
    yield from flush()


def _md_inline(text: str) -> str:
    text = _MD_LINK.sub(r"\1", text)
    return _MD_EMPHASIS.sub(r"\2", text)


# --------------------------------------------------------------------------
# Structure: title, sections, sentences.


def build(
    blocks: Iterable[Block],
    metadata: dict[str, str],
    source: str,
    article_id: str,
    tokenizer: OfflineTokenizer,
) -> Article:
    classified: list[tuple[LineKind, str]] = []
    live = False
    for block in blocks:
        if not block.text:
            continue
        kind = LineKind.HEADING if block.heading else classify(block.text)
        if kind is LineKind.BODY and block.item:
            kind = LineKind.ITEM
        if kind is LineKind.FURNITURE:
            rule = line_furniture(block.text)
            live = live or (rule is not None and rule.name == "banner" and not classified
                            and "live" in block.text.lower())
            continue
        classified.append((kind, block.text))
    if live:
        classified = [(LineKind.HEADING if k is LineKind.BODY and _question_headline(t) else k, t)
                      for k, t in classified]

    title = metadata.get("title", "")
    if not title and classified:
        kind, first = classified[0]
        if kind is LineKind.HEADING or len(first.split()) <= 25 and first[-1] not in ".!?":
            title = first
            if not live:
                classified.pop(0)  # a live page's first headline also heads its first item
        else:
            title = _shorten(first)
    if classified and classified[0][1] == title and not live:
        classified.pop(0)
    title, site = _split_site_name(title, classified)
    if site and "source" not in metadata:
        metadata = {**metadata, "source": site}

    sections = _sections(classified, live, article_id, tokenizer, metadata.get("source"))
    return Article(
        id=article_id,
        title=title or article_id,
        source=source,
        sections=sections,
        metadata=dict(metadata),
    )


_QUESTION_HEADLINE = re.compile(r"^[A-Z‘'\"“][^.!?]{10,}\?(\s+[A-Z][^.!?]{0,40}[.!]?)?$")


def _question_headline(line: str) -> bool:
    """On a live page, a short question line heads a story: "Could more
    have been done to stop the attack? Report out today." """
    return len(line.split()) <= 16 and _QUESTION_HEADLINE.match(line) is not None


def _split_site_name(title: str, lines: list[tuple[LineKind, str]]) -> tuple[str, str | None]:
    """"Headline | Site" → ("Headline", "Site") when the page repeats the
    headline without the site name in one of its first lines."""
    for kind, text in lines[:3]:
        if kind is LineKind.HEADING and title.startswith(text + " | "):
            lines.remove((kind, text))
            return text, title[len(text) + 3:].strip() or None
    return title, None


def _shorten(text: str, limit: int = 80) -> str:
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + "…"


LONG_REPORT_CHARS = 50_000
"""Body text from which a document with headings is summarised part by
part (about 8,000 words, 15 pages): each part gets its own summary."""
MIN_SECTION_CHARS = 3_000
"""A report's part shorter than this (about 20 sentences) takes the next
heading in as a subheading instead of ending there."""


def _long_report(lines: list[tuple[LineKind, str]]) -> bool:
    body = sum(len(text) for kind, text in lines if kind in (LineKind.BODY, LineKind.ITEM))
    return body >= LONG_REPORT_CHARS and any(kind is LineKind.HEADING for kind, _ in lines)


def _sections(
    lines: list[tuple[LineKind, str]],
    live: bool,
    article_id: str,
    tokenizer: OfflineTokenizer,
    publisher: str | None = None,
) -> tuple[Section, ...]:
    """Group lines into sections, split paragraphs into sentences, and mark
    each sentence's speaker, unit and leaning (:mod:`briefing.attribution`).

    On a live page every heading opens a new item. In a long report
    (:data:`LONG_REPORT_CHARS`) a heading opens a new section once the one
    before holds :data:`MIN_SECTION_CHARS` of text (else it is a subheading
    there), so the summary follows the report's parts. Elsewhere headings
    are subheadings of the one section. Items with no sentences are dropped.
    """
    split = live or _long_report(lines)
    drafts: list[tuple[str | None, list[tuple[LineKind, str]], list[str]]] = [(None, [], [])]
    for kind, text in lines:
        if kind is LineKind.HEADING:
            heading, paragraphs, subs = drafts[-1]
            body = [t for k, t in paragraphs if k is not LineKind.ATTRIBUTION]
            if split and body and (live or sum(map(len, body)) >= MIN_SECTION_CHARS):
                drafts.append((text, [], []))
            elif split and not body:
                drafts[-1] = (heading or text, paragraphs, subs if heading is None else subs + [text])
            else:
                subs.append(text)
        elif kind in (LineKind.BODY, LineKind.ITEM, LineKind.ATTRIBUTION):
            drafts[-1][1].append((kind, text))

    marked: list[tuple[str | None, list[list[tuple[str, Mark]]], list[str]]] = []
    for heading, entries, subs in drafts:
        paragraphs: list[Paragraph] = []
        for kind, text in entries:
            if kind is LineKind.ATTRIBUTION:
                if paragraphs and paragraphs[-1].attribution is None:
                    paragraphs[-1] = replace(paragraphs[-1], attribution=attribution_text(text))
                continue
            sentences = []
            for a, b in tokenizer.sentence_spans(text):
                sentence = normalize_space(text[a:b])
                if _HAS_LETTER.search(sentence) and not furniture(sentence, "cta"):
                    sentences.append(sentence)
            if sentences:
                paragraphs.append(Paragraph(tuple(sentences), item=kind is LineKind.ITEM))
        marks = mark_section(paragraphs)
        marked.append((heading, [list(zip(p.sentences, m)) for p, m in zip(paragraphs, marks)], subs))
    every = [pair for _, paragraphs, _ in marked for p in paragraphs for pair in p]
    voiced = iter(publisher_voice(every, publisher))

    sections: list[Section] = []
    index = 0
    for heading, paragraphs, subs in marked:
        built: list[tuple[Sentence, ...]] = []
        joined = False
        for paragraph in paragraphs:
            row = []
            for text, _ in paragraph:
                mark = next(voiced)
                row.append(Sentence(text, article_id, index, len(sections), mark.speaker,
                                    mark.joins_next, joined, mark.leans))
                joined = mark.joins_next
                index += 1
            built.append(tuple(row))
        if built:
            sections.append(Section(heading, tuple(built), tuple(subs)))
    return tuple(sections)
