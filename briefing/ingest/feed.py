"""RSS and Atom feeds (feedparser): one article per entry, with the entry's
title, link and published date and the feed's title as publisher. The
entry's full content when the feed carries it (``content:encoded``, Atom
content, or a description of :data:`FULL_WORDS` words or more); else its
summary, and its link marked to be followed for the full text (see
:mod:`briefing.ingest.follow`; the reader itself fetches nothing). Feeds
that declare entities are refused (no entity expansion)."""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import urljoin

from briefing.ingest.base import Unreadable
from briefing.ingest.fetch import is_url
from briefing.ingest.follow import EXTENT, FOLLOW, SUMMARY_ONLY
from briefing.ingest.structure import Block

FULL_WORDS = 150
"""A description this long is taken as the entry's full text (many RSS feeds
put the whole story there); a shorter one is a summary."""

_BLOCK_TAGS = ("p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre")


_PROLOG_ITEM = re.compile(rb"\s*(<\?.*?\?>|<!--.*?-->)", re.DOTALL)
_DOCTYPE = re.compile(rb"\s*<!DOCTYPE\b", re.IGNORECASE)


def declares_entities(data: bytes) -> bool:
    """Whether the document type, wherever the prolog puts it (after any
    amount of comments and white space), declares entities. Only the prolog
    is looked at: an article that mentions ``<!ENTITY`` in its text is fine."""
    for bom, codec in ((b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            data = data.decode(codec, "replace").encode("utf-8")
    data = data.removeprefix(b"\xef\xbb\xbf")
    position = 0
    while match := _PROLOG_ITEM.match(data, position):
        position = match.end()
    doctype = _DOCTYPE.match(data, position)
    if doctype is None:
        return False
    end = data.find(b"]>", doctype.end())
    if end < 0:
        end = data.find(b">", doctype.end())
    return (
        re.search(rb"<!ENTITY", data[doctype.end() : end if end >= 0 else None], re.I) is not None
    )


def read_entries(data: bytes, source: str) -> list[tuple[dict[str, str], list[Block]]]:
    import feedparser

    if declares_entities(data):
        raise Unreadable("refused: the feed declares XML entities")
    parsed = feedparser.parse(data, resolve_relative_uris=False, sanitize_html=True)
    if not parsed.entries:
        raise Unreadable("no entries found (not an RSS or Atom feed?)")
    publisher = plain_title(parsed.feed.get("title", ""), parsed.feed.get("title_detail"))
    # A relative link ("/news/1") is the feed's own site: resolved against the
    # feed's URL when it was fetched, else the site it names.
    base = source if is_url(source) else str(parsed.feed.get("link", "") or "")
    found = []
    for entry in parsed.entries:
        metadata: dict[str, str] = {}
        title = plain_title(entry.get("title", ""), entry.get("title_detail"))
        if title:
            metadata["title"] = title
        if publisher:
            metadata["source"] = publisher
        if entry.get("link"):
            metadata["url"] = urljoin(base, str(entry["link"]).strip())
        when = (
            entry.get("published_parsed")
            or entry.get("created_parsed")  # Atom 0.3 <created> (its <issued> is published)
            or entry.get("updated_parsed")
        )
        if when:
            metadata["date"] = date(when.tm_year, when.tm_mon, when.tm_mday).isoformat()
        contents = entry.get("content") or []
        html = contents[0].get("value", "") if contents else entry.get("summary", "")
        blocks = html_blocks(str(html))
        if (
            not contents
            and metadata.get("url")
            and sum(len(b.text.split()) for b in blocks) < FULL_WORDS
        ):
            metadata[FOLLOW] = metadata["url"]
            metadata[EXTENT] = SUMMARY_ONLY  # until its page is read
        if title:
            blocks.insert(0, Block(title, heading=True))
        found.append((metadata, blocks))
    return found


def html_blocks(fragment: str) -> list[Block]:
    """A fragment of HTML as blocks: paragraphs, list items, headings."""
    import lxml.html

    if not fragment.strip():
        return []
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (ValueError, lxml.etree.ParserError):
        return []
    blocks = []
    elements = [
        e
        for e in root.iter(*_BLOCK_TAGS)
        if not any(a.tag in _BLOCK_TAGS for a in e.iterancestors())
    ]
    for element in elements or [root]:
        text = " ".join(element.text_content().split())
        if text:
            blocks.append(
                Block(
                    text,
                    heading=element.tag.startswith("h") and len(element.tag) == 2,
                    item=element.tag == "li",
                )
            )
    return blocks


def plain_title(value: object, detail: object) -> str:
    """A feed's or entry's title as text: one of type html or xhtml loses
    its markup ("<div>Example <a ...>link</a></div>" is "Example link")."""
    text = str(value or "")
    kind = str(detail.get("type", "")) if isinstance(detail, dict) else ""
    if "html" in kind and ("<" in text or "&" in text):
        from lxml import html

        try:
            text = html.fromstring(f"<div>{text}</div>").text_content()
        except (ValueError, TypeError):
            pass
    return " ".join(text.split())
