"""PDF (pypdf): the text of each page, lines joined back into paragraphs,
hyphenation at line ends undone, running headers and footers and page
numbers dropped; headings where the layout shows them (a short line set
clearly larger than the body text); the title from the document's
metadata, else its first heading. An encrypted or image-only PDF is a clear
one-line problem."""

from __future__ import annotations

import io
import re
from collections import Counter
from collections.abc import Collection

from briefing.ingest.base import Unreadable
from briefing.ingest.structure import Block, made_up_title

_PAGE_NUMBER = re.compile(
    r"^(?:page\s+)?\d{1,4}(?:\s*(?:/|of)\s*\d{1,4})?$|^[-–]\s*\d{1,4}\s*[-–]$", re.IGNORECASE
)
_HYPHENATED = re.compile(r"\b\w+(?:-\w+)+\b")
_ENDS_SENTENCE = re.compile(r"[.!?:;\"”’)]$")


def read(data: bytes, source: str) -> tuple[dict[str, str], list[Block]]:
    import logging

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    # pypdf logs what it repairs ("EOF marker not found") to stderr; a file it
    # cannot read is reported once, as one line, by the caller.
    logging.getLogger("pypdf").setLevel(logging.ERROR)

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise Unreadable("encrypted PDF; decrypt it first")
        laid_out = [page_lines(page) for page in reader.pages]
    except Unreadable:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError) as exc:
        raise Unreadable(f"not a readable PDF ({type(exc).__name__}: {exc})") from None
    if not any(laid_out):
        raise Unreadable("no text layer (a scanned PDF?); run OCR first")
    body = body_size(laid_out)
    sized = [sized_lines(page, body) for page in laid_out]
    headings = heading_lines(sized, body)
    lines = [[line for line, _ in page] for page in sized]
    blocks = [
        Block(text, heading=text in headings)
        for text in paragraphs(drop_running_lines(lines), headings)
    ]
    metadata: dict[str, str] = {}
    info = reader.metadata
    title = " ".join(str(info.title).split()) if info is not None and info.title else ""
    if title and not made_up_title(title):
        metadata["title"] = title
    if info is not None and info.author:
        metadata["source"] = " ".join(str(info.author).split())
    if info is not None and info.creation_date is not None:
        metadata["date"] = info.creation_date.date().isoformat()
    if not blocks:
        raise Unreadable("no text found")
    return metadata, blocks


HEADING_SCALE = 1.2
"""A line set this much larger than the body text (or more) may be a heading."""
HEADING_WORDS = 20


SMALL_SCALE = 0.8
"""Text set this much smaller than the body (or more): a footnote marker
("substantial.¹²") is dropped from its line, and a footnote line (small, and
opening with its number) from the page."""
_MARKER = re.compile(r"^[\d,*†‡§]+$")


def page_lines(page) -> list[list[tuple[str, float]]]:  # noqa: ANN001 - a pypdf page
    """The page's lines, each as its pieces of text with the font size they
    are set in (one piece of size 0 per line where pypdf's layout and its
    text disagree: nothing is then judged by size)."""
    chunks: list[tuple[str, float]] = []

    def visit(text: str, cm, tm, font, size) -> None:  # noqa: ANN001
        scale = abs(tm[3] * cm[3]) if tm is not None and cm is not None else 1.0
        chunks.append((text, float(size or 0) * (scale or 1.0)))

    text = page.extract_text(visitor_text=visit) or ""
    lines: list[list[tuple[str, float]]] = [[]]
    for piece, piece_size in chunks:
        for n, part in enumerate(piece.split("\n")):
            if n:
                lines.append([])
            if part:
                lines[-1].append((part, piece_size))
    lines = [line for line in lines if _fold("".join(p for p, _ in line))]
    plain = [_fold(line) for line in text.splitlines() if line.strip()]
    if [_fold("".join(p for p, _ in line)) for line in lines] != plain:
        return [[(line, 0.0)] for line in plain]
    return lines


def body_size(pages: list[list[list[tuple[str, float]]]]) -> float:
    """The size most characters are set in (0: sizes unknown)."""
    weights: Counter[float] = Counter()
    for page in pages:
        for line in page:
            for piece, size in line:
                weights[round(size, 1)] += len(piece.strip())
    return weights.most_common(1)[0][0] if weights else 0.0


