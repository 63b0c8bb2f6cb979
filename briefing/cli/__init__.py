"""The ``briefing`` command: a thin shell over the core (see commands.py).

Errors never show a traceback: one line on stderr saying what is wrong and
what to do, exit 2 for usage errors and 1 for failures.
"""

from briefing.cli.commands import cli, main
from briefing.cli.runner import ExitCode, Failure

__all__ = ["ExitCode", "Failure", "cli", "main"]
