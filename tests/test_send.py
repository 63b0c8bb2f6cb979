"""``briefing send`` (issue 22): the message, written with --dry-run, and
sent to a real SMTP server on 127.0.0.1 (aiosmtpd) with STARTTLS and a
throwaway certificate (trustme), a refused login and refused recipients."""

from __future__ import annotations

import email
import email.policy
import os
import subprocess
import sys

import pytest
from conftest import briefing
from test_plan import make_plan


def _send(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("BRIEFING_SMTP_")}
    return subprocess.run(
        [sys.executable, "-m", "briefing", "send", *args],
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
        env={**clean, **(env or {})},
    )


def test_dry_run_writes_one_message_with_text_html_and_word(tmp_path):
    plan = make_plan(tmp_path)
    out = tmp_path / "b.eml"
    made = _send("--plan", str(plan), "--to", "desk@example.org, chief@example.org",
                 "--cc", "file@example.org", "--attach", "docx", "--dry-run", "-o", str(out))  # fmt: skip
    assert made.returncode == 0, made.stderr
    data = out.read_bytes()
    message = email.message_from_bytes(data, policy=email.policy.default)
    assert message["Subject"].startswith("OFFICIAL — ") and message["Subject"].endswith(
        "— 24 November 2026"
    )
    assert message["To"] == "desk@example.org, chief@example.org"
    assert message["Cc"] == "file@example.org" and message["Date"] is None
    assert message.get_content_type() == "multipart/mixed"
    alternative, attachment = message.iter_parts()
    assert alternative.get_content_type() == "multipart/alternative"
    text, html = alternative.iter_parts()
    assert text.get_content_type() == "text/plain" and "Sources" in text.get_content()
    assert html.get_content().startswith("<!DOCTYPE html>")
    assert attachment.get_filename() == "briefing-2026-11-24.docx"
    assert attachment.get_content()[:2] == b"PK"
    again = _send("--plan", str(plan), "--to", "desk@example.org, chief@example.org",
                  "--cc", "file@example.org", "--attach", "docx", "--dry-run", "-o", str(out))  # fmt: skip
    assert again.returncode == 0 and out.read_bytes() == data  # the same message, byte for byte


def test_usage_errors_are_one_line(tmp_path):
    plan = make_plan(tmp_path)
    bad = _send("--plan", str(plan), "--to", "not an address", "--dry-run")
    assert bad.returncode == 2 and "not an e-mail address" in bad.stderr
    no_server = _send("--plan", str(plan), "--to", "desk@example.org")
    assert no_server.returncode == 2 and "BRIEFING_SMTP_HOST" in no_server.stderr
    assert "--password" not in briefing("send", "--help").stdout  # never on the command line


class _Mailbox:
    """An SMTP server on 127.0.0.1 that requires STARTTLS and a login, and
    refuses any recipient at nowhere.example."""

    def __init__(self, tmp_path) -> None:
        import ssl

        import trustme
        from aiosmtpd.controller import Controller
        from aiosmtpd.smtp import AuthResult

        self.ca = trustme.CA()
        cert = self.ca.issue_cert("127.0.0.1", "localhost")
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        cert.configure_cert(context)
        self.cafile = tmp_path / "ca.pem"
        self.ca.cert_pem.write_to_path(str(self.cafile))
        self.received: list[tuple[list[str], bytes]] = []
        outer = self

        class Handler:
            async def handle_RCPT(self, server, session, envelope, address, options):  # noqa: N802
                if address.endswith("@nowhere.example"):
                    return "550 5.1.1 no such mailbox"
                envelope.rcpt_tos.append(address)
                return "250 OK"

            async def handle_DATA(self, server, session, envelope):  # noqa: N802
                outer.received.append((list(envelope.rcpt_tos), envelope.original_content))
                return "250 Message accepted"

        def authenticate(server, session, envelope, mechanism, auth_data):  # noqa: ANN001
            ok = auth_data.login == b"analyst" and auth_data.password == b"s3cret"
            return AuthResult(success=ok, handled=False)  # (handled: the server answers 535)

        import socket

        with socket.socket() as probe:  # a free port (aiosmtpd's start checks it can connect)
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.controller = Controller(
            Handler(),
            hostname="127.0.0.1",
            port=self.port,
            tls_context=context,
            require_starttls=True,
            auth_required=True,
            authenticator=authenticate,
        )
        self.controller.start()

    def env(self, password: str = "s3cret") -> dict[str, str]:
        return {
            "BRIEFING_SMTP_HOST": "127.0.0.1",
            "BRIEFING_SMTP_PORT": str(self.port),
            "BRIEFING_SMTP_SECURITY": "starttls",
            "BRIEFING_SMTP_USER": "analyst",
            "BRIEFING_SMTP_PASSWORD": password,
            "BRIEFING_SMTP_FROM": "analyst@example.org",
            "BRIEFING_SMTP_CAFILE": str(self.cafile),
        }

    def close(self) -> None:
        self.controller.stop()


@pytest.fixture
def mailbox(tmp_path):
    box = _Mailbox(tmp_path)
    yield box
    box.close()


def test_send_through_starttls_with_a_login(tmp_path, mailbox):
    plan = make_plan(tmp_path)
    sent = _send("--plan", str(plan), "--to", "desk@example.org", "--cc", "file@example.org",
                 env=mailbox.env())  # fmt: skip
    assert sent.returncode == 0, sent.stderr
    assert sent.stdout.strip() == "sent to desk@example.org, file@example.org"
    [(recipients, raw)] = mailbox.received
    assert recipients == ["desk@example.org", "file@example.org"]
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert message["From"] == "analyst@example.org" and message["Date"] is not None
    assert message.get_content_type() == "multipart/alternative"


def test_a_refused_login_and_refused_recipients_are_one_line_each(tmp_path, mailbox):
    plan = make_plan(tmp_path)
    wrong = _send("--plan", str(plan), "--to", "desk@example.org", env=mailbox.env("wrong"))
    assert wrong.returncode == 1 and "login was refused" in wrong.stderr
    assert len(wrong.stderr.strip().splitlines()) == 1 and "sent to" not in wrong.stdout
    nobody = _send("--plan", str(plan), "--to", "ghost@nowhere.example", env=mailbox.env())
    assert nobody.returncode == 1 and "every recipient was refused" in nobody.stderr
    assert "sent to" not in nobody.stdout
    some = _send("--plan", str(plan), "--to", "desk@example.org, ghost@nowhere.example",
                 env=mailbox.env())  # fmt: skip
    assert some.returncode == 0 and some.stdout.strip() == "sent to desk@example.org"
    assert "ghost@nowhere.example: refused by the server" in some.stderr
    assert mailbox.received and not any("ghost" in r for rs, _ in mailbox.received for r in rs)


def test_a_server_that_is_not_there_is_one_line(tmp_path):
    import socket

    plan = make_plan(tmp_path)
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    gone = _send("--plan", str(plan), "--to", "desk@example.org",
                 env={"BRIEFING_SMTP_HOST": "127.0.0.1", "BRIEFING_SMTP_PORT": str(port)})  # fmt: skip
    assert gone.returncode == 1 and "cannot reach the mail server" in gone.stderr
    assert len(gone.stderr.strip().splitlines()) == 1
