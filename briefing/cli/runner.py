"""The CLI's plumbing: loading with warnings, progress bars, streamed and
atomic output, and the failures that end a command with one line."""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Sequence
from contextlib import contextmanager
from enum import IntEnum
from pathlib import Path
from typing import BinaryIO

import click

from briefing.model import Article, InputLimits, Options, Problem, Summary
from briefing.output.render import text_block
from briefing.output.write import OutputError, write_output
from briefing.printable import one_line, printable
from briefing.run.workers import WorkerDied


class ExitCode(IntEnum):
    OK = 0
    FAILURE = 1
    USAGE = 2


class Failure(Exception):
    """A failure the user can act on; the message is shown as is."""

    def __init__(self, message: str, code: ExitCode = ExitCode.FAILURE) -> None:
        super().__init__(message)
        self.code = code


def standard_input(paths: Sequence[str]) -> BinaryIO | None:
    """Standard input's bytes when ``-`` is among the paths (None when it is
    closed: the input is then skipped with a warning)."""
    if "-" not in paths or sys.stdin is None:
        return None
    return getattr(sys.stdin, "buffer", None)


def load_articles(paths: Sequence[str], limits: InputLimits) -> list[Article]:
    """Load, warn about each file skipped, fail when nothing is left."""
    from briefing.ingest.inputs import InputError
    from briefing.run.loading import load

    try:
        result = load(paths, stdin=standard_input(paths), jobs=os.cpu_count() or 1, limits=limits)
    except InputError as exc:
        raise Failure(str(exc), ExitCode.USAGE) from None
    except WorkerDied as exc:
        raise Failure(str(exc)) from None
    warn_skipped(result.problems, bool(result.articles))
    return list(result.articles)


def summarize_files(
    paths: Sequence[str],
    options: Options,
    *,
    quiet: bool,
    jobs: int,
    limits: InputLimits,
    slim_for: tuple[str, ...] | None = None,
) -> list[Summary]:
    """Read and summarise every input (all cores), warn about each file
    skipped, fail when nothing is left. ``slim_for``: see
    :func:`briefing.run.pipeline.iter_summaries`."""
    from briefing.ingest.inputs import InputError, load_tasks
    from briefing.run.pipeline import summaries_of

    summaries: list[Summary] = []
    problems: list[Problem] = []
    try:
        tasks = load_tasks(paths, standard_input(paths), limits)
        with progress_bar(len(tasks), "Summarising", quiet) as advance:
            for item in summaries_of(tasks, options, jobs=jobs, slim_for=slim_for):
                if isinstance(item, Summary):
                    summaries.append(item)
                else:
                    problems.append(item)
                advance(1)
    except InputError as exc:
        raise Failure(str(exc), ExitCode.USAGE) from None
    except WorkerDied as exc:
        raise Failure(str(exc)) from None
    warn_skipped(problems, bool(summaries))
    warn_loose(summaries)
    return summaries


def warn_loose(summaries: Sequence[Summary]) -> None:
    """A warning for each article whose summary shows sentences that do not
    read alone (none did: the best are shown, marked, rather than nothing)."""
    for summary in summaries:
        if summary.loose:
            many = summary.loose > 1
            warn(
                f"{summary.article.source}: no sentence reads alone (words with no speaker "
                f"named, or leaning on what came before); the best {summary.loose} "
                f"{'are' if many else 'is'} shown as {'they are' if many else 'it is'}, marked"
            )


def stream_text(
    paths: Sequence[str],
    options: Options,
    output: str,
    *,
    quiet: bool,
    jobs: int,
    limits: InputLimits,
) -> None:
    """`summarize --format text`, written as the summaries arrive: a folder
    of any size needs memory for a window of articles, not all of them."""
    from briefing.ingest.inputs import InputError, load_tasks
    from briefing.output.write import open_output
    from briefing.run.pipeline import summaries_of

    try:
        tasks = load_tasks(paths, standard_input(paths), limits)
        with (
            progress_bar(len(tasks), "Summarising", quiet) as advance,
            open_output(output) as handle,
        ):
            written = False
            for item in summaries_of(tasks, options, jobs=jobs):
                advance(1)
                if isinstance(item, Problem):
                    warn_skipped([item], True)
                    continue
                warn_loose([item])
                block = text_block(item)
                if block:
                    handle.write(("\n\n" if written else "") + block)
                    written = True
            if not written:
                warn_skipped([], False)
            handle.write("\n")
    except InputError as exc:
        raise Failure(str(exc), ExitCode.USAGE) from None
    except WorkerDied as exc:
        raise Failure(str(exc)) from None
    except OutputError as exc:
        raise Failure(str(exc)) from None


