"""The ``briefing`` command: a thin shell over the core.

Errors never show a traceback: one line on stderr saying what is wrong and
what to do, exit 2 for usage errors and 1 for failures.
"""

from __future__ import annotations

import math
import os
import re
import signal
import sys
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path

import click

from . import __version__
from .models import DEFAULT_ALGORITHM, DEFAULT_MAX_BYTES, DEFAULT_SENTENCES, Options
from .runner import ExitCode, Failure, emit, load_articles, progress_bar, stream_text, summarize_files


def _error(message: str) -> None:
    click.echo(f"briefing: error: {message}", err=True)


class BriefingGroup(click.Group):
    """Runs commands without click's standalone handling, so every error is
    reported the same way: one line, the right exit code."""

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None, **extra):  # type: ignore[override]
        extra.pop("standalone_mode", None)
        try:
            code = super().main(args, prog_name or "briefing", standalone_mode=False, **extra)
        except click.UsageError as exc:
            hint = f" (try '{exc.ctx.command_path} --help')" if exc.ctx else ""
            _error(f"{exc.format_message()}{hint}")
            sys.exit(ExitCode.USAGE)
        except Failure as exc:
            _error(str(exc))
            _quiet_exit(exc.code)
        except click.exceptions.Abort:
            _error("aborted")
            sys.exit(ExitCode.FAILURE)
        except click.ClickException as exc:
            _error(exc.format_message())
            sys.exit(exc.exit_code)
        except (KeyboardInterrupt, Interrupted):
            _error("interrupted")
            _quiet_exit(130)
        except Terminated:
            _error("terminated")
            _quiet_exit(143)
        except BrokenPipeError:
            _quiet_exit(ExitCode.FAILURE)
        except RecursionError:
            _error("the input is nested too deeply to process; simplify it")
            _quiet_exit(ExitCode.FAILURE)
        except MemoryError:
            _error("out of memory; try fewer or smaller inputs (--max-bytes)")
            _quiet_exit(ExitCode.FAILURE)
        _quiet_exit(code if isinstance(code, int) else ExitCode.OK)


class Terminated(BaseException):
    """SIGTERM, raised where the program is, so temporary files are removed
    and worker processes stopped on the way out."""


class Interrupted(BaseException):
    """SIGINT (Ctrl-C) as :class:`Terminated` (click would turn a
    KeyboardInterrupt into a blank line and "Aborted!")."""


def _on_signal(signum: int, frame: object) -> None:
    raise Terminated() if signum == signal.SIGTERM else Interrupted()


def _quiet_exit(code: int) -> None:
    """Exit without Python's own flush of standard output at shutdown
    printing a second, unformatted error (a closed pipe, /dev/full)."""
    try:
        if sys.stdout is not None:
            sys.stdout.flush()
    except OSError as exc:
        if code == ExitCode.OK and not isinstance(exc, BrokenPipeError):
            _error(f"cannot write standard output: {(exc.strerror or str(exc)).lower()}")
        code = code or ExitCode.FAILURE
        _discard_standard_output()
    sys.exit(code)


def _discard_standard_output() -> None:
    """What standard output still holds goes nowhere (Python's flush at
    exit would otherwise fail again, loudly)."""
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, fd)
    os.close(devnull)


# --------------------------------------------------------------------------
# Shared options.


def _check_algorithm(ctx: click.Context, param: click.Parameter, value: str) -> str:
    from .algorithms import NAMES

    if value.lower() not in NAMES:
        raise click.BadParameter(
            f"unknown algorithm {value!r}; choose one of {', '.join(NAMES)} (see 'briefing algorithms')"
        )
    return value.lower()


