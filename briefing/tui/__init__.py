"""The Textual TUI: a thin shell over the core (sources → assemble → render).

Only this package imports Textual. ``create_app`` is the one way the CLI and
the tests make the app.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from ..models import InputLimits, Options


def create_app(
    paths: Sequence[str] = (),
    *,
    today: date,
    options: Options | None = None,
    title: str | None = None,
    marking: str | None = None,
    topics: Sequence[str] = (),
    export_dir: Path | None = None,
    limits: InputLimits | None = None,
):
    """Make the app; nothing is loaded until it runs (loading is a worker)."""
    from .app import BriefingApp, Settings

    settings = Settings(
        paths=tuple(paths),
        today=today,
        options=options or Options(),
        title=title or "",
        marking=marking or "",
        topics=tuple(topics),
        export_dir=export_dir or Path.cwd(),
        limits=limits or InputLimits(),
    )
    return BriefingApp(settings)
