"""The ``briefing`` command group: each command is a thin shell over the core,
in a module of its own (build, summaries, interactive, checks)."""

from __future__ import annotations

import os
import signal

import click

from briefing import __version__
from briefing.cli.build import build
from briefing.cli.checks import algorithms, check, eval_command
from briefing.cli.group import BriefingGroup, on_signal
from briefing.cli.interactive import tui
from briefing.cli.library import (
    add,
    library_command,
    list_command,
    search,
    subscribe,
    subscriptions,
    unsubscribe,
    update,
)
from briefing.cli.runner import ExitCode, Failure
from briefing.cli.sending import send
from briefing.cli.settings import CONFIG_ENV, CONFIG_NAME, SettingsError, config_command, load
from briefing.cli.summaries import summarize, topics


@click.group(cls=BriefingGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="briefing")
@click.option(
    "--config",
    "config_file",
    metavar="FILE",
    default=None,
    help=f"Settings file (default: {CONFIG_ENV}, else {CONFIG_NAME} in the user config folder; "
    "see 'briefing config').",
)
@click.pass_context
def cli(ctx: click.Context, config_file: str | None) -> None:
    """Dated, cited briefings from news articles: every sentence verbatim
    from its source. With no PATH, the bundled sample articles are used."""
    try:
        settings = load(config_file, os.environ)
    except SettingsError as exc:
        raise Failure(str(exc), ExitCode.USAGE) from None
    ctx.obj = settings
    ctx.default_map = settings.default_map()


for _command in (
    build,
    summarize,
    topics,
    tui,
    eval_command,
    check,
    algorithms,
    add,
    search,
    list_command,
    library_command,
    subscribe,
    unsubscribe,
    subscriptions,
    update,
    send,
    config_command,
):
    cli.add_command(_command)


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
