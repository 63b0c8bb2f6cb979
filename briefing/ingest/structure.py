"""Structure: blocks of text → an :class:`Article` with a title, sections,
paragraphs and sentences, each sentence marked with its speaker, unit and
leaning (:mod:`briefing.nlp.attribution`).

Page furniture is dropped; a live page's stories become sections (photo
captions are not headlines); a long report is split at its headings.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from briefing.model import Article, Section, Sentence
from briefing.nlp.attribution import (
    Mark,
    Paragraph,
    attribution_text,
    mark_section,
    publisher_voice,
)
from briefing.nlp.furniture import LineKind, classify, furniture, line_furniture
from briefing.nlp.text import OfflineTokenizer, normalize_space

_HAS_LETTER = re.compile(r"[^\W\d_]")


@dataclass(frozen=True)
class Block:
    """One line or paragraph of an article before classification."""

    text: str
    heading: bool = False  # known to be a heading (markup said so)
    item: bool = False  # a list item (a bullet in the source)


Document = tuple[dict[str, str], list[Block]]
"""What a reader gives for one document: metadata (title, source, url,
date) and blocks."""


def content_id(title: str, texts: Iterable[str]) -> str:
    """An article's id from its content: the first 12 hex digits of the
    SHA-256 of its title and text (the same story as an e-mail's text part or
    its HTML part, with or without its title as a first line, has one id). The same text gives the same id under
    any file name, so a plan's choices and edits, and cached summaries,
    survive a rename (and a feed entry keeps its id as the feed moves on)."""
    digest = hashlib.sha256()
    for part in (title, *texts):
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return digest.hexdigest()[:ID_DIGITS]


ID_DIGITS = 12
"""48 bits: a collision among a million articles has odds of about 1 in 500."""


def build(
    blocks: Iterable[Block],
    metadata: dict[str, str],
    source: str,
    article_id: str | None,
    tokenizer: OfflineTokenizer,
) -> Article:
    """Blocks → :class:`Article`. ``article_id`` None: the id comes from the
    content (:func:`content_id`); a plan passes the id it knows an input by."""
    blocks = list(blocks)
    classified: list[tuple[LineKind, str]] = []
    marked_up: list[bool] = []  # the line was a heading in the markup
    live = False
    for block in blocks:
        if not block.text:
            continue
        kind = LineKind.HEADING if block.heading else classify(block.text)
        if block.item and kind in (LineKind.BODY, LineKind.HEADING):
            kind = LineKind.ITEM  # a short bullet ("London") is an item, not a heading
        if kind is LineKind.FURNITURE:
            rule = line_furniture(block.text)
            live = live or (
                rule is not None
                and rule.name == "banner"
                and not classified
                and "live" in block.text.lower()
            )
            continue
        classified.append((kind, block.text))
        marked_up.append(block.heading)
    if live:
        classified = [
            (LineKind.HEADING if k is LineKind.BODY and _question_headline(t) else k, t)
            for k, t in classified
        ]
        classified = [
            line for n, line in enumerate(classified) if marked_up[n] or not _caption(classified, n)
        ]

    title = metadata.get("title", "")
    if made_up_title(title):
        title = ""
        metadata = {k: v for k, v in metadata.items() if k != "title"}
    if not title and classified and made_up_title(classified[0][1]):
        classified.pop(0)  # "Contents" heads a list of pages, not the document
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
    if not article_id:  # the title, and the text apart from the line that gave it
        article_id = content_id(title, (b.text for b in blocks if b.text and b.text != title))

    sections = _sections(classified, live, article_id, tokenizer, metadata.get("source"))
    return Article(
        id=article_id,
        title=title or _name_of(source) or article_id,
        source=source,
        sections=sections,
        metadata=dict(metadata),
    )


_MADE_UP = re.compile(
    r"""^(?:
        untitled(?:\s+document)?|new\s+document|document\s*\d*|binder\s*\d*|slide\s*\d+
        |(?:table\s+of\s+)?contents|index|inhalt(?:sverzeichnis)?
        |microsoft\s+(?:word|powerpoint|excel)\s+-\s+.*
        |\S.*\.(?:pdf|docx?|odt|rtf|txt|pptx?|xlsx?|indd|qxd|tex|dvi|ps|html?)
    )$""",
    re.IGNORECASE | re.VERBOSE,
)


def made_up_title(title: str) -> bool:
    """A title a tool made, not a person: a file name ("Binder1.pdf",
    "Microsoft Word - Test Orient PDF.docx"), "untitled", "Document1", or
    the heading of a contents or index page."""
    return bool(title) and _MADE_UP.match(title.strip()) is not None


def _name_of(source: str) -> str:
    """An untitled article's title: its file name (without folders)."""
    return source.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]


