"""E-mail .eml and mailboxes .mbox (the standard library's ``email``,
default policy): Subject as title, From as publisher, Date as published;
the text/plain part (without signature, forwarding headers or quoted
replies: :func:`message_text`), or else the HTML part through the HTML
reader. A mailbox gives one article per message."""

from __future__ import annotations

import re
from collections.abc import Callable
from email import policy
from email.message import EmailMessage, MIMEPart
from email.parser import BytesParser
from email.utils import parsedate_to_datetime
from typing import Any

from briefing.ingest.base import Unreadable
from briefing.ingest.structure import Block

ATTACHED = (
    "application/pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "text/html",
    "message/rfc822",
)
"""Attachments read as articles of their own (each through its reader)."""


def read_with_attachments(
    data: bytes, source: str, reader_for: Callable[[bytes, str], Any]
) -> list[tuple[dict[str, str], list[Block]]]:
    """The message, then each readable attachment (PDF, Word, HTML) as a
    document of its own; an attachment that cannot be read is left out.
    ``reader_for``: the registry's look-up (bytes and a name → a reader
    or None)."""
    documents = [read(data, source)]
    message = BytesParser(policy=policy.default).parsebytes(data)
    for part in message.iter_attachments():
        if part.get_content_type() not in ATTACHED:
            continue
        payload = part.get_payload(decode=True)
        if not isinstance(payload, bytes):
            payload = b""
        name = part.get_filename() or f"attachment.{part.get_content_subtype()}"
        reader = reader_for(payload, name)
        try:
            if reader is not None:
                documents += reader.read(payload, name)
            elif part.get_content_type() == "text/html":
                from briefing.ingest.html import extract

                documents.append(extract(part_text(part)))
        except ValueError:
            continue
    return documents


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
    body, content = _body(message)
    if body.get_content_subtype() == "html":
        from briefing.ingest.html import extract

        found, blocks = extract(content)
        return {**found, **metadata}, blocks
    from briefing.ingest.plaintext import text_blocks

    blocks = list(text_blocks(message_text(content)))
    if subject:
        blocks.insert(0, Block(subject, heading=True))
    return metadata, blocks


def _body(message: EmailMessage) -> tuple[MIMEPart, str]:
    """The part that holds the message's text, and that text: the plain
    text, unless it is blank and an HTML part says more."""
    found = None
    for kind in ("plain", "html"):
        part = message.get_body(preferencelist=(kind,))
        if part is None:
            continue
        text = part_text(part)
        if text.strip():
            return part, text
        found = found or (part, text)
    if found is None:
        raise Unreadable("the e-mail has no text or HTML part")
    return found


def part_text(part: MIMEPart) -> str:
    """A part's text, decoded by its declared charset only when its bytes
    fit it (see :func:`briefing.ingest.decode.decode`: UTF-8 declared as
    GB2312 is read as UTF-8; an unknown charset is as good as none)."""
    from briefing.ingest.decode import NotText, decode

    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        return ""
    try:
        return decode(payload, part.get_content_charset())[0]
    except NotText:
        raise Unreadable("the e-mail's text is not text (binary)") from None


