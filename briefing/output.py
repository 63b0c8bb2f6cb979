"""Writing results: standard output, or a file replaced atomically."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path


class OutputError(Exception):
    """The output could not be written; the message says where and why."""


def write_output(text: str, target: str | os.PathLike[str]) -> None:
    """Write ``text`` to ``target`` (``-`` is standard output)."""
    if str(target) == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    write_atomic(Path(target), text)


def write_atomic(path: Path, text: str) -> None:
    """Write a temporary file beside ``path`` and rename it into place, so a
    failed run never leaves a partial file (nor a stray temporary one)."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(f"cannot write {path}: folder {folder} does not exist; create it or choose another -o path")
    if path.is_dir():
        raise OutputError(f"cannot write {path}: it is a folder; give a file name")
    tmp_name = None
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        mode = path.stat().st_mode & 0o777 if path.exists() else 0o666 & ~_umask()
        os.chmod(tmp_name, mode)
        os.replace(tmp_name, path)
        tmp_name = None
    except OSError as exc:
        reason = (exc.strerror or str(exc)).lower()
        raise OutputError(f"cannot write {path}: {reason}; choose another -o path") from None
    finally:
        if tmp_name and os.path.exists(tmp_name):
            os.unlink(tmp_name)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
