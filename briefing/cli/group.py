"""The command group: every error one line on stderr (exit 2 for usage, 1
for failures), signals turned into a clean exit (143 SIGTERM, 130 SIGINT)."""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Sequence

import click

from briefing.cli.runner import ExitCode, Failure
from briefing.printable import one_line


def error(message: str) -> None:
    """One line on stderr; what it quotes from an input is shown escaped."""
    click.echo(f"briefing: error: {one_line(message)}", err=True)


class BriefingGroup(click.Group):
    """Runs commands without click's standalone handling, so every error is
    reported the same way: one line, the right exit code."""

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None, **extra):  # type: ignore[override]
        extra.pop("standalone_mode", None)
        try:
            code = super().main(args, prog_name or "briefing", standalone_mode=False, **extra)
        except click.UsageError as exc:
            hint = f" (try '{exc.ctx.command_path} --help')" if exc.ctx else ""
            error(f"{exc.format_message()}{hint}")
            sys.exit(ExitCode.USAGE)
        except Failure as exc:
            error(str(exc))
            _quiet_exit(exc.code)
        except click.exceptions.Abort:
            error("aborted")
            sys.exit(ExitCode.FAILURE)
        except click.ClickException as exc:
            error(exc.format_message())
            sys.exit(exc.exit_code)
        except (KeyboardInterrupt, Interrupted):
            error("interrupted")
            _quiet_exit(130)
        except Terminated:
            error("terminated")
            _quiet_exit(143)
        except BrokenPipeError:
            _quiet_exit(ExitCode.FAILURE)
        except RecursionError:
            error("the input is nested too deeply to process; simplify it")
            _quiet_exit(ExitCode.FAILURE)
        except MemoryError:
            error("out of memory; try fewer or smaller inputs (--max-bytes)")
            _quiet_exit(ExitCode.FAILURE)
        _quiet_exit(code if isinstance(code, int) else ExitCode.OK)


class Terminated(BaseException):
    """SIGTERM, raised where the program is, so temporary files are removed
    and worker processes stopped on the way out."""


class Interrupted(BaseException):
    """SIGINT (Ctrl-C) as :class:`Terminated` (click would turn a
    KeyboardInterrupt into a blank line and "Aborted!")."""


def on_signal(signum: int, frame: object) -> None:
    raise Terminated() if signum == signal.SIGTERM else Interrupted()


def _quiet_exit(code: int) -> None:
    """Exit without Python's own flush of standard output at shutdown
    printing a second, unformatted error (a closed pipe, /dev/full)."""
    try:
        if sys.stdout is not None:
            sys.stdout.flush()
    except OSError as exc:
        if code == ExitCode.OK and not isinstance(exc, BrokenPipeError):
            error(f"cannot write standard output: {(exc.strerror or str(exc)).lower()}")
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
