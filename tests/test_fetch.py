"""Web pages and feeds by URL (issue 13), against a local HTTP server on
127.0.0.1 started here: a page, a feed, a redirect loop, a 404, a server
that never answers, an oversized body, a non-HTML body."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from conftest import briefing
from test_ingest import RSS, write_docx, write_eml, write_pdf

PAGE = (
    "<!doctype html><html><head><title>Pilot widened | Example News</title>"
    "<meta property='og:site_name' content='Example News'>"
    "<meta name='date' content='2026-11-20'></head><body><article><h1>Pilot widened</h1>"
    "<p>The intelligence sharing pilot will be widened to five more areas next year.</p>"
    "<p>Officials said the first results were encouraging, though the numbers were small.</p>"
    "<p>Councils will be given training before the scheme reaches them in the spring.</p>"
    "</article></body></html>"
)


SUMMARY_ONLY = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Local Desk</title><link>{base}/</link>
<item><title>Full story in the feed</title><link>{base}/never-fetched</link>
<pubDate>Mon, 23 Nov 2026 09:00:00 GMT</pubDate>
<content:encoded><![CDATA[<p>The feed carries this story whole, so its link is not followed.</p>]]></content:encoded></item>
<item><title>Pilot widened to five areas</title><link>{base}/page.html</link>
<pubDate>Sun, 22 Nov 2026 18:30:00 GMT</pubDate>
<description>A short teaser about the pilot.</description></item>
<item><title>Gone story</title><link>{base}/missing</link>
<pubDate>Sat, 21 Nov 2026 08:00:00 GMT</pubDate>
<description>The teaser is all that is left of this story.</description></item>
</channel></rss>
"""
GREEK = (
    "<!doctype html><html><head><title>Ενημέρωση</title></head><body><article>"
    "<p>Η αστυνομία θα μοιράζεται πληροφορίες με τους δήμους από τον Ιανουάριο.</p>"
    "<p>Το πρόγραμμα θα ξεκινήσει σε τρεις περιοχές της χώρας.</p></article></body></html>"
)
"""A page in ISO-8859-7 that says so only in the HTTP header."""
REQUESTS: list[str] = []
"""Paths the local server was asked for, in order."""
ARRIVALS: dict[str, float] = {}
"""When each path arrived (time.monotonic())."""

NEVER = threading.Event()
"""Set only when the tests are done: the /slow route never answers before."""


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args) -> None:  # quiet
        pass

    def do_GET(self) -> None:  # noqa: N802
        REQUESTS.append(self.path)
        ARRIVALS[self.path] = time.monotonic()
        base = f"http://127.0.0.1:{self.server.server_address[1]}"
        routes = {
            "/summaries.xml": ("application/rss+xml", SUMMARY_ONLY.format(base=base).encode()),
            "/greek.html": ("text/html; charset=iso-8859-7", GREEK.encode("iso-8859-7")),
            "/feeds/relative.xml": (
                "application/rss+xml",
                b"<rss version='2.0'><channel><title>Local Desk</title><item><title>Pilot</title>"
                b"<link>/page.html</link><description>A teaser.</description></item></channel></rss>",
            ),
            "/page.html": ("text/html; charset=utf-8", PAGE.encode()),
            "/feed.xml": ("application/rss+xml", RSS.encode()),
            "/image.png": ("image/png", b"\x89PNG...."),
            "/huge.html": ("text/html", b"<p>" + b"x" * 3_000_000 + b"</p>"),
        }
        if self.path == "/loop":
            self.send_response(302)
            self.send_header("Location", "/loop")
            self.end_headers()
        elif self.path.startswith(
            "/slow-links.xml?"
        ):  # n entries, each linking to a page that never comes
            count = int(self.path.rsplit("=", 1)[1])
            items = "".join(
                f"<item><title>Story {n}</title><link>{base}/slow?{n}</link>"
                f"<description>Teaser number {n} about the pilot.</description></item>"
                for n in range(count)
            )
            body = f"<rss version='2.0'><channel><title>Slow Desk</title>{items}</channel></rss>".encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        elif self.path.split("?")[0] == "/slow":
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


