"""Hostile ground (issue 18): plans, servers, files and names made by
someone else. Each test here failed before its fix.

A raw TCP server on 127.0.0.1 answers each path with a crafted response
(a bad status line, endless headers, a trickle, redirects to internal hosts
and other schemes); plans name files outside their folder; texts, titles,
subjects, markings and file names carry terminal escape sequences and bytes
that are not UTF-8.
"""

from __future__ import annotations

import json
import os
import socket
import socketserver
import threading
import time
from pathlib import Path

import pytest
from conftest import SEEDS, briefing
from test_ingest import write_pdf

PAGE = (
    b"<!doctype html><html><head><title>Pilot widened</title></head><body><article>"
    b"<h1>Pilot widened</h1>"
    b"<p>The intelligence sharing pilot will be widened to five more areas next year.</p>"
    b"<p>Officials said the first results were encouraging, though the numbers were small.</p>"
    b"<p>Councils will be given training before the scheme reaches them in the spring.</p>"
    b"</article></body></html>"
)
SECRET = b"<html><body><article><p>SECRET-INTERNAL admin token lives on this internal page.</p><p>Nobody outside should ever read this internal page at all.</p></article></body></html>"
STOP = threading.Event()


def _http(status: str, body: bytes, kind: str = "text/html", extra: str = "") -> bytes:
    return (
        f"HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {len(body)}\r\n"
        f"{extra}Connection: close\r\n\r\n"
    ).encode() + body


def _redirect(location: str) -> bytes:
    return _http("302 Found", b"", extra=f"Location: {location}\r\n")


class Raw(socketserver.BaseRequestHandler):
    """Reads one request line; answers by its path, byte for byte."""

    def handle(self) -> None:
        request = b""
        while b"\r\n\r\n" not in request and len(request) < 65536:
            chunk = self.request.recv(4096)
            if not chunk:
                return
            request += chunk
        path = request.split(b" ", 2)[1].decode()
        port = self.server.server_address[1]
        send = self.request.sendall
        if path == "/page":
            send(_http("200 OK", PAGE))
        elif path == "/secret":
            send(_http("200 OK", SECRET))
        elif path == "/bad-status":
            send(b"HELLO THERE\r\n\r\n")
        elif path == "/long-header":
            send(b"HTTP/1.1 200 OK\r\nX-Long: " + b"a" * (1 << 20) + b"\r\n\r\n" + PAGE)
        elif path == "/many-headers":
            headers = "".join(f"X-H{n}: {n}\r\n" for n in range(150))
            send(f"HTTP/1.1 200 OK\r\n{headers}\r\n".encode() + PAGE)
        elif path == "/close":
            return
        elif path == "/cut":
            send(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\n\r\n<p>")
        elif path.startswith("/trickle"):
            send(b"HTTP/1.1 200 OK\r\n")
            for _ in range(300):  # a header byte every 0.2 s: a minute, if nobody stops it
                if STOP.wait(0.2):
                    return
                try:
                    send(b"X")
                except OSError:
                    return
        elif path == "/to-localhost":
            send(_redirect(f"http://localhost:{port}/secret"))
        elif path == "/to-private":
            send(_redirect("http://10.1.2.3/secret"))
        elif path == "/to-ftp":
            send(_redirect(f"ftp://127.0.0.1:{port}/secret"))
        elif path == "/to-file":
            send(_redirect("file:///etc/passwd"))
        elif path == "/to-data":
            send(_redirect("data:text/html,<p>planted</p>"))
        elif path == "/to-own-host":
            send(_redirect(f"http://127.0.0.1:{port}/page"))
        elif path == "/feed-internal":
            items = (
                f"<item><title>Inside</title><link>http://localhost:{port}/secret</link>"
                "<description>A teaser.</description></item>"
            )
            body = f"<rss version='2.0'><channel><title>Desk</title>{items}</channel></rss>"
            send(_http("200 OK", body.encode(), "application/rss+xml"))
        else:
            send(_http("404 Not Found", b"no"))


class Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


@pytest.fixture(scope="module")
def raw():
    server = Server(("127.0.0.1", 0), Raw)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    STOP.set()
    server.shutdown()


# --------------------------------------------------------------------------
# Servers: every malformed answer is one warning, and the rest goes on.


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/bad-status", "not valid HTTP (a bad status line)"),
        ("/long-header", "not valid HTTP (a line too long)"),
        ("/many-headers", "not valid HTTP"),
        ("/close", "closed the connection without answering"),
        ("/cut", ""),
    ],
)
@pytest.mark.parametrize("command", ["summarize", "topics", "build"])
def test_a_malformed_answer_is_one_warning_and_the_rest_goes_on(raw, path, message, command):
    result = briefing(command, f"{raw}{path}", f"{raw}/page", "--timeout", "5")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    warnings = result.stderr.splitlines()
    assert len(warnings) == 1 and f"{raw}{path}" in warnings[0] and message in warnings[0]
    if command != "topics":
        assert "intelligence sharing pilot will be widened" in result.stdout


