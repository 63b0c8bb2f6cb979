"""Word .docx (python-docx): paragraphs with heading styles as headings,
list styles as list items, in document order with the prose in tables (a
memo laid out in a table; cells that are data, not sentences, are left
out); title, author and created date from the core properties. Zip archives
are checked before opening (no zip bombs)."""

from __future__ import annotations

import io
import zipfile

from briefing.ingest.readers import Unreadable
from briefing.ingest.structure import Block

MAX_UNPACKED = 200_000_000
"""Bytes a .docx may unpack to at most."""
MAX_RATIO = 100
"""How much larger than its packed size any one part may unpack to."""


def check_zip(data: bytes) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise Unreadable("not a valid .docx (a damaged zip archive)") from None
    total = 0
    for info in archive.infolist():
        total += info.file_size
        if (
            info.compress_size
            and info.file_size > MAX_RATIO * info.compress_size
            and info.file_size > 1_000_000
        ):
            raise Unreadable(
                f"refused: part {info.filename} unpacks {info.file_size // info.compress_size}x "
                "(a zip bomb?)"
            )
    if total > MAX_UNPACKED:
        raise Unreadable(f"refused: unpacks to {total:,} bytes (more than {MAX_UNPACKED:,})")


PROSE_WORDS = 8
"""A table cell's paragraph of this many words or more that ends a sentence
(or leads in with a colon) is prose; shorter cells are data or labels."""


def _block(paragraph) -> Block | None:  # noqa: ANN001 - a python-docx Paragraph
    text = " ".join(paragraph.text.split())
    if not text:
        return None
    style = (paragraph.style.name if paragraph.style is not None else "") or ""
    heading = style.startswith("Heading") or style == "Title"
    item = (
        style.startswith("List")
        or paragraph._p.pPr is not None
        and paragraph._p.pPr.numPr is not None
    )
    return Block(text, heading=heading, item=item and not heading)


def _table_prose(table) -> list[Block]:  # noqa: ANN001 - a python-docx Table
    """The paragraphs of a table's cells that read as prose, row by row (a
    merged cell once)."""
    found: list[Block] = []
    seen: list = []  # cell elements (held, so each keeps its one proxy and its id)
    for row in table.rows:
        for cell in row.cells:
            if any(cell._tc is element for element in seen):
                continue
            seen.append(cell._tc)
            for paragraph in cell.paragraphs:
                block = _block(paragraph)
                if block is not None and (block.heading or _prose(block.text)):
                    found.append(block)
    return found


def _prose(text: str) -> bool:
    return len(text.split()) >= PROSE_WORDS and text.rstrip('"”’)').endswith((".", "!", "?", ":"))


def read(data: bytes, source: str) -> tuple[dict[str, str], list[Block]]:
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table

    check_zip(data)
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError) as exc:
        raise Unreadable(f"not a readable .docx ({exc})") from None
    blocks: list[Block] = []
    for part in document.iter_inner_content():
        if isinstance(part, Table):
            blocks += _table_prose(part)
            continue
        block = _block(part)
        if block is not None:
            blocks.append(block)
    props = document.core_properties
    metadata = {}
    if props.title:
        metadata["title"] = " ".join(props.title.split())
    if props.author:
        metadata["source"] = " ".join(props.author.split())
    if props.created:
        metadata["date"] = props.created.date().isoformat()
    if not blocks:
        raise Unreadable("the document holds no text")
    return metadata, blocks
