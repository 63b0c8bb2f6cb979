"""Bytes → text: UTF-8 first, then a declared encoding, then a detected one."""

from __future__ import annotations

import codecs
import re
import unicodedata

from briefing.printable import without_controls

_DECLARED = (
    re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([\w.:-]+)", re.IGNORECASE),
    re.compile(rb"<\?xml[^>]+encoding\s*=\s*[\"']([\w.:-]+)", re.IGNORECASE),
    re.compile(rb"\A---\s*\n(?:.*\n)*?encoding\s*:\s*([\w.:-]+)", re.IGNORECASE),
)
_CONTROL = frozenset(range(0, 32)) - {9, 10, 12, 13}
_CONTROL_BYTES = bytes(sorted(_CONTROL))


INVISIBLE = re.compile("[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")
"""Bidirectional controls (which can make text read in another order than it
is stored: "Trojan Source") and zero-width characters."""


LIGATURES = re.compile("[\ufb00-\ufb06]")
"""The Latin ligatures (ﬀ ﬁ ﬂ ﬃ ﬄ ﬅ ﬆ), one code point for two or three
letters: PDFs leave them in, and then "deﬁnition" is not "definition" to
search, topics or the reader's own find."""


def strip_invisible(text: str) -> str:
    """``text`` without bidi controls and zero-width characters, and without
    control characters (line breaks of every kind become newlines; escape
    sequences lose their ESC), the Latin ligatures written as their letters
    (their compatibility decomposition; nothing else is normalised): what a
    reader sees is what the briefing holds, and nothing in it can steer a
    terminal."""
    if INVISIBLE.search(text) is not None:
        text = INVISIBLE.sub("", text)
    if LIGATURES.search(text) is not None:
        text = LIGATURES.sub(lambda m: unicodedata.normalize("NFKD", m.group()), text)
    return without_controls(text)


class NotText(ValueError):
    """The bytes are not text in any encoding we can honestly claim."""


def looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if not sample:
        return False
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    if b"\x00" in sample:
        return True
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return controls / len(sample) > 0.05


def declared_encoding(data: bytes) -> str | None:
    head = data[:4096]
    for pattern in _DECLARED:
        match = pattern.search(head)
        if match:
            name = match.group(1).decode("ascii", "replace")
            try:
                return codecs.lookup(name).name
            except LookupError:
                return None
    return None


def decode(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Decode ``data``; return ``(text, encoding)``. Raises :class:`NotText`.

    UTF-8 whenever the bytes are UTF-8 (whatever is declared: a GB2312 mail
    whose body is UTF-8 is UTF-8), and when they are UTF-8 but for a few
    stray bytes, each stray byte read as Windows-1252 on its own (one bad
    byte never re-decodes a whole document). Else the encoding declared
    (``declared``, from a mail or HTTP header, or in the document itself)
    when the bytes fit it, else Windows-1252, else a detected one."""
    if looks_binary(data):
        raise NotText("binary file, not text")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16"), "utf-16"
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    named = _known(declared) or declared_encoding(data)
    mostly = _utf8_with_strays(data, trusted=named == "utf-8")
    if mostly is not None:
        return mostly, "utf-8"
    if named and named not in ("utf-8", "utf-16"):
        try:
            return data.decode(named), named
        except UnicodeDecodeError:
            pass
    # Western text that is not UTF-8 is almost always Windows-1252 (a superset
    # of Latin-1's printable range); statistical detectors guess badly on
    # short English text, so they come after it.
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        return data.decode("latin-1"), "latin-1"
    return str(best), best.encoding


def _known(name: str | None) -> str | None:
    """The codec's own name for ``name`` (None: none, or not one Python has:
    ``X-UNKNOWN`` is then as good as undeclared)."""
    if not name:
        return None
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


MAX_STRAYS = 0.005
"""UTF-8 with stray bytes: at most this share of the bytes (or 8 bytes) may
be strays for the text to be read as UTF-8 with the strays mended."""
_STRAY = re.compile("[\udc80-\udcff]")


def _utf8_with_strays(data: bytes, *, trusted: bool) -> str | None:
    """``data`` as UTF-8 with each byte that is not (a copy-paste from
    another encoding) read as Windows-1252, when the strays are few and the
    text is UTF-8 otherwise (it holds real multi-byte characters, or says
    it is UTF-8). None: it is not UTF-8."""
    text = data.decode("utf-8", "surrogateescape")
    strays = len(_STRAY.findall(text))
    if strays > max(8, len(data) * MAX_STRAYS):
        return None
    multibyte = sum(1 for ch in text if ord(ch) > 0x7F) - strays
    if not (trusted or multibyte > 0):
        return None
    return _STRAY.sub(_mend, text)


def _mend(match: re.Match[str]) -> str:
    byte = bytes([ord(match.group()) - 0xDC00])
    return byte.decode("cp1252", "ignore")  # five cp1252 bytes mean nothing: dropped
