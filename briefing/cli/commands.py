"""The ``briefing`` commands: thin shells over the core."""

from __future__ import annotations

import os
import signal
from datetime import date
from pathlib import Path

import click

from briefing import __version__
from briefing.cli.group import BriefingGroup, Terminated, on_signal
from briefing.cli.options import (
    briefing_options,
    jobs_option,
    length_options,
    limits_options,
    make_options,
    output_option,
    parse_date_option,
    paths_argument,
)
from briefing.cli.runner import (
    ExitCode,
    Failure,
    emit,
    load_articles,
    progress_bar,
    read_json_document,
    reread_sources,
    stream_text,
    summarize_files,
)
from briefing.model import DEFAULT_ALGORITHM, InputLimits

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
@limits_options
@click.option("--plan", "plan_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Rebuild from a plan file (made by the TUI): its inputs, choices and edits. "
                   "Only --date, --format, --template and -o may be given with it.")
@click.option("--since", callback=parse_date_option, default=None, metavar="YYYY-MM-DD",
              help="Only articles published on or after this date (undated ones are kept, with a warning).")
@click.option("--until", callback=parse_date_option, default=None, metavar="YYYY-MM-DD",
              help="Only articles published on or before this date (undated ones are kept, with a warning).")
@output_option
@click.pass_context
def build(ctx: click.Context, paths: tuple[str, ...], topics: tuple[str, ...], title: str | None,
          day: date | None, marking: str | None, topic_sentences: int, key_points: int, algorithm: str,
          sentences: int | None, ratio: float | None, ranked: bool, fmt: str, template: Path | None, jobs: int,
          limits: InputLimits, plan_path: Path | None, since: date | None,
          until: date | None, output: str) -> None:
    """Build a dated briefing: topic sections, article summaries, sources."""
    from briefing.compose.assemble import Request
    from briefing.compose.assemble import build as build_briefing
    from briefing.output.render import (
        TemplateProblem,
        briefing_data,
        render_json,
        render_markdown,
    )

    if template is not None and not template.is_file():
        raise Failure(f"template {template}: no such file; check the --template path", ExitCode.USAGE)
    if plan_path is not None:
        briefing = _build_from_plan(ctx, plan_path, day, limits)
    else:
        options = make_options(algorithm, sentences, ratio, ranked)
        # Articles come back slimmed: summaries and the sentences that may concern a topic.
        summaries = summarize_files(paths, options, quiet=True, jobs=jobs, limits=limits, slim_for=topics)
        if since is not None or until is not None:
            from briefing.compose.assemble import published_between

            summaries, left_out, undated = published_between(summaries, since, until)
            if undated:
                click.echo(f"briefing: warning: {undated} article{'s have' if undated > 1 else ' has'} no "
                           "published date; kept", err=True)
            if left_out:
                click.echo(f"briefing: {left_out} article{'s' if left_out > 1 else ''} published outside "
                           "the dates left out", err=True)
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


PLAN_HOLDS = ("paths", "topics", "title", "marking", "topic_sentences", "key_points", "algorithm", "sentences",
              "ratio", "ranked")
"""What a plan decides: not to be given beside ``--plan``."""


def _build_from_plan(ctx: click.Context, plan_path: Path, day: date | None, limits: InputLimits):  # noqa: ANN202
    from click.core import ParameterSource

    from briefing.cli.runner import load_plan
    from briefing.compose.assemble import from_plan

    given = [name for name in PLAN_HOLDS if ctx.get_parameter_source(name) not in
             (ParameterSource.DEFAULT, ParameterSource.DEFAULT_MAP, None)]
    if given:
        param = next(p for p in ctx.command.params if p.name == given[0])
        flag = "PATH" if given[0] == "paths" else max(param.opts, key=len)
        raise Failure(f"{flag} cannot be given with --plan: the plan holds it (change it in the TUI "
                      "or in the plan file)", ExitCode.USAGE)
    plan, articles = load_plan(plan_path, limits)
    if not articles and plan.articles:
        raise Failure(f"plan {plan_path}: none of its inputs could be read")
    return from_plan(plan, articles, day or plan.day or date.today(),
                     warn=lambda message: click.echo(f"briefing: warning: {message}", err=True))


