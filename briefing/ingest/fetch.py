"""Web pages and feeds by URL, fetched only when the user names them.

One deadline per URL (``--timeout``) covers everything: resolving and
connecting, the status line and headers, every redirect and the body; a
server that trickles a byte at a time is stopped when the deadline passes,
not when it pauses. A size limit, at most 5 redirects, a clear User-Agent.

Only http and https are fetched. A redirect (or a feed's link) may not
lead to a loopback, private, link-local, multicast or otherwise reserved
address (checked on the address actually connected to, after DNS) unless
the user named that host themselves (:class:`Reach`). Whatever the server
sends (a bad status line, endless headers, a body cut short) is a
:class:`FetchError`: one line, never a traceback; what comes back is read
like any file (HTML, a feed, a PDF) by its content.
"""

from __future__ import annotations

import codecs
import email.utils
import http.client
import ipaddress
import re
import socket
import ssl
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from queue import Empty, SimpleQueue
from threading import Thread
from typing import Any, TypeVar
from urllib.parse import urljoin, urlsplit

from briefing import __version__
from briefing.model import DEFAULT_FETCH_TIMEOUT

DEFAULT_TIMEOUT = DEFAULT_FETCH_TIMEOUT
"""Seconds one URL may take in all: connecting, headers, redirects, body (``--timeout``)."""
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
SCHEMES = ("http", "https")


class FetchError(ValueError):
    """Why a URL gave nothing to read (one line)."""


def is_url(text: str) -> bool:
    return text.lower().startswith(("http://", "https://"))


def host_of(url: str) -> str:
    """The URL's host name, lower case, without port or brackets ("" if none)."""
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


@dataclass(frozen=True)
class Reach:
    """Where fetching may go besides the public internet: the hosts the user
    named themselves (their internal addresses are theirs to ask for), or
    anywhere (``--allow-outside``)."""

    hosts: frozenset[str] = frozenset()
    anywhere: bool = False

    @classmethod
    def named(cls, urls: Iterable[str], anywhere: bool = False) -> Reach:
        return cls(frozenset(h for h in map(host_of, urls) if h), anywhere)

    def allows(self, host: str) -> bool:
        return self.anywhere or host.lower() in self.hosts


PUBLIC = Reach()
"""Public addresses only."""


def internal(address: str) -> bool:
    """An address that is not on the public internet: loopback, private,
    link-local, multicast, unspecified or reserved (IPv4-mapped IPv6 as its
    IPv4 address)."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return True  # not an address at all: never trusted
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return (
        ip.is_loopback
        or ip.is_private
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_unspecified
        or ip.is_reserved
        or not ip.is_global
    )


def refusal(url: str, reach: Reach) -> str | None:
    """Why ``url`` may not be fetched (one line), before anything is sent:
    a scheme other than http(s), or a host that is an internal address (by
    name or by number) that ``reach`` does not allow. None: it may be tried
    (the address connected to is checked again)."""
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        parts.port  # noqa: B018 - raises ValueError for a bad port
    except ValueError:
        return "not a valid URL"
    scheme = parts.scheme.lower()
    if scheme in ("file", "data"):
        return f"a {scheme}: URL, which is never read from the web"
    if scheme not in SCHEMES:
        return f"a {scheme or 'schemeless'} URL; only http and https are fetched"
    if not host:
        return "a URL with no host"
    if reach.allows(host):
        return None
    if host == "localhost" or host.endswith((".localhost", ".local", ".internal")):
        return f"an internal host ({host}), not one you named"
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return None  # a name: checked once resolved
    if internal(host):
        return f"an internal address ({host}), not one you named"
    return None


class _Deadline:
    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.at = time.monotonic() + seconds

    def left(self) -> float:
        left = self.at - time.monotonic()
        if left <= 0:
            raise TimeoutError("timed out")
        return left


class _Armed:
    """Mixed into a socket class: every wait is cut to what is left of its
    URL's time (``deadline``), so a trickle cannot outlast it."""

    deadline: _Deadline | None = None

    def _arm(self) -> None:
        if self.deadline is not None:
            self.settimeout(self.deadline.left())  # type: ignore[attr-defined]

    def recv_into(self, *args: Any, **kwargs: Any) -> int:
        self._arm()
        return super().recv_into(*args, **kwargs)  # type: ignore[misc]

    def recv(self, *args: Any, **kwargs: Any) -> bytes:
        self._arm()
        return super().recv(*args, **kwargs)  # type: ignore[misc]

    def sendall(self, *args: Any, **kwargs: Any) -> None:
        self._arm()
        super().sendall(*args, **kwargs)  # type: ignore[misc]