def test_a_fetch_fuzz_never_raises(raw):
    """Every kind of answer, straight into the fetcher: a body or one line."""
    from briefing.ingest.fetch import Reach, fetched_or_why

    paths = ["/page", "/bad-status", "/long-header", "/many-headers", "/close", "/cut"]
    paths += ["/to-localhost", "/to-ftp", "/to-file", "/to-data", "/to-own-host", "/nothing"]
    for path in paths:
        body, why = fetched_or_why(
            f"{raw}{path}", timeout=3, max_bytes=10**6, reach=Reach.named([raw])
        )
        assert (body is None) != (why is None), path
        assert why is None or "\n" not in why, path


def test_a_feeds_failing_link_gives_the_right_reason(raw, tmp_path):
    feed = tmp_path / "desk.rss"
    feed.write_text(
        "<rss version='2.0'><channel><title>Desk</title><item><title>Story</title>"
        f"<link>{raw}/bad-status</link><description>A teaser about the pilot.</description>"
        "</item></channel></rss>",
        encoding="utf-8",
    )
    result = briefing("summarize", str(feed), f"{raw}/page")
    assert result.returncode == 0 and "Traceback" not in result.stderr
    assert "not valid HTTP" in result.stderr and result.stderr.count("\n") == 1


def test_the_timeout_is_one_deadline_over_the_headers_too(raw):
    """A server that sends a header byte every 0.2 s held --timeout 2 for a
    minute: the deadline now covers the whole answer."""
    start = time.monotonic()
    result = briefing("summarize", f"{raw}/trickle", f"{raw}/page", "--timeout", "2", timeout=60)
    took = time.monotonic() - start
    assert result.returncode == 0 and "within 2 s (the --timeout limit)" in result.stderr
    assert took < 20  # before: over 60 s


def test_the_urls_of_one_run_share_an_overall_bound(raw):
    """30 trickling URLs, 8 at a time, 1 s each, would take 4 s: the run's
    URLs get 3 x --timeout in all, and the rest are skipped, saying why."""
    urls = [f"{raw}/trickle?{n}" for n in range(30)]
    start = time.monotonic()
    result = briefing("summarize", f"{raw}/page", *urls, "--timeout", "1", timeout=60)
    assert result.returncode == 0
    assert "the time the URLs of one run may take together" in result.stderr
    assert time.monotonic() - start < 15


def test_the_default_timeout_is_20_seconds_not_max_seconds():
    """--timeout unset gave the --max-seconds default (300 s)."""
    import click
    from click.testing import CliRunner

    from briefing.cli.options import limits_options
    from briefing.model import DEFAULT_FETCH_TIMEOUT

    seen = []

    @click.command()
    @limits_options
    def probe(limits):  # noqa: ANN001, ANN202
        seen.append(limits)

    assert CliRunner().invoke(probe, []).exit_code == 0
    assert seen[0].timeout is None and DEFAULT_FETCH_TIMEOUT == 20
    from briefing.ingest import fetch

    assert fetch.DEFAULT_TIMEOUT == 20


# --------------------------------------------------------------------------
# Where fetching may go.


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/to-localhost", "an internal host (localhost), not one you named"),
        ("/to-private", "an internal address (10.1.2.3), not one you named"),
        ("/to-ftp", "only http and https are fetched"),
        ("/to-file", "a file: URL"),
        ("/to-data", "a data: URL"),
    ],
)
def test_a_redirect_cannot_lead_inside_or_to_another_scheme(raw, path, message):
    result = briefing("summarize", f"{raw}{path}", f"{raw}/page", "--timeout", "5")
    assert result.returncode == 0, result.stderr
    assert "SECRET-INTERNAL" not in result.stdout
    assert message in result.stderr and "not followed" in result.stderr
    assert result.stderr.count("\n") == 1


def test_a_redirect_to_the_host_the_user_named_is_followed(raw):
    result = briefing("summarize", f"{raw}/to-own-host")
    assert result.returncode == 0 and result.stderr == "", result.stderr
    assert "intelligence sharing pilot will be widened" in result.stdout