_QUESTION_HEADLINE = re.compile(r"^[A-Z‘'\"“][^.!?]{10,}\?(\s+[A-Z][^.!?]{0,40}[.!]?)?$")


def _question_headline(line: str) -> bool:
    """On a live page, a short question line heads a story: "Could more
    have been done to stop the attack? Report out today." """
    return len(line.split()) <= 16 and _QUESTION_HEADLINE.match(line) is not None


CAPTION_MAX_WORDS = 8
_STOP = frozenset(
    "the a an of on in at to for and or with from by as is are was were be been its their his her "
    "this that these those it they he she we our after over under into about".split()
)


def _caption(lines: list[tuple[LineKind, str]], n: int) -> bool:
    """On a live page, a short line that looks like a headline but is a
    photo caption ("Armed police on the streets"): the text under it shares
    at most one word with it, and no more than the story above it does, so
    the story goes on under it, and at least one with the story above (a
    caption shows what the story is about). A question stays a headline."""
    kind, text = lines[n]
    if (
        kind is not LineKind.HEADING
        or len(text.split()) > CAPTION_MAX_WORDS
        or text.rstrip().endswith("?")
    ):
        return False
    above = [t for k, t in _story_lines(lines, n, -1)][-2:]
    below = [t for k, t in _story_lines(lines, n, 1)][:2]
    if not above or not below:
        return False
    words = _content_words(text)
    shared_below = len(words & _content_words(" ".join(below)))
    shared_above = len(words & _content_words(" ".join(above)))
    return shared_below <= 1 and 1 <= shared_above and shared_below <= shared_above


def _story_lines(
    lines: list[tuple[LineKind, str]], n: int, step: int
) -> list[tuple[LineKind, str]]:
    """The body lines next to line ``n`` (before it or after it) up to a heading."""
    found = []
    i = n + step
    while 0 <= i < len(lines) and lines[i][0] is not LineKind.HEADING:
        if lines[i][0] in (LineKind.BODY, LineKind.ITEM):
            found.append(lines[i])
        i += step
    return found[::-1] if step < 0 else found


def _content_words(text: str) -> set[str]:
    """Lower-case words of 3+ letters but common ones, cut to 5 letters (a
    rough stem: "terrorism" and "terror" meet, and so do "floodwater" and
    "flood", which Snowball stems keep apart)."""
    return {w[:5] for w in re.findall(r"[^\W\d_]{3,}", text.lower()) if w not in _STOP}


def _split_site_name(title: str, lines: list[tuple[LineKind, str]]) -> tuple[str, str | None]:
    """ "Headline | Site" → ("Headline", "Site") when the page repeats the
    headline without the site name in one of its first lines."""
    for kind, text in lines[:3]:
        if kind is LineKind.HEADING and title.startswith(text + " | "):
            lines.remove((kind, text))
            return text, title[len(text) + 3 :].strip() or None
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
    each sentence's speaker, unit and leaning (:mod:`briefing.nlp.attribution`).

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
                drafts[-1] = (
                    heading or text,
                    paragraphs,
                    subs if heading is None else subs + [text],
                )
            else:
                subs.append(text)
        elif kind in (LineKind.BODY, LineKind.ITEM, LineKind.ATTRIBUTION):
            drafts[-1][1].append((kind, text))

    marked: list[tuple[str | None, list[list[tuple[str, Mark]]], list[str]]] = []
    for heading, entries, subs in drafts:
        found: list[Paragraph] = []
        for kind, text in entries:
            if kind is LineKind.ATTRIBUTION:
                if found and found[-1].attribution is None:
                    found[-1] = replace(found[-1], attribution=attribution_text(text))
                continue
            sentences = []
            for a, b in tokenizer.sentence_spans(text):
                sentence = normalize_space(text[a:b])
                if _HAS_LETTER.search(sentence) and not furniture(sentence, "cta"):
                    sentences.append(sentence)
            if sentences:
                found.append(Paragraph(tuple(sentences), item=kind is LineKind.ITEM))
        marks = mark_section(found)
        marked.append((heading, [list(zip(p.sentences, m)) for p, m in zip(found, marks)], subs))
    every = [pair for _, rows, _ in marked for row in rows for pair in row]
    voiced = iter(publisher_voice(every, publisher))

    sections: list[Section] = []
    index = 0
    for heading, rows, subs in marked:
        built: list[tuple[Sentence, ...]] = []
        joined = False
        for paragraph in rows:
            row = []
            for text, _ in paragraph:
                mark = next(voiced)
                row.append(
                    Sentence(
                        text,
                        article_id,
                        index,
                        len(sections),
                        mark.speaker,
                        mark.joins_next,
                        joined,
                        mark.leans,
                    )
                )
                joined = mark.joins_next
                index += 1
            built.append(tuple(row))
        if built:
            sections.append(Section(heading, tuple(built), tuple(subs)))
    return tuple(sections)
