"""PDF (pypdf): the text of each page, lines joined back into paragraphs,
hyphenation at line ends undone, running headers and footers and page
numbers dropped; the title from the document's metadata, else its first
line. An encrypted or image-only PDF is a clear one-line problem."""

from __future__ import annotations

import io
import re
from collections import Counter

from briefing.ingest.readers import Unreadable
from briefing.ingest.structure import Block

_PAGE_NUMBER = re.compile(r"^(?:page\s+)?\d{1,4}(?:\s*(?:/|of)\s*\d{1,4})?$|^[-–]\s*\d{1,4}\s*[-–]$", re.IGNORECASE)
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
        pages = [page.extract_text() or "" for page in reader.pages]
    except Unreadable:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError) as exc:
        raise Unreadable(f"not a readable PDF ({type(exc).__name__}: {exc})") from None
    lines = [[" ".join(line.split()) for line in page.splitlines()] for page in pages]
    lines = [[line for line in page if line] for page in lines]
    if not any(lines):
        raise Unreadable("no text layer (a scanned PDF?); run OCR first")
    blocks = [Block(p) for p in paragraphs(drop_running_lines(lines))]
    metadata: dict[str, str] = {}
    info = reader.metadata
    title = " ".join(str(info.title).split()) if info is not None and info.title else ""
    if title:
        metadata["title"] = title
    if info is not None and info.author:
        metadata["source"] = " ".join(str(info.author).split())
    if info is not None and info.creation_date is not None:
        metadata["date"] = info.creation_date.date().isoformat()
    if not blocks:
        raise Unreadable("no text found")
    return metadata, blocks


def drop_running_lines(pages: list[list[str]]) -> list[list[str]]:
    """Without page numbers, and without the lines that open or close most
    pages the same way (running headers and footers)."""
    if len(pages) >= 3:
        edges = Counter(line for page in pages for line in {*page[:2], *page[-2:]})
        running = {line for line, n in edges.items() if n >= max(3, len(pages) // 2)}
    else:
        running = set()
    return [[line for line in page if line not in running and not _PAGE_NUMBER.match(line)] for page in pages]


def paragraphs(pages: list[list[str]]) -> list[str]:
    """Lines joined into paragraphs: a line that ends a sentence and is
    clearly shorter than the page's long lines ends its paragraph; a word
    hyphenated at a line end is joined again; a paragraph runs across pages."""
    found: list[str] = []
    current = ""
    for page in pages:
        width = max((len(line) for line in page), default=0)
        for line in page:
            if current.endswith("-") and line[:1].islower():
                current = current[:-1] + line
            else:
                current = f"{current} {line}".strip()
            if _ENDS_SENTENCE.search(line) and len(line) < 0.85 * width:
                found.append(current)
                current = ""
    if current:
        found.append(current)
    return found