def test_a_feeds_link_to_an_internal_host_is_not_followed(raw):
    result = briefing("summarize", f"{raw}/feed-internal", "--timeout", "5")
    assert "SECRET-INTERNAL" not in result.stdout
    assert "an internal host (localhost), not one you named" in result.stderr


def test_a_name_that_resolves_inside_is_refused_after_dns(raw, monkeypatch):
    """The machine's own name resolves to an internal address: refused on
    the address connected to, not on the name."""
    from briefing.ingest.fetch import PUBLIC, FetchError, fetch, internal

    name = socket.gethostname()
    try:
        address = socket.getaddrinfo(name, None)[0][4][0]
    except OSError:
        pytest.skip("this machine's name does not resolve")
    if not internal(address):
        pytest.skip("this machine's name resolves to a public address")
    monkeypatch.setenv("no_proxy", "*")  # connect directly, as a user without a proxy would
    port = raw.rsplit(":", 1)[1]
    with pytest.raises(FetchError, match="internal address"):
        fetch(f"http://{name}:{port}/secret", timeout=5, max_bytes=10**6, reach=PUBLIC)


# --------------------------------------------------------------------------
# Plans from someone else.


def _plan(folder: Path, *inputs: str, marking: str = "OFFICIAL", note: str = "") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    lines = [
        "[briefing]",
        f"marking = {json.dumps(marking)}",
        "date = 2026-11-24",
        f"articles = {json.dumps([f'{n:012x}' for n in range(len(inputs))])}",
        "",
    ]
    for n, path in enumerate(inputs):
        lines += ["[[inputs]]", f"path = {json.dumps(path)}", f'id = "{n:012x}"', ""]
    if note:
        lines += ["[notes]", f'"000000000000" = {json.dumps(note)}', ""]
    plan = folder / "plan.toml"
    plan.write_text("\n".join(lines), encoding="utf-8")
    return plan


@pytest.fixture
def outside(tmp_path) -> Path:
    secret = tmp_path / "secret.txt"
    secret.write_text(
        "Private key material. SECRET-LOCAL-FILE is here and must never be briefed.\n\n"
        "The second line of the private file is also never to be read by a plan.\n",
        encoding="utf-8",
    )
    return secret


def test_a_plan_cannot_read_files_outside_its_folder(tmp_path, outside):
    shared = tmp_path / "shared"
    shared.mkdir()
    (shared / "good.txt").write_text((SEEDS / sorted(os.listdir(SEEDS))[0]).read_text("utf-8"))
    (shared / "link.txt").symlink_to(outside)
    plan = _plan(
        shared, "good.txt", str(outside), "../secret.txt", "link.txt", "sub/../../secret.txt"
    )
    result = briefing("build", "--plan", str(plan))
    assert result.returncode == 0, result.stderr
    assert "SECRET-LOCAL-FILE" not in result.stdout
    refused = [line for line in result.stderr.splitlines() if "outside the plan's folder" in line]
    assert len(refused) == 4 and all("--allow-outside" in line for line in refused)
    for name in (str(outside), "../secret.txt", "link.txt", "sub/../../secret.txt"):
        assert any(name in line for line in refused)
    trusted = briefing("build", "--plan", str(plan), "--allow-outside")
    assert trusted.returncode == 0 and "SECRET-LOCAL-FILE" in trusted.stdout


def test_a_plan_cannot_fetch_an_internal_host_nor_anything_with_no_fetch(raw, tmp_path):
    plan = _plan(tmp_path / "p", f"{raw}/secret")
    refused = briefing("build", "--plan", str(plan))
    assert refused.returncode == 1 and "SECRET-INTERNAL" not in refused.stdout
    assert "an internal address (127.0.0.1)" in refused.stderr
    not_fetched = briefing("build", "--plan", str(plan), "--allow-outside", "--no-fetch")
    assert not_fetched.returncode == 1 and "--no-fetch" in not_fetched.stderr
    fetched = briefing("build", "--plan", str(plan), "--allow-outside")
    assert fetched.returncode == 0 and "SECRET-INTERNAL" in fetched.stdout


