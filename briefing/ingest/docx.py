"""Word .docx (python-docx): paragraphs with heading styles as headings,
list styles as list items; title, author and created date from the core
properties. Zip archives are checked before opening (no zip bombs)."""

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


def read(data: bytes, source: str) -> tuple[dict[str, str], list[Block]]:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    check_zip(data)
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError) as exc:
        raise Unreadable(f"not a readable .docx ({exc})") from None
    blocks: list[Block] = []
    for paragraph in document.paragraphs:
        text = " ".join(paragraph.text.split())
        if not text:
            continue
        style = (paragraph.style.name if paragraph.style is not None else "") or ""
        heading = style.startswith("Heading") or style == "Title"
        item = (
            style.startswith("List")
            or paragraph._p.pPr is not None
            and paragraph._p.pPr.numPr is not None
        )
        blocks.append(Block(text, heading=heading, item=item and not heading))
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
