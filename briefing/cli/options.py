"""Options shared by the commands, and their checks."""

from __future__ import annotations

import functools
import math
import os
import re
from datetime import date, datetime

import click
from click.core import ParameterSource

from briefing.model import (
    DEFAULT_ALGORITHM,
    DEFAULT_KEY_POINTS,
    DEFAULT_TOPIC_SENTENCES,
    MAX_KEY_POINTS,
    MAX_TOPIC_SENTENCES,
    DEFAULT_MAX_BYTES,
    DEFAULT_MAX_SECONDS,
    DEFAULT_SENTENCES,
    MAX_SENTENCES,
    InputLimits,
    Options,
    Plan,
)


def _check_algorithm(ctx: click.Context, param: click.Parameter, value: str) -> str:
    from briefing.summarizers.algorithms import NAMES

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
        raise click.BadParameter(
            f"{value!r} is not a date; write it as YYYY-MM-DD, e.g. 2026-11-23"
        ) from None


parse_date_option = _parse_date
"""The --date / --since / --until parser (one line on a bad date)."""


def _check_ratio(ctx: click.Context, param: click.Parameter, value: float | None) -> float | None:
    if value is not None and not math.isfinite(value):
        raise click.BadParameter(
            f"{value} is not a share; give a number above 0 and at most 1, e.g. 0.2"
        )
    return value


def length_options(func):  # noqa: ANN001, ANN201
    func = click.option(
        "--ratio",
        type=click.FloatRange(0, 1, min_open=True),
        default=None,
        callback=_check_ratio,
        help="Summary length as a share of each article's sentences (0-1], instead of --sentences.",
    )(func)
    func = click.option(
        "--sentences",
        "-n",
        type=click.IntRange(min=1, max=MAX_SENTENCES),
        default=None,
        help=f"Sentences per article (and per live-page item). Default {DEFAULT_SENTENCES}.",
    )(func)
    func = click.option(
        "--algorithm",
        "-a",
        default=DEFAULT_ALGORITHM,
        show_default=True,
        callback=_check_algorithm,
        help="sumy summarizer (see 'briefing algorithms').",
    )(func)
    func = click.option(
        "--ranked",
        is_flag=True,
        help="List summary sentences best first instead of in document order.",
    )(func)
    return func


def briefing_options(func):  # noqa: ANN001, ANN201
    """--topic, --title, --date, --marking: shared by build and tui."""
    for option in reversed(
        (
            click.option(
                "--topic", "-t", "topics", multiple=True, help="A topic to brief on (repeatable)."
            ),
            click.option(
                "--title", help="The briefing's title. Default: 'News briefing', or the topics."
            ),
            click.option(
                "--date",
                "day",
                callback=_parse_date,
                default=None,
                metavar="YYYY-MM-DD",
                help="The briefing's date. Default: today.",
            ),
            click.option(
                "--marking",
                help='A protective marking shown at top and bottom, e.g. "OFFICIAL-SENSITIVE".',
            ),
        )
    ):
        func = option(func)
    return func


def section_options(func):  # noqa: ANN001, ANN201
    """--topic-sentences and --key-points: shared by build and send."""
    func = click.option(
        "--key-points",
        type=click.IntRange(min=0, max=MAX_KEY_POINTS),
        default=DEFAULT_KEY_POINTS,
        show_default=True,
        help="Sentences in the 'Key points' block at the top (0: no block).",
    )(func)
    return click.option(
        "--topic-sentences",
        type=click.IntRange(min=1, max=MAX_TOPIC_SENTENCES),
        default=DEFAULT_TOPIC_SENTENCES,
        show_default=True,
        help="Sentences per topic section.",
    )(func)


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
        click.echo(
            f"briefing: warning: --jobs {value} is more than {cap} "
            f"({JOBS_PER_CORE} per core on {cores} cores); using {cap}",
            err=True,
        )
        return cap
    return value


jobs_option = click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=None,
    callback=_check_jobs,
    help=f"Processes to summarise with (at most {JOBS_PER_CORE} per core). Default: every core.",
)


def _parse_bytes(ctx: click.Context, param: click.Parameter, value: str | None) -> int:
    if value is None:
        return DEFAULT_MAX_BYTES
    match = re.fullmatch(r"\s*(\d{1,15})\s*([kKmMgG]?)[bB]?\s*", value)
    if not match or int(match.group(1)) == 0:
        raise click.BadParameter(f"{value!r} is not a size; write bytes, e.g. 50000000 or 50M")
    unit = {"": 1, "k": 10**3, "m": 10**6, "g": 10**9}[match.group(2).lower()]
    return int(match.group(1)) * unit


