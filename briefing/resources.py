"""Where the bundled templates and seeds are.

An installed wheel carries them inside the package (``briefing/templates``,
``briefing/seeds``); a source checkout keeps them at the top level.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _find(name: str) -> Path:
    for candidate in (_PACKAGE / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"bundled {name} folder is missing; reinstall briefing")


def templates_dir() -> Path:
    return _find("templates")


def seeds_dir() -> Path:
    return _find("seeds")