async def test_the_tui_lists_a_plans_outside_inputs_and_never_reads_them(tmp_path, outside):
    from datetime import date

    from test_tui import SIZE, settle

    from briefing.tui import create_app

    shared = tmp_path / "shared"
    shared.mkdir()
    (shared / "good.txt").write_text((SEEDS / sorted(os.listdir(SEEDS))[0]).read_text("utf-8"))
    plan = _plan(shared, "good.txt", str(outside))
    app = create_app(today=date(2026, 11, 24), plan_path=plan, export_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert [a.source for a in app.articles] == ["good.txt"]
        assert any("outside the plan's folder" in p.reason for p in app.problems)
    from briefing.output.plan import read_plan

    assert str(outside) in [i.path for i in read_plan(plan).inputs]  # kept, for a trusting user


# --------------------------------------------------------------------------
# Escape codes and bytes that are not UTF-8.

ESCAPES = (
    "\x1b[2J\x1b]52;c;ZXZpbA==\x07\x1b]8;;http://evil.example/\x1b\\click\x1b]8;;\x1b\\\x9b31m\x7f"
)
RAW = ("\x1b", "\x07", "\x9b", "\x7f")


def _clean(text: str) -> bool:
    return not any(c in text for c in RAW)


def test_escape_codes_never_reach_the_terminal(tmp_path):
    body = (
        f"Title with escapes {ESCAPES}\n\n"
        f"The council said {ESCAPES} the pilot will be widened to five more areas next year.\n\n"
        "Officials said the first results were encouraging, though the numbers were small.\n"
    )
    (tmp_path / "story.txt").write_text(body, encoding="utf-8")
    (tmp_path / f"bad{ESCAPES[:4]}name.txt").write_bytes(b"\x00\x01binary")
    eml = tmp_path / "alert.eml"
    eml.write_bytes(
        b"From: press@example.org\r\nTo: desk@example.org\r\n"
        b"Subject: Alert \x1b[2J\x1b]52;c;ZXZpbA==\x07 pilot\r\n"
        b"Date: Mon, 23 Nov 2026 09:00:00 +0000\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
        b"MI5 will share information about subjects of interest with councils, officials said.\r\n"
    )
    write_pdf(
        tmp_path / "report.pdf",
        [["The annual report says the pilot will be widened to five areas next year."]],
        title="Report \x1b[2J title",
    )
    for fmt in ("markdown", "json"):
        result = briefing("build", str(tmp_path), "--format", fmt, "--marking", ESCAPES)
        assert result.returncode == 0, result.stderr
        assert _clean(result.stdout) and _clean(result.stderr), fmt
        assert "\\x1b" in result.stderr  # the file name, shown escaped
    text = briefing("summarize", str(tmp_path), "--format", "text")
    assert _clean(text.stdout) and _clean(text.stderr)
    json.loads(briefing("build", str(tmp_path), "--format", "json").stdout)  # still valid JSON


def test_a_plans_marking_and_notes_cannot_carry_escape_codes(tmp_path):
    shared = tmp_path / "shared"
    shared.mkdir()
    (shared / "good.txt").write_text((SEEDS / sorted(os.listdir(SEEDS))[0]).read_text("utf-8"))
    plan = _plan(shared, "good.txt", marking=f"SECRET{ESCAPES}", note=f"note {ESCAPES}")
    result = briefing("build", "--plan", str(plan))
    assert result.returncode == 0, result.stderr
    assert _clean(result.stdout) and "SECRET\\x1b[2J" in result.stdout


def test_bytes_that_are_not_utf8_never_break_the_output(tmp_path):
    """An 8-bit Subject and a file name in Latin-1: -o gave a traceback
    (surrogates), stdout JSON that was not UTF-8."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "alert.eml").write_bytes(
        b"From: press@example.org\r\nTo: desk@example.org\r\nSubject: Caf\xe9 pilot update\r\n"
        b"Date: Mon, 23 Nov 2026 09:00:00 +0000\r\n\r\n"
        b"MI5 will share information about subjects of interest with councils, officials said.\r\n"
    )
    name = os.fsdecode(b"caf\xe9.txt")
    (folder / name).write_text(
        "Pilot update\n\nThe pilot will be widened to five more areas next year, the council said.\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.md"
    for fmt in ("markdown", "json"):
        written = briefing("build", str(folder), "--format", fmt, "-o", str(out))
        assert written.returncode == 0 and "Traceback" not in written.stderr, written.stderr
        out.read_bytes().decode("utf-8")  # strictly UTF-8
        shown = briefing("build", str(folder), "--format", fmt)
        assert shown.returncode == 0
    raw = __import__("subprocess").run(
        [__import__("sys").executable, "-m", "briefing", "build", str(folder), "--format", "json"],
        capture_output=True,
        stdin=__import__("subprocess").DEVNULL,
    )
    data = json.loads(raw.stdout.decode("utf-8"))  # strictly UTF-8
    assert any("caf\\xe9.txt" in a["source"] for a in data["articles"])


# --------------------------------------------------------------------------
# Writing: regular files are replaced, inputs are never overwritten.


def test_a_regular_file_under_dev_is_replaced_not_appended():
    shm = Path("/dev/shm")
    if not shm.is_dir() or not os.access(shm, os.W_OK):
        pytest.skip("no writable /dev/shm")
    target = shm / f"briefing-test-{os.getpid()}.md"
    try:
        for _ in range(2):
            assert briefing("build", "--date", "2026-11-24", "-o", str(target)).returncode == 0
        text = target.read_text(encoding="utf-8")
        assert text.count("# News briefing") == 1
        assert not [p for p in shm.iterdir() if p.name.startswith(f".{target.name}.")]
    finally:
        target.unlink(missing_ok=True)


def test_writing_onto_an_input_is_refused(tmp_path):
    story = tmp_path / "self.txt"
    story.write_text((SEEDS / sorted(os.listdir(SEEDS))[0]).read_text("utf-8"))
    before = story.read_bytes()
    result = briefing("build", str(story), "-o", str(story))
    assert result.returncode == 2 and "is one of the inputs" in result.stderr
    assert result.stderr.count("\n") == 1 and story.read_bytes() == before
    for command in ("summarize", "topics"):
        assert briefing(command, str(tmp_path), "-o", str(story)).returncode == 2
    assert story.read_bytes() == before


def test_a_briefing_written_into_its_input_folder_is_not_read_back(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    for seed in sorted(SEEDS.glob("*.txt"))[:2]:
        (folder / seed.name).write_text(seed.read_text("utf-8"), encoding="utf-8")
    out = folder / "brief.md"
    first = briefing("build", str(folder), "--date", "2026-11-24", "-o", str(out))
    assert first.returncode == 0 and first.stderr == ""
    made = out.read_text("utf-8")
    second = briefing("build", str(folder), "--date", "2026-11-24", "-o", str(out))
    assert second.returncode == 0
    assert "skipped" in second.stderr and "a briefing this tool wrote" in second.stderr
    assert out.read_text("utf-8") == made  # the same two articles, not three


# --------------------------------------------------------------------------
# Plan values are checked as the command line checks them.


@pytest.mark.parametrize(
    "line",
    [
        "ratio = inf",
        "ratio = nan",
        "ratio = 1e308",
        "ratio = -5",
        "sentences = 0",
        "sentences = 99999999999",
        'algorithm = "nope"',
        "topic_sentences = 0",
        "key_points = -1",
        'ranked = "yes"',
    ],
)
def test_plan_values_are_validated_like_the_command_lines(tmp_path, line):
    plan = tmp_path / "plan.toml"
    plan.write_text(f"[briefing]\n{line}\n", encoding="utf-8")
    result = briefing("build", "--plan", str(plan))
    assert result.returncode == 2, result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


def test_the_tui_refuses_a_plan_with_an_unknown_algorithm(tmp_path):
    plan = tmp_path / "plan.toml"
    plan.write_text('[briefing]\nalgorithm = "nope"\n', encoding="utf-8")
    result = briefing("tui", "--plan", str(plan))
    assert result.returncode == 2 and "unknown algorithm 'nope'" in result.stderr
    assert result.stderr.count("\n") == 1


def test_a_template_cannot_allocate_gigabytes(tmp_path):
    template = tmp_path / "t.j2"
    for expression in (
        '"x" * 1000000000',
        '"x".ljust(10**9)',
        '"x" | center(10**9)',
        "2 ** 100000000",
    ):
        template.write_text("{{ " + expression + " }}", encoding="utf-8")
        result = briefing("build", "--template", str(template), timeout=60)
        assert result.returncode == 1 and "not allowed in a template" in result.stderr, expression


def test_a_plan_too_large_names_its_own_cap(tmp_path):
    plan = tmp_path / "plan.toml"
    plan.write_bytes(b"#" * 10_000_001)
    result = briefing("build", "--plan", str(plan))
    assert result.returncode == 2 and "the most a plan may be" in result.stderr
    assert "--max-bytes" not in result.stderr


def test_a_feeds_entities_are_refused_after_any_amount_of_padding(tmp_path):
    """The check read only the first 100 KB: 200 KB of comments hid the DOCTYPE."""
    feed = tmp_path / "padded.rss"
    feed.write_bytes(
        b'<?xml version="1.0"?>'
        + b"<!-- padding -->\n" * 12_000
        + b'<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        + b"<rss version='2.0'><channel><title>Desk</title><item><title>&b;</title>"
        + b"<description>The pilot will be widened to five more areas next year.</description>"
        + b"</item></channel></rss>"
    )
    (problem,) = load_problems(feed)
    assert "declares XML entities" in problem


def test_an_article_that_mentions_entities_is_still_read(tmp_path):
    feed = tmp_path / "about-xml.rss"
    feed.write_bytes(
        b"<rss version='2.0'><channel><title>Desk</title><item><title>XML tips</title>"
        b"<description>Never trust a file that says &lt;!ENTITY in its header, "
        b"the security team said in a note to staff on Monday.</description>"
        b"</item></channel></rss>"
    )
    assert load_problems(feed) == []


def load_problems(path: Path) -> list[str]:
    from briefing.run.loading import load

    return [p.reason for p in load([str(path)]).problems]


# --------------------------------------------------------------------------
# Property tests: whatever the text, nothing raw leaves.

from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

ANY_TEXT = st.text(
    alphabet=st.one_of(
        st.characters(min_codepoint=0, max_codepoint=0x10FFFF),
        # Lone surrogates (a file name's undecodable bytes) and the controls that matter most.
        st.sampled_from(
            ["\udce9", "\udc80", "\ud800", "\x1b", "\x9b", "\x07", "\r", "\x85", "\u2028"]
        ),
    )
)
RAW_CONTROLS = {chr(c) for c in [*range(0, 9), *range(11, 32), *range(0x7F, 0xA0)]}


@given(ANY_TEXT)
def test_printable_text_holds_no_control_and_encodes(text):
    from briefing.printable import one_line, printable, without_controls

    for shown in (printable(text), one_line(text)):
        assert not RAW_CONTROLS & set(shown)
        shown.encode("utf-8")  # no lone surrogate
    assert "\n" not in one_line(text) and "\t" not in one_line(text)
    cleaned = without_controls(text)
    assert not RAW_CONTROLS & set(cleaned) and "\r" not in cleaned
    cleaned.encode("utf-8")
    assert printable(cleaned) == cleaned  # what ingest keeps needs no escaping


@given(st.lists(ANY_TEXT, max_size=4))
def test_json_output_is_valid_utf8_json_whatever_the_strings(strings):
    from briefing.output.render import render_json

    text = render_json({"values": strings})
    assert json.loads(text.encode("utf-8").decode("utf-8"))["values"].__len__() == len(strings)
    assert not (RAW_CONTROLS - {"\n"}) & set(text)


@pytest.fixture(scope="module")
def tls(tmp_path_factory):
    """The raw server behind TLS, with a certificate made here (openssl)."""
    import shutil
    import ssl
    import subprocess

    if shutil.which("openssl") is None:
        pytest.skip("no openssl to make a certificate")
    folder = tmp_path_factory.mktemp("tls")
    key, cert = folder / "key.pem", folder / "cert.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key),
         "-out", str(cert), "-days", "2", "-subj", "/CN=127.0.0.1",
         "-addext", "subjectAltName=IP:127.0.0.1"],
        check=True, capture_output=True,
    )  # fmt: skip
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)

    class TLSServer(Server):
        def get_request(self):  # noqa: ANN202
            sock, address = self.socket.accept()
            return context.wrap_socket(sock, server_side=True), address

    server = TLSServer(("127.0.0.1", 0), Raw)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"https://127.0.0.1:{server.server_address[1]}", cert
    server.shutdown()


def test_https_is_fetched_within_one_deadline_too(tls, monkeypatch):
    from briefing.ingest.fetch import FetchError, Reach, fetch

    url, cert = tls
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))  # trust the certificate made for the test
    reach = Reach.named([url])
    assert b"intelligence sharing pilot" in fetch(f"{url}/page", max_bytes=10**6, reach=reach)
    start = time.monotonic()
    with pytest.raises(FetchError, match="within 2 s"):
        fetch(f"{url}/trickle", timeout=2, max_bytes=10**6, reach=reach)
    assert time.monotonic() - start < 10
    monkeypatch.delenv("SSL_CERT_FILE")
    with pytest.raises(FetchError, match="certificate"):  # an untrusted certificate: one line
        fetch(f"{url}/page", max_bytes=10**6, reach=reach)
