"""``briefing send`` (issue 22): the message, written with --dry-run, and
sent to a real SMTP server on 127.0.0.1 (aiosmtpd) with STARTTLS and a
throwaway certificate (trustme), a refused login and refused recipients."""

from __future__ import annotations

import email
import email.policy
import os
import subprocess
import sys

import nh3
import pytest
from hypothesis import given
from hypothesis import strategies as st
from conftest import briefing
from test_outputs import ALLOWED, ATTRIBUTES, _body
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


def test_a_markdown_briefing_is_sent_as_written_and_safe(tmp_path):
    import lxml.html

    made = briefing("build", "--marking", "OFFICIAL", "--date", "2026-12-01", "--topic",
                    "MI5", "-o", str(tmp_path / "b.md"))  # fmt: skip
    assert made.returncode == 0, made.stderr
    written = (tmp_path / "b.md").read_text()
    hostile = (
        "\n\n## Analyst's additions\n\n<script>alert(1)</script> and <b>bold</b>\n\n"
        "[click](javascript:alert(1)) [file](file:///etc/passwd) [site](https://example.org/x)\n"
        "\x1b[31mred\x1b[0m\n"
    )
    (tmp_path / "b.md").write_text(written + hostile)
    out = tmp_path / "b.eml"
    sent = _send(str(tmp_path / "b.md"), "--to", "desk@example.org", "--dry-run", "-o", str(out))
    assert sent.returncode == 0, sent.stderr
    message = email.message_from_bytes(out.read_bytes(), policy=email.policy.default)
    assert message["Subject"] == "OFFICIAL — Briefing: MI5 — 1 December 2026"
    text, html = message.iter_parts()
    assert text.get_content().startswith("**OFFICIAL**\n\n# Briefing: MI5\n")
    assert "made by briefing" not in text.get_content()  # the hidden marker line is not sent
    page = html.get_content()
    doc = lxml.html.document_fromstring(page)
    assert not list(doc.iter("script")) and not list(doc.iter("b"))
    assert "<script>alert(1)</script>" in doc.text_content()  # shown as text, not run
    hrefs = [a.get("href") for a in doc.iter("a")]
    assert "https://example.org/x" in hrefs
    assert not any(h and h.startswith(("javascript:", "file:")) for h in hrefs)
    assert "\x1b" not in page
    body = _body(page)
    assert nh3.clean(body, tags=ALLOWED | {"strong", "em", "blockquote"}, attributes=ATTRIBUTES,
                     link_rel=None) == body  # fmt: skip
    for line in written.splitlines():  # every sentence of the briefing is in the HTML
        if line.startswith("- ") and "[" in line:
            sentence = line[2:].rsplit(" [", 1)[0].replace("\\", "")
            assert " ".join(sentence.split()) in " ".join(doc.text_content().split())
    # Options that make a briefing are not for a written one, nor a Word copy.
    topic = _send(str(tmp_path / "b.md"), "--to", "d@example.org", "--dry-run", "--topic", "x")
    assert topic.returncode == 2 and "--topic is for --plan and --library" in topic.stderr
    word = _send(str(tmp_path / "b.md"), "--to", "d@example.org", "--dry-run", "--attach", "docx")
    assert word.returncode == 2 and "needs --plan or --library" in word.stderr
    both = _send(str(tmp_path / "b.md"), "--plan", "x.toml", "--to", "d@example.org")
    assert both.returncode == 2 and "give one of FILE.md, --plan FILE or --library" in both.stderr
    (tmp_path / "latin.md").write_bytes(b"# Caf\xe9\n")
    latin = _send(str(tmp_path / "latin.md"), "--to", "d@example.org", "--dry-run")
    assert latin.returncode == 1 and "not UTF-8" in latin.stderr


def test_send_the_librarys_new_articles_recorded_only_once_sent(tmp_path, mailbox):
    from conftest import SEEDS

    library = tmp_path / "lib.sqlite3"
    seeds = [str(p) for p in sorted(SEEDS.glob("*.txt"))[:2]]
    assert briefing("add", *seeds, "--library", str(library), "--quiet").returncode == 0
    args = ("--library", str(library), "--new", "--to", "desk@example.org", "--marking", "OFFICIAL")
    dry = _send(*args, "--dry-run", "-o", str(tmp_path / "m.eml"))
    assert dry.returncode == 0, dry.stderr
    message = email.message_from_bytes(
        (tmp_path / "m.eml").read_bytes(), policy=email.policy.default
    )
    assert message["Subject"].startswith("OFFICIAL — News briefing — ")
    again = _send(*args, "--dry-run")  # a dry run records nothing: still new
    assert again.returncode == 0 and again.stdout.startswith("Subject:")
    sent = _send(*args, env=mailbox.env())
    assert sent.returncode == 0 and sent.stdout.strip() == "sent to desk@example.org", sent.stderr
    assert len(mailbox.received) == 1
    after = _send(*args, env=mailbox.env())  # sent once: nothing new now
    assert after.returncode == 0 and "nothing new since the last briefing" in after.stderr
    assert len(mailbox.received) == 1


