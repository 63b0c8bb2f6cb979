"""``briefing build``: a dated briefing from inputs, or rebuilt from a plan."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timezone
from pathlib import Path

import click

from briefing.cli.library import library_selectors
from briefing.cli.options import (
    allow_outside_option,
    briefing_options,
    jobs_option,
    length_options,
    limits_options,
    make_options,
    make_spec,
    output_option,
    parse_date_option,
    paths_argument,
    section_options,
)
from briefing.cli.runner import (
    ExitCode,
    Failure,
    emit,
    refuse_output_onto,
    summarize_files,
    warn_loose,
    warn,
)
from briefing.model import (
    Briefing,
    Edits,
    InputLimits,
    Plan,
)
from briefing.output.formats import SUFFIXES


@click.command()
@paths_argument
@briefing_options
@section_options
@length_options
@click.option(
    "--format",
    "fmt",
    type=click.Choice(list(SUFFIXES)),
    default="markdown",
    show_default=True,
)
@click.option(
    "--template",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Render with your own Jinja2 template (see README for its variables).",
)
@jobs_option
@limits_options
@click.option(
    "--plan",
    "plan_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Rebuild from a plan file (made by the TUI): its inputs, choices and edits. "
    "Only --date, --format, --template and -o may be given with it.",
)
@allow_outside_option
@click.option(
    "--since",
    callback=parse_date_option,
    default=None,
    metavar="YYYY-MM-DD",
    help="Only articles published on or after this date (undated ones are kept, with a warning).",
)
@click.option(
    "--until",
    callback=parse_date_option,
    default=None,
    metavar="YYYY-MM-DD",
    help="Only articles published on or before this date (undated ones are kept, with a warning).",
)
@library_selectors("Build from the library", ", and record the briefing there")
@click.option(
    "--stories",
    is_flag=True,
    help="Open the briefing with stories: the articles about one event, grouped across "
    "sources, each with a summary and a timeline.",
)
@click.option(
    "--repeat",
    is_flag=True,
    help="With --library: show sentences an earlier briefing cited too (left out by default).",
)
@output_option
@click.pass_context
def build(
    ctx: click.Context,
    paths: tuple[str, ...],
    topics: tuple[str, ...],
    title: str | None,
    day: date | None,
    marking: str | None,
    topic_sentences: int,
    key_points: int,
    algorithm: str,
    sentences: int | None,
    ratio: float | None,
    ranked: bool,
    fmt: str,
    template: Path | None,
    jobs: int,
    limits: InputLimits,
    plan_path: Path | None,
    allow_outside: bool,
    since: date | None,
    until: date | None,
    library_file: str | None,
    new: bool,
    query: str | None,
    stories: bool,
    repeat: bool,
    output: str,
) -> None:
    """Build a dated briefing: topic sections, article summaries, sources."""
    from briefing.compose.assemble import Request
    from briefing.compose.assemble import build as build_briefing

    if template is not None and not template.is_file():
        raise Failure(
            f"template {template}: no such file; check the --template path", ExitCode.USAGE
        )
    if library_file is None and (new or repeat or query is not None):
        raise Failure(
            "--new, --query and --repeat are for the library: give --library", ExitCode.USAGE
        )
    if plan_path is not None:
        briefing = briefing_from_plan(
            ctx, plan_path, day, limits, allow_outside, output, library_file
        )
        warn_loose(briefing.summaries)
    else:
        options = make_options(algorithm, sentences, ratio, ranked)
        spec = make_spec(topics, title, marking, day, options, topic_sentences, key_points, stories)
        if library_file is not None:
            if paths:
                raise Failure(
                    "PATH cannot be given with --library: the library is read", ExitCode.USAGE
                )
            build_from_library(
                Path(library_file) if library_file else None,
                spec,
                new=new,
                query=query,
                since=since,
                until=until,
                jobs=jobs,
                repeat=repeat,
                show=lambda briefing: _render_and_emit(briefing, fmt, template, output),
            )
            return
        refuse_output_onto(output, paths)
        # Articles come back slimmed: summaries and the sentences that may concern a topic.
        summaries = summarize_files(  # (stories read whole articles: none slimmed)
            paths,
            options,
            quiet=True,
            jobs=jobs,
            limits=limits,
            slim_for=None if stories else topics,
        )
        if since is not None or until is not None:
            from briefing.compose.assemble import published_between

            summaries, left_out, undated = published_between(summaries, since, until)
            if undated:
                warn(
                    f"{undated} article{'s have' if undated > 1 else ' has'} no published date; kept"
                )
            if left_out:
                click.echo(
                    f"briefing: {left_out} article{'s' if left_out > 1 else ''} published outside "
                    "the dates left out",
                    err=True,
                )
        articles = [s.article for s in summaries]
        briefing = build_briefing(articles, Request.of(spec, date.today()), summaries=summaries)
    _render_and_emit(briefing, fmt, template, output)


def build_from_library(
    path: Path | None,
    spec: Plan,
    *,
    new: bool,
    query: str | None,
    since: date | None,
    until: date | None,
    jobs: int,
    repeat: bool,
    show: Callable[[Briefing], None],
    keep: bool = True,
) -> None:
    """The briefing of the library's articles (``new``: added since the
    last briefing recorded; ``query``: a search), shown, then recorded
    (unless not ``keep``: ``send --dry-run``)."""
    from briefing.cli.library import opened
    from briefing.compose.assemble import Request
    from briefing.compose.assemble import build as build_briefing
    from briefing.run.library import briefed_before, chosen_from, library_summaries, record

    started = datetime.now(timezone.utc)  # what is added while this runs is new next time
    with opened(path, create=False) as library:
        articles = chosen_from(
            library,
            new=new,
            query=query,
            since=since.isoformat() if since else None,
            until=until.isoformat() if until else None,
        )
        if spec.stories:  # the stories these continue, and every outlet's copy
            from briefing.run.library import story_articles

            articles = story_articles(
                library,
                articles,
                copied_after=library.last_briefing_at() if new else None,
                language=spec.options.language,
            )
        if not articles:
            last = library.last_briefing_at()
            click.echo(
                f"briefing: nothing new since the last briefing{f' ({last})' if last else ''}"
                if new
                else "briefing: no article in the library matches",
                err=True,
            )
            return
        edits = Edits()
        if not repeat:  # new sentences only: what an earlier briefing of this library cited
            articles, edits = briefed_before(library, articles)
        summaries = library_summaries(library, articles, spec.options, edits, jobs=jobs)
        warn_loose(summaries)
        briefing = build_briefing(
            articles, Request.of(spec, date.today()), summaries=summaries, edits=edits
        )
        show(briefing)
        if not keep:
            return
        if library.read_only:
            warn(f"library {library.path} is read-only: this briefing is not recorded")
        else:  # recorded once written: --new then starts after it
            record(library, briefing, started)


def _render_and_emit(briefing: Briefing, fmt: str, template: Path | None, output: str) -> None:
    import sys

    from briefing.cli.settings import current
    from briefing.output.formats import TEMPLATED, rendered, template_in
    from briefing.output.html import GMAIL_CLIPS
    from briefing.output.render import TemplateProblem
    from briefing.output.write import OutputError, write_binary

    if template is not None and fmt not in TEMPLATED:
        raise Failure("--template is for markdown and html", ExitCode.USAGE)
    template = template or template_in(current().templates(), fmt)
    if fmt == "docx" and output == "-" and sys.stdout is not None and sys.stdout.isatty():
        raise Failure("a Word document is not for a terminal: give -o FILE.docx", ExitCode.USAGE)
    try:
        made = rendered(briefing, fmt, template)
    except TemplateProblem as exc:
        raise Failure(str(exc)) from None
    if isinstance(made, bytes):
        try:
            write_binary(made, output)
        except OutputError as exc:
            raise Failure(str(exc)) from None
        return
    if fmt == "html" and len(made.encode("utf-8")) > GMAIL_CLIPS:
        warn(
            f"the HTML is {len(made.encode('utf-8')) // 1000} KB: Gmail clips a message "
            "above about 100 KB (fewer articles or sentences make it smaller)"
        )
    emit(made, output)


PLAN_HOLDS = (
    "paths",
    "stories",
    "topics",
    "title",
    "marking",
    "topic_sentences",
    "key_points",
    "algorithm",
    "sentences",
    "ratio",
    "ranked",
)
"""What a plan decides: not to be given beside ``--plan``."""


def briefing_from_plan(  # noqa: ANN202
    ctx: click.Context,
    plan_path: Path,
    day: date | None,
    limits: InputLimits,
    allow_outside: bool,
    output: str,
    library_file: str | None = None,
):
    """The briefing a plan file describes (``build --plan``, ``send``): its
    inputs read again, or its documents from the reader's library; an option
    the plan decides (:data:`PLAN_HOLDS`) given beside it is a usage error."""
    from click.core import ParameterSource

    from briefing.cli.runner import load_plan
    from briefing.run.briefs import brief_from_plan

    given = [
        name
        for name in PLAN_HOLDS
        if ctx.get_parameter_source(name)
        not in (ParameterSource.DEFAULT, ParameterSource.DEFAULT_MAP, None)
    ]
    if given:
        param = next(p for p in ctx.command.params if p.name == given[0])
        flag = "PATH" if given[0] == "paths" else max(param.opts, key=len)
        raise Failure(
            f"{flag} cannot be given with --plan: the plan holds it (change it in the TUI "
            "or in the plan file)",
            ExitCode.USAGE,
        )
    plan, articles = load_plan(plan_path, limits, allow_outside, output)
    if plan.from_library:  # its articles are documents of the reader's own library
        from briefing.cli.library import opened
        from briefing.run.library import documents

        with opened(Path(library_file) if library_file else None, create=False) as library:
            articles, missing = documents(library, plan.articles)
        for document in missing:
            warn(f"plan article {document}: not in this library; left out")
    if not articles and plan.articles:
        raise Failure(f"plan {plan_path}: none of its inputs could be read")
    return brief_from_plan(
        plan,
        articles,
        day or plan.day or date.today(),
        warn=warn,
    )
