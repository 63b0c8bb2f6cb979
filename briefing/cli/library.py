"""The library's commands: ``add``, ``search``, ``list`` and ``library``
(issue 21), thin shells over :mod:`briefing.library` and
:mod:`briefing.run.library`."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

import click

from briefing.cli.options import jobs_option, limits_options, parse_date_option
from briefing.cli.runner import ExitCode, Failure, emit, progress_bar, shown, warn
from briefing.model import InputLimits


def published_options(func):  # noqa: ANN001, ANN201
    """--since and --until: published dates (one line on a bad date)."""
    func = click.option(
        "--until",
        callback=parse_date_option,
        default=None,
        metavar="YYYY-MM-DD",
        help="Published on or before.",
    )(func)
    return click.option(
        "--since",
        callback=parse_date_option,
        default=None,
        metavar="YYYY-MM-DD",
        help="Published on or after.",
    )(func)


def library_option(func):  # noqa: ANN001, ANN201
    return click.option(
        "--library",
        "library_path",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help="The library file (default: BRIEFING_LIBRARY, else the settings' library, else "
        "library.sqlite3 in the user data folder).",
    )(func)


def library_selectors(does: str, then: str = "", instead: str = " instead of PATHs"):  # noqa: ANN201
    """``--library [FILE]`` (what it ``does`` instead of reading PATHs),
    ``--new`` and ``--query``: the selectors ``build`` and ``tui`` share."""

    def decorate(func):  # noqa: ANN001, ANN202
        func = click.option(
            "--query", default=None, help="With --library: only articles matching this search."
        )(func)
        func = click.option(
            "--new",
            is_flag=True,
            help="With --library: only what was added since the last briefing.",
        )(func)
        return click.option(
            "--library",
            "library_file",
            is_flag=False,
            flag_value="",
            default=None,
            metavar="[FILE]",
            help=f"{does} (FILE, else BRIEFING_LIBRARY, the settings' library or the default "
            f"one){instead}{then}.",
        )(func)

    return decorate


@contextmanager
def opened(path: Path | None, *, create: bool = True, read_only: bool = False) -> Iterator:
    from briefing.cli.settings import current
    from briefing.library import LibraryError, open_library

    path = path or current().library()
    try:
        library = open_library(path, create=create, read_only=read_only)
    except LibraryError as exc:
        raise Failure(str(exc)) from None
    except OSError as exc:
        raise Failure(f"library {shown(path)}: {exc.strerror or exc}") from None
    try:
        yield library
    except LibraryError as exc:
        raise Failure(str(exc)) from None
    finally:
        library.close()


def _show(rows: Sequence[Any], fmt: str, line: Callable[[Any], str]) -> None:
    """Records as a JSON list of objects, or a ``line`` each (printable:
    nothing from an input reaches the terminal raw)."""
    if fmt == "json":
        text = json.dumps([row.__dict__ for row in rows], ensure_ascii=False, indent=2) + "\n"
    else:
        text = "".join(line(row) + "\n" for row in rows)
    emit(text, "-")


@click.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH|URL...")
@library_option
@limits_options
@jobs_option
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
def add(
    paths: tuple[str, ...], library_path: Path | None, limits: InputLimits, jobs: int, quiet: bool
) -> None:
    """Keep articles in the library: every format the tool reads, each
    article once; wire copies are kept marked as duplicates."""
    from briefing.ingest.inputs import InputError, load_tasks
    from briefing.run.library import add_inputs

    try:
        tasks = load_tasks(paths, None, limits)
    except InputError as exc:
        raise Failure(str(exc), ExitCode.USAGE) from None
    with opened(library_path) as library, progress_bar(len(tasks), "Adding", quiet) as advance:
        tally = add_inputs(
            library, tasks, now=datetime.now(timezone.utc), jobs=jobs, advance=advance
        )
    for problem in tally.problems:
        warn(f"{'skipped ' if problem.skipped else ''}{problem.source}: {problem.reason}")
    click.echo(tally.line())


@click.command()
@click.argument("query")
@library_option
@published_options
@click.option("--limit", type=click.IntRange(1, 10_000), default=20, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
def search(
    query: str,
    library_path: Path | None,
    since: date | None,
    until: date | None,
    limit: int,
    fmt: str,
) -> None:
    """Search the library (SQLite FTS5 syntax: words, "a phrase", OR, NOT,
    prefix*, title:word); best first, titles weighted above text."""
    from briefing.library.store import SearchError

    with opened(library_path, create=False, read_only=True) as library:
        try:
            found = library.search(
                query,
                since=since.isoformat() if since else None,
                until=until.isoformat() if until else None,
                limit=limit,
            )
        except SearchError as exc:
            raise Failure(str(exc), ExitCode.USAGE) from None
    _show(
        found,
        fmt,
        lambda f: (
            f"{f.published or ' ' * 10}  {f.title}  ({f.publisher or f.source})\n    {f.snippet}"
        ),
    )


@click.command(name="list")
@library_option
@click.option("--new", is_flag=True, help="Only what was added since the last briefing recorded.")
@published_options
@click.option("--duplicates", is_flag=True, help="List duplicates too (marked).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
def list_command(
    library_path: Path | None,
    new: bool,
    since: date | None,
    until: date | None,
    duplicates: bool,
    fmt: str,
) -> None:
    """The library's documents, the most recently added first."""
    with opened(library_path, create=False, read_only=True) as library:
        listed = library.listed(
            since=since.isoformat() if since else None,
            until=until.isoformat() if until else None,
            added_after=library.last_briefing_at() if new else None,
            duplicates=duplicates,
        )
    _show(
        listed,
        fmt,
        lambda x: (
            f"{x.published or ' ' * 10}  {x.title}  ({x.publisher or x.source})"
            + (f"  [duplicate of {x.duplicate_of}]" if x.duplicate_of else "")
        ),
    )


