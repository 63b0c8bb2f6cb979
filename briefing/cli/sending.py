"""``briefing send``: a briefing sent by e-mail (or the message written with
``--dry-run``): a Markdown briefing as written, a plan's briefing, or the
library's."""

from __future__ import annotations

import os
from datetime import date, datetime, timezone
from email.message import EmailMessage
from email.utils import parseaddr
from pathlib import Path

import click
from click.core import ParameterSource

from briefing.cli.library import library_selectors, published_options
from briefing.cli.options import (
    allow_outside_option,
    briefing_options,
    length_options,
    limits_options,
    make_options,
    make_spec,
    output_option,
    section_options,
)
from briefing.cli.runner import ExitCode, Failure, shown, warn
from briefing.model import InputLimits

MAX_MARKDOWN_BYTES = 10_000_000
"""A Markdown briefing larger than this is not sent (no mail server takes it)."""

BUILDS = (
    "topics",
    "title",
    "marking",
    "topic_sentences",
    "key_points",
    "algorithm",
    "sentences",
    "ratio",
    "ranked",
    "day",
    "new",
    "query",
    "since",
    "until",
    "repeat",
    "stories",
)
"""What makes a briefing: not for a Markdown file, which is sent as written."""


def _addresses(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> list[str]:
    found = []
    for value in values:
        for part in value.split(","):
            address = parseaddr(part.strip())[1]
            if not address or "@" not in address or any(c.isspace() for c in address):
                raise click.BadParameter(f"{part.strip()!r} is not an e-mail address")
            found.append(address)
    return found


@click.command()
@click.argument("markdown_path", metavar="[FILE.md]", required=False,
                type=click.Path(dir_okay=False, path_type=Path))  # fmt: skip
@click.option("--plan", "plan_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Send the briefing of this plan (made by the TUI).")  # fmt: skip
@library_selectors("Send the library's briefing", ", and record it there once sent", instead="")
@published_options
@click.option("--repeat", is_flag=True,
              help="With --library: show sentences an earlier briefing cited too.")  # fmt: skip
@click.option("--stories", is_flag=True,
              help="With --library: open with stories (each event's articles across sources).")  # fmt: skip
@briefing_options
@section_options
@length_options
@click.option("--to", "to", multiple=True, required=True, callback=_addresses,
              metavar="ADDRESS", help="A recipient (repeat, or separate with commas).")  # fmt: skip
@click.option("--cc", multiple=True, callback=_addresses, metavar="ADDRESS",
              help="A copy to (repeat, or separate with commas).")  # fmt: skip
@click.option("--subject", default=None, help="Default: the marking, title and date.")
@click.option("--attach", type=click.Choice(["docx"]), default=None,
              help="Attach the briefing as a Word document too.")  # fmt: skip
@click.option("--dry-run", is_flag=True,
              help="Write the message (.eml) to -o (or standard output) instead of sending it.")  # fmt: skip
@limits_options
@allow_outside_option
@output_option
@click.pass_context
def send(  # noqa: PLR0913 - every option of build's, for --library
    ctx: click.Context,
    markdown_path: Path | None,
    plan_path: Path | None,
    library_file: str | None,
    new: bool,
    query: str | None,
    since: date | None,
    until: date | None,
    repeat: bool,
    stories: bool,
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
    to: list[str],
    cc: list[str],
    subject: str | None,
    attach: str | None,
    dry_run: bool,
    limits: InputLimits,
    allow_outside: bool,
    output: str,
) -> None:
    """Send a briefing by e-mail, text and HTML in one message: FILE.md as
    written, a plan's briefing (--plan), or the library's (--library),
    through the mail server of the settings file or BRIEFING_SMTP_*."""
    from briefing.cli.settings import current
    from briefing.output.send import SendError, Server, compose, compose_markdown

    given = [markdown_path is not None, plan_path is not None, library_file is not None]
    if sum(given) != 1:
        raise Failure("give one of FILE.md, --plan FILE or --library", ExitCode.USAGE)
    if output != "-" and not dry_run:
        raise Failure("-o is for --dry-run (the message is written, not sent)", ExitCode.USAGE)
    if library_file is None and (new or repeat or query is not None or since or until):
        raise Failure(
            "--new, --query, --since, --until and --repeat are for the library: give --library",
            ExitCode.USAGE,
        )
    settings = current()
    server = None
    if not dry_run:
        try:
            server = Server.from_settings(settings.smtp(os.environ))
        except SendError as exc:
            raise Failure(str(exc), ExitCode.USAGE) from None
    sender = (server.sender if server else None) or str(
        settings["smtp.from"] or settings["smtp.user"] or "briefing@localhost"
    )

    def deliver(message: EmailMessage) -> None:
        _deliver(message, server, output, to, cc)

    def briefing_message(briefing) -> EmailMessage:  # noqa: ANN001 - a Briefing
        return compose(
            briefing,
            sender=sender,
            to=to,
            cc=cc,
            subject=subject,
            attach_docx=attach == "docx",
            templates=settings.templates(),
        )

    if markdown_path is not None:
        _refuse_building_options(ctx, attach)
        markdown = _read_markdown(markdown_path)
        deliver(compose_markdown(markdown, sender=sender, to=to, cc=cc, subject=subject))
    elif plan_path is not None:
        from briefing.cli.build import briefing_from_plan

        deliver(
            briefing_message(briefing_from_plan(ctx, plan_path, day, limits, allow_outside, "-"))
        )
    else:
        from briefing.cli.build import build_from_library

        options = make_options(algorithm, sentences, ratio, ranked)
        spec = make_spec(topics, title, marking, day, options, topic_sentences, key_points, stories)
        build_from_library(
            Path(library_file) if library_file else None,
            spec,
            new=new,
            query=query,
            since=since,
            until=until,
            jobs=os.cpu_count() or 1,
            repeat=repeat,
            show=lambda briefing: deliver(briefing_message(briefing)),
            keep=not dry_run,
        )


def _refuse_building_options(ctx: click.Context, attach: str | None) -> None:
    """A Markdown file is sent as written: nothing that makes a briefing
    may be given with it (a Word copy needs the briefing itself)."""
    for name in BUILDS:
        if ctx.get_parameter_source(name) == ParameterSource.COMMANDLINE:
            param = next(p for p in ctx.command.params if p.name == name)
            raise Failure(
                f"{max(param.opts, key=len)} is for --plan and --library: FILE.md is sent as "
                "written",
                ExitCode.USAGE,
            )
    if attach:
        raise Failure(
            "--attach docx needs --plan or --library (a Word copy is made from the briefing, "
            "not from its Markdown)",
            ExitCode.USAGE,
        )


def _read_markdown(path: Path) -> str:
    from briefing.ingest.inputs import read_text

    try:
        return read_text(path, MAX_MARKDOWN_BYTES, "a Markdown briefing")
    except ValueError as exc:
        raise Failure(f"{shown(path)}: {exc}") from None


def _deliver(
    message: EmailMessage,
    server,
    output: str,
    to: list[str],
    cc: list[str],  # noqa: ANN001
) -> None:
    """Write the message (``server`` None: a dry run) or send it; say to
    whom it went, and warn of each recipient the server refused."""
    from briefing.output.send import SendError
    from briefing.output.send import send as send_message
    from briefing.output.write import OutputError, write_binary

    if server is None:
        try:
            write_binary(message.as_bytes(), output)
        except OutputError as exc:
            raise Failure(str(exc)) from None
        return
    try:
        took = send_message(message, server, datetime.now(timezone.utc))
    except SendError as exc:
        raise Failure(str(exc)) from None
    for address in [a for a in [*to, *cc] if a not in took]:
        warn(f"{address}: refused by the server; not sent to it")
    click.echo(f"sent to {', '.join(took)}")
