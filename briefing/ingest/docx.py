"""Word .docx: the main document's XML read as a stream, paragraph by
paragraph, so a document's time and memory grow with its size and no more.

- Every run's text is read in document order, whatever wraps it: smart
  tags, custom XML, content controls (``w:sdt``), tracked insertions,
  hyperlinks, simple fields. Deleted text (``w:delText``, ``w:moveFrom``)
  and field codes are not text; a tab or line break is a space.
- Paragraphs with heading styles (or Title) are headings, list styles or
  numbering make list items (style names from ``styles.xml``).
- Prose in table cells is read in document order (a memo laid out in a
  table); cells that are data or labels (< 8 words, or not ending a
  sentence) are left out. Text boxes are left out (drawn twice in a
  document, as the shape and as its fallback).
- Title, author and created date from the core properties.
- The archive is checked before it is read (no zip bombs), and the XML is
  parsed without entities, network or huge text nodes; what is unpacked is
  counted as it streams.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from collections.abc import Iterator
from typing import IO

from briefing.ingest.base import Unreadable
from briefing.ingest.structure import Block

MAX_UNPACKED = 200_000_000
"""Bytes a .docx may unpack to at most."""
MAX_RATIO = 500
"""How much larger than its packed size a large part may unpack to. Word's
own XML of repeated prose packs about 200x; a zip bomb about 1,000x."""

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
CORE = {
    "title": "{http://purl.org/dc/elements/1.1/}title",
    "source": "{http://purl.org/dc/elements/1.1/}creator",
    "date": "{http://purl.org/dc/terms/}created",
}
SKIPPED = {W + "delText", W + "instrText", W + "moveFrom", W + "txbxContent"}
"""Never text of the paragraph that holds them."""
SPACES = {W + "tab", W + "br", W + "cr", W + "ptab"}


def check_zip(data: bytes) -> zipfile.ZipFile:
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
    return archive


class _Counted(io.RawIOBase):
    """A part of the archive, read with a running count: never more than
    :data:`MAX_UNPACKED` bytes, whatever its header claims."""

    def __init__(self, stream: IO[bytes]) -> None:
        self._stream, self._read = stream, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # noqa: ANN001 - a writable buffer
        chunk = self._stream.read(len(buffer))
        self._read += len(chunk)
        if self._read > MAX_UNPACKED:
            raise Unreadable(f"refused: unpacks to more than {MAX_UNPACKED:,} bytes")
        buffer[: len(chunk)] = chunk
        return len(chunk)


def _parser_options() -> dict[str, bool]:
    return {"resolve_entities": False, "no_network": True, "huge_tree": False}


def _xml(archive: zipfile.ZipFile, name: str):  # noqa: ANN202 - an lxml element, or None
    from lxml import etree

    try:
        with archive.open(name) as part:
            return etree.parse(_Counted(part), etree.XMLParser(**_parser_options())).getroot()
    except KeyError:
        return None


def _targets(archive: zipfile.ZipFile, rels: str, base: str) -> dict[str, str]:
    """Relationship type (its last word) → the part it names."""
    root = _xml(archive, rels)
    found: dict[str, str] = {}
    for rel in root.iter(REL) if root is not None else ():
        kind = rel.get("Type", "").rsplit("/", 1)[-1]
        target = rel.get("Target", "")
        if kind and target and rel.get("TargetMode") != "External":
            found.setdefault(kind, posixpath.normpath(posixpath.join(base, target)).lstrip("/"))
    return found


def _styles(archive: zipfile.ZipFile, name: str) -> dict[str, str]:
    """Paragraph style id → its name, lower case ("heading 1", "list bullet")."""
    root = _xml(archive, name)
    if root is None:
        return {}
    styles = {}
    for style in root.iter(W + "style"):
        named = style.find(W + "name")
        if named is not None:
            styles[style.get(W + "styleId", "")] = named.get(W + "val", "").lower()
    return styles


def _text(paragraph) -> str:  # noqa: ANN001 - an lxml element
    """Every run's text in the paragraph, in order, whatever wraps it."""
    parts: list[str] = []

    def walk(element) -> None:  # noqa: ANN001
        for child in element:
            tag = child.tag
            if tag in SKIPPED or not isinstance(tag, str):
                continue
            if tag == W + "t":
                parts.append(child.text or "")
            elif tag in SPACES:
                parts.append(" ")
            elif tag != W + "pPr":
                walk(child)

    walk(paragraph)
    return " ".join("".join(parts).split())