def warn(message: str) -> None:
    """One warning line on stderr; whatever it quotes from an input (a file
    name, a title, a server's words) is shown escaped, never obeyed."""
    click.echo(f"briefing: warning: {one_line(message)}", err=True)


def shown(path: object) -> str:
    """A path or name as one printable line."""
    return one_line(str(path))


def warn_skipped(problems: Sequence[Problem], anything_left: bool) -> None:
    for problem in problems:
        skipped = "skipped " if problem.skipped else ""
        warn(f"{skipped}{problem.source}: {problem.reason}")
    if not anything_left:
        raise Failure(nothing_read(problems))


def nothing_read(problems: Sequence[Problem]) -> str:
    """Why no article is left, in one line: the inputs were skipped (their
    warnings said why), or none held text in a format that is read."""
    from briefing.ingest.inputs import SUFFIXES

    if problems:
        many = len(problems) > 1
        return (
            f"no readable articles: {'every' if many else 'the'} input was skipped "
            f"({'see the warnings above' if many else problems[0].reason})"
        )
    return (
        "no readable articles: the input holds no sentences of text (briefing reads "
        f"{', '.join(s for s in SUFFIXES if s != '.msg')} files, folders of them and http(s) URLs)"
    )


@contextmanager
def progress_bar(total: int, label: str, quiet: bool):  # noqa: ANN201
    """A rich progress bar on stderr when it is a terminal; else nothing."""
    if quiet or not sys.stderr.isatty():
        yield lambda n=1: None
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as bar:
        task = bar.add_task(label, total=total)
        yield lambda n=1: bar.advance(task, n)


def refuse_output_onto(output: str, inputs: Sequence[str | Path]) -> None:
    """``-o`` naming one of the inputs (the same file, by any name or link)
    is a usage error: the briefing would replace what it was made from.
    Folders among ``inputs`` are searched as loading does."""
    from briefing.ingest.fetch import is_url
    from briefing.ingest.inputs import InputError, expand

    if output == "-":
        return
    try:
        target = os.stat(output)
    except (OSError, ValueError):
        return  # a new file (or one that cannot be written: the writer says why)
    if not stat.S_ISREG(target.st_mode):
        return  # a FIFO or device is written into, never replaced
    try:
        listed = expand([str(p) for p in inputs if str(p) != "-" and not is_url(str(p))])
    except InputError:
        return  # loading reports it
    named = {str(p) for p in inputs}
    for item in listed:
        try:
            same = item.path is not None and os.path.samefile(item.path, output)
        except (OSError, ValueError):
            continue
        if same and (item.label in named or not _made_here(output)):
            raise Failure(
                f"-o {shown(output)} is one of the inputs ({shown(item.label)}); "
                "write the briefing to another file",
                ExitCode.USAGE,
            )


def _made_here(path: str) -> bool:
    """A briefing this tool wrote (loading skips it in a folder, so it may be replaced)."""
    from briefing.model import MADE_BY

    try:
        with open(path, "rb") as handle:
            handle.seek(max(0, os.fstat(handle.fileno()).st_size - 2000))
            return MADE_BY.encode() in handle.read()
    except OSError:
        return False


def emit(text: str, output: str) -> None:
    """The command's output (whatever it quotes from inputs, escaped)."""
    try:
        write_output(printable(text), output)
    except OutputError as exc:
        raise Failure(str(exc)) from None


def read_json_document(path: Path, max_bytes: int) -> object:
    """A JSON file (or ``-``: standard input), bounded; one line on failure."""
    import json

    from briefing.ingest.inputs import read_bytes, reason

    try:
        if str(path) == "-":
            stream = standard_input(["-"])
            if stream is None:
                raise Failure("standard input is closed", ExitCode.USAGE)
            raw = stream.read(max_bytes + 1)
            if len(raw) > max_bytes:
                raise ValueError(f"larger than {max_bytes:,} bytes (the --max-bytes limit)")
        else:
            raw = read_bytes(path, max_bytes)
        return json.loads(raw.decode("utf-8-sig"))
    except Failure:
        raise
    except (OSError, ValueError) as exc:
        raise Failure(
            f"{path}: {reason(exc) if isinstance(exc, OSError) else _first_line(exc)}",
            ExitCode.USAGE,
        ) from None
    except RecursionError:
        raise Failure(f"{path}: nested too deeply to read", ExitCode.USAGE) from None