@cli.command()
@paths_argument
@length_options
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "json"]), default="text", show_default=True)
@jobs_option
@limits_options
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@output_option
def summarize(paths: tuple[str, ...], algorithm: str, sentences: int | None, ratio: float | None,
              ranked: bool, fmt: str, jobs: int, limits: InputLimits, quiet: bool,
              output: str) -> None:
    """Summarise each article: its best sentences, verbatim."""
    from briefing.output.render import (
        render_json,
        render_summaries_markdown,
        render_text,
        summaries_data,
    )

    options = make_options(algorithm, sentences, ratio, ranked)
    if fmt == "text":
        stream_text(paths, options, output, quiet=quiet, jobs=jobs, limits=limits)
        return
    summaries = summarize_files(paths, options, quiet=quiet, jobs=jobs, limits=limits, slim_for=())
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
@limits_options
@output_option
def topics(paths: tuple[str, ...], limit: int, fmt: str, limits: InputLimits,
           output: str) -> None:
    """Suggest topics: the key phrases of the articles, ranked."""
    from briefing.compose.topics import suggest
    from briefing.output.render import render_json

    suggestions = suggest(load_articles(paths, limits), limit)
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
@limits_options
@click.option("--plan", "plan_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Open this plan (created when missing) and save every change to it as you work.")
def tui(paths: tuple[str, ...], topics: tuple[str, ...], title: str | None, day: date | None,
        marking: str | None, algorithm: str, sentences: int | None, ratio: float | None, ranked: bool,
        limits: InputLimits, plan_path: Path | None) -> None:
    """Pick articles and topics interactively, preview the briefing, export it."""
    if ratio is not None:
        raise click.UsageError("the TUI sets the length in sentences; use --sentences, not --ratio")
    options = make_options(algorithm, sentences, ratio, ranked)
    if paths:
        from briefing.ingest.inputs import InputError, expand

        try:
            expand(paths)
        except InputError as exc:
            raise Failure(str(exc), ExitCode.USAGE) from None
    from briefing.output.plan import PlanError
    from briefing.tui import create_app

    resume = None
    if plan_path is None:  # kept in the user's state folder; the last one is offered at start
        plan_path = last_plan_path()
        if plan_path.exists():
            resume, plan_path = plan_path, plan_path.with_name("current-plan.toml")
    try:
        app = create_app(paths, today=day or date.today(), options=options, title=title,
                         marking=marking, topics=topics, limits=limits,
                         plan_path=plan_path, resume=resume)
    except PlanError as exc:
        raise Failure(f"plan {plan_path}: {exc}", ExitCode.USAGE) from None
    # SIGTERM closes the app as quitting does (the terminal is restored), then exits 143.
    terminated = []
    previous = signal.signal(signal.SIGTERM, lambda signum, frame: terminated.append(app.exit(143)))
    try:
        result = app.run()
        if result == "resume" and resume is not None:
            app = create_app((), today=day or date.today(), limits=limits,
                             plan_path=resume)
            app.run()
        elif resume is not None and plan_path.exists():
            plan_path.replace(resume)  # this session's plan is the last one now
    finally:
        signal.signal(signal.SIGTERM, previous)
    if terminated:
        raise Terminated()
    return app.return_code or 0


def last_plan_path() -> Path:
    """Where the TUI keeps its plan when no --plan is given."""
    from platformdirs import user_state_path

    folder = user_state_path("briefing")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        pass  # saving will say why, once
    return folder / "last-plan.toml"


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
    from briefing.output.render import render_json
    from briefing.run.evaluate import (
        EvalInputError,
        algorithm_names,
        evaluate,
        read_pairs,
        table,
    )
    from briefing.summarizers.algorithms import UnknownAlgorithm

    try:
        names = algorithm_names(algorithms)
    except UnknownAlgorithm as exc:
        raise click.BadParameter(str(exc), param_hint="'--algorithm'") from None
    try:
        loaded = read_pairs(pairs, warn=lambda message: click.echo(f"briefing: warning: skipped {message}", err=True))
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
@click.argument("briefing_json", metavar="FILE.json", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@limits_options
@output_option
def check(briefing_json: Path, fmt: str, limits: InputLimits,
          output: str) -> None:
    """List shown sentences that would mislead read alone.

    FILE.json is the JSON of 'briefing build' or 'briefing summarize' (- for
    standard input). Each article's source is read again to see the
    sentences around the shown ones. A sentence misleads alone when it lost
    its speaker, is half a quotation, ends in ':' without what it
    introduces, or leans on a sentence not shown before it. Exit 1 when any
    does, 0 when none.
    """
    from briefing.compose.checking import CheckInputError, articles_of, check_data
    from briefing.output.render import render_json
    from briefing.summarizers.coherence import rate

    data = read_json_document(briefing_json, limits.max_bytes)
    try:
        entries = articles_of(data)
    except CheckInputError as exc:
        raise Failure(f"{briefing_json}: {exc}", ExitCode.USAGE) from None
    sources = reread_sources(entries, limits)
    result = check_data(data, sources, warn=lambda message: click.echo(f"briefing: warning: {message}", err=True))
    refs = {e["id"]: e.get("number", n) for n, e in enumerate(entries, start=1)}
    per_100 = rate(result.findings, result.shown)
    if fmt == "json":
        text = render_json({
            "shown": result.shown, "misleading": len(result.findings), "per_100": round(per_100, 2),
            "findings": [{"kind": f.kind, "where": f.where, "article": f.sentence.article_id,
                          "ref": refs.get(f.sentence.article_id), "index": f.sentence.index,
                          "text": f.sentence.text} for f in result.findings],
        })
    else:
        lines = [f"{f.kind}: {f.where} [{refs.get(f.sentence.article_id)}] sentence {f.sentence.index}: "
                 f"{f.sentence.text}" for f in result.findings]
        lines.append(f"{len(result.findings)} of {result.shown} shown sentences would mislead read alone "
                     f"({per_100:.1f} per 100).")
        text = "\n".join(lines) + "\n"
    emit(text, output)
    if result.findings:
        raise SystemExit(ExitCode.FAILURE)


@cli.command()
def algorithms() -> None:
    """List the summarization algorithms."""
    from briefing.summarizers.algorithms import DESCRIPTIONS, long_documents

    names = {name: name + (" (default)" if name == DEFAULT_ALGORITHM else "") for name in DESCRIPTIONS}
    width = max(map(len, names.values()))
    for name, shown in names.items():
        click.echo(f"{shown:<{width}}  {DESCRIPTIONS[name]}")
        click.echo(f"{'':<{width}}  {long_documents(name)}")


ONE_MATHS_THREAD = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")
"""Set to 1 unless the user set them: every ranking multiplies one article's
small matrices, where BLAS threads only spin (summarising 1,000 files in one
process: the same wall time, 30% less CPU)."""


def main() -> None:
    for name in ONE_MATHS_THREAD:
        os.environ.setdefault(name, "1")
    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    cli.main(prog_name="briefing")
