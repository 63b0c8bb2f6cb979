"""E-mail .eml (the standard library's ``email``, default policy): Subject
as title, From as publisher, Date as published; the text/plain part, or
else the HTML part through the HTML reader."""

from __future__ import annotations

from email import policy
from email.parser import BytesParser
from email.utils import parsedate_to_datetime

from ..structure import Block
from . import Unreadable


def read(data: bytes, source: str) -> tuple[dict[str, str], list[Block]]:
    message = BytesParser(policy=policy.default).parsebytes(data)
    metadata: dict[str, str] = {}
    subject = " ".join(str(message.get("subject", "")).split())
    if subject:
        metadata["title"] = subject
    sender = message.get("from")
    if sender is not None:
        names = [a.display_name or a.addr_spec for a in getattr(sender, "addresses", ())]
        if names:
            metadata["source"] = ", ".join(names)
    try:
        when = parsedate_to_datetime(str(message.get("date"))) if message.get("date") else None
    except (TypeError, ValueError):
        when = None
    if when is not None:
        metadata["date"] = when.date().isoformat()
    body = message.get_body(preferencelist=("plain", "html"))
    if body is None:
        raise Unreadable("the e-mail has no text or HTML part")
    try:
        content = body.get_content()
    except (LookupError, UnicodeError) as exc:
        raise Unreadable(f"the e-mail's text cannot be decoded ({exc})") from None
    if body.get_content_subtype() == "html":
        from ..html import extract

        found, blocks = extract(content)
        return {**found, **metadata}, blocks
    from ..sources import text_blocks

    blocks = list(text_blocks(content))
    if subject:
        blocks.insert(0, Block(subject, heading=True))
    return metadata, blocks