_SIGNATURE = re.compile(r"^--\s?$")
_FORWARD = re.compile(
    r"^[-_ ]{2,}\s*(forwarded message|original message|begin forwarded message"
    r"|messaggio (?:inoltrato|originale)|weitergeleitete nachricht|ursprüngliche nachricht"
    r"|message (?:transféré|d'origine|original)|mensaje (?:reenviado|original))\s*[-_: ]*$",
    re.IGNORECASE,
)
_HEADER_LINE = re.compile(
    r"^(from|sent|date|to|cc|subject"  # English
    r"|da|inviato|data|a|oggetto"  # Italian
    r"|von|gesendet|datum|an|betreff"  # German
    r"|de|envoyé|à|objet"  # French
    r"|enviado|fecha|para|asunto)\s*:\s",  # Spanish
    re.IGNORECASE,
)
HEADER_RUN = 3
"""Header lines in a row that are a quoted message's headers even with no
"Forwarded message" line above them (Outlook's "From: / Sent: / To: /
Subject:", Italian "Da: / Inviato: / A: / Oggetto:")."""
_CLOSING = re.compile(
    r"^(?:(?:best|kind|warm)?\s*regards|best wishes|many thanks|thanks(?: again)?|cheers"
    r"|sent from my \w+|cordiali saluti|distinti saluti|saluti|inviato da(?:l mio)? \w+"
    r"|mit freundlichen grüßen|viele grüße|beste grüße|liebe grüße|von meinem \w+ gesendet"
    r"|cordialement|bien à vous|salutations|saludos(?: cordiales)?|atentamente"
    r"|enviado desde mi \w+)\W*$",
    re.IGNORECASE,
)
SIGNATURE_LINES = 8
"""A closing ("Best regards,", "Cordiali saluti") with at most this many
lines after it begins the signature, "-- " or not."""
_WROTE = re.compile(r"^(on\b.{0,200}\bwrote|.{0,80}\bwrote)\s*:\s*$", re.IGNORECASE)


OWN_WORDS = 25
"""A reply with this many words of its own leaves out what it quotes; a
shorter one ("FYI, see below") keeps the quoted message, unquoted."""


def message_text(content: str) -> str:
    """A text part's own words: without its signature (after a "-- " line,
    or a closing such as "Best regards," or "Cordiali saluti" near the end),
    the header lines of a forwarded or original message (From:, Sent:, To:,
    Subject: under a "Forwarded message" line, or three such lines in a
    row; in English, Italian, German, French and Spanish), and text quoted from a
    reply ("> ", with its "On … wrote:" line) when the sender wrote
    :data:`OWN_WORDS` or more of their own (else the quotation is kept,
    unquoted)."""
    lines = content.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    cut = next((n for n, line in enumerate(lines) if _SIGNATURE.match(line)), len(lines))
    closing = [n for n, line in enumerate(lines[:cut]) if _CLOSING.match(line.strip())]
    if closing and cut - closing[-1] <= SIGNATURE_LINES + 1:
        cut = closing[-1]
    lines = lines[:cut]
    kept: list[str] = []
    in_headers = False
    for n, line in enumerate(lines):
        if _FORWARD.match(line.strip()) or (
            not in_headers
            and len(lines[n : n + HEADER_RUN]) == HEADER_RUN
            and all(_HEADER_LINE.match(x.strip()) for x in lines[n : n + HEADER_RUN])
        ):
            in_headers = True
            if _FORWARD.match(line.strip()):
                continue
        if in_headers and _HEADER_LINE.match(line.strip()):
            continue
        if in_headers:
            in_headers = False
            if not line.strip():
                continue  # the blank line that ends the headers
        kept.append(line)
    quoted = [line.lstrip().startswith(">") for line in kept]
    own = [line for line, q in zip(kept, quoted) if not q and not _WROTE.match(line.strip())]
    if any(quoted) and sum(len(line.split()) for line in own) >= OWN_WORDS:
        kept = [line for line, q in zip(kept, quoted) if not q and not _WROTE.match(line.strip())]
    else:
        kept = [re.sub(r"^\s*(>\s?)+", "", line) for line in kept if not _WROTE.match(line.strip())]
    return "\n".join(kept)


_MBOX_SEPARATOR = re.compile(rb"^From [^\r\n]*\r?\n", re.MULTILINE)


def read_mailbox(data: bytes, source: str) -> list[tuple[dict[str, str], list[Block]]]:
    """Every readable message of an mbox (messages separated by "From "
    lines; ">From" quoting is left as it is); unreadable ones are skipped."""
    found = []
    for message in _MBOX_SEPARATOR.split(data):
        if not message.strip():
            continue
        try:
            found.append(read(message, source))
        except Unreadable:
            continue
    if not found:
        raise Unreadable("no readable message in the mailbox")
    return found