def _parse_date(ctx: click.Context, param: click.Parameter, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return datetime.strptime(value, "%Y-%m-%d").date()
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date; write it as YYYY-MM-DD, e.g. 2026-11-23") from None


def _check_ratio(ctx: click.Context, param: click.Parameter, value: float | None) -> float | None:
    if value is not None and not math.isfinite(value):
        raise click.BadParameter(f"{value} is not a share; give a number above 0 and at most 1, e.g. 0.2")
    return value


def length_options(func):  # noqa: ANN001, ANN201
    func = click.option(
        "--ratio", type=click.FloatRange(0, 1, min_open=True), default=None, callback=_check_ratio,
        help="Summary length as a share of each article's sentences (0-1], instead of --sentences.",
    )(func)
    func = click.option(
        "--sentences", "-n", type=click.IntRange(min=1), default=None,
        help=f"Sentences per article (and per live-page item). Default {DEFAULT_SENTENCES}.",
    )(func)
    func = click.option(
        "--algorithm", "-a", default=DEFAULT_ALGORITHM, show_default=True, callback=_check_algorithm,
        help="sumy summarizer (see 'briefing algorithms').",
    )(func)
    func = click.option(
        "--ranked", is_flag=True, help="List summary sentences best first instead of in document order.",
    )(func)
    return func


def briefing_options(func):  # noqa: ANN001, ANN201
    """--topic, --title, --date, --marking: shared by build and tui."""
    for option in reversed((
        click.option("--topic", "-t", "topics", multiple=True, help="A topic to brief on (repeatable)."),
        click.option("--title", help="The briefing's title. Default: 'News briefing', or the topics."),
        click.option("--date", "day", callback=_parse_date, default=None, metavar="YYYY-MM-DD",
                     help="The briefing's date. Default: today."),
        click.option("--marking", help='A protective marking shown at top and bottom, e.g. "OFFICIAL-SENSITIVE".'),
    )):
        func = option(func)
    return func


def paths_argument(func):  # noqa: ANN001, ANN201
    return click.argument("paths", nargs=-1, metavar="[PATH]...")(func)


JOBS_PER_CORE = 4
"""``--jobs`` above this many per core is capped (with a warning): each
worker costs memory (about 100 MB) and more than the cores only queue."""


def _check_jobs(ctx: click.Context, param: click.Parameter, value: int | None) -> int:
    cores = os.cpu_count() or 1
    if value is None:
        return cores
    cap = JOBS_PER_CORE * cores
    if value > cap:
        click.echo(f"briefing: warning: --jobs {value} is more than {cap} "
                   f"({JOBS_PER_CORE} per core on {cores} cores); using {cap}", err=True)
        return cap
    return value


jobs_option = click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, callback=_check_jobs,
                           help=f"Processes to summarise with (at most {JOBS_PER_CORE} per core). "
                                "Default: every core.")


def _parse_bytes(ctx: click.Context, param: click.Parameter, value: str | None) -> int:
    if value is None:
        return DEFAULT_MAX_BYTES
    match = re.fullmatch(r"\s*(\d{1,15})\s*([kKmMgG]?)[bB]?\s*", value)
    if not match or int(match.group(1)) == 0:
        raise click.BadParameter(f"{value!r} is not a size; write bytes, e.g. 50000000 or 50M")
    unit = {"": 1, "k": 10**3, "m": 10**6, "g": 10**9}[match.group(2).lower()]
    return int(match.group(1)) * unit


max_bytes_option = click.option(
    "--max-bytes", callback=_parse_bytes, default=None, metavar="SIZE",
    help=f"Read at most this much of each input (e.g. 200M); larger ones are skipped with a warning. "
         f"Default {DEFAULT_MAX_BYTES // 10**6}M.",
)


def output_option(func):  # noqa: ANN001, ANN201
    return click.option(
        "--output", "-o", metavar="FILE", default="-",
        help="Write to this file (atomically) instead of standard output.",
    )(func)


def make_options(algorithm: str, sentences: int | None, ratio: float | None, ranked: bool) -> Options:
    if sentences is not None and ratio is not None:
        raise click.UsageError("give --sentences or --ratio, not both")
    if ratio is not None:
        return Options(algorithm=algorithm, sentences=None, ratio=ratio, ranked=ranked)
    return Options(algorithm=algorithm, sentences=sentences or DEFAULT_SENTENCES, ranked=ranked)


# --------------------------------------------------------------------------
# Commands.


@click.group(cls=BriefingGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="briefing")
def cli() -> None:
    """Dated, cited briefings from news articles: every sentence verbatim
    from its source. With no PATH, the bundled sample articles are used."""


