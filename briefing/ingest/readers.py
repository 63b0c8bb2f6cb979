"""Readers for formats that are not plain text: one module per format, one
registry line each. A reader takes the input's bytes and gives metadata
(title, source/publisher, date, url) and blocks (headings, paragraphs, list
items) for :func:`briefing.ingest.structure.build`.

The reader is chosen by content first (magic bytes), by suffix second.
Adding a format: a module with ``read(data, source)`` and a line in
:data:`READERS`.
"""

from __future__ import annotations

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


def _looks_like_email(data: bytes) -> bool:
    head = data[:2048].lstrip().lower()
    fields = (
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
    return head.startswith(fields) and head.count(b"\n") > 1 and sum(f in head for f in fields) >= 2


READERS: tuple[Reader, ...] = (
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
    lowered = source.lower()
    return next((r for r in READERS if lowered.endswith(r.suffixes)), None)