def sized_lines(page: list[list[tuple[str, float]]], body: float) -> list[tuple[str, float]]:
    """Each line's text, white space folded, with the largest size its text
    is set in; without footnote markers and footnote lines."""
    small = SMALL_SCALE * body
    found = []
    for line in page:
        pieces = [
            (p, s) for p, s in line if not (0 < s < small and _MARKER.match(p.strip() or "x"))
        ]
        text = _fold("".join(p for p, _ in pieces))
        size = max((s for p, s in pieces if p.strip()), default=0.0)
        if not text or 0 < size < small and text[:1] in "0123456789*†‡§":
            continue
        found.append((text, size))
    return found


def _fold(text: str) -> str:
    return " ".join(text.split())


def heading_lines(pages: list[list[tuple[str, float]]], body: float) -> set[str]:
    """Lines set at least :data:`HEADING_SCALE` times the body's size,
    short and not ending a sentence."""
    if body <= 0:
        return set()
    return {
        line
        for page in pages
        for line, size in page
        if size >= HEADING_SCALE * body
        and len(line.split()) <= HEADING_WORDS
        and not line.endswith((".", ",", ";", ":"))
        and any(c.isalpha() for c in line)
    }


_DIGITS = re.compile(r"\d+")
RUNNING_WORDS = 15
"""A running header or footer is short: a longer line that repeats is text."""


def _running_key(line: str) -> str:
    """A line with its numbers as #: "50 THE SIEGE OF VICKSBURG." and "52 THE
    SIEGE OF VICKSBURG." are the same running header."""
    return _DIGITS.sub("#", line)


def drop_running_lines(pages: list[list[str]]) -> list[list[str]]:
    """Without page numbers, without the lines that open or close most pages
    the same way but for their numbers (running headers and footers), and
    without contents and index pages."""
    if len(pages) >= 3:
        edges = Counter(
            key for page in pages for key in {_running_key(x) for x in [*page[:2], *page[-2:]]}
        )
        running = {
            key
            for key, n in edges.items()
            if n >= max(3, len(pages) // 2) and len(key.split()) <= RUNNING_WORDS
        }
    else:
        running = set()
    return [
        []
        if is_contents_page(page)
        else [
            line
            for line in page
            if _running_key(line) not in running and not _PAGE_NUMBER.match(line)
        ]
        for page in pages
    ]


_POINTS_TO_PAGE = re.compile(r"(?:\.{2,}|…|\s)\s*[\divxlc]{1,5}(?:\s*[,–-]\s*\d{1,4})*\s*$", re.I)
_CONTENTS_TITLE = re.compile(r"^(?:table of )?contents$|^index$|^inhalt(?:sverzeichnis)?$", re.I)
CONTENTS_SHARE = 0.6
"""A page whose lines mostly end by pointing to a page ("Chapter 1 .... 7",
"bridges, 12, 45") is a contents or index page: never summarised."""


def is_contents_page(page: list[str]) -> bool:
    lines = [line for line in page if line.strip()]
    if not lines:
        return False
    pointing = sum(1 for line in lines if _POINTS_TO_PAGE.search(line))
    titled = any(_CONTENTS_TITLE.match(line.strip()) for line in lines[:3])
    return (len(lines) >= 5 or titled) and pointing >= CONTENTS_SHARE * len(lines) - titled


def paragraphs(pages: list[list[str]], headings: Collection[str] = frozenset()) -> list[str]:
    """Lines joined into paragraphs: a line that ends a sentence and is
    clearly shorter than the page's long lines ends its paragraph; a word
    hyphenated at a line end is joined again, unless the document writes
    that word with its hyphen elsewhere ("counter-" + "terrorism" stays
    "counter-terrorism"); a paragraph runs across pages. A heading line
    stands alone."""
    hyphenated = {
        word.lower() for page in pages for line in page for word in _HYPHENATED.findall(line)
    }
    found: list[str] = []
    current = ""
    for page in pages:
        width = max((len(line) for line in page if line not in headings), default=0)
        for line in page:
            if line in headings:
                if current:
                    found.append(current)
                found.append(line)
                current = ""
                continue
            if current.endswith("-") and line[:1].islower():
                left, right = current.rsplit(" ", 1)[-1], line.split(" ", 1)[0]
                compound = f"{left}{right}".lower().rstrip('.,;:!?"”’)') in hyphenated
                current = (current if compound else current[:-1]) + line
            else:
                current = f"{current} {line}".strip()
            if _ENDS_SENTENCE.search(line) and len(line) < 0.85 * width:
                found.append(current)
                current = ""
    if current:
        found.append(current)
    return found
