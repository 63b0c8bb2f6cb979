"""``briefing check``, ``briefing eval`` and ``briefing algorithms``: how
faithful and how good summaries are, and what each algorithm does."""

from __future__ import annotations

from pathlib import Path

import click

from briefing.cli.options import (
    allow_outside_option,
    limits_options,
    output_option,
)
from briefing.cli.runner import (
    ExitCode,
    Failure,
    emit,
    progress_bar,
    read_json_document,
    refuse_output_onto,
    reread_sources,
    warn,
)
from briefing.model import DEFAULT_ALGORITHM, MAX_SENTENCES, InputLimits


@click.command("eval")
@click.argument("pairs", type=click.Path(path_type=Path))
@click.option(
    "--algorithm",
    "-a",
    "algorithms",
    multiple=True,
    default=("all",),
    show_default=True,
    help="Algorithm to score (repeatable, or comma-separated); 'all' is every one plus LEAD-k; "
    "'lead' is the first k sentences.",
)
@click.option(
    "--sentences",
    "-n",
    type=click.IntRange(min=1, max=MAX_SENTENCES),
    default=None,
    help="Summary length. Default: as many sentences as each reference.",
)
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)
@click.option(
    "--half",
    type=click.Choice(["even", "odd"]),
    default=None,
    help="Score only the even or odd pairs (0-based), to check tuning on one half against the other.",
)
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@output_option
def eval_command(
    pairs: Path,
    algorithms: tuple[str, ...],
    sentences: int | None,
    fmt: str,
    half: str | None,
    quiet: bool,
    output: str,
) -> None:
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
        loaded = read_pairs(
            pairs,
            warn=lambda message: warn(f"skipped {message}"),
        )
    except EvalInputError as exc:
        raise Failure(str(exc), ExitCode.USAGE) from None
    if half:
        loaded = loaded[half == "odd" :: 2]
    with progress_bar(len(loaded), "Scoring", quiet) as advance:
        report = evaluate(loaded, names, sentences=sentences, progress=advance)
    for pair_id, reason in report.skipped:
        warn(f"skipped pair {pair_id}: {reason}")
    if fmt == "json":
        text = render_json(
            {"pairs": len(loaded), "half": half, "sentences": sentences, "results": report.rows()}
        )
    else:
        scope = f" ({half} half)" if half else ""
        text = f"{len(loaded) - len(report.skipped)} articles{scope}\n\n" + table(report)
    emit(text, output)


@click.command()
@click.argument(
    "briefing_json", metavar="FILE.json", type=click.Path(dir_okay=False, path_type=Path)
)
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@limits_options
@allow_outside_option
@output_option
def check(
    briefing_json: Path, fmt: str, limits: InputLimits, allow_outside: bool, output: str
) -> None:
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

    refuse_output_onto(output, [briefing_json])
    data = read_json_document(briefing_json, limits.max_bytes)
    try:
        entries = articles_of(data)
    except CheckInputError as exc:
        raise Failure(f"{briefing_json}: {exc}", ExitCode.USAGE) from None
    sources = reread_sources(entries, limits, allow_outside)
    assert isinstance(data, dict)  # articles_of accepted it: a briefing's or a summary's JSON
    result = check_data(data, sources, warn=warn)
    refs = {e["id"]: e.get("number", n) for n, e in enumerate(entries, start=1)}
    per_100 = rate(result.findings, result.shown)
    if fmt == "json":
        text = render_json(
            {
                "shown": result.shown,
                "misleading": len(result.findings),
                "per_100": round(per_100, 2),
                "findings": [
                    {
                        "kind": f.kind,
                        "where": f.where,
                        "article": f.sentence.article_id,
                        "ref": refs.get(f.sentence.article_id),
                        "index": f.sentence.index,
                        "text": f.sentence.text,
                    }
                    for f in result.findings
                ],
            }
        )
    else:
        lines = [
            f"{f.kind}: {f.where} [{refs.get(f.sentence.article_id)}] sentence {f.sentence.index}: "
            f"{f.sentence.text}"
            for f in result.findings
        ]
        lines.append(
            f"{len(result.findings)} of {result.shown} shown sentences would mislead read alone "
            f"({per_100:.1f} per 100)."
        )
        text = "\n".join(lines) + "\n"
    emit(text, output)
    if result.findings:
        raise SystemExit(ExitCode.FAILURE)


@click.command()
def algorithms() -> None:
    """List the summarization algorithms."""
    from briefing.summarizers.algorithms import DESCRIPTIONS, long_documents

    names = {
        name: name + (" (default)" if name == DEFAULT_ALGORITHM else "") for name in DESCRIPTIONS
    }
    width = max(map(len, names.values()))
    for name, shown in names.items():
        click.echo(f"{shown:<{width}}  {DESCRIPTIONS[name]}")
        click.echo(f"{'':<{width}}  {long_documents(name)}")