def _first_line(exc: Exception) -> str:
    import json

    if isinstance(exc, UnicodeDecodeError):
        return "not UTF-8 text"
    if isinstance(exc, json.JSONDecodeError):
        return f"not JSON ({exc.msg}, line {exc.lineno} column {exc.colno})"
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__


def reread_sources(
    entries: Sequence[dict], limits: InputLimits, allow_outside: bool = False
) -> dict[str, Article | None]:
    """Each listed article read again from its source, under its own id (None
    where that fails, with a warning). A URL source is fetched again only
    when ``limits.fetch`` (not with --no-fetch), and only from a public host
    unless ``allow_outside``: the JSON may come from someone else."""
    from briefing.ingest.fetch import Reach, is_url
    from briefing.ingest.inputs import fetch_all, read_again
    from briefing.ingest.sources import load_one

    def where(source: str) -> str:
        # An entry of a feed (or a mailbox) is "<file>#<n>": read the file, find the entry by
        # its (content) id. A one-article source keeps the id even if it changed.
        base, entry_no = source.rsplit("#", 1) if "#" in source else (source, "")
        return base if entry_no.isdigit() else source

    sources = [e.get("source") for e in entries]
    urls = {n: where(s) for n, s in enumerate(sources) if isinstance(s, str) and is_url(where(s))}
    reach = Reach(anywhere=allow_outside)
    fetched = fetch_all(urls, limits, reach) if limits.fetch else {}
    found: dict[str, Article | None] = {}
    for n, (entry, source) in enumerate(zip(entries, sources)):
        if not isinstance(source, str) or source == "-":
            warn(f"{entry['id']}: its source cannot be read again; judged from the JSON alone")
            found[entry["id"]] = None
            continue
        path = where(source)
        task = read_again(path, Path(path), entry["id"], limits, fetched.get(n))
        loaded = load_one(task)
        if isinstance(loaded, Problem):
            warn(f"{source}: {loaded.reason}; judged from the JSON alone")
            found[entry["id"]] = None
            continue
        by_id = {
            a.id: a
            for a in (loaded if isinstance(loaded, list) else [loaded])
            if isinstance(a, Article)
        }
        found[entry["id"]] = by_id.get(entry["id"])
        if found[entry["id"]] is None:
            warn(f"{source}: the entry is no longer there; judged from the JSON alone")
    return found


def load_plan(  # noqa: ANN201 - (Plan, list[Article])
    path: Path, limits: InputLimits, allow_outside: bool = False, output: str = "-"
):
    """A plan and its inputs, loaded under the ids the plan gave them. An
    input the plan may not name (outside its folder, an internal host) is
    refused with a warning each and never read, unless ``allow_outside``; one
    that vanished or changed since the plan was saved is a warning."""
    from briefing.ingest.inputs import read_bytes, reason
    from briefing.ingest.sources import load_one
    from briefing.output.plan import PlanError, digest, plan_tasks, read_plan
    from briefing.run.loading import once

    try:
        plan = read_plan(path)
    except PlanError as exc:
        raise Failure(f"plan {shown(path)}: {exc}", ExitCode.USAGE) from None
    tasks, refused = plan_tasks(plan, path.parent, limits, allow_outside=allow_outside)
    refuse_output_onto(output, [path, *(t.path for _, t in tasks if t.path is not None)])
    for problem in refused:
        warn(f"plan input {problem.source}: {problem.reason}; left out")
    outcomes: list[Article | Problem] = []
    for item, task in tasks:
        try:
            if task.problem is not None:
                raise ValueError(task.problem)
            data = task.data if task.data is not None else read_bytes(task.path, limits.max_bytes)
        except (OSError, ValueError) as exc:
            warn(f"plan input {item.path}: {reason(exc)}; left out")
            continue
        if item.sha256 and digest(data) != item.sha256:
            warn(f"plan input {item.path} changed since the plan was saved")
        loaded = load_one(task._replace(data=data))
        if isinstance(loaded, Problem):
            warn(f"plan input {item.path}: {loaded.reason}; left out")
        else:
            outcomes.extend(loaded if isinstance(loaded, list) else [loaded])  # a feed: every entry
    articles: list[Article] = []
    for outcome in once(outcomes):
        if isinstance(outcome, Problem):
            warn(f"plan input {outcome.source}: {outcome.reason}")
        else:
            articles.append(outcome)
    return plan, articles
