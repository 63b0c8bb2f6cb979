"""Writing results: standard output, or a file replaced atomically."""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO


class OutputError(Exception):
    """The output could not be written; the message says where and why."""


def write_output(text: str, target: str | os.PathLike[str]) -> None:
    """Write ``text`` to ``target`` (``-`` is standard output)."""
    with open_output(target) as handle:
        handle.write(text)


def write_atomic(path: Path, text: str) -> None:
    """Write a temporary file beside ``path`` and rename it into place, so a
    failed run never leaves a partial file (nor a stray temporary one)."""
    with open_output(path) as handle:
        handle.write(text)


@contextmanager
def open_output(target: str | os.PathLike[str]) -> Iterator[TextIO]:
    """A handle to write to: standard output for ``-``, else a temporary file
    beside ``target`` that replaces it only if the block finishes."""
    if str(target) == "-":
        yield sys.stdout
        sys.stdout.flush()
        return
    path = Path(target)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(f"cannot write {path}: folder {folder} does not exist; create it or choose another -o path")
    if path.is_dir():
        raise OutputError(f"cannot write {path}: it is a folder; give a file name")
    tmp_name = None
    try:
        try:
            fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
            handle = os.fdopen(fd, "w", encoding="utf-8", newline="\n")
        except OSError as exc:
            raise OutputError(f"cannot write {path}: {(exc.strerror or str(exc)).lower()}; choose another -o path") from None
        with handle:
            yield handle
            try:
                handle.flush()
                os.fsync(handle.fileno())
            except OSError as exc:
                raise OutputError(f"cannot write {path}: {(exc.strerror or str(exc)).lower()}; choose another -o path") from None
        try:
            mode = path.stat().st_mode & 0o777 if path.exists() else 0o666 & ~_umask()
            os.chmod(tmp_name, mode)
            os.replace(tmp_name, path)
        except OSError as exc:
            raise OutputError(f"cannot write {path}: {(exc.strerror or str(exc)).lower()}; choose another -o path") from None
        tmp_name = None
    finally:
        if tmp_name and os.path.exists(tmp_name):
            os.unlink(tmp_name)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
