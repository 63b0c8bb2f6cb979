"""Finding inputs and reading their bytes, bounded.

Folders are walked for the suffixes articles come in; only regular files are
read (FIFOs, devices and sockets never: opening one can wait forever); links
are followed, and a loop or a dangling link is a problem, not silence. No
input is read past its byte limit, standard input included.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, NamedTuple, TypeVar

from briefing import resources
from briefing.model import DEFAULT_MAX_BYTES, DEFAULT_MAX_SECONDS, InputLimits

if TYPE_CHECKING:
    from briefing.ingest.fetch import Reach

K = TypeVar("K")
Fetched = tuple[bytes | None, str | None]
"""A URL's body, or why there is none."""

SUFFIXES = (
    ".txt",
    ".md",
    ".markdown",
    ".html",
    ".htm",
    ".pdf",
    ".docx",
    ".eml",
    ".msg",
    ".mbox",
    ".rss",
    ".atom",
    ".xml",
)
"""What folders are searched for (briefing.ingest reads PDF, Word, e-mail and feeds)."""
STDIN = "-"


class InputError(Exception):
    """A path the user named does not exist or holds nothing readable."""


# --------------------------------------------------------------------------
# Finding inputs.


def _label(path: Path) -> str:
    return path.as_posix()


_KINDS = (
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def special_kind(mode: int) -> str | None:
    """What a file that is neither regular nor a folder is ("a FIFO"), or None."""
    for test, name in _KINDS:
        if test(mode):
            return name
    return None


@dataclass(frozen=True)
class Listed:
    """One input found: a file to read (``path`` None: standard input), or
    why a file found in a folder cannot be read (``problem``)."""

    label: str
    path: Path | None
    problem: str | None = None
    url: bool = False
    """A web page or feed to fetch (``label`` is the URL)."""


def expand(paths: Sequence[str]) -> list[Listed]:
    """Expand the user's paths into inputs; ``-`` is stdin.

    Folders are searched recursively for known suffixes, sorted by path so
    the order never depends on the file system. Only regular files are read:
    a FIFO, device or socket, a dangling link and a link that loops are
    listed with their problem. A FIFO or device named directly is refused
    (pipe it to ``-`` instead): opening it could wait forever.
    """
    found: list[Listed] = []
    for given in paths:
        if given == STDIN:
            found.append(Listed(STDIN, None))
            continue
        if given.lower().startswith(("http://", "https://")):  # fetched in load_tasks
            found.append(Listed(given, None, url=True))
            continue
        path = Path(given)
        try:
            mode = path.stat().st_mode
        except FileNotFoundError:
            raise InputError(f"{given}: no such file or folder; check the path") from None
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                raise InputError(f"{given}: a symbolic link that loops; check the path") from None
            raise InputError(f"{given}: {reason(exc)}; check the path") from None
        if stat.S_ISDIR(mode):
            files = _walk(path, given)
            if not any(item.problem is None for item in files):
                raise InputError(
                    f"{given}: no .txt, .md, .html, .pdf, .docx, .eml or feed files in this folder; "
                    "name files or another folder"
                )
            found.extend(files)
        elif special_kind(mode):
            raise InputError(
                f"{given}: {special_kind(mode)}, not a regular file; "
                f"to read from it, pipe it to standard input ('-')"
            )
        else:
            found.append(Listed(given, path))
    return found


def _walk(folder: Path, given: str) -> list[Listed]:
    """Every readable-looking file under ``folder``, sorted, and a problem
    for each special file, dangling link or loop met on the way. Linked
    folders are followed once (a folder already on the path is a loop)."""
    found: list[Listed] = []

    def visit(directory: Path, ancestors: frozenset[tuple[int, int]]) -> None:
        try:
            entries = sorted(os.scandir(directory), key=lambda e: e.name)
        except OSError as exc:
            found.append(
                Listed(_label(Path(given) / directory.relative_to(folder)), directory, reason(exc))
            )
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            full = Path(entry.path)
            label = _label(Path(given) / full.relative_to(folder))
            try:
                info = os.stat(entry.path)
            except OSError as exc:
                if entry.is_symlink():
                    why = (
                        "a symbolic link that loops"
                        if exc.errno == errno.ELOOP
                        else "a dangling symbolic link"
                    )
                    found.append(Listed(label, full, why))
                else:
                    found.append(Listed(label, full, reason(exc)))
                continue
            if stat.S_ISDIR(info.st_mode):
                key = (info.st_dev, info.st_ino)
                if key in ancestors:
                    found.append(
                        Listed(label, full, "a symbolic link that loops back to a folder above it")
                    )
                else:
                    visit(full, ancestors | {key})
            elif special_kind(info.st_mode):
                found.append(
                    Listed(label, full, f"{special_kind(info.st_mode)}, not a regular file")
                )
            elif full.suffix.lower() in SUFFIXES:
                found.append(Listed(label, full))

    top = folder.stat()
    visit(folder, frozenset({(top.st_dev, top.st_ino)}))
    return found


def bundled() -> list[Listed]:
    """The sample articles shipped with the tool, labelled ``seeds/NAME``."""
    folder = resources.seeds_dir()
    return [Listed(f"seeds/{p.name}", p) for p in sorted(folder.glob("*.txt"))]


# --------------------------------------------------------------------------
# Loading.


class Task(NamedTuple):
    """One input to load (it crosses to worker processes)."""

    label: str
    path: Path | None  # None: standard input, read already (``data``)
    article_id: str | None = None  # None: from the content (a plan names its inputs' articles)
    data: bytes | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    problem: str | None = None  # known before reading: why it cannot be used
    max_seconds: float | None = DEFAULT_MAX_SECONDS  # to read, clean and summarise it
    # A feed entry's link is followed for its text, this long at most (None: not followed).
    fetch_timeout: float | None = None
    # Internal hosts the user named, which a feed's links may lead to (briefing.ingest.fetch.Reach).
    reach_hosts: frozenset[str] = frozenset()


def load_tasks(
    paths: Sequence[str],
    stdin: BinaryIO | None = None,
    limits: InputLimits = InputLimits(),
) -> list[Task]:
    """What :func:`load` will read, in order (articles get ids from their
    content when read), each within ``limits``. URLs are fetched and
    standard input read here, at most ``max_bytes`` (and a byte more, to
    tell that it is too long)."""
    from briefing.ingest.fetch import Reach

    inputs = expand(paths) if paths else bundled()
    reach = Reach.named(item.label for item in inputs if item.url)
    fetched = fetch_all({n: item.label for n, item in enumerate(inputs) if item.url}, limits, reach)
    tasks = []
    for n, item in enumerate(inputs):
        data, problem = None, item.problem
        if item.url:
            data, problem = fetched[n]
        elif item.path is None and problem is None:
            data, problem = _read_stdin(stdin, limits.max_bytes)
        tasks.append(_task(item.label, item.path, None, data, problem, limits, reach.hosts))
    return tasks


def _task(
    label: str,
    path: Path | None,
    article_id: str | None,
    data: bytes | None,
    problem: str | None,
    limits: InputLimits,
    reach_hosts: frozenset[str] = frozenset(),
) -> Task:
    return Task(
        label,
        path,
        article_id,
        data,
        limits.max_bytes,
        problem,
        limits.max_seconds,
        limits.fetch_timeout,
        reach_hosts,
    )


def read_again(
    stored: str,
    path: Path,
    article_id: str | None,
    limits: InputLimits,
    fetched: tuple[bytes | None, str | None] | None = None,
    reach_hosts: frozenset[str] = frozenset(),
) -> Task:
    """An input named before (in a plan, or as a briefing's source) as a
    task to read again: a URL's bytes (or why there are none) are
    ``fetched`` (see :func:`fetch_all`; None: not fetched, so not read), a
    file is read from ``path`` when loaded. ``article_id``: the id it had,
    for an input of one article. Whether a plan may name it at all is
    :func:`briefing.output.plan.plan_inputs`'s to say."""
    from briefing.ingest.fetch import is_url

    if is_url(stored):
        data, problem = fetched or (None, "not fetched again (--no-fetch)")
        return _task(stored, None, article_id, data, problem, limits, reach_hosts)
    return _task(stored, path, article_id, None, None, limits, reach_hosts)


def fetch_all(urls: dict[K, str], limits: InputLimits, reach: Reach) -> dict[K, Fetched]:
    """Each URL's bytes or why not, several at once, each within
    ``limits.timeout`` and all within :data:`~briefing.ingest.fetch.NAMED_ROUNDS`
    times it; internal hosts only as ``reach`` allows."""
    if not urls:
        return {}
    from briefing.ingest.fetch import DEFAULT_TIMEOUT, NAMED_ROUNDS, at_once, fetched_or_why

    timeout = limits.timeout or DEFAULT_TIMEOUT
    budget = NAMED_ROUNDS * timeout
    got = at_once(
        urls,
        lambda url: fetched_or_why(url, timeout=timeout, max_bytes=limits.max_bytes, reach=reach),
        budget,
    )
    late = f"not fetched within {budget:g} s, the time the URLs of one run may take together"
    return {n: got.get(n, (None, late)) for n in urls}


def _read_stdin(stdin: BinaryIO | None, max_bytes: int) -> tuple[bytes | None, str | None]:
    if stdin is None:
        return None, "standard input is closed"
    try:
        data = stdin.read(max_bytes + 1)
    except (OSError, ValueError) as exc:  # ValueError: a closed stream
        if isinstance(exc, ValueError) or exc.errno == errno.EBADF:
            return None, "standard input is closed"
        return None, f"standard input cannot be read ({reason(exc)})"
    if len(data) > max_bytes:
        return None, _too_big(max_bytes)
    return data, None


def _too_big(max_bytes: int) -> str:
    return f"larger than {max_bytes:,} bytes (the --max-bytes limit)"


def read_bytes(path: Path | None, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """A regular file's bytes, at most ``max_bytes`` (``ValueError`` past
    that). Opened without blocking and checked after opening, so a file
    swapped for a FIFO or a device since it was listed is never waited on."""
    if path is None:
        raise OSError("standard input is not available")
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | getattr(os, "O_CLOEXEC", 0))
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(fd)
        kind = special_kind(info.st_mode)
        if kind or stat.S_ISDIR(info.st_mode):
            raise ValueError(f"{kind or 'a folder'}, not a regular file")
        if info.st_size > max_bytes:
            raise ValueError(_too_big(max_bytes))
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise ValueError(_too_big(max_bytes))
    return data


def read_text(path: Path, max_bytes: int, what: str) -> str:
    """A small UTF-8 file the user named (``what``: "a plan", "a settings
    file"), its BOM skipped. Raises ``ValueError`` with one line saying why
    not: not there, not a regular file, larger than ``max_bytes``, not UTF-8."""
    try:
        data = read_bytes(path, max_bytes)
    except OSError as exc:
        raise ValueError(reason(exc)) from None
    except ValueError as exc:
        if "larger than" in str(exc):
            raise ValueError(f"larger than {max_bytes:,} bytes, the most {what} may be") from None
        raise
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValueError("not UTF-8 text") from None


def reason(exc: Exception) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror.lower()
    return str(exc)
