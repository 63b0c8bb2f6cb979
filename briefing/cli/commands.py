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
from briefing.cli.sending import send
from briefing.cli.summaries import summarize, topics


@click.group(cls=BriefingGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="briefing")
def cli() -> None:
    """Dated, cited briefings from news articles: every sentence verbatim
    from its source. With no PATH, the bundled sample articles are used."""


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