@cli.command()
@paths_argument
@briefing_options
@click.option("--topic-sentences", type=click.IntRange(min=1), default=5, show_default=True,
              help="Sentences per topic section.")
@click.option("--key-points", type=click.IntRange(min=0), default=4, show_default=True,
              help="Sentences in the 'Key points' block at the top (0: no block).")
@length_options
@click.option("--format", "fmt", type=click.Choice(["markdown", "json"]), default="markdown", show_default=True)
@click.option("--template", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Render with your own Jinja2 template (see README for its variables).")
@jobs_option
@max_bytes_option
@output_option
def build(paths: tuple[str, ...], topics: tuple[str, ...], title: str | None, day: date | None,
          marking: str | None, topic_sentences: int, key_points: int, algorithm: str, sentences: int | None,
          ratio: float | None, ranked: bool, fmt: str, template: Path | None, jobs: int, max_bytes: int,
          output: str) -> None:
    """Build a dated briefing: topic sections, article summaries, sources."""
    from .assemble import Request
    from .assemble import build as build_briefing
    from .render import TemplateProblem, briefing_data, render_json, render_markdown

    options = make_options(algorithm, sentences, ratio, ranked)
    if template is not None and not template.is_file():
        raise Failure(f"template {template}: no such file; check the --template path", ExitCode.USAGE)
    # Articles come back slimmed: summaries and the sentences that may concern a topic.
    summaries = summarize_files(paths, options, quiet=True, jobs=jobs, max_bytes=max_bytes, slim_for=topics)
    articles = [s.article for s in summaries]
    request = Request(
        today=day or date.today(), title=title, marking=marking,
        topics=topics, options=options, topic_sentences=topic_sentences, key_points=key_points,
    )
    briefing = build_briefing(articles, request, summaries=summaries)
    if fmt == "json":
        text = render_json(briefing_data(briefing))
    else:
        try:
            text = render_markdown(briefing, template)
        except TemplateProblem as exc:
            raise Failure(str(exc)) from None
    emit(text, output)


@cli.command()
@paths_argument
@length_options
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "json"]), default="text", show_default=True)
@jobs_option
@max_bytes_option
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@output_option
def summarize(paths: tuple[str, ...], algorithm: str, sentences: int | None, ratio: float | None,
              ranked: bool, fmt: str, jobs: int, max_bytes: int, quiet: bool, output: str) -> None:
    """Summarise each article: its best sentences, verbatim."""
    from .render import render_json, render_summaries_markdown, render_text, summaries_data

    options = make_options(algorithm, sentences, ratio, ranked)
    if fmt == "text":
        stream_text(paths, options, output, quiet=quiet, jobs=jobs, max_bytes=max_bytes)
        return
    summaries = summarize_files(paths, options, quiet=quiet, jobs=jobs, max_bytes=max_bytes, slim_for=())
    if fmt == "json":
        text = render_json(summaries_data(summaries, options.algorithm))
    elif fmt == "markdown":
        text = render_summaries_markdown(summaries, options.algorithm)
    else:
        text = render_text(summaries)
    emit(text, output)


