"""The Textual TUI: a thin shell over the core (sources → assemble → render).

Only this package imports Textual. ``create_app`` is the one way the CLI and
the tests make the app.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from briefing.model import InputLimits, Options

if TYPE_CHECKING:
    from briefing.run.library import Choice


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
    plan_path: Path | None = None,
    resume: Path | None = None,
    labels_from_plan: bool = True,
    allow_outside: bool = False,
    library: Path | None = None,
    choice: Choice | None = None,
    templates: Path | None = None,
    export_format: str = "markdown",
):
    """Make the app; nothing is loaded until it runs (loading is a worker).
    ``plan_path``: the plan to open (its inputs, choices and edits, unless
    ``paths`` are given) and to keep saved as things change; created when
    missing. ``labels_from_plan``: name the inputs as the plan does (paths
    relative to its folder, as ``build --plan`` will); False for a plan kept
    in the state folder, so inputs are named as given. ``allow_outside``:
    read what the plan names outside its folder (--allow-outside).
    ``library``: the reader's library file, read when ``choice`` is given
    (its documents so chosen are listed, not files) or the plan opened is
    one from the library (its chosen documents are listed). Raises :class:`briefing.output.plan.PlanError` for a plan it cannot read."""
    from briefing.model import Plan
    from briefing.output.plan import read_plan
    from briefing.tui.app import BriefingApp, Settings

    from_file = plan_path is not None and plan_path.exists()
    if plan_path is not None and from_file:
        plan = read_plan(plan_path)  # its fields win; the command line's fill what it leaves empty
        spec = replace(
            plan,
            title=plan.title or title or "",
            marking=plan.marking or marking or "",
            topics=plan.topics or tuple(dict.fromkeys(topics)),
        )
    else:
        spec = Plan(
            topics=tuple(dict.fromkeys(topics)),
            title=title or "",
            marking=marking or "",
            options=options or Options(),
        )
    if choice is not None:
        spec = replace(spec, from_library=True)
    settings = Settings(
        spec=spec,
        from_file=from_file,
        today=today,
        paths=tuple(paths),
        export_dir=export_dir or Path.cwd(),
        limits=limits or InputLimits(),
        plan_path=plan_path,
        resume=resume,
        labels_from_plan=labels_from_plan,
        allow_outside=allow_outside,
        library=library,
        choice=choice,
        templates=templates,
        export_format=export_format,
    )
    return BriefingApp(settings)