def test_a_page_and_a_feed_by_url_make_one_dated_briefing(server):
    result = briefing(
        "build",
        f"{server}/page.html",
        f"{server}/feed.xml",
        "--date",
        "2026-11-24",
        "--format",
        "json",
        "--no-fetch",
    )
    assert result.returncode == 0 and result.stderr == "", result.stderr
    data = json.loads(result.stdout)
    titles = [a["title"] for a in data["articles"]]
    assert titles[0] == "Pilot widened" and "Pilot to share intelligence with councils" in titles
    page = data["articles"][0]
    assert page["source"] == f"{server}/page.html"
    assert all(s["text"] in PAGE for s in page["sentences"])
    assert [a["published"] for a in data["articles"][1:]] == ["2026-11-23", "2026-11-22"]


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/missing", "the server answered 404"),
        ("/loop", "too many redirects"),
        ("/image.png", "not a web page or feed (it is image/png)"),
        ("/huge.html", "larger than 1,000,000 bytes"),
        ("/slow", "no answer within 1 s"),
    ],
)
def test_a_bad_url_is_a_warning_and_the_rest_goes_on(server, path, message):
    result = briefing(
        "summarize", f"{server}{path}", f"{server}/page.html", "--timeout", "1", "--max-bytes", "1M"
    )
    assert result.returncode == 0, result.stderr
    assert "The intelligence sharing pilot will be widened" in result.stdout
    assert (
        message in result.stderr
        and result.stderr.count("\n") == 1
        and "Traceback" not in result.stderr
    )


def test_a_feed_entry_with_only_a_summary_is_read_from_its_link(server):
    """The entry's own title, date and publisher; the page's text. A link
    that cannot be fetched leaves the feed's summary, with a warning."""
    REQUESTS.clear()
    result = briefing(
        "build", f"{server}/summaries.xml", "--date", "2026-11-24", "--format", "json"
    )
    assert result.returncode == 0, result.stderr
    assert "/never-fetched" not in REQUESTS and REQUESTS.count("/page.html") == 1
    full, pilot, gone = json.loads(result.stdout)["articles"]
    assert (
        full["sentences"][0]["text"]
        == "The feed carries this story whole, so its link is not followed."
    )
    assert (pilot["title"], pilot["published"], pilot["publisher"]) == (
        "Pilot widened to five areas",
        "2026-11-22",
        "Local Desk",
    )
    assert pilot["url"] == f"{server}/page.html" and pilot["source"] == f"{server}/summaries.xml#2"
    assert pilot["sentence_count"] == 3 and all(s["text"] in PAGE for s in pilot["sentences"])
    assert gone["sentences"][0]["text"] == "The teaser is all that is left of this story."
    # What the briefing shows of each says how much of the story it is.
    assert [a["extent"] for a in (full, pilot, gone)] == [None, None, "the feed's summary only"]
    assert result.stderr == (
        f"briefing: warning: {server}/summaries.xml#3: its page {server}/missing gave no text "
        "(the server answered 404 Not Found); the feed's summary is used\n"
    )


def test_no_fetch_keeps_the_feeds_summaries_and_asks_for_nothing(server):
    REQUESTS.clear()
    result = briefing(
        "build", f"{server}/summaries.xml", "--date", "2026-11-24", "--format", "json", "--no-fetch"
    )
    assert result.returncode == 0 and result.stderr == "", result.stderr
    assert REQUESTS == ["/summaries.xml"]
    pilot = json.loads(result.stdout)["articles"][1]
    assert [s["text"] for s in pilot["sentences"]] == ["A short teaser about the pilot."]
    assert pilot["extent"] == "the feed's summary only"
    markdown = briefing("build", f"{server}/summaries.xml", "--date", "2026-11-24", "--no-fetch")
    assert "Local Desk · 2026-11-22 · the feed's summary only · 6 words" in markdown.stdout


def test_the_done_when_command(server, tmp_path):
    """``briefing build report.pdf memo.docx alerts/ https://site/feed.xml``:
    one dated briefing, every source titled and dated."""
    write_pdf(
        tmp_path / "report.pdf",
        [["The threat level remains substantial, officials said on Monday."]],
    )
    write_docx(tmp_path / "memo.docx")
    (tmp_path / "alerts").mkdir()
    write_eml(tmp_path / "alerts" / "one.eml")
    write_eml(tmp_path / "alerts" / "two.eml", html=True, subject="Alert: pilot update")
    result = briefing(
        "build",
        str(tmp_path / "report.pdf"),
        str(tmp_path / "memo.docx"),
        str(tmp_path / "alerts"),
        f"{server}/summaries.xml",
        "--date",
        "2026-11-24",
        "--topic",
        "pilot",
    )
    assert result.returncode == 0, result.stderr
    assert (
        result.stdout.startswith("# ")
        and "24 November 2026" in result.stdout.split("\n\n")[0] + result.stdout
    )
    sources = result.stdout[result.stdout.index("## Sources") :]
    for title in (
        "Annual report",
        "Intelligence sharing pilot",
        "Alert: intelligence sharing pilot",
        "Alert: pilot update",
        "Pilot widened to five areas",
        "Gone story",
    ):
        assert title in sources
    assert sources.count("2026-11-2") >= 5 and "2023-04-05" in sources