def _block(paragraph, styles: dict[str, str]) -> Block | None:  # noqa: ANN001
    text = _text(paragraph)
    if not text:
        return None
    properties = paragraph.find(W + "pPr")
    style_id = ""
    numbered = False
    if properties is not None:
        style = properties.find(W + "pStyle")
        style_id = style.get(W + "val", "") if style is not None else ""
        numbered = properties.find(W + "numPr") is not None
    style = styles.get(style_id, style_id.lower())
    heading = style.startswith("heading") or style == "title"
    item = style.startswith("list") or numbered
    return Block(text, heading=heading, item=item and not heading)


def _paragraphs(stream: IO[bytes] | io.RawIOBase, styles: dict[str, str]) -> Iterator[Block]:
    """The document's blocks, streamed: each paragraph is read when it ends
    and then let go, with what came before it."""
    from lxml import etree

    cells = boxes = 0  # table cells and text boxes open around the paragraph
    for event, element in etree.iterparse(
        stream,
        events=("start", "end"),
        tag=(W + "p", W + "tc", W + "txbxContent"),
        **_parser_options(),
    ):
        tag = element.tag
        if tag == W + "tc":
            cells += 1 if event == "start" else -1
            if event == "end":
                _release(element)
        elif tag == W + "txbxContent":
            boxes += 1 if event == "start" else -1
        elif event == "end" and not boxes:
            block = _block(element, styles)
            if block is not None and (not cells or block.heading or _prose(block.text)):
                yield block
            _release(element)


def _release(element) -> None:  # noqa: ANN001
    """Let go of a read element and of the siblings read before it."""
    element.clear(keep_tail=False)
    parent = element.getparent()
    if parent is not None:
        while element.getprevious() is not None:
            del parent[0]


PROSE_WORDS = 8
"""A table cell's paragraph of this many words or more that ends a sentence
(or leads in with a colon) is prose; shorter cells are data or labels."""


def _prose(text: str) -> bool:
    return len(text.split()) >= PROSE_WORDS and text.rstrip('"”’)').endswith((".", "!", "?", ":"))


def read(data: bytes, source: str) -> tuple[dict[str, str], list[Block]]:
    from lxml import etree

    archive = check_zip(data)
    try:
        parts = _targets(archive, "_rels/.rels", "/")
        main = parts.get("officeDocument", "word/document.xml")
        names = archive.namelist()
        if main not in names or not main.endswith(".xml"):
            kinds = {"xl/": "an Excel workbook", "ppt/": "a PowerPoint deck"}
            other = next((k for p, k in kinds.items() if any(n.startswith(p) for n in names)), None)
            raise Unreadable(
                f"not a Word document ({other} named .docx?)"
                if other
                else "not a Word document (it has no main document part)"
            )
        folder = posixpath.dirname(main)
        rels = posixpath.join(folder, "_rels", posixpath.basename(main) + ".rels")
        styles = _styles(
            archive, _targets(archive, rels, "/" + folder).get("styles", f"{folder}/styles.xml")
        )
        with archive.open(main) as part:
            blocks = list(_paragraphs(_Counted(part), styles))
        metadata = _core(archive, parts.get("core-properties", "docProps/core.xml"))
    except etree.XMLSyntaxError as exc:
        raise Unreadable(f"not a readable .docx (its XML is damaged: {exc.msg})") from None
    except (zipfile.BadZipFile, EOFError, OSError) as exc:
        raise Unreadable(f"not a readable .docx ({type(exc).__name__})") from None
    if not blocks:
        raise Unreadable("the document holds no text")
    return metadata, blocks


def _core(archive: zipfile.ZipFile, name: str) -> dict[str, str]:
    root = _xml(archive, name)
    metadata: dict[str, str] = {}
    if root is None:
        return metadata
    for key, tag in CORE.items():
        element = root.find(tag)
        value = " ".join((element.text or "").split()) if element is not None else ""
        if value:
            metadata[key] = value[:10] if key == "date" else value
    return metadata
