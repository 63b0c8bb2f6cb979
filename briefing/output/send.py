"""Sending a briefing: one ``multipart/alternative`` message (the plain text
and the HTML briefing; a Word copy attached if asked) through SMTP, with
STARTTLS or SSL and a login. Where the server is and who logs in come from
the settings file or the environment (``BRIEFING_SMTP_*``), never the
command line; a refused
connection, login or recipient is one :class:`SendError` line, and nothing
is reported sent unless the server took it."""

from __future__ import annotations

import hashlib
import smtplib
import ssl
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import format_datetime
from datetime import datetime
from pathlib import Path

from briefing.model import Briefing
from briefing.printable import printable

SECURITY = ("starttls", "ssl", "none")
DOCX_TYPE = ("application", "vnd.openxmlformats-officedocument.wordprocessingml.document")


class SendError(Exception):
    """The message was not sent (one line for the user)."""


@dataclass(frozen=True)
class Server:
    host: str
    port: int
    security: str = "starttls"
    user: str | None = None
    password: str | None = None
    sender: str | None = None
    cafile: str | None = None
    """Certificates to trust besides the system's (an organisation's own CA)."""
    timeout: float = 30.0

    @classmethod
    def from_settings(cls, values: Mapping[str, object]) -> Server:
        """The server the settings name (``host``, ``port``, ``security``,
        ``user``, ``password``, ``from``, ``cafile``: checked where they were
        read, see :mod:`briefing.cli.settings`)."""
        host = str(values.get("host") or "").strip()
        if not host:
            raise SendError(
                "no mail server: set smtp.host in the settings file or BRIEFING_SMTP_HOST "
                '(see README, "Sending")'
            )
        security = str(values.get("security") or "starttls")
        if security not in SECURITY:
            raise SendError(f"the mail server's security must be one of {', '.join(SECURITY)}")
        port = values.get("port") or (465 if security == "ssl" else 587)

        def text(name: str) -> str | None:
            found = values.get(name)
            return str(found) if found else None

        return cls(
            host=host,
            port=int(str(port)),
            security=security,
            user=text("user"),
            password=text("password"),
            sender=text("from") or text("user"),
            cafile=text("cafile"),
        )


def default_subject(briefing: Briefing) -> str:
    """Marking, title and date: "OFFICIAL — Counter-terrorism — 1 December 2026"."""
    day = f"{briefing.date.day} {briefing.date:%B %Y}"
    return " — ".join(" ".join(p.split()) for p in (briefing.marking, briefing.title, day) if p)


def compose(
    briefing: Briefing,
    *,
    sender: str,
    to: Sequence[str],
    cc: Sequence[str] = (),
    subject: str | None = None,
    attach_docx: bool = False,
    templates: Path | None = None,
) -> EmailMessage:
    """The message: text and HTML alternatives of the briefing, a Word copy
    attached if asked (``templates``: the user's template folder). Its
    Message-ID comes from its content (the same briefing, the same message);
    the Date is set when it is sent."""
    from briefing.output.docx import render_docx
    from briefing.output.formats import template_in
    from briefing.output.html import render_html
    from briefing.output.text import render_text

    html = render_html(briefing, template_in(templates, "html"))
    attachment = None
    if attach_docx:
        attachment = (render_docx(briefing), f"briefing-{briefing.date.isoformat()}.docx")
    return _message(
        render_text(briefing),
        html,
        subject or default_subject(briefing),
        sender=sender,
        to=to,
        cc=cc,
        attachment=attachment,
    )


def compose_markdown(
    markdown: str,
    *,
    sender: str,
    to: Sequence[str],
    cc: Sequence[str] = (),
    subject: str | None = None,
) -> EmailMessage:
    """The message of a Markdown briefing as written (``briefing build``'s,
    perhaps edited by hand): the Markdown itself as the text, and its HTML
    (see :func:`briefing.output.html.markdown_html`). Default subject: the
    marking, title and date its opening lines show."""
    from briefing.output.html import markdown_html, markdown_parts

    marking, title, day = markdown_parts(markdown)
    subject = subject or " — ".join(p for p in (marking, title, day) if p) or "Briefing"
    text = printable(markdown_text(markdown))
    return _message(text, markdown_html(text, subject), subject, sender=sender, to=to, cc=cc)