def test_the_mail_server_from_the_settings_file_and_the_password_from_its_variable(
    tmp_path, mailbox
):
    plan = make_plan(tmp_path)
    config = tmp_path / "settings.toml"
    config.write_text(
        f'[smtp]\nhost = "127.0.0.1"\nport = {mailbox.port}\nuser = "analyst"\n'
        f'from = "Desk <desk@example.org>"\ncafile = "{mailbox.cafile.name}"\n'
        'password_env = "DESK_MAIL_SECRET"\n'
    )
    ok = subprocess.run(
        [sys.executable, "-m", "briefing", "--config", str(config), "send", "--plan", str(plan),
         "--to", "chief@example.org"],
        capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL,
        env={**os.environ, "DESK_MAIL_SECRET": "s3cret"},
    )  # fmt: skip
    assert ok.returncode == 0 and ok.stdout.strip() == "sent to chief@example.org", ok.stderr
    [(_, raw)] = mailbox.received
    assert email.message_from_bytes(raw, policy=email.policy.default)["From"] == (
        "Desk <desk@example.org>"
    )
    # The file's variable, not BRIEFING_SMTP_PASSWORD, holds the password.
    wrong = subprocess.run(
        [sys.executable, "-m", "briefing", "--config", str(config), "send", "--plan", str(plan),
         "--to", "chief@example.org"],
        capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL,
        env={**os.environ, "BRIEFING_SMTP_PASSWORD": "s3cret"},
    )  # fmt: skip
    assert wrong.returncode == 1 and "login was refused" in wrong.stderr


def _plain_server(tmp_path, *, ssl_wrapped: bool):
    """An SMTP server with no STARTTLS: plain, or behind implicit TLS (SSL)."""
    import socket
    import ssl

    import trustme
    from aiosmtpd.controller import Controller

    received = []

    class Handler:
        async def handle_DATA(self, server, session, envelope):  # noqa: N802
            received.append(envelope.original_content)
            return "250 OK"

    ca = trustme.CA()
    context = None
    if ssl_wrapped:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        ca.issue_cert("127.0.0.1").configure_cert(context)
    cafile = tmp_path / "ssl-ca.pem"
    ca.cert_pem.write_to_path(str(cafile))
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(Handler(), hostname="127.0.0.1", port=port, ssl_context=context)
    controller.start()
    return controller, port, cafile, received


def test_ssl_from_the_start_and_a_server_without_starttls(tmp_path):
    plan = make_plan(tmp_path)
    controller, port, cafile, received = _plain_server(tmp_path, ssl_wrapped=True)
    try:
        env = {"BRIEFING_SMTP_HOST": "127.0.0.1", "BRIEFING_SMTP_PORT": str(port),
               "BRIEFING_SMTP_SECURITY": "ssl", "BRIEFING_SMTP_CAFILE": str(cafile)}  # fmt: skip
        sent = _send("--plan", str(plan), "--to", "desk@example.org", env=env)
        assert sent.returncode == 0 and len(received) == 1, sent.stderr
        untrusted = _send("--plan", str(plan), "--to", "desk@example.org",
                          env={**env, "BRIEFING_SMTP_CAFILE": ""})  # fmt: skip
        assert untrusted.returncode == 1 and "TLS failed" in untrusted.stderr
        assert len(untrusted.stderr.strip().splitlines()) == 1 and len(received) == 1
    finally:
        controller.stop()
    controller, port, cafile, received = _plain_server(tmp_path, ssl_wrapped=False)
    try:  # STARTTLS asked of a server that offers none: refused, nothing sent in clear
        env = {"BRIEFING_SMTP_HOST": "127.0.0.1", "BRIEFING_SMTP_PORT": str(port)}
        refused = _send("--plan", str(plan), "--to", "desk@example.org", env=env)
        assert refused.returncode == 1 and "STARTTLS" in refused.stderr, refused.stderr
        assert len(refused.stderr.strip().splitlines()) == 1 and received == []
        plain = _send("--plan", str(plan), "--to", "desk@example.org",
                      env={**env, "BRIEFING_SMTP_SECURITY": "none"})  # fmt: skip
        assert plain.returncode == 0 and len(received) == 1
    finally:
        controller.stop()


@given(st.text(max_size=300), st.text(max_size=60))
def test_any_markdown_makes_clean_html_and_a_one_line_subject(markdown, title):
    from briefing.output.send import compose_markdown

    message = compose_markdown(f"**{title}**\n\n# {title}\n\n{markdown}", sender="a@b.example",
                               to=["c@d.example"])  # fmt: skip
    assert "\n" not in message["Subject"] and "\r" not in message["Subject"]
    text, html = message.iter_parts()
    page = html.get_content()
    assert not any(ord(c) < 32 and c not in "\t\n" for c in page + text.get_content())
    body = _body(page)
    tags = ALLOWED | {"strong", "em", "blockquote", "pre", "hr", "br", "h5", "h6", "img"}
    attributes = {**ATTRIBUTES, "img": {"src", "alt", "style"}, "ol": {"start", "style"}}
    assert nh3.clean(body, tags=tags, attributes=attributes, link_rel=None) == body