@click.command(name="library")
@library_option
@click.option("--check", "run_check", is_flag=True, help="Run SQLite's integrity check too.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
def library_command(library_path: Path | None, run_check: bool, fmt: str) -> None:
    """What the library holds: documents, duplicates, subscriptions, size."""
    with opened(library_path, create=False, read_only=True) as library:
        stats = library.stats()
        problems = library.check() if run_check else []
    data = {**stats.__dict__, **({"check": problems or "ok"} if run_check else {})}
    if fmt == "json":
        emit(json.dumps(data, ensure_ascii=False, indent=2) + "\n", "-")
    else:
        emit("".join(f"{k}: {v}\n" for k, v in data.items()), "-")
    if problems:
        raise Failure(f"library {shown(stats.path)}: {len(problems)} problems found")


@click.command()
@click.argument("url")
@click.option("--name", default=None, help="A short name to refer to it by.")
@library_option
def subscribe(url: str, name: str | None, library_path: Path | None) -> None:
    """Follow a feed: `briefing update` adds its new entries to the library."""
    from briefing.ingest.fetch import is_url

    if not is_url(url):
        raise Failure(f"{shown(url)}: not an http(s) URL", ExitCode.USAGE)
    with opened(library_path) as library:
        fresh = library.subscribe(url, name, now=datetime.now(timezone.utc))
    click.echo(f"subscribed to {shown(url)}" if fresh else f"already subscribed to {shown(url)}")


@click.command()
@click.argument("url_or_name", metavar="URL|NAME")
@library_option
def unsubscribe(url_or_name: str, library_path: Path | None) -> None:
    """Stop following a feed (what it brought stays in the library)."""
    with opened(library_path, create=False) as library:
        if not library.unsubscribe(url_or_name):
            raise Failure(f"no subscription {shown(url_or_name)}")
    click.echo(f"unsubscribed from {shown(url_or_name)}")


@click.command()
@library_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
def subscriptions(library_path: Path | None, fmt: str) -> None:
    """The feeds followed: when each was checked, and its last error."""
    with opened(library_path, create=False, read_only=True) as library:
        found = library.subscriptions()
    _show(
        found,
        fmt,
        lambda s: (
            f"{s.name or '-'}  {s.url}  checked {s.checked_at or 'never'}"
            + (f"  next {s.next_check}" if s.next_check else "")
            + (f"  ERROR: {s.last_error}" if s.last_error else "")
        ),
    )


@click.command()
@library_option
@limits_options
@jobs_option
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
def update(library_path: Path | None, limits: InputLimits, jobs: int, quiet: bool) -> None:
    """Poll every subscription that is due (8 at once, conditional GET) and
    add their new entries. Safe to run from cron while the TUI is open."""
    from briefing.run.library import update as poll_all

    with opened(library_path, create=False) as library:
        feeds = len(library.subscriptions())
        with progress_bar(feeds, "Updating", quiet) as advance:
            polled, tally = poll_all(
                library, limits, now=datetime.now(timezone.utc), jobs=jobs, advance=advance
            )
    for result in polled:
        if result.outcome == "error":
            warn(f"{result.url}: {result.detail}")
    for problem in tally.problems:
        warn(f"{'skipped ' if problem.skipped else ''}{problem.source}: {problem.reason}")
    counts = {kind: sum(1 for r in polled if r.outcome == kind) for kind in
              ("new", "not modified", "not due", "error")}  # fmt: skip
    click.echo(
        f"{len(polled)} feeds: {counts['new']} read, {counts['not modified']} not modified, "
        f"{counts['not due']} not due, {counts['error']} failed; {tally.line()}"
    )
