"""Who a document is: its canonical URL, the hash of its normalised text,
and, for wire copies with edited words, reordered paragraphs or another
headline, its MinHash over word shingles, confirmed by containment."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from datetime import date
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

TRACKING = re.compile(
    r"^(utm_\w+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|igshid|ref_src|_ga)$", re.I
)
SHINGLE = 4
"""Words in a shingle."""
PERMUTATIONS = 64
"""MinHash permutations (a signature of 64 32-bit values, 256 bytes)."""
CONTAINMENT = 0.8
"""A near duplicate shares this share of the shorter text's shingles."""
SCHEME = "affine32"
"""datasketch's hashing scheme (32-bit values, kept as 4 bytes each)."""
THRESHOLD = 0.5
"""The MinHash LSH's Jaccard threshold for a candidate pair (confirmed by
:data:`CONTAINMENT` on the texts themselves)."""
_WORD = re.compile(r"\w+", re.UNICODE)


def canonical_url(url: str | None) -> str | None:
    """``url`` with its scheme and host in lower case, its fragment, default
    port and tracking parameters (``utm_*``, ``fbclid`` ...) removed; None
    for anything that is not an http(s) URL."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not parts.hostname:
        return None
    host = parts.hostname.lower()
    port = parts.port if parts.port not in (None, 80 if scheme == "http" else 443) else None
    netloc = f"{host}:{port}" if port else host
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, True) if not TRACKING.match(k)])
    return urlunsplit((scheme, netloc, parts.path or "/", query, ""))


def words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def text_hash(text: str) -> str:
    """The hash of the text's words (case, spacing and punctuation aside)."""
    return hashlib.sha256(" ".join(words(text)).encode("utf-8")).hexdigest()


def shingles(text: str) -> set[str]:
    found = words(text)
    if len(found) < SHINGLE:
        return {" ".join(found)} if found else set()
    return {" ".join(found[n : n + SHINGLE]) for n in range(len(found) - SHINGLE + 1)}


def containment(a: set[str], b: set[str]) -> float:
    """The share of the smaller set found in the other."""
    if not a or not b:
        return 0.0
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    return len(small & large) / len(small)


def signature(pieces: Iterable[str]) -> bytes:
    """The MinHash signature of these shingles, as bytes to keep."""
    from datasketch import MinHash

    minhash = MinHash(num_perm=PERMUTATIONS, seed=1, scheme=SCHEME)
    minhash.update_batch([p.encode("utf-8") for p in pieces])
    return minhash.hashvalues.astype("<u4").tobytes()


class NearIndex:
    """Originals' MinHash signatures in an LSH index, with their dates:
    :meth:`candidates` are the near ones within the window (to be confirmed
    by :func:`containment`). One index serves a whole ``add``."""

    def __init__(self, window_days: int = 7) -> None:
        from datasketch import MinHashLSH

        self.window = window_days
        self._index = MinHashLSH(threshold=THRESHOLD, num_perm=PERMUTATIONS)
        self._dates: dict[str, date | None] = {}

    def insert(self, key: str, raw: bytes, day: str | None) -> None:
        if key in self._dates:
            return
        self._index.insert(key, _lean(raw))
        self._dates[key] = _day(day)

    def candidates(self, raw: bytes, day: str | None) -> list[str]:
        when = _day(day)
        found = []
        for key in sorted(self._index.query(_lean(raw))):
            other = self._dates.get(key)
            if when is None or other is None or abs((when - other).days) <= self.window:
                found.append(key)
        return found


def _lean(raw: bytes):  # noqa: ANN202 - a datasketch LeanMinHash
    import numpy as np
    from datasketch import LeanMinHash

    return LeanMinHash(seed=1, hashvalues=np.frombuffer(raw, dtype="<u4"), scheme=SCHEME)


def _day(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text[:10]) if text else None
    except ValueError:
        return None
