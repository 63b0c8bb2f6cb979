"""Sending a briefing: one ``multipart/alternative`` message (the plain text
and the HTML briefing; a Word copy attached if asked) through SMTP, with
STARTTLS or SSL and a login. Where the server is and who logs in come from
the environment (``BRIEFING_SMTP_*``), never the command line; a refused
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

from briefing.model import Briefing

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
    def from_environment(cls, env: Mapping[str, str]) -> Server:
        """BRIEFING_SMTP_HOST (required), _PORT (587, or 465 with SSL),
        _SECURITY (starttls, ssl, none), _USER, _PASSWORD, _FROM, _CAFILE."""
        host = env.get("BRIEFING_SMTP_HOST", "").strip()
        if not host:
            raise SendError('no mail server: set BRIEFING_SMTP_HOST (see README, "Sending")')
        security = env.get("BRIEFING_SMTP_SECURITY", "starttls").strip().lower()
        if security not in SECURITY:
            raise SendError(f"BRIEFING_SMTP_SECURITY must be one of {', '.join(SECURITY)}")
        default_port = 465 if security == "ssl" else 587
        try:
            port = int(env.get("BRIEFING_SMTP_PORT", default_port))
        except ValueError:
            raise SendError("BRIEFING_SMTP_PORT must be a number") from None
        return cls(
            host=host,
            port=port,
            security=security,
            user=env.get("BRIEFING_SMTP_USER") or None,
            password=env.get("BRIEFING_SMTP_PASSWORD") or None,
            sender=env.get("BRIEFING_SMTP_FROM") or env.get("BRIEFING_SMTP_USER") or None,
            cafile=env.get("BRIEFING_SMTP_CAFILE") or None,
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
) -> EmailMessage:
    """The message: text and HTML alternatives of the briefing, a Word copy
    attached if asked. Its Message-ID comes from its content (the same
    briefing, the same message); the Date is set when it is sent."""
    from briefing.output.docx import render_docx
    from briefing.output.html import render_html
    from briefing.output.text import render_text

    message = EmailMessage()
    message["Subject"] = " ".join((subject or default_subject(briefing)).split())
    message["From"] = sender
    message["To"] = ", ".join(to)
    if cc:
        message["Cc"] = ", ".join(cc)
    text, html = render_text(briefing), render_html(briefing)
    digest = hashlib.sha256((text + html + "".join(to) + "".join(cc)).encode()).hexdigest()
    message["Message-ID"] = f"<{digest[:32]}@briefing>"
    message.set_content(text)
    message.add_alternative(html, subtype="html")
    if attach_docx:
        message.make_mixed()
        message.add_attachment(
            render_docx(briefing),
            maintype=DOCX_TYPE[0],
            subtype=DOCX_TYPE[1],
            filename=f"briefing-{briefing.date.isoformat()}.docx",
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
        raise SendError(f"{where}: {exc}; try BRIEFING_SMTP_SECURITY=ssl") from None
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