def test_following_a_feeds_links_has_a_time_budget(server):
    """20 links to a server that never answers, 8 at a time, 1 s each: the
    links not fetched within 2 x --timeout keep their summaries, and the
    run never waits on the rest."""
    result = briefing("summarize", f"{server}/slow-links.xml?n=20", "--timeout", "1", "-n", "1")
    assert result.returncode == 0, result.stderr
    notes = result.stderr.splitlines()
    assert len(notes) == 20 and all("the feed's summary is used" in n for n in notes)
    assert sum("not fetched within 2 s" in n for n in notes) >= 4
    assert sum("no answer within 1 s" in n for n in notes) >= 8
    assert result.stdout.count("Teaser number") == 20


def test_the_inputs_time_limit_holds_while_links_are_followed(server):
    """--max-seconds ends the input at once, though its links' fetches
    (--timeout 60) are still waiting: nothing holds up the exit."""
    result = briefing(
        "summarize",
        f"{server}/slow-links.xml?n=2",
        "--timeout",
        "60",
        "--max-seconds",
        "1",
        timeout=30,  # well under the 60 s a fetch may wait
    )
    assert result.returncode == 1
    assert "took longer than 1 s to read and summarise" in result.stderr


async def test_a_plan_made_from_a_url_is_rebuilt_by_fetching_it_again(server, tmp_path):
    from datetime import date

    from test_tui import SIZE, settle
    from test_tui_edits import export_markdown

    from briefing.output.plan import read_plan
    from briefing.tui import create_app

    plan = tmp_path / "plan.toml"
    app = create_app(
        [f"{server}/page.html"], today=date(2026, 11, 24), export_dir=tmp_path, plan_path=plan
    )
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await export_markdown(app, pilot)
    exported = (tmp_path / "out.md").read_text(encoding="utf-8")
    assert "The intelligence sharing pilot will be widened" in exported
    assert [i.path for i in read_plan(plan).inputs] == [f"{server}/page.html"]
    # The plan names a loopback host: read only when its user says they trust it (issue 18).
    refused = briefing("build", "--plan", str(plan))
    assert refused.returncode == 1 and "--allow-outside" in refused.stderr
    rebuilt = briefing("build", "--plan", str(plan), "--allow-outside")
    assert rebuilt.returncode == 0 and rebuilt.stderr == "", rebuilt.stderr
    assert rebuilt.stdout == exported


def test_check_fetches_a_url_source_again(server, tmp_path):
    made = briefing(
        "build", f"{server}/page.html", "--format", "json", "-o", str(tmp_path / "b.json")
    )
    assert made.returncode == 0, made.stderr
    checked = briefing("check", str(tmp_path / "b.json"), "--allow-outside")
    assert checked.returncode == 0 and checked.stderr == "", checked.stderr
    # A briefing's JSON may come from someone else: its loopback source is not fetched unasked,
    # nor anything with --no-fetch.
    for extra in ((), ("--allow-outside", "--no-fetch")):
        unasked = briefing("check", str(tmp_path / "b.json"), *extra)
        assert unasked.returncode == 0 and "judged from the JSON alone" in unasked.stderr


def test_the_urls_named_are_fetched_several_at_once(server):
    """Four URLs that never answer (--timeout 1 each) are asked for together,
    not one after another's timeout."""
    urls = [f"{server}/slow?named-{n}" for n in range(4)]
    result = briefing("summarize", *urls, f"{server}/page.html", "--timeout", "1")
    assert result.returncode == 0 and result.stderr.count("no answer within 1 s") == 4
    arrived = [ARRIVALS[url.removeprefix(server)] for url in urls]
    assert max(arrived) - min(arrived) < 0.5  # one after another would take 3 s or more


def test_a_relative_entry_link_is_followed_on_the_feeds_site(server):
    result = briefing("summarize", f"{server}/feeds/relative.xml", "--format", "json")
    assert result.returncode == 0 and result.stderr == "", result.stderr
    (article,) = json.loads(result.stdout)["articles"]
    assert article["url"] == f"{server}/page.html" and article["sentence_count"] == 3


def test_a_pages_charset_from_the_server_is_used(server):
    """Greek in ISO-8859-7, named only in the Content-Type header: read as
    Greek, not as Windows-1252 gibberish."""
    result = briefing("summarize", f"{server}/greek.html", "--format", "json")
    assert result.returncode == 0, result.stderr
    (article,) = json.loads(result.stdout)["articles"]
    assert all(s["text"] in GREEK for s in article["sentences"])
    assert any("αστυνομία" in s["text"] for s in article["sentences"])
