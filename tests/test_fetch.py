"""Web pages and feeds by URL (issue 13), against a local HTTP server on
127.0.0.1 started here: a page, a feed, a redirect loop, a 404, a server
that never answers, an oversized body, a non-HTML body."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from test_ingest import RSS

PAGE = ("<!doctype html><html><head><title>Pilot widened | Example News</title>"
        "<meta property='og:site_name' content='Example News'>"
        "<meta name='date' content='2026-11-20'></head><body><article><h1>Pilot widened</h1>"
        "<p>The intelligence sharing pilot will be widened to five more areas next year.</p>"
        "<p>Officials said the first results were encouraging, though the numbers were small.</p>"
        "<p>Councils will be given training before the scheme reaches them in the spring.</p>"
        "</article></body></html>")


NEVER = threading.Event()
"""Set only when the tests are done: the /slow route never answers before."""


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args) -> None:  # quiet
        pass

    def do_GET(self) -> None:  # noqa: N802
        routes = {
            "/page.html": ("text/html; charset=utf-8", PAGE.encode()),
            "/feed.xml": ("application/rss+xml", RSS.encode()),
            "/image.png": ("image/png", b"\x89PNG...."),
            "/huge.html": ("text/html", b"<p>" + b"x" * 3_000_000 + b"</p>"),
        }
        if self.path == "/loop":
            self.send_response(302)
            self.send_header("Location", "/loop")
            self.end_headers()
        elif self.path == "/slow":
            NEVER.wait()  # a server that never answers (the client's --timeout ends the wait)
        elif self.path in routes:
            kind, body = routes[self.path]
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        else:
            self.send_error(404, "Not Found")


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    NEVER.set()
    httpd.shutdown()


def briefing(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "briefing", *args], capture_output=True, text=True, timeout=120,
                          stdin=subprocess.DEVNULL)


def test_a_page_and_a_feed_by_url_make_one_dated_briefing(server):
    result = briefing("build", f"{server}/page.html", f"{server}/feed.xml", "--date", "2026-11-24",
                      "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    titles = [a["title"] for a in data["articles"]]
    assert titles[0] == "Pilot widened" and "Pilot to share intelligence with councils" in titles
    page = data["articles"][0]
    assert page["source"] == f"{server}/page.html"
    assert all(s["text"] in PAGE for s in page["sentences"])
    assert [a["published"] for a in data["articles"][1:]] == ["2026-11-23", "2026-11-22"]


@pytest.mark.parametrize(("path", "message"), [
    ("/missing", "the server answered 404"),
    ("/loop", "too many redirects"),
    ("/image.png", "not a web page or feed (it is image/png)"),
    ("/huge.html", "larger than 1,000,000 bytes"),
    ("/slow", "no answer within 1 s"),
])
def test_a_bad_url_is_a_warning_and_the_rest_goes_on(server, path, message):
    result = briefing("summarize", f"{server}{path}", f"{server}/page.html", "--timeout", "1", "--max-bytes", "1M")
    assert result.returncode == 0, result.stderr
    assert "The intelligence sharing pilot will be widened" in result.stdout
    assert message in result.stderr and result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