@cli.command()
@paths_argument
@click.option("--limit", "-l", type=click.IntRange(min=1), default=15, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@max_bytes_option
@output_option
def topics(paths: tuple[str, ...], limit: int, fmt: str, max_bytes: int, output: str) -> None:
    """Suggest topics: the key phrases of the articles, ranked."""
    from .render import render_json
    from .topics import suggest

    suggestions = suggest(load_articles(paths, max_bytes), limit)
    if fmt == "json":
        text = render_json({"topics": [
            {"phrase": t.phrase, "score": t.score, "articles": t.articles, "mentions": t.mentions}
            for t in suggestions
        ]})
    else:
        width = max((len(t.phrase) for t in suggestions), default=0)
        text = "".join(
            f"{t.phrase:<{width}}  {t.articles} article{'s' if t.articles != 1 else ''}, {t.mentions} mentions\n"
            for t in suggestions
        )
    emit(text, output)


@cli.command()
@paths_argument
@briefing_options
@length_options
@max_bytes_option
def tui(paths: tuple[str, ...], topics: tuple[str, ...], title: str | None, day: date | None,
        marking: str | None, algorithm: str, sentences: int | None, ratio: float | None, ranked: bool,
        max_bytes: int) -> None:
    """Pick articles and topics interactively, preview the briefing, export it."""
    if ratio is not None:
        raise click.UsageError("the TUI sets the length in sentences; use --sentences, not --ratio")
    options = make_options(algorithm, sentences, ratio, ranked)
    if paths:
        from .sources import InputError, expand

        try:
            expand(paths)
        except InputError as exc:
            raise Failure(str(exc), ExitCode.USAGE) from None
    from .tui import create_app

    app = create_app(paths, today=day or date.today(), options=options, title=title,
                     marking=marking, topics=topics, max_bytes=max_bytes)
    app.run()
    return app.return_code or 0


@cli.command("eval")
@click.argument("pairs", type=click.Path(path_type=Path))
@click.option("--algorithm", "-a", "algorithms", multiple=True, default=("all",), show_default=True,
              help="Algorithm to score (repeatable, or comma-separated); 'all' is every one plus LEAD-k; "
                   "'lead' is the first k sentences.")
@click.option("--sentences", "-n", type=click.IntRange(min=1), default=None,
              help="Summary length. Default: as many sentences as each reference.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--half", type=click.Choice(["even", "odd"]), default=None,
              help="Score only the even or odd pairs (0-based), to check tuning on one half against the other.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@output_option
def eval_command(pairs: Path, algorithms: tuple[str, ...], sentences: int | None, fmt: str,
                 half: str | None, quiet: bool, output: str) -> None:
    """Score summarizers against reference summaries (ROUGE-1/2/L F1).

    ms/article is the summarising time per article with words already
    tokenised (tokenising is shared by every algorithm, so it is not charged
    to whichever runs first).

    PAIRS is a JSONL file of {"article", "summary"} objects, or a folder
    with article/ and summary/ holding files at the same relative paths.
    """
    from .algorithms import UnknownAlgorithm
    from .evaluate import EvalInputError, algorithm_names, evaluate, read_pairs, table
    from .render import render_json

    try:
        names = algorithm_names(algorithms)
    except UnknownAlgorithm as exc:
        raise click.BadParameter(str(exc), param_hint="'--algorithm'") from None
    try:
        loaded = read_pairs(pairs)
    except EvalInputError as exc:
        raise Failure(str(exc), ExitCode.USAGE) from None
    if half:
        loaded = loaded[half == "odd"::2]
    with progress_bar(len(loaded), "Scoring", quiet) as advance:
        report = evaluate(loaded, names, sentences=sentences, progress=advance)
    for pair_id, reason in report.skipped:
        click.echo(f"briefing: warning: skipped pair {pair_id}: {reason}", err=True)
    if fmt == "json":
        text = render_json({"pairs": len(loaded), "half": half, "sentences": sentences, "results": report.rows()})
    else:
        scope = f" ({half} half)" if half else ""
        text = f"{len(loaded) - len(report.skipped)} articles{scope}\n\n" + table(report)
    emit(text, output)


@cli.command()
def algorithms() -> None:
    """List the summarization algorithms."""
    from .algorithms import DESCRIPTIONS

    width = max(len(name) for name in DESCRIPTIONS)
    for name, description in DESCRIPTIONS.items():
        mark = " (default)" if name == DEFAULT_ALGORITHM else ""
        click.echo(f"{name:<{width}}  {description}{mark}")


ONE_MATHS_THREAD = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")
"""Set to 1 unless the user set them: every ranking multiplies one article's
small matrices, where BLAS threads only spin (summarising 1,000 files in one
process: the same wall time, 30% less CPU)."""


def main() -> None:
    for name in ONE_MATHS_THREAD:
        os.environ.setdefault(name, "1")
    signal.signal(signal.SIGTERM, _on_signal)
    signal.signal(signal.SIGINT, _on_signal)
    cli.main(prog_name="briefing")
