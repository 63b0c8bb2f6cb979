"""``briefing summarize`` and ``briefing topics``: per-article summaries, suggested topics."""

from __future__ import annotations

import click

from briefing.cli.options import (
    jobs_option,
    length_options,
    limits_options,
    make_options,
    output_option,
    paths_argument,
)
from briefing.cli.runner import (
    Failure,
    emit,
    load_articles,
    refuse_output_onto,
    stream_text,
    summarize_files,
)
from briefing.model import InputLimits


@click.command()
@paths_argument
@length_options
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "markdown", "json"]),
    default="text",
    show_default=True,
)
@jobs_option
@limits_options
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@output_option
def summarize(
    paths: tuple[str, ...],
    algorithm: str,
    sentences: int | None,
    ratio: float | None,
    ranked: bool,
    fmt: str,
    jobs: int,
    limits: InputLimits,
    quiet: bool,
    output: str,
) -> None:
    """Summarise each article: its best sentences, verbatim."""
    from briefing.output.render import (
        render_json,
        render_summaries_markdown,
        render_text,
        summaries_data,
    )

    options = make_options(algorithm, sentences, ratio, ranked)
    refuse_output_onto(output, paths or ())
    if fmt == "text":
        stream_text(paths, options, output, quiet=quiet, jobs=jobs, limits=limits)
        return
    summaries = summarize_files(paths, options, quiet=quiet, jobs=jobs, limits=limits, slim_for=())
    if fmt == "json":
        text = render_json(summaries_data(summaries, options.algorithm))
    elif fmt == "markdown":
        from briefing.cli.settings import current
        from briefing.output.formats import template_in
        from briefing.output.render import TemplateProblem

        mine = template_in(current().templates(), "summaries")
        try:
            text = render_summaries_markdown(summaries, options.algorithm, mine)
        except TemplateProblem as exc:
            raise Failure(str(exc)) from None
    else:
        text = render_text(summaries)
    emit(text, output)


@click.command()
@paths_argument
@click.option("--limit", "-l", type=click.IntRange(min=1), default=15, show_default=True)
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@limits_options
@output_option
def topics(paths: tuple[str, ...], limit: int, fmt: str, limits: InputLimits, output: str) -> None:
    """Suggest topics: the key phrases of the articles, ranked."""
    from briefing.compose.topics import suggest
    from briefing.output.render import render_json

    refuse_output_onto(output, paths)
    suggestions = suggest(load_articles(paths, limits), limit)
    if fmt == "json":
        text = render_json(
            {
                "topics": [
                    {
                        "phrase": t.phrase,
                        "score": t.score,
                        "articles": t.articles,
                        "mentions": t.mentions,
                    }
                    for t in suggestions
                ]
            }
        )
    else:
        width = max((len(t.phrase) for t in suggestions), default=0)
        text = "".join(
            f"{t.phrase:<{width}}  {t.articles} article{'s' if t.articles != 1 else ''}, {t.mentions} mentions\n"
            for t in suggestions
        )
    emit(text, output)
