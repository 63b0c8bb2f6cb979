"""Writing results: standard output, a file replaced atomically, or straight
into whatever the target is when it is not a regular file.

- A regular file (or a new name) is replaced atomically: a temporary file
  beside it, flushed to disk, given the old file's mode, renamed over it. A
  failed run leaves the old file and no temporary one.
- A symbolic link is written through: its final target is replaced as
  above, and the link stays a link.
- Anything else (a FIFO, a device such as ``/dev/null``), and a name of an
  open descriptor (``/dev/stdout``, ``/dev/fd/3``, ``/proc/self/fd/1``: it
  may be a file the shell opened to append to), is opened and written
  into, never replaced. A regular file anywhere else, ``/dev/shm`` too, is
  replaced atomically.

Every failure (no space, a broken pipe, an I/O error, a bad name) is an
:class:`OutputError` with one line saying where and why.
"""

from __future__ import annotations

import functools
import os
import re
import stat
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from briefing.printable import one_line


class OutputError(Exception):
    """The output could not be written; the message says where and why."""


def write_output(text: str, target: str | os.PathLike[str]) -> None:
    """Write ``text`` to ``target`` (``-`` is standard output)."""
    with open_output(target) as handle:
        handle.write(text)


def write_binary(data: bytes, target: str | os.PathLike[str]) -> None:
    """Write bytes (a Word document) to ``target`` as text is written:
    atomically to a file, straight into a FIFO or device, or to standard
    output."""
    with open_output(target) as handle:
        handle.flush()
        handle.buffer.write(data)
        handle.buffer.flush()


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` as :func:`open_output` does."""
    with open_output(path) as handle:
        handle.write(text)


def _shown(path: str | os.PathLike[str]) -> str:
    """The path as one printable line (undecodable bytes of a file name
    shown as ``\\xNN``, control characters escaped)."""
    return one_line(os.fsdecode(path))


def _why(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror.lower()
    if isinstance(exc, UnicodeError):
        return "the file name cannot be encoded"
    return str(exc) or type(exc).__name__


def _failed(target: str | os.PathLike[str], exc: BaseException) -> OutputError:
    return OutputError(f"cannot write {_shown(target)}: {_why(exc)}; choose another output file")


@contextmanager
def open_output(target: str | os.PathLike[str]) -> Iterator[TextIO]:
    """A handle to write to: standard output for ``-``; else see the module.
    Errors while the block writes are reported as :class:`OutputError`."""
    if str(target) == "-":
        yield from _standard_output()
        return
    try:
        info = os.stat(target)  # through every symbolic link
    except FileNotFoundError:
        info = None  # a new file, or a link to one that does not exist yet
    except (OSError, ValueError) as exc:
        raise _failed(target, exc) from None
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise OutputError(f"cannot write {_shown(target)}: it is a folder; give a file name")
    if info is not None and (not stat.S_ISREG(info.st_mode) or _names_a_descriptor(target)):
        # Opened by the name given: /dev/stdout on a pipe has no real path to resolve,
        # and on a file the shell opened (perhaps to append) it must be written, not replaced.
        yield from _into(Path(target), target)
        return
    real = Path(os.path.realpath(target))
    folder = real.parent
    if not folder.is_dir():
        raise OutputError(
            f"cannot write {_shown(target)}: folder {_shown(folder)} does not exist; "
            "create it or choose another output file"
        )
    yield from _replacing(real, target, info)


_DESCRIPTOR = re.compile(r"/dev/(stdin|stdout|stderr|fd/\d+)|/proc/(self|thread-self|\d+)/fd/\d+")


def _names_a_descriptor(target: str | os.PathLike[str]) -> bool:
    """/dev/stdout, /dev/fd/3, /proc/self/fd/1: an open file's name, never to be replaced."""
    return _DESCRIPTOR.fullmatch(os.path.abspath(target)) is not None


def _standard_output() -> Iterator[TextIO]:
    if sys.stdout is None:
        raise OutputError("cannot write standard output: it is closed; use -o FILE")
    try:
        yield sys.stdout
        sys.stdout.flush()
    except BrokenPipeError:
        raise  # the reader went away: the command ends quietly
    except OSError as exc:
        raise OutputError(f"cannot write standard output: {_why(exc)}") from None


def _into(real: Path, target: str | os.PathLike[str]) -> Iterator[TextIO]:
    """Write straight into a FIFO or a device: it is never replaced."""
    try:
        # Append: a FIFO or device does not mind, and a file the shell opened keeps what it holds.
        handle = open(real, "a", encoding="utf-8", newline="\n")  # noqa: SIM115 - closed below
    except (OSError, ValueError) as exc:
        raise _failed(target, exc) from None
    try:
        with handle:
            yield handle
            handle.flush()
    except OSError as exc:
        raise _failed(target, exc) from None


def _replacing(
    real: Path, target: str | os.PathLike[str], info: os.stat_result | None
) -> Iterator[TextIO]:
    tmp_name = None
    try:
        try:
            fd, tmp_name = tempfile.mkstemp(prefix=f".{real.name}.", suffix=".tmp", dir=real.parent)
            handle = os.fdopen(fd, "w", encoding="utf-8", newline="\n")
        except (OSError, ValueError, UnicodeError) as exc:
            raise _failed(target, exc) from None
        try:
            with handle:
                yield handle
                handle.flush()
                os.fsync(handle.fileno())
            _keep_mode_and_owner(tmp_name, info)
            os.replace(tmp_name, real)
        except OSError as exc:
            raise _failed(target, exc) from None
        tmp_name = None
    finally:
        if tmp_name:
            try:
                os.unlink(tmp_name)
            except OSError:
                pass  # already gone: nothing is left behind either way


def _keep_mode_and_owner(tmp_name: str, info: os.stat_result | None) -> None:
    if info is None:
        os.chmod(tmp_name, 0o666 & ~_umask())
        return
    os.chmod(tmp_name, stat.S_IMODE(info.st_mode))
    if hasattr(os, "chown") and (info.st_uid, info.st_gid) != (os.getuid(), os.getgid()):
        try:
            os.chown(tmp_name, info.st_uid, info.st_gid)
        except PermissionError:
            pass  # only root may give a file away: the new file is the writer's


@functools.cache
def _umask() -> int:
    """The process's umask, read once: from /proc where it is shown (nothing
    changes), else by setting it and back under a lock (the TUI writes its
    plan and an export from two threads)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    with _UMASK_LOCK:
        mask = os.umask(0o22)
        os.umask(mask)
    return mask


_UMASK_LOCK = threading.Lock()
