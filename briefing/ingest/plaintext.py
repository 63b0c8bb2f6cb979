"""Plain text and Markdown → blocks (the reader of text that is not HTML):
front matter, paragraphs (hard-wrapped lines joined), bullets, Markdown
headings, lists and quotes with their inline markup dropped."""

from __future__ import annotations

import re
from collections.abc import Iterator

from briefing.ingest.structure import Block
from briefing.nlp.text import normalize_space

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
    return fields, text[match.end() :]


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
            yield from (
                Block(normalize_space(_BULLET.sub("", ln)), item=_BULLET.match(ln) is not None)
                for ln in lines
            )


def _hard_wrapped(lines: list[str]) -> bool:
    """Lines of a wrapped paragraph: all short, and most not ending a sentence."""
    if (
        len(lines) < 2
        or max(len(ln) for ln in lines) > 100
        or any(_BULLET.match(ln) for ln in lines)
    ):
        return False
    open_ends = sum(1 for ln in lines[:-1] if ln[-1] not in '.!?:"”')
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
            yield Block(
                normalize_space(_md_inline(_MD_BULLET.sub("", line.lstrip("> ")))),
                item=_MD_BULLET.match(line) is not None,
            )
        else:
            paragraph.append(line)
    yield from flush()


def _md_inline(text: str) -> str:
    text = _MD_LINK.sub(r"\1", text)
    return _MD_EMPHASIS.sub(r"\2", text)