MAX_SECONDS_LIMIT = 1_000_000
"""The largest --max-seconds (11 days; the system timer takes no more)."""


def _check_seconds(ctx: click.Context, param: click.Parameter, value: float | None) -> float:
    if value is None:
        return DEFAULT_MAX_SECONDS
    if not math.isfinite(value) or not 0 < value <= MAX_SECONDS_LIMIT:
        raise click.BadParameter(
            f"{value:g} is not a time limit; give seconds above 0 and at most "
            f"{MAX_SECONDS_LIMIT:,}, e.g. 600"
        )
    return value


def _check_timeout(ctx: click.Context, param: click.Parameter, value: float | None) -> float | None:
    """None when not given: the fetcher's own default (20 s), not --max-seconds's."""
    return None if value is None else _check_seconds(ctx, param, value)


allow_outside_option = click.option(
    "--allow-outside",
    is_flag=True,
    help="Read what a plan (or a briefing's JSON) names outside its own folder, and web pages "
    "on internal hosts (loopback, private): only for a plan you trust.",
)


def limits_options(command):  # noqa: ANN001, ANN201
    """--max-bytes, --max-seconds, --timeout and --no-fetch, given to the
    command as one ``limits`` (:class:`briefing.model.InputLimits`)."""

    @functools.wraps(command)
    def with_limits(
        *args, max_bytes: int, max_seconds: float, timeout: float | None, no_fetch: bool, **kwargs
    ):  # noqa: ANN002, ANN003, ANN202
        return command(
            *args, limits=InputLimits(max_bytes, max_seconds, timeout, fetch=not no_fetch), **kwargs
        )

    func = click.option(
        "--no-fetch",
        is_flag=True,
        help="Don't follow a feed entry's link for its full text when the feed carries only a summary "
        "(the summary is used).",
    )(with_limits)
    func = click.option(
        "--timeout",
        type=float,
        default=None,
        callback=_check_timeout,
        metavar="SECONDS",
        help="Time one URL may take to fetch (connecting and reading); a slower one is skipped with a "
        "warning. Default 20.",
    )(func)
    func = click.option(
        "--max-seconds",
        type=float,
        default=None,
        callback=_check_seconds,
        metavar="SECONDS",
        help=f"Time one input may take to read and summarise; a slower one is skipped with a warning. "
        f"Default {DEFAULT_MAX_SECONDS:g}.",
    )(func)
    return click.option(
        "--max-bytes",
        callback=_parse_bytes,
        default=None,
        metavar="SIZE",
        help=f"Read at most this much of each input (e.g. 200M); larger ones are skipped with a warning. "
        f"Default {DEFAULT_MAX_BYTES // 10**6}M.",
    )(func)


def output_option(func):  # noqa: ANN001, ANN201
    return click.option(
        "--output",
        "-o",
        metavar="FILE",
        default="-",
        help="Write to this file (atomically) instead of standard output.",
    )(func)


def make_spec(
    topics: tuple[str, ...],
    title: str | None,
    marking: str | None,
    day: date | None,
    options: Options,
    topic_sentences: int,
    key_points: int,
    stories: bool = False,
) -> Plan:
    """The flags as the same spec a plan file holds (checked once, in Plan)."""
    return Plan(
        stories=stories,
        topics=tuple(topics),
        title=title or "",
        marking=marking or "",
        day=day,
        options=options,
        topic_sentences=topic_sentences,
        key_points=key_points,
    )


def make_options(
    algorithm: str, sentences: int | None, ratio: float | None, ranked: bool
) -> Options:
    if sentences is not None and ratio is not None:
        ctx = click.get_current_context(silent=True)
        if ctx is None or ctx.get_parameter_source("sentences") != ParameterSource.DEFAULT_MAP:
            raise click.UsageError("give --sentences or --ratio, not both")
        sentences = None  # the settings file's count gives way to --ratio
    if ratio is not None:
        return Options(algorithm=algorithm, sentences=None, ratio=ratio, ranked=ranked)
    return Options(algorithm=algorithm, sentences=sentences or DEFAULT_SENTENCES, ranked=ranked)
