"""Readers for formats that are not plain text: one module per format, one
registry line each. A reader takes the input's bytes and gives metadata
(title, source/publisher, date, url) and blocks (headings, paragraphs, list
items) for :func:`briefing.ingest.structure.build`.

The reader is chosen by content first (magic bytes), by suffix second.
Adding a format: a module with ``read(data, source)`` and a line in
:data:`READERS`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from briefing.ingest.base import Unreadable
from briefing.ingest.structure import Block, Document

__all__ = ["READERS", "Reader", "Unreadable", "reader_for"]


@dataclass(frozen=True)
class Reader:
    name: str
    suffixes: tuple[str, ...]
    sniff: Callable[[bytes], bool]
    read: Callable[[bytes, str], list[tuple[dict[str, str], list[Block]]]]
    """Every document the input holds (a feed: one per entry)."""


def _pdf(data: bytes, source: str) -> list[Document]:
    from briefing.ingest.pdf import read

    return [read(data, source)]


def _docx(data: bytes, source: str) -> list[Document]:
    from briefing.ingest.docx import read

    return [read(data, source)]


def _eml(data: bytes, source: str) -> list[Document]:
    from briefing.ingest.eml import read_with_attachments

    return read_with_attachments(data, source, reader_for)


def _mbox(data: bytes, source: str) -> list[Document]:
    from briefing.ingest.eml import read_mailbox

    return read_mailbox(data, source)


def _looks_like_mbox(data: bytes) -> bool:
    return data.startswith(b"From ") and _looks_like_email(data[data.find(b"\n") + 1 :])


def _feed(data: bytes, source: str) -> list[Document]:
    from briefing.ingest.feed import read_entries

    return read_entries(data, source)


def _looks_like_feed(data: bytes) -> bool:
    head = data[:1024].lstrip().lower()
    if head.startswith(b"<?xml"):
        head = head[head.find(b"?>") + 2 :].lstrip()
    while head.startswith(b"<!--"):
        head = head[head.find(b"-->") + 3 :].lstrip()
    return head.startswith((b"<rss", b"<feed", b"<rdf:rdf"))


def _looks_like_docx(data: bytes) -> bool:
    return data[:4] == b"PK\x03\x04" and b"word/" in data[:4096]


_MAIL_FIELDS = (
    b"from:",
    b"subject:",
    b"date:",
    b"to:",
    b"message-id:",
    b"received:",
    b"mime-version:",
    b"return-path:",
    b"delivered-to:",
)
_HEADER_LINE = re.compile(rb"^(?:[!-9;-~]+:|[ \t])")
MAIL_HEADER_BYTES = 65_536
"""How far a mail's header block is looked at (a long Received chain runs
to many kilobytes before Subject)."""


def _looks_like_email(data: bytes) -> bool:
    """Mail headers: every line up to the first blank one is a header field
    (or its continuation), two or more of them known mail fields."""
    head = data[:MAIL_HEADER_BYTES].lstrip().replace(b"\r\n", b"\n")
    end = head.find(b"\n\n")
    block = head[: end if end >= 0 else len(head)]
    lines = block.split(b"\n")
    if len(lines) < 2 or not block.lower().startswith(_MAIL_FIELDS):
        return False
    if not all(_HEADER_LINE.match(line) for line in lines if line):
        return False
    known = {f for f in _MAIL_FIELDS for line in lines if line.lower().startswith(f)}
    return len(known) >= 2


OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
"""The start of an OLE compound file: an Outlook .msg, an old .doc, .xls or .ppt."""


def _ole(data: bytes, source: str) -> list[Document]:
    raise Unreadable(
        "an Outlook .msg or an old Office file (OLE), which is not read; save a mail as .eml, "
        "a document as .docx or .pdf"
    )


READERS: tuple[Reader, ...] = (
    Reader("ole", (".msg", ".doc"), lambda data: data.startswith(OLE), _ole),
    Reader("pdf", (".pdf",), lambda data: data[:1024].lstrip().startswith(b"%PDF-"), _pdf),
    Reader("docx", (".docx",), _looks_like_docx, _docx),
    Reader("mbox", (".mbox",), _looks_like_mbox, _mbox),
    Reader("email", (".eml",), _looks_like_email, _eml),
    Reader("feed", (".rss", ".atom", ".xml"), _looks_like_feed, _feed),
)
SUFFIXES = tuple(s for reader in READERS for s in reader.suffixes)


def reader_for(data: bytes, source: str) -> Reader | None:
    """The reader for these bytes: by content first, by suffix second; None
    for text (plain, Markdown, HTML), which :func:`briefing.ingest.sources.parse` reads."""
    for reader in READERS:
        if reader.sniff(data):
            return reader
    from briefing.ingest.decode import looks_binary

    if looks_binary(data):
        return None  # a suffix never makes binary bytes mail or a feed: read as text, refused
    lowered = source.lower()
    return next((r for r in READERS if lowered.endswith(r.suffixes)), None)