class _DeadlineSocket(_Armed, socket.socket):
    pass


class _DeadlineSSLSocket(_Armed, ssl.SSLSocket):
    pass


class _Refused(OSError):
    """The host resolved to an address the fetch may not reach."""


def _connect(deadline: _Deadline, reach: Reach | None, host: str, port: int) -> _DeadlineSocket:
    """A connected socket to ``host``; with ``reach``, only to an address it
    allows (``None``: a proxy the user configured is being connected to)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    error: OSError = OSError(f"{host} has no address")
    for family, kind, proto, _, address in infos:
        if reach is not None and not reach.allows(host) and internal(str(address[0])):
            error = _Refused(f"{host} is an internal address ({address[0]}), not one you named")
            continue
        sock = _DeadlineSocket(family, kind, proto)
        try:
            sock.settimeout(deadline.left())
            sock.connect(address)
        except OSError as exc:
            sock.close()
            error = exc
            continue
        sock.deadline = deadline
        return sock
    raise error


class _Guarded:
    """Mixed into an http.client connection: it connects within the URL's
    deadline, and (``reach``) only to an address the fetch may reach."""

    host: str
    port: int
    sock: Any

    def __init__(self, *args: Any, deadline: _Deadline, reach: Reach | None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self._deadline, self._reach = deadline, reach

    def connect(self) -> None:
        self.sock = _connect(self._deadline, self._reach, self.host, self.port)
        if getattr(self, "_tunnel_host", None):  # through a proxy: http.client's own CONNECT
            getattr(self, "_tunnel")()


class _HTTPConnection(_Guarded, http.client.HTTPConnection):
    pass


class _HTTPSConnection(_Guarded, http.client.HTTPSConnection):
    def connect(self) -> None:
        super().connect()
        context: ssl.SSLContext = getattr(self, "_context")
        host = getattr(self, "_tunnel_host", None) or self.host
        sock = context.wrap_socket(self.sock, server_hostname=host)
        if isinstance(sock, _DeadlineSSLSocket):
            sock.deadline = self._deadline
        self.sock = sock


def _tls_context() -> ssl.SSLContext:
    context = ssl.create_default_context()
    context.sslsocket_class = _DeadlineSSLSocket
    return context


class _GuardedHandler:
    """Mixed into urllib's http(s) handler: its connections are guarded."""

    def __init__(self, deadline: _Deadline, reach: Reach, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._deadline, self._reach = deadline, reach

    def _connection(self, kind: type, req: urllib.request.Request) -> Any:
        # Through a proxy the user configured, its address is theirs; the URL was checked.
        reach = None if req.has_proxy() else self._reach
        return partial(kind, deadline=self._deadline, reach=reach)


class _HTTPHandler(_GuardedHandler, urllib.request.HTTPHandler):
    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(self._connection(_HTTPConnection, req), req)


class _HTTPSHandler(_GuardedHandler, urllib.request.HTTPSHandler):
    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        context = getattr(self, "_context")
        return self.do_open(self._connection(_HTTPSConnection, req), req, context=context)


class _Redirects(urllib.request.HTTPRedirectHandler):
    max_redirections = MAX_REDIRECTS
    max_repeats = 1

    def __init__(self, reach: Reach) -> None:
        self._reach = reach

    def http_error_302(self, req, fp, code, msg, headers):  # noqa: ANN001, ANN201
        location = headers.get("location") or headers.get("uri")
        if location:
            target = urljoin(req.full_url, location.strip())
            why = refusal(target, self._reach)
            if why is not None:
                fp.close()
                raise FetchError(f"redirected to {target}: {why}; not followed")
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302


def _opener(deadline: _Deadline, reach: Reach) -> urllib.request.OpenerDirector:
    """http and https only (no ftp:, file: or data: handler), through the
    user's proxy settings."""
    opener = urllib.request.OpenerDirector()
    for handler in (
        urllib.request.ProxyHandler(),
        _HTTPHandler(deadline, reach),
        _HTTPSHandler(deadline, reach, context=_tls_context()),
        urllib.request.HTTPDefaultErrorHandler(),
        _Redirects(reach),
        urllib.request.HTTPErrorProcessor(),
    ):
        opener.add_handler(handler)
    return opener


def fetch(
    url: str, *, timeout: float = DEFAULT_TIMEOUT, max_bytes: int, reach: Reach = PUBLIC
) -> bytes:
    """The body of ``url``, within ``timeout`` seconds in all and
    ``max_bytes``; :class:`FetchError` (one line) otherwise. ``reach``: the
    internal hosts the user named (a URL the user named is allowed its own
    host by the caller)."""
    answer = get(url, timeout=timeout, max_bytes=max_bytes, reach=reach)
    assert answer.body is not None  # nothing conditional was asked
    return answer.body


@dataclass(frozen=True)
class Answer:
    """A server's answer to :func:`get`."""

    body: bytes | None
    """None: not modified (304) since the ETag or date given."""
    etag: str | None = None
    last_modified: str | None = None
    fresh_for: float | None = None
    """Seconds the answer stays fresh (Cache-Control max-age), if said."""


class Busy(FetchError):
    """The server asked to be left alone (429 or 503); ``retry_after``: its
    Retry-After header as sent (see :func:`wait_asked`)."""

    def __init__(self, message: str, retry_after: str | None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


def get(
    url: str,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int,
    reach: Reach = PUBLIC,
    etag: str | None = None,
    last_modified: str | None = None,
) -> Answer:
    """:func:`fetch`, conditional when ``etag`` or ``last_modified`` is
    given (a 304 is an answer with no body), with the validators and
    freshness the server sent. :class:`Busy` for a 429 or 503 that says when
    to come back (Retry-After); :class:`FetchError` otherwise."""
    why = refusal(url, reach)
    if why is not None:
        raise FetchError(f"not fetched: {why}")
    deadline = _Deadline(timeout)
    headers = {"User-Agent": USER_AGENT, "Accept": ", ".join(READABLE)}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    request = urllib.request.Request(url, headers=headers)
    late = f"no answer within {timeout:g} s (the --timeout limit)"
    try:
        with _opener(deadline, reach).open(request, timeout=timeout) as response:
            late = f"took longer than {timeout:g} s (the --timeout limit)"  # the body came slowly
            kind = response.headers.get_content_type()
            charset = response.headers.get_content_charset()
            if kind not in READABLE:
                raise FetchError(f"not a web page or feed (it is {kind})")
            chunks, size = [], 0
            while True:
                chunk = response.read1(65536)  # each wait within the deadline
                if not chunk:
                    break
                size += len(chunk)
                if size > max_bytes:
                    raise FetchError(f"larger than {max_bytes:,} bytes (the --max-bytes limit)")
                chunks.append(chunk)
            said = response.headers
    except FetchError:
        raise
    except urllib.error.HTTPError as exc:
        if exc.code == 304 and (etag or last_modified):
            return Answer(None, etag, last_modified, _max_age(exc.headers))
        if 300 <= exc.code < 400:
            raise FetchError(f"too many redirects (more than {MAX_REDIRECTS}, or a loop)") from None
        message = f"the server answered {exc.code} {' '.join(str(exc.reason).split())[:80]}"
        if exc.code in (429, 503):
            raise Busy(message, _header(exc.headers, "Retry-After")) from None
        raise FetchError(message) from None
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, _Refused):
            raise FetchError(f"not fetched: {reason}") from None
        if isinstance(reason, TimeoutError) or "timed out" in str(reason):
            raise FetchError(late) from None
        if isinstance(reason, OSError) and reason.strerror:
            reason = reason.strerror[:1].lower() + reason.strerror[1:]  # "connection refused"
        raise FetchError(f"cannot be fetched: {_one_line(reason)}") from None
    except TimeoutError:
        raise FetchError(late) from None
    except _Refused as exc:
        raise FetchError(f"not fetched: {exc}") from None
    except http.client.HTTPException as exc:
        raise FetchError(f"the server's answer is not valid HTTP ({_http_problem(exc)})") from None
    except (OSError, ValueError) as exc:
        raise FetchError(f"cannot be fetched: {_one_line(exc)}") from None
    return Answer(
        _as_declared(b"".join(chunks), kind, charset),
        _header(said, "ETag"),
        _header(said, "Last-Modified"),
        _max_age(said),
    )


MAX_WAIT = 7 * 24 * 3600.0
"""A server's Retry-After or max-age is taken up to a week."""


def _header(headers: Any, name: str) -> str | None:
    value = headers.get(name) if headers is not None else None
    text = " ".join(str(value).split())[:500] if value else ""
    return text or None


def _max_age(headers: Any) -> float | None:
    control = _header(headers, "Cache-Control") or ""
    found = re.search(r"\bmax-age\s*=\s*(\d{1,10})", control, re.IGNORECASE)
    return min(float(found.group(1)), MAX_WAIT) if found else None


def wait_asked(retry_after: str | None, now: datetime) -> float | None:
    """Seconds a Retry-After header asks to wait (given in seconds, or as an
    HTTP date, counted from ``now``), at most :data:`MAX_WAIT`."""
    if not retry_after:
        return None
    if retry_after.isdigit():
        return min(float(retry_after), MAX_WAIT)
    try:
        when = email.utils.parsedate_to_datetime(retry_after)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        return None
    return max(0.0, min((when - now).total_seconds(), MAX_WAIT))


def _one_line(thing: object) -> str:
    text = " ".join(str(thing).split())
    return text[:200] if text else type(thing).__name__


def _http_problem(exc: http.client.HTTPException) -> str:
    if isinstance(exc, http.client.RemoteDisconnected):
        return "it closed the connection without answering"
    if isinstance(exc, http.client.LineTooLong):
        return "a line too long"
    if isinstance(exc, http.client.IncompleteRead):
        return "the body was cut short"
    if isinstance(exc, http.client.BadStatusLine):
        return "a bad status line"
    text = _one_line(exc)
    return text if len(text) < 80 else type(exc).__name__


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


def fetched_or_why(
    url: str, *, timeout: float | None, max_bytes: int, reach: Reach = PUBLIC
) -> tuple[bytes | None, str | None]:
    """:func:`fetch`'s body, or why not (one line): nothing raised, whatever
    the server did."""
    try:
        return fetch(
            url, timeout=timeout or DEFAULT_TIMEOUT, max_bytes=max_bytes, reach=reach
        ), None
    except FetchError as exc:
        return None, str(exc)
    except Exception as exc:  # noqa: BLE001 - a server must never end the run: one line
        return None, f"cannot be fetched ({type(exc).__name__}: {_one_line(exc)})"


THREADS = 8
"""URLs fetched at once (waiting on the network, not the processor)."""
NAMED_ROUNDS = 3
"""The URLs one run names are fetched within this many times ``--timeout``
in all; any still waiting then are skipped with a warning."""
K = TypeVar("K")
R = TypeVar("R")


def at_once(
    urls: dict[K, str], fetch_one: Callable[[str], R], budget: float | None = None
) -> dict[K, R]:
    """``fetch_one`` of each URL, :data:`THREADS` at a time (each bounded by
    its own timeout), for at most ``budget`` seconds in all (None: until
    each is done); those not done by then, or whose ``fetch_one`` raised,
    are missing from the result. The threads are daemons: one still waiting
    on a server when the budget (or the input's time limit) runs out neither
    holds up the result nor the process's exit; it ends at its own timeout.
    Each thread only puts its results on a queue; the caller collects them."""
    queue: SimpleQueue[K] = SimpleQueue()
    for n in urls:
        queue.put(n)
    done: SimpleQueue[tuple[K, R]] = SimpleQueue()

    def work() -> None:
        while True:
            try:
                n = queue.get_nowait()
            except Empty:
                return
            try:
                done.put((n, fetch_one(urls[n])))
            except Exception:  # noqa: BLE001 - missing from the result: the caller says why
                continue

    threads = [Thread(target=work, daemon=True) for _ in range(min(THREADS, len(urls)))]
    for thread in threads:
        thread.start()
    deadline = None if budget is None else time.monotonic() + budget
    for thread in threads:
        thread.join(None if deadline is None else max(0.0, deadline - time.monotonic()))
    results: dict[K, R] = {}
    while True:
        try:
            n, result = done.get_nowait()
        except Empty:
            return results
        results[n] = result
