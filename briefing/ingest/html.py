"""HTML → metadata and text blocks, via trafilatura's main-text extraction.

trafilatura drops navigation, footers and scripts; its XML output keeps the
page's headings apart from its paragraphs, which is all the structure the
pipeline needs. Tags never reach a sentence: only element text is read.
"""

from __future__ import annotations

import logging
import re

from lxml import etree

from briefing.ingest.structure import Block

# trafilatura logs extraction trouble; the caller reports it as a skipped
# file instead, so keep Python's last-resort handler from printing it too.
logging.getLogger("trafilatura").addHandler(logging.NullHandler())

_BODY_TAGS = {"p", "item", "quote", "cell"}


_FRAGMENT = re.compile(r"\s*(?:<!--.*?-->\s*)*<(?:!doctype|html|head|body)\b", re.I | re.S)
"""A whole page starts so; anything else is a fragment of one."""


def extract(html: str) -> tuple[dict[str, str], list[Block]]:
    import trafilatura

    if _FRAGMENT.match(html) is None:
        # A fragment (an e-mail's HTML part is often bare <p>s): trafilatura finds
        # nothing in it unless it is a page.
        html = f"<html><body>{html}</body></html>"
    # A sentence ending at a tag's end and the next starting right after it
    # ("spät.</span><span>Alle"): a space, or the extractor glues them.
    html = _TAG_AFTER_SENTENCE.sub(r"\1 ", html)
    xml = trafilatura.extract(
        html,
        output_format="xml",
        favor_recall=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        with_metadata=True,
        deduplicate=False,
    )
    if not xml:
        raise ValueError("no article text found in this HTML page")
    root = etree.fromstring(xml.encode("utf-8"))
    metadata = {
        key: root.get(attr)
        for key, attr in (
            ("title", "title"),
            ("source", "sitename"),
            ("url", "source"),
            ("date", "date"),
        )
        if root.get(attr)
    }
    blocks: list[Block] = []
    main = root.find("main")
    for element in (main if main is not None else root).iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag == "head":
            blocks.append(Block(" ".join(text_of(element).split()), heading=True))
        elif element.tag in _BODY_TAGS and not _has_block_child(element):
            blocks.append(Block(" ".join(text_of(element).split())))
    blocks = [b for b in blocks if b.text]
    title = choose_title(html, metadata.get("title", ""), " ".join(b.text for b in blocks))
    metadata = {k: v for k, v in metadata.items() if k != "title"}
    if title:
        metadata["title"] = title
    return metadata, blocks


NAVIGATION = frozenset(
    """navigation und service|hauptmenü|hauptnavigation|navigation|menu|main menu|menü
    |write a reply or comment|leave a reply|leave a comment|skip to content
    |skip to main content|search|suche|home|startseite|cookie settings|sign in|log in
    """.replace("\n", "").split("|")
)
"""Words a page's furniture is titled by, never an article's title."""
_TITLE_PARTS = re.compile(r"\s+[|–—·•:-]{1,2}\s+")
_TITLE_WORD = re.compile(r"[^\W\d_]{3,}")
AGREEMENT = 0.5
"""A title candidate is taken when this share of its words is in the text."""


def choose_title(html: str, found: str, text: str) -> str:
    """The page's title: of its og:title, its <title> (whole, or without
    the site's name: "Headline | Site"), its first <h1> and the extractor's
    choice, the one whose words the text agrees with most (in that order of
    preference when they agree as well). None agreeing, the extractor's
    choice, unless it is navigation ("Hauptmenü", "Write a Reply or
    Comment"): then none, and the first heading serves."""
    candidates = [*_title_candidates(html), found]
    words = {w.lower() for w in _TITLE_WORD.findall(text)}
    best, best_score = "", 0.0
    for candidate in candidates:
        candidate = " ".join(candidate.split())
        own = {w.lower() for w in _TITLE_WORD.findall(candidate)}
        if not own or candidate.lower() in NAVIGATION:
            continue
        score = len(own & words) / len(own)
        if score > best_score:
            best, best_score = candidate, score
    if best_score >= AGREEMENT:
        return best
    found = " ".join(found.split())
    return "" if found.lower() in NAVIGATION else found


def _title_candidates(html: str) -> list[str]:
    from lxml import html as lxml_html

    try:
        tree = lxml_html.fromstring(html)
    except (ValueError, etree.ParserError):
        return []
    found: list[str] = []
    for name in ("og:title", "twitter:title"):
        found += tree.xpath(f'//meta[@property="{name}" or @name="{name}"]/@content')[:1]
    titles = tree.xpath("//title")
    if titles:
        whole = titles[0].text_content()
        parts = _TITLE_PARTS.split(whole.strip())
        found += [whole, *sorted(parts, key=len, reverse=True)] if len(parts) > 1 else [whole]
    found += [h.text_content() for h in tree.xpath("//h1")[:1]]
    return [str(f) for f in found if str(f).strip()]


_TAG_AFTER_SENTENCE = re.compile(r"([.!?][\"”’')]?</[A-Za-z][\w:-]{0,20}>)(?=[^\s<]|<[A-Za-z])")
_ENDS_SENTENCE = re.compile(r"[.!?][\"”’')\]]?$")
_STARTS_SENTENCE = re.compile(r"^[\"“‘(\[]?[^\W\d_][^\W\d_]")


def text_of(element: etree._Element) -> str:
    """An element's text, its pieces joined as a reader sees them: a line
    break (``<lb/>``, from ``<br>``) is a space, and where one tag's text
    ends a sentence and the next tag's starts one, a space parts them
    ("betroffen.</span><span>Aktuelle" is two sentences, not one word)."""
    pieces: list[str] = []

    def add(piece: str | None) -> None:
        if not piece:
            return
        if pieces and _ENDS_SENTENCE.search(pieces[-1]) and _STARTS_SENTENCE.match(piece):
            pieces.append(" ")
        pieces.append(piece)

    def walk(node: etree._Element) -> None:
        add(node.text)
        for child in node:
            if not isinstance(child.tag, str):
                add(child.tail)
                continue
            if child.tag == "lb":
                pieces.append(" ")
            else:
                walk(child)
            add(child.tail)

    walk(element)
    return "".join(pieces)


def _has_block_child(element: etree._Element) -> bool:
    return any(child.tag in _BODY_TAGS or child.tag == "list" for child in element)