def markdown_text(markdown: str) -> str:
    """The Markdown as sent for reading: without the line marking it as
    this tool's output (an HTML comment, hidden in Markdown, not in text)."""
    from briefing.model import MADE_BY

    lines = [line for line in markdown.splitlines() if not line.startswith(MADE_BY)]
    return "\n".join(lines).strip("\n") + "\n"


def _message(
    text: str,
    html: str,
    subject: str,
    *,
    sender: str,
    to: Sequence[str],
    cc: Sequence[str],
    attachment: tuple[bytes, str] | None = None,
) -> EmailMessage:
    message = EmailMessage()
    message["Subject"] = " ".join(subject.split())
    message["From"] = sender
    message["To"] = ", ".join(to)
    if cc:
        message["Cc"] = ", ".join(cc)
    digest = hashlib.sha256((text + html + "".join(to) + "".join(cc)).encode()).hexdigest()
    message["Message-ID"] = f"<{digest[:32]}@briefing>"
    message.set_content(text)
    message.add_alternative(html, subtype="html")
    if attachment is not None:
        message.make_mixed()
        message.add_attachment(
            attachment[0], maintype=DOCX_TYPE[0], subtype=DOCX_TYPE[1], filename=attachment[1]
        )
    for n, part in enumerate(p for p in message.walk() if p.is_multipart()):
        part.set_boundary(
            f"=={digest[:24]}.{n}=="
        )  # (random by default: the same message, the same bytes)
    return message


def send(message: EmailMessage, server: Server, now: datetime) -> list[str]:
    """Send ``message`` (dated ``now``) to its To and Cc; the recipients the
    server took. Raises :class:`SendError` when it took none, or refused
    the connection, TLS or the login."""
    if "Date" not in message:
        message["Date"] = format_datetime(now)
    context = ssl.create_default_context(cafile=server.cafile)
    where = f"{server.host}:{server.port}"
    try:
        if server.security == "ssl":
            client: smtplib.SMTP = smtplib.SMTP_SSL(
                server.host, server.port, timeout=server.timeout, context=context
            )
        else:
            client = smtplib.SMTP(server.host, server.port, timeout=server.timeout)
        with client:
            if server.security == "starttls":
                client.starttls(context=context)
            if server.user:
                _log_in(client, server.user, server.password or "")
            refused = client.send_message(message)
    except smtplib.SMTPAuthenticationError as exc:
        raise SendError(f"{where}: the login was refused ({_said(exc)})") from None
    except smtplib.SMTPRecipientsRefused as exc:
        names = ", ".join(sorted(exc.recipients))
        raise SendError(f"{where}: every recipient was refused ({names}); nothing sent") from None
    except smtplib.SMTPNotSupportedError as exc:
        raise SendError(f"{where}: {exc}; try security ssl (BRIEFING_SMTP_SECURITY=ssl)") from None
    except smtplib.SMTPException as exc:
        raise SendError(f"{where}: {type(exc).__name__}: {_said(exc)}; nothing sent") from None
    except ssl.SSLError as exc:
        raise SendError(f"{where}: TLS failed ({exc.reason or exc}); nothing sent") from None
    except OSError as exc:
        raise SendError(f"{where}: cannot reach the mail server ({exc.strerror or exc})") from None
    addresses = [
        a.strip() for field in ("To", "Cc") for a in str(message.get(field, "")).split(",")
    ]
    return [a for a in addresses if a and a not in refused]


def _log_in(client: smtplib.SMTP, user: str, password: str) -> None:
    """One login, PLAIN or LOGIN (over TLS), and no other tried after a
    refusal (smtplib's ``login`` tries each in turn; a server may then hang
    up, or wait, on the second)."""
    client.ehlo_or_helo_if_needed()
    offered = str(client.esmtp_features.get("auth", "")).upper().split()
    mechanism = next((m for m in ("PLAIN", "LOGIN") if m in offered), None)
    if mechanism is None:
        raise SendError(f"the server offers no login this tool can use ({' '.join(offered)})")
    client.user, client.password = user, password
    authobject = client.auth_plain if mechanism == "PLAIN" else client.auth_login
    client.auth(mechanism, authobject)


def _said(exc: smtplib.SMTPException) -> str:
    detail = getattr(exc, "smtp_error", b"")
    text = detail.decode("utf-8", "replace") if isinstance(detail, bytes) else str(detail or exc)
    return " ".join(text.split())[:200]
