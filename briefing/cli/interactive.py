"""``briefing tui``: the interactive app, with its plan (given, or the last one kept in
the state folder)."""

from __future__ import annotations

import signal
from datetime import date
from pathlib import Path

import click

from briefing.cli.group import Terminated
from briefing.cli.options import (
    allow_outside_option,
    briefing_options,
    length_options,
    limits_options,
    make_options,
    paths_argument,
)
from briefing.cli.library import library_selectors, published_options
from briefing.cli.settings import current
from briefing.cli.runner import (
    ExitCode,
    Failure,
)
from briefing.model import InputLimits


@click.command()
@paths_argument
@briefing_options
@length_options
@limits_options
@click.option(
    "--plan",
    "plan_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Open this plan (created when missing) and save every change to it as you work.",
)
@allow_outside_option
@library_selectors("List the library's articles")
@published_options
def tui(
    paths: tuple[str, ...],
    topics: tuple[str, ...],
    title: str | None,
    day: date | None,
    marking: str | None,
    algorithm: str,
    sentences: int | None,
    ratio: float | None,
    ranked: bool,
    limits: InputLimits,
    plan_path: Path | None,
    allow_outside: bool,
    library_file: str | None,
    new: bool,
    query: str | None,
    since: date | None,
    until: date | None,
) -> int:
    """Pick articles and topics interactively, preview the briefing, export it."""
    if ratio is not None:
        raise click.UsageError("the TUI sets the length in sentences; use --sentences, not --ratio")
    options = make_options(algorithm, sentences, ratio, ranked)
    choice = library_choice(paths, library_file, new, query, since, until)
    library = Path(library_file) if library_file else default_library()
    if paths:
        from briefing.ingest.inputs import InputError, expand

        try:
            expand(paths)
        except InputError as exc:
            raise Failure(str(exc), ExitCode.USAGE) from None
    from briefing.output.plan import PlanError
    from briefing.tui import create_app

    resume, own_plan = None, plan_path is not None
    if plan_path is None:  # kept in the user's state folder; the last one is offered at start
        plan_path, resume = state_plans()
    try:
        app = create_app(
            paths,
            today=day or date.today(),
            options=options,
            title=title,
            marking=marking,
            topics=topics,
            limits=limits,
            plan_path=plan_path,
            resume=resume,
            labels_from_plan=own_plan,
            allow_outside=allow_outside,
            library=library,
            choice=choice,
            templates=current().templates(),
            export_format=str(current()["format"]),
        )
    except PlanError as exc:
        raise Failure(f"plan {plan_path}: {exc}", ExitCode.USAGE) from None
    # SIGTERM closes the app as quitting does (what waits is saved, the terminal is
    # restored), then exits 143: the app does it on its own loop, not in the handler.
    terminated: list[bool] = []

    def on_term(signum: int, frame: object) -> None:
        terminated.append(True)
        try:
            app.call_later(app.terminate)
        except Exception:  # noqa: BLE001 - not running yet (or any more): just close
            app.exit(143)

    previous = signal.signal(signal.SIGTERM, on_term)
    try:
        result = app.run()
        if result == "resume" and resume is not None:
            app = create_app(
                (),
                today=day or date.today(),
                limits=limits,
                plan_path=resume,
                library=library,
                templates=current().templates(),
                export_format=str(current()["format"]),
            )
            app.run()
        elif not own_plan and plan_path.exists():
            keep_plan(plan_path, last_plan_path())  # this session's plan is the last one now
    finally:
        signal.signal(signal.SIGTERM, previous)
    if terminated:
        raise Terminated()
    return app.return_code or 0


def default_library() -> Path:
    from briefing.cli.settings import current

    return current().library()


def library_choice(  # noqa: PLR0913
    paths: tuple[str, ...],
    library_file: str | None,
    new: bool,
    query: str | None,
    since: date | None,
    until: date | None,
):  # noqa: ANN201 - a Choice, or None without --library
    """What ``--library`` and its selectors choose, checked before the app
    starts: the library must be there and readable, the query valid."""
    from briefing.library import LibraryError, SearchError, open_library
    from briefing.run.library import Choice

    if library_file is None:
        if new or query is not None or since is not None or until is not None:
            raise Failure("--new, --query, --since and --until are for the library: give --library",
                          ExitCode.USAGE)  # fmt: skip
        return None
    if paths:
        raise Failure("PATH cannot be given with --library: the library is read", ExitCode.USAGE)
    choice = Choice(
        new=new,
        query=query,
        since=since.isoformat() if since else None,
        until=until.isoformat() if until else None,
    )
    path = Path(library_file) if library_file else default_library()
    try:
        with open_library(path, create=False) as library:
            if query is not None:
                library.search(query, limit=1)
    except SearchError as exc:
        raise Failure(str(exc), ExitCode.USAGE) from None
    except LibraryError as exc:
        raise Failure(str(exc)) from None
    return choice


KEPT_PLANS = 5
"""The state folder keeps this many of the last sessions' plans:
last-plan.toml, then last-plan.1.toml (the one before) up to .4."""


def state_plans() -> tuple[Path, Path | None]:
    """This session's plan in the state folder, and the last one to offer
    (None: there is none). A session that ended without quitting (a closed
    terminal) left its plan as the current one: it becomes the last one,
    offered now, and this session starts afresh."""
    last = last_plan_path()
    current = last.with_name("current-plan.toml")
    if current.exists():
        keep_plan(current, last)
    return current, (last if last.exists() else None)


def keep_plan(plan: Path, last: Path) -> None:
    """``plan`` becomes the last plan; the ones before it move down a place
    (the oldest of :data:`KEPT_PLANS` goes). Nothing is lost by starting
    afresh, nor by a session that ended without quitting."""
    older = [last.with_name(f"last-plan.{n}.toml") for n in range(1, KEPT_PLANS)]
    chain = [last, *older]
    try:
        for newer, older_one in reversed(list(zip(chain, chain[1:]))):
            if newer.exists():
                newer.replace(older_one)
        plan.replace(last)
    except OSError:
        pass  # the state folder cannot be written: the plan stays where it is


def last_plan_path() -> Path:
    """Where the TUI keeps its plan when no --plan is given."""
    from platformdirs import user_state_path

    folder = user_state_path("briefing")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        pass  # saving will say why, once
    return folder / "last-plan.toml"
