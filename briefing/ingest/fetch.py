"""Web pages and feeds by URL, fetched only when the user names them:
a connect and total time limit, a size limit, at most 5 redirects, a clear
User-Agent. A dead, slow, oversized or unreadable URL is a problem (one
line), never a hang; what comes back is read like any file (HTML, a feed,
a PDF) by its content."""

from __future__ import annotations

import codecs
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from queue import Empty, SimpleQueue
from threading import Thread
from typing import TypeVar

from briefing import __version__
from briefing.model import DEFAULT_FETCH_TIMEOUT

DEFAULT_TIMEOUT = DEFAULT_FETCH_TIMEOUT
"""Seconds one URL may take, connecting and reading (``--timeout``)."""
MAX_REDIRECTS = 5
USER_AGENT = f"briefing/{__version__} (a summariser; fetches only URLs its user names)"
READABLE = (
    "text/html",
    "application/xhtml+xml",
    "application/rss+xml",
    "application/atom+xml",
    "application/xml",
    "text/xml",
    "text/plain",
    "application/pdf",
)


class FetchError(ValueError):
    """Why a URL gave nothing to read (one line)."""


class _Redirects(urllib.request.HTTPRedirectHandler):
    max_redirections = MAX_REDIRECTS
    max_repeats = 1


def is_url(text: str) -> bool:
    return text.lower().startswith(("http://", "https://"))


def fetch(url: str, *, timeout: float = DEFAULT_TIMEOUT, max_bytes: int) -> bytes:
    """The body of ``url``, within ``timeout`` seconds in all and ``max_bytes``."""
    deadline = time.monotonic() + timeout
    opener = urllib.request.build_opener(_Redirects())
    request = urllib.request.Request(
        url, headers={"User-Agent": USER_AGENT, "Accept": ", ".join(READABLE)}
    )
    try:
        with opener.open(request, timeout=timeout) as response:
            kind = response.headers.get_content_type()
            charset = response.headers.get_content_charset()
            if kind not in READABLE:
                raise FetchError(f"not a web page or feed (it is {kind})")
            chunks, size = [], 0
            while True:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise FetchError(f"took longer than {timeout:g} s (the --timeout limit)")
                # One receive at most: the deadline is checked between.
                chunk = response.read1(65536)
                if not chunk:
                    break
                size += len(chunk)
                if size > max_bytes:
                    raise FetchError(f"larger than {max_bytes:,} bytes (the --max-bytes limit)")
                chunks.append(chunk)
    except FetchError:
        raise
    except urllib.error.HTTPError as exc:
        if 300 <= exc.code < 400:
            raise FetchError(f"too many redirects (more than {MAX_REDIRECTS}, or a loop)") from None
        raise FetchError(
            f"the server answered {exc.code} {' '.join(str(exc.reason).split())}"
        ) from None
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, TimeoutError) or "timed out" in str(reason):
            raise FetchError(f"no answer within {timeout:g} s (the --timeout limit)") from None
        if isinstance(reason, OSError) and reason.strerror:
            reason = reason.strerror[:1].lower() + reason.strerror[1:]  # "connection refused"
        raise FetchError(f"cannot be fetched: {reason}") from None
    except TimeoutError:
        raise FetchError(f"no answer within {timeout:g} s (the --timeout limit)") from None
    except (OSError, ValueError) as exc:
        raise FetchError(f"cannot be fetched: {exc}") from None
    return _as_declared(b"".join(chunks), kind, charset)


DECODED_HERE = ("text/html", "application/xhtml+xml", "text/plain")
"""Content types whose HTTP charset is applied here (a feed's XML parser
reads its own declaration; a PDF has none)."""


def _as_declared(body: bytes, kind: str, charset: str | None) -> bytes:
    """A page whose server names its charset (which comes before any the page
    declares itself) as UTF-8, so it is read in that charset: otherwise a page
    in, say, ISO-8859-7 would pass for Windows-1252 and be shown garbled."""
    if kind not in DECODED_HERE or not charset:
        return body
    try:
        if codecs.lookup(charset).name in ("utf-8", "ascii"):
            return body
        return body.decode(charset).encode("utf-8")
    except (LookupError, UnicodeDecodeError):
        return body  # a wrong or unknown name: the page's own bytes decide


THREADS = 8
"""URLs fetched at once (waiting on the network, not the processor)."""
K = TypeVar("K")
R = TypeVar("R")


def at_once(
    urls: dict[K, str], fetch_one: Callable[[str], R], budget: float | None = None
) -> dict[K, R]:
    """``fetch_one`` of each URL, :data:`THREADS` at a time (each bounded by
    its own timeout), for at most ``budget`` seconds in all (None: until
    each is done); those not done by then are missing from the result. The
    threads are daemons: one still waiting on a server when the budget (or
    the input's time limit) runs out neither holds up the result nor the
    process's exit; it ends at its own timeout."""
    queue: SimpleQueue[K] = SimpleQueue()
    for n in urls:
        queue.put(n)
    results: dict[K, R] = {}

    def work() -> None:
        while True:
            try:
                n = queue.get_nowait()
            except Empty:
                return
            results[n] = fetch_one(urls[n])

    threads = [Thread(target=work, daemon=True) for _ in range(min(THREADS, len(urls)))]
    for thread in threads:
        thread.start()
    deadline = None if budget is None else time.monotonic() + budget
    for thread in threads:
        thread.join(None if deadline is None else max(0.0, deadline - time.monotonic()))
    return dict(results)
