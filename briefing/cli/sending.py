"""``briefing send``: build a plan's briefing and send it by e-mail (or
write the message with ``--dry-run``)."""

from __future__ import annotations

import os
from datetime import date, datetime, timezone
from email.utils import parseaddr
from pathlib import Path

import click

from briefing.cli.options import (
    allow_outside_option,
    limits_options,
    output_option,
    parse_date_option,
)
from briefing.cli.runner import ExitCode, Failure, warn
from briefing.model import InputLimits


def _addresses(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> list[str]:
    found = []
    for value in values:
        for part in value.split(","):
            name, address = parseaddr(part.strip())
            if not address or "@" not in address or any(c.isspace() for c in address):
                raise click.BadParameter(f"{part.strip()!r} is not an e-mail address")
            found.append(address)
    return found


@click.command()
@click.option(
    "--plan",
    "plan_path",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="The plan (made by the TUI) whose briefing is sent.",
)
@click.option("--to", "to", multiple=True, required=True, callback=_addresses,
              metavar="ADDRESS", help="A recipient (repeat, or separate with commas).")  # fmt: skip
@click.option("--cc", multiple=True, callback=_addresses, metavar="ADDRESS",
              help="A copy to (repeat, or separate with commas).")  # fmt: skip
@click.option("--subject", default=None, help="Default: the marking, title and date.")
@click.option("--attach", type=click.Choice(["docx"]), default=None,
              help="Attach the briefing as a Word document too.")  # fmt: skip
@click.option("--dry-run", is_flag=True,
              help="Write the message (.eml) to -o (or standard output) instead of sending it.")  # fmt: skip
@click.option("--date", "day", callback=parse_date_option, default=None, metavar="YYYY-MM-DD",
              help="The briefing's date (default: the plan's, else today).")  # fmt: skip
@limits_options
@allow_outside_option
@output_option
@click.pass_context
def send(
    ctx: click.Context,
    plan_path: Path,
    to: list[str],
    cc: list[str],
    subject: str | None,
    attach: str | None,
    dry_run: bool,
    day: date | None,
    limits: InputLimits,
    allow_outside: bool,
    output: str,
) -> None:
    """Send a plan's briefing: text and HTML in one message, through the
    mail server the environment names (BRIEFING_SMTP_*)."""
    from briefing.cli.build import briefing_from_plan
    from briefing.output.send import SendError, Server, compose
    from briefing.output.send import send as send_message
    from briefing.output.write import OutputError, write_binary

    if output != "-" and not dry_run:
        raise Failure("-o is for --dry-run (the message is written, not sent)", ExitCode.USAGE)
    server = None
    if not dry_run:
        try:
            server = Server.from_environment(os.environ)
        except SendError as exc:
            raise Failure(str(exc), ExitCode.USAGE) from None
    briefing = briefing_from_plan(ctx, plan_path, day, limits, allow_outside, "-")
    sender = (server.sender if server else None) or os.environ.get(
        "BRIEFING_SMTP_FROM", "briefing@localhost"
    )
    message = compose(
        briefing, sender=sender, to=to, cc=cc, subject=subject, attach_docx=attach == "docx"
    )
    if dry_run:
        try:
            write_binary(message.as_bytes(), output)
        except OutputError as exc:
            raise Failure(str(exc)) from None
        return
    assert server is not None
    try:
        took = send_message(message, server, datetime.now(timezone.utc))
    except SendError as exc:
        raise Failure(str(exc)) from None
    refused = [a for a in [*to, *cc] if a not in took]
    for address in refused:
        warn(f"{address}: refused by the server; not sent to it")
    click.echo(f"sent to {', '.join(took)}")
