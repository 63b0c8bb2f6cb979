"""Text that is safe to show: no control character from an input ever
leaves the tool raw, and every output is valid UTF-8.

Articles lose their control characters when they are read
(:func:`without_controls`). What cannot be cleaned there (a file name, a
plan's marking, a warning quoting a server) is escaped on the way out: a
control character (C0 but tab and newline, DEL, C1) is shown as ``\\x1b``,
an undecodable byte of a file name (a lone surrogate) as ``\\xe9``. A
terminal then prints what the text says; it never obeys it (no screen
cleared, no clipboard written, no hidden link).
"""

from __future__ import annotations

import re

_CONTROLS = "\x00-\x08\x0b-\x1f\x7f-\x9f"
_IN_DOCUMENT = re.compile(f"[{_CONTROLS}\ud800-\udfff]")
"""Escaped in a document: every control but tab and newline, and lone surrogates."""
_IN_LINE = re.compile(f"[\t\n{_CONTROLS}\ud800-\udfff]")
"""Escaped in one line (a warning, a name): tab and newline too."""
_REMOVED = re.compile(f"[{_CONTROLS.replace(chr(0x0B) + '-', chr(0x0E) + '-')}]")
_BREAKS = re.compile("\r\n?|[\x0b\x0c\x85\u2028\u2029]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_ANY = re.compile(f"[{_CONTROLS}\r\x85\u2028\u2029\ud800-\udfff]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8 (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    if code > 0xFF:
        return f"\\u{code:04x}"
    return f"\\x{code:02x}"


def printable(text: str) -> str:
    """A document (Markdown, text) with controls escaped; lines and tabs kept."""
    return _IN_DOCUMENT.sub(_escape, text)


def one_line(text: str) -> str:
    """A message or a name with every control escaped, tab and newline too."""
    return _IN_LINE.sub(_escape, text)


def without_controls(text: str) -> str:
    """Text read from an input, cleaned: line breaks of every kind (CR, CRLF,
    VT, FF, NEL, U+2028/9) become newlines, other controls (C0 but tab, DEL,
    C1) are removed, and a lone surrogate becomes U+FFFD."""
    if _ANY.search(text) is None:
        return text  # nearly always: one search instead of three substitutions
    text = _BREAKS.sub("\n", text)
    text = _REMOVED.sub("", text)
    return _SURROGATE.sub("\ufffd", text)


def _json_escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # a byte of a file name: shown as the text \xNN, as elsewhere
        return f"\\\\x{code - 0xDC00:02x}"
    if 0xD800 <= code <= 0xDFFF:
        return "\ufffd"
    return f"\\u{code:04x}"


def json_safe(text: str) -> str:
    """JSON text (from ``json.dumps(..., ensure_ascii=False)``, which escapes
    C0 itself) with DEL and C1 as JSON escapes, and an undecodable byte of a
    file name as the text ``\\xNN`` (as every other output shows it): valid
    JSON, valid UTF-8, no lone surrogate."""
    return re.sub("[\x7f-\x9f\ud800-\udfff]", _json_escape, text)
