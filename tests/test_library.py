"""The article library (issue 21): the store's contract, identity and
duplicates, and the commands on a real SQLite file; faults (a file that is
not a library, a newer library, read-only, two writers at once, kill -9)."""

from __future__ import annotations

import dataclasses
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import datetime, timezone

import pytest
from conftest import SEEDS, briefing

from briefing.library import LibraryError, open_library
from briefing.library.identity import canonical_url, text_hash
from briefing.library.store import MIGRATIONS, SCHEMA_VERSION, SearchError, _statements
from briefing.run.library import add_inputs
from briefing.ingest.inputs import load_tasks


def _seed(n: int) -> str:
    return sorted(p for p in SEEDS.glob("*.txt"))[n].read_text(encoding="utf-8")


def _story(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


NOW = datetime(2026, 11, 30, 9, 0, tzinfo=timezone.utc)


def _add(library, *paths):
    return add_inputs(library, load_tasks(list(paths)), now=NOW)


# --------------------------------------------------------------------------
# Identity.


def test_canonical_urls():
    assert canonical_url("HTTPS://Example.ORG:443/News?id=3&utm_source=x&fbclid=y#top") == (
        "https://example.org/News?id=3"
    )
    assert canonical_url("http://example.org") == "http://example.org/"
    assert canonical_url("ftp://example.org/x") is None and canonical_url("") is None


def test_the_text_hash_ignores_case_spacing_and_punctuation():
    assert text_hash("The Bridge, approved.\n\nWork starts!") == text_hash(
        "the bridge approved work   starts"
    )
    assert text_hash("The bridge approved.") != text_hash("The bridge refused.")


# --------------------------------------------------------------------------
# The store's contract (any store behind the interface keeps it).


def test_adding_again_is_a_sighting_not_a_second_document(tmp_path):
    with open_library(tmp_path / "lib.sqlite3") as library:
        first = _add(library, str(SEEDS))
        again = _add(library, str(SEEDS))
        assert (first.added, first.already) == (5, 0)
        assert (again.added, again.already, again.duplicates) == (0, 5, 0)
        assert library.stats().documents == 5


def test_search_weights_titles_and_reads_fts5_syntax(tmp_path):
    with open_library(tmp_path / "lib.sqlite3") as library:
        _add(library, str(SEEDS))
        found = library.search("West Midlands")
        assert found and found[0].title.startswith("MI5 to share information on West Midlands")
        assert [f.title for f in library.search('"Manchester Arena" NOT sorry')]
        assert library.search("quantum") == []
        with pytest.raises(SearchError):
            library.search("MI5 AND (")


def test_a_stored_article_reads_back_equal(tmp_path):
    from briefing.run.loading import load

    (article,) = load([str(sorted(SEEDS.glob("*.txt"))[1])]).articles
    with open_library(tmp_path / "lib.sqlite3") as library:
        _add(library, article.source)
        back = library.article(article.id)
    assert back == article and back.sentences == article.sentences
    assert [s.speaker for s in back.sentences] == [s.speaker for s in article.sentences]
    # Every field (those equality leaves out too), and the hash, as made by the dataclass.
    fields = [dataclasses.asdict(s) for s in article.sentences]
    assert [dataclasses.asdict(s) for s in back.sentences] == fields
    assert [hash(s) for s in back.sentences] == [hash(s) for s in article.sentences]
    assert [repr(s) for s in back.sentences] == [repr(s) for s in article.sentences]


def test_a_stored_article_makes_its_sentences_once_when_first_used(tmp_path):
    """Read from the library, an article is a shell until its sentences are
    asked for (a list of 10,000 needs titles and word counts only); then it
    is the Article it was: equal both ways, the same hash, pickled as a plain
    Article; two threads asking at once get the same sentences."""
    import pickle
    import threading

    from briefing.model import Article
    from briefing.run.loading import load

    (article,) = load([str(sorted(SEEDS.glob("*.txt"))[2])]).articles
    with open_library(tmp_path / "lib.sqlite3") as library:
        _add(library, article.source)
        back = library.article(article.id)
        again = library.article(article.id)
    assert "sections" not in back.__dict__ and back.words == article.words
    assert "sections" not in back.__dict__  # the word count was kept, not counted
    seen = []
    threads = [threading.Thread(target=lambda: seen.append(back.sentences)) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(s is seen[0] for s in seen) and back.sentences is seen[0]
    assert back == article and article == back and again == back
    assert hash(back) == hash(article) == hash(again)
    plain = pickle.loads(pickle.dumps(again))
    assert type(plain) is Article and plain == article and plain.metadata == article.metadata


# --------------------------------------------------------------------------
# Duplicates: marked, never merged; a different story never taken for one.


def _wire_copy(text: str) -> str:
    """Another outlet's copy: another headline, paragraphs reordered, a few
    words edited, a paragraph dropped."""
    title, *paragraphs = [p for p in text.split("\n\n") if p.strip()]
    body = paragraphs[1:] + paragraphs[:1]
    body = [p.replace("said", "told reporters", 1) for p in body[:-1]]
    return "Security service to pass on terror intelligence\n\n" + "\n\n".join(body) + "\n"


def test_wire_copies_are_duplicates_and_other_stories_are_not(tmp_path):
    original = _seed(0)
    with open_library(tmp_path / "lib.sqlite3") as library:
        _add(library, _story(tmp_path, "a.txt", original))
        copy = _add(library, _story(tmp_path, "b.txt", _wire_copy(original)))
        retitled = _add(library, _story(tmp_path, "c.txt", "Another headline\n\n" + original))
        same_subject = _add(library, str(sorted(SEEDS.glob("*.txt"))[4]))  # Arena, MI5: not a copy
        assert copy.duplicates == 1 and retitled.duplicates == 1
        assert same_subject.added == 1
        listed = {x.source.rsplit("/", 1)[-1]: x for x in library.listed(duplicates=True)}
        assert listed["b.txt"].duplicate_of == listed["a.txt"].id
        sources = library.sources(listed["a.txt"].id)
        assert {s.rsplit("/", 1)[-1] for s in sources} == {"a.txt", "b.txt", "c.txt"}
        assert library.stats().documents == 2  # the duplicates are kept, marked


def test_the_same_canonical_url_is_already_there(tmp_path):
    page = (
        "<html><head><title>Bridge</title></head><body><article><p>{}</p></article></body></html>"
    )
    one = _story(
        tmp_path,
        "one.md",
        "---\nurl: https://Example.org/bridge?utm_source=rss\n---\n"
        "Bridge approved\n\nThe council approved the new bridge on Monday evening.\n",
    )
    two = _story(
        tmp_path,
        "two.md",
        "---\nurl: https://example.org/bridge#comments\n---\n"
        "Bridge approved, updated\n\nThe council approved the bridge; work starts soon.\n",
    )
    del page
    with open_library(tmp_path / "lib.sqlite3") as library:
        assert _add(library, one).added == 1
        assert _add(library, two).already == 1


# --------------------------------------------------------------------------
# The commands, and faults.


def test_add_search_list_and_library_commands(tmp_path):
    lib = str(tmp_path / "lib.sqlite3")
    added = briefing("add", str(SEEDS), "--library", lib, "--no-fetch")
    assert added.returncode == 0 and added.stdout.strip() == (
        "added 5, already there 0, duplicates 0, skipped 0"
    ), added.stderr
    found = briefing("search", "Arena", "--library", lib, "--format", "json")
    rows = json.loads(found.stdout)
    assert rows and set(rows[0]) == {
        "id",
        "title",
        "publisher",
        "published",
        "source",
        "snippet",
        "score",
    }
    bad = briefing("search", "MI5 AND (", "--library", lib)
    assert bad.returncode == 2 and len(bad.stderr.splitlines()) == 1
    listed = briefing("list", "--library", lib, "--format", "json")
    assert len(json.loads(listed.stdout)) == 5
    info = json.loads(briefing("library", "--check", "--library", lib, "--format", "json").stdout)
    assert info["documents"] == 5 and info["check"] == "ok" and info["version"] == SCHEMA_VERSION


def test_a_file_that_is_not_a_library_is_refused_and_never_changed(tmp_path):
    text = tmp_path / "notes.sqlite3"
    text.write_text("my notes, not a database\n" * 10, encoding="utf-8")
    other = tmp_path / "other.sqlite3"
    db = sqlite3.connect(other)
    db.execute("CREATE TABLE accounts (name TEXT)")
    db.commit()
    db.close()
    for path in (text, other):
        before = path.read_bytes()
        result = briefing("add", str(SEEDS), "--library", str(path))
        assert result.returncode == 1 and len(result.stderr.splitlines()) == 1, result.stderr
        assert "not a library" in result.stderr
        assert path.read_bytes() == before


def test_a_library_from_a_newer_version_is_refused(tmp_path):
    path = tmp_path / "lib.sqlite3"
    with open_library(path):
        pass
    db = sqlite3.connect(path)
    db.execute("PRAGMA user_version = 99")
    db.commit()
    db.close()
    with pytest.raises(LibraryError, match="newer briefing"):
        open_library(path)
    result = briefing("search", "MI5", "--library", str(path))
    assert result.returncode == 1 and "newer briefing" in result.stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write a read-only file")
def test_a_read_only_library_can_be_searched_but_not_added_to(tmp_path):
    path = tmp_path / "lib.sqlite3"
    assert briefing("add", str(SEEDS), "--library", str(path)).returncode == 0
    with open_library(path) as library:
        library._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # noqa: SLF001
    path.chmod(0o444)
    try:
        assert json.loads(
            briefing("search", "MI5", "--library", str(path), "--format", "json").stdout
        )
        refused = briefing("add", str(SEEDS), "--library", str(path))
        assert refused.returncode == 1 and "read-only" in refused.stderr
    finally:
        path.chmod(0o644)


def test_two_processes_adding_at_once_both_succeed(tmp_path):
    lib = str(tmp_path / "lib.sqlite3")
    folders = []
    for n in range(2):
        folder = tmp_path / f"f{n}"
        folder.mkdir()
        for k in range(12):
            (folder / f"{k}.txt").write_text(
                f"Story {n}-{k}\n\nThe council in town {n} met on day {k} to discuss the "
                f"budget item number {k * 7 + n}. Members voted on proposal {k + 100 * n}.\n",
                encoding="utf-8",
            )
        folders.append(str(folder))
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "briefing", "add", f, "--library", lib],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for f in folders
    ]
    outs = [p.communicate(timeout=120) for p in procs]
    assert all(p.returncode == 0 for p in procs), outs
    with open_library(tmp_path / "lib.sqlite3") as library:
        assert library.stats().documents == 24 and library.check() == []


def test_kill_9_during_add_leaves_a_sound_library_that_the_next_add_completes(tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    for k in range(300):
        (folder / f"{k:03d}.txt").write_text(
            f"Report {k}\n\nThe committee published report number {k} on the budget. "
            f"It found {k * 3} problems in department {k % 17} and asked for answers.\n",
            encoding="utf-8",
        )
    lib = tmp_path / "lib.sqlite3"
    proc = subprocess.Popen(
        [sys.executable, "-m", "briefing", "add", str(folder), "--library", str(lib), "-q"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:  # killed once some documents are in
        if lib.exists():
            try:
                with open_library(lib, read_only=True) as library:
                    if library.stats().documents >= 20:
                        break
            except LibraryError:
                pass
        try:  # waits on the process itself: an add that ends early ends the wait
            proc.wait(timeout=0.05)
            break
        except subprocess.TimeoutExpired:
            pass
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    with open_library(lib) as library:
        assert library.check() == []
        before = library.stats().documents
    assert 0 < before < 300
    again = briefing("add", str(folder), "--library", str(lib), "-q")
    assert again.returncode == 0
    assert again.stdout.strip() == (
        f"added {300 - before}, already there {before}, duplicates 0, skipped 0"
    )


# --------------------------------------------------------------------------
# Briefing from the library.


def test_build_from_the_library_then_nothing_new(tmp_path):
    lib = str(tmp_path / "lib.sqlite3")
    wire = tmp_path / "wire"
    wire.mkdir()
    (wire / "copy.txt").write_text(_wire_copy(_seed(0)), encoding="utf-8")
    assert briefing("add", str(SEEDS), str(wire), "--library", lib).returncode == 0
    first = briefing("build", "--library", lib, "--new", "--date", "2026-11-30")
    assert first.returncode == 0, first.stderr
    assert first.stdout.count("\n### ") == 5  # the wire copy is not a sixth article
    assert "also carried by" in first.stdout and "copy.txt" in first.stdout
    again = briefing("build", "--library", lib, "--new", "--date", "2026-11-30")
    assert again.returncode == 0 and again.stdout == ""
    assert "nothing new since the last briefing" in again.stderr
    (tmp_path / "more.txt").write_text(
        "Bridge approved\n\nThe council approved the new bridge on Monday evening. Work on "
        "it starts in spring and should take two years to finish.\n",
        encoding="utf-8",
    )
    assert briefing("add", str(tmp_path / "more.txt"), "--library", lib).returncode == 0
    third = briefing("build", "--library", lib, "--new", "--format", "json")
    assert [a["title"] for a in json.loads(third.stdout)["articles"]] == ["Bridge approved"]
    with open_library(tmp_path / "lib.sqlite3") as library:
        assert library.stats().briefings == 2


def test_build_from_the_library_by_query_and_usage_errors(tmp_path):
    lib = str(tmp_path / "lib.sqlite3")
    briefing("add", str(SEEDS), "--library", lib)
    found = briefing("build", "--library", lib, "--query", '"West Midlands"', "--format", "json")
    titles = [a["title"] for a in json.loads(found.stdout)["articles"]]
    assert titles and all("MI5" in t for t in titles)
    assert briefing("build", "--new").returncode == 2
    assert briefing("build", str(SEEDS), "--library", lib).returncode == 2


# --------------------------------------------------------------------------
# Subscriptions and update, against a real local HTTP server.


class _Feeds:
    """A feed server on 127.0.0.1: /news.rss answers with an ETag and 304 to
    a matching If-None-Match; /busy.rss is 503 with Retry-After; /gone.rss 404."""

    def __init__(self, feed: bytes) -> None:
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
        from threading import Thread

        self.feed = feed
        self.seen: list[tuple[str, str | None]] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # noqa: ANN002
                pass

            def do_GET(self):  # noqa: N802
                outer.seen.append((self.path, self.headers.get("If-None-Match")))
                if self.path == "/news.rss":
                    if self.headers.get("If-None-Match") == '"v1"':
                        self.send_response(304)
                        self.end_headers()
                        return
                    self.send_response(200)
                    self.send_header("Content-Type", "application/rss+xml")
                    self.send_header("ETag", '"v1"')
                    self.end_headers()
                    self.wfile.write(outer.feed)
                elif self.path == "/busy.rss":
                    self.send_response(503)
                    self.send_header("Retry-After", "3600")
                    self.end_headers()
                else:
                    self.send_response(404)
                    self.end_headers()

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        Thread(target=self.httpd.serve_forever, daemon=True).start()
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def close(self) -> None:
        self.httpd.shutdown()


def _feed_of_seeds() -> bytes:
    from xml.sax.saxutils import escape

    items = []
    for n, path in enumerate(sorted(SEEDS.glob("*.txt"))[:3]):
        title, _, body = path.read_text(encoding="utf-8").partition("\n")
        html = "".join(f"<p>{escape(p)}</p>" for p in body.split("\n\n") if p.strip())
        items.append(
            f"<item><title>{escape(title)}</title><guid>seed-{n}</guid>"
            f"<pubDate>Mon, 30 Nov 2026 10:00:00 +0000</pubDate>"
            f"<content:encoded>{escape(html)}</content:encoded></item>"
        )
    return (
        '<?xml version="1.0"?><rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Desk</title>'
        + "".join(items)
        + "</channel></rss>"
    ).encode()


def test_subscribe_update_then_304_and_dead_feeds_are_warnings(tmp_path):
    feeds = _Feeds(_feed_of_seeds())
    lib = str(tmp_path / "lib.sqlite3")
    try:
        assert briefing("subscribe", f"{feeds.base}/news.rss", "--name", "desk", "--library", lib
                        ).returncode == 0  # fmt: skip
        briefing("subscribe", f"{feeds.base}/busy.rss", "--library", lib)
        briefing("subscribe", f"{feeds.base}/gone.rss", "--library", lib)
        first = briefing("update", "--library", lib)
        assert first.returncode == 0, first.stderr
        assert "3 feeds: 1 read, 0 not modified, 0 not due, 2 failed" in first.stdout
        assert "added 3," in first.stdout
        assert len([line for line in first.stderr.splitlines() if "warning" in line]) == 2
        second = briefing("update", "--library", lib)
        assert "1 not modified" in second.stdout and "1 not due" in second.stdout
        assert ("/news.rss", '"v1"') in feeds.seen  # a conditional request, answered 304
        listed = json.loads(briefing("subscriptions", "--library", lib, "--format", "json").stdout)
        errors = {s["url"].rsplit("/", 1)[-1]: s["last_error"] for s in listed}
        assert errors["news.rss"] is None and "404" in errors["gone.rss"]
        assert "503" in errors["busy.rss"]
        busy = next(s for s in listed if s["url"].endswith("busy.rss"))
        assert busy["next_check"] > busy["checked_at"]  # Retry-After: 3600 honoured
        assert briefing("unsubscribe", "desk", "--library", lib).returncode == 0
        assert briefing("unsubscribe", "desk", "--library", lib).returncode == 1
        found = briefing("search", "MI5", "--library", lib, "--format", "json")
        assert json.loads(found.stdout)  # what the feed brought stays
    finally:
        feeds.close()


def test_a_continuing_story_shows_only_sentences_not_briefed_before(tmp_path):
    lib = str(tmp_path / "lib.sqlite3")
    original = sorted(SEEDS.glob("*.txt"))[0]
    briefing("add", str(original), "--library", lib)
    first = briefing("build", "--library", lib, "--sentences", "8", "--format", "json")
    cited = {s["text"] for a in json.loads(first.stdout)["articles"] for s in a["sentences"]}
    paragraphs = [p for p in original.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    fresh = [
        "The pilot scheme was extended to two more cities on Monday, officials said.",
        "Leeds and Bristol will join the scheme in the spring, according to the Home Office.",
        "Police chiefs in both cities welcomed the decision and promised extra staff for it.",
    ]
    (tmp_path / "cont.txt").write_text(
        "MI5 scheme extended to Leeds and Bristol\n\n"
        + "\n".join(fresh)
        + "\n\n"
        + "\n\n".join(paragraphs[2:5])
        + "\n",
        encoding="utf-8",
    )
    assert "added 1" in briefing("add", str(tmp_path / "cont.txt"), "--library", lib).stdout
    later = json.loads(
        briefing("build", "--library", lib, "--new", "--sentences", "8", "--format", "json").stdout
    )
    (article,) = later["articles"]
    shown = {s["text"] for s in article["sentences"]}
    assert not shown & cited and set(fresh) <= shown
    assert article["briefed_before"] >= 1 and article["briefed_on"]
    again = json.loads(
        briefing(
            "build", "--library", lib, "--query", "Leeds", "--repeat", "--sentences", "8",
            "--format", "json",
        ).stdout
    )  # fmt: skip
    assert again["articles"][0]["briefed_before"] == 0
    assert {s["text"] for s in again["articles"][0]["sentences"]} & cited


# --------------------------------------------------------------------------
# Migrations and kept summaries.


def _v1_library(path) -> None:
    """A library as version 1 of the schema made it, with one document (its
    row written as v1 wrote rows)."""
    from briefing.library.codec import article_json
    from briefing.run.loading import load_listed

    article = load_listed(load_tasks([str(sorted(SEEDS.glob("*.txt"))[0])])).articles[0]
    db = sqlite3.connect(path, isolation_level=None)
    for statement in _statements(MIGRATIONS[1]):
        db.execute(statement)
    body = " ".join(s.text for s in article.sentences)
    db.execute(
        "INSERT INTO documents(id, text_hash, canonical_url, title, publisher, published, "
        "added_at, body, article, signature, duplicate_of) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        (article.id, text_hash(body), None, article.title, None, None, "2026-11-01T09:00:00+00:00",
         body, article_json(article), None, None),
    )  # fmt: skip
    db.execute(
        "INSERT INTO sightings VALUES (?, ?, NULL, '2026-11-01T09:00:00+00:00')",
        (article.id, article.source),
    )
    db.execute("PRAGMA application_id = 1112688966")
    db.execute("PRAGMA user_version = 1")
    db.close()


def test_a_v1_library_is_migrated_after_a_copy_is_kept(tmp_path):
    path = tmp_path / "lib.sqlite3"
    _v1_library(path)
    with open_library(path) as library:
        assert library.stats().version == SCHEMA_VERSION == 3
        assert library.check() == []
        [kept] = library.listed()
        [found] = library.search(f'"{kept.title}"')
        assert library.article(found.id) is not None
        # v3 counted each kept document's words as Article.words counts them
        [row] = library.rows([found.id])
        article = library.article(found.id)
        assert row.words == sum(len(s.text.split()) for s in article.sentences) > 100
        assert library.sources_of([found.id]) == {found.id: [library.article(found.id).source]}
        assert _add(library, str(SEEDS)).added == 4  # the kept one is already there
    kept_aside = sqlite3.connect(tmp_path / "lib.sqlite3.bak-v1")
    assert kept_aside.execute("PRAGMA user_version").fetchone()[0] == 1
    assert kept_aside.execute("SELECT count(*) FROM documents").fetchone()[0] == 1
    assert kept_aside.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    indexes = [r[0] for r in sqlite3.connect(path).execute("SELECT name FROM sqlite_master")]
    assert "documents_duplicate_of" in indexes


def test_summaries_are_kept_and_a_warm_build_makes_none(tmp_path, monkeypatch):
    """A second build reads every summary back from the library (nothing is
    summarised) and gives the same bytes; a summary kept by other code, or
    one naming a sentence its article lacks, is made again."""
    import briefing.run.pipeline
    import briefing.summarizers.summarize as summarize_module
    from briefing.compose.assemble import Request, build
    from briefing.model import Options, Plan
    from briefing.output.render import render_markdown
    from briefing.run.library import chosen_from, library_summaries

    made = []
    real = summarize_module.summarize

    def counting(article, options, edits=summarize_module.NO_EDITS):
        made.append(article.id)
        return real(article, options, edits)

    monkeypatch.setattr(summarize_module, "summarize", counting)
    monkeypatch.setattr(briefing.run.pipeline, "summarize", counting)
    request = Request.of(Plan(topics=("intelligence sharing",)), NOW.date())
    with open_library(tmp_path / "lib.sqlite3") as library:
        _add(library, str(SEEDS))
        articles = chosen_from(library)

        def shown(options=Options()):
            summaries = library_summaries(library, articles, options)
            return render_markdown(build(articles, request, summaries=summaries))

        cold = shown()
        assert len(made) == 5
        assert shown() == cold and len(made) == 5  # warm: nothing summarised
        shown(Options(sentences=2))
        assert len(made) == 10  # other options: their own summaries, kept beside
        assert shown() == cold and len(made) == 10
        db = sqlite3.connect(tmp_path / "lib.sqlite3", isolation_level=None)
        db.execute("UPDATE summaries SET tool = 'briefing 0.0.1 old' WHERE document = ?",
                   (articles[0].id,))  # fmt: skip
        db.execute(
            "UPDATE summaries SET summary = replace(summary, '[[', '[[99999,') WHERE document = ?",
            (articles[1].id,),
        )
        db.close()
        assert shown() == cold
        assert sorted(made[10:]) == sorted([articles[0].id, articles[1].id])
        rows = sqlite3.connect(tmp_path / "lib.sqlite3").execute(
            "SELECT count(*) FROM summaries WHERE tool LIKE '%old'"
        )
        assert rows.fetchone()[0] == 0  # what older code kept is gone once made again


def test_a_full_disk_is_one_line_and_leaves_nothing_half_written(tmp_path):
    """A file-size limit (RLIMIT_FSIZE, SIGXFSZ ignored) makes every write
    past it fail as a full disk does: the add that does not fit is one
    line, exit 1, and the library is sound and as it was before it."""
    import resource

    lib = tmp_path / "lib.sqlite3"
    first = sorted(SEEDS.glob("*.txt"))[0]
    assert briefing("add", str(first), "--library", str(lib)).returncode == 0
    limit = lib.stat().st_size + 8192

    def full_disk() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    full = subprocess.run(
        [sys.executable, "-m", "briefing", "add", str(SEEDS), "--library", str(lib)],
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
        preexec_fn=full_disk,
    )
    assert full.returncode == 1, full.stderr
    assert len(full.stderr.strip().splitlines()) == 1 and "Traceback" not in full.stderr
    assert "cannot be written" in full.stderr
    with open_library(lib) as library:
        assert library.check() == []
        assert library.stats().documents <= 5
        kept = library.listed()
    assert all(library_article_whole(lib, k.id) for k in kept)


def library_article_whole(path, document: str) -> bool:
    with open_library(path) as library:
        article = library.article(document)
        return article is not None and bool(library.search(f'"{article.title.split()[0]}"'))


# --------------------------------------------------------------------------
# The TUI on the library.


async def test_the_tui_lists_the_library_and_its_plan_reopens_and_rebuilds(tmp_path, monkeypatch):
    """``tui --library --query``: the matching documents are listed and
    chosen, with the summaries the library keeps already in the cache
    (nothing summarised for them); the plan says its articles are from the
    library (and names no file); reopened, it lists the same; ``build
    --plan --library`` gives the same briefing."""
    from datetime import date

    from test_tui import settle

    import briefing.summarizers.summarize as summarize_module
    from briefing.model import Options
    from briefing.output.plan import read_plan
    from briefing.output.render import render_markdown
    from briefing.run.library import Choice, chosen_from, library_summaries
    from briefing.tui import create_app
    from briefing.tui.widgets.article_list import ArticleList

    lib = tmp_path / "lib.sqlite3"
    with open_library(lib) as library:
        _add(library, str(SEEDS))
        kept = chosen_from(library, query="Manchester")
        library_summaries(library, kept, Options())  # as a build from the library keeps them
    assert len(kept) >= 2
    made = []
    real = summarize_module.summarize
    monkeypatch.setattr(
        summarize_module,
        "summarize",
        lambda article, options, edits=summarize_module.NO_EDITS: (
            made.append(article.id) or real(article, options, edits)
        ),
    )
    day, plan = date(2026, 12, 1), tmp_path / "plan.toml"
    app = create_app(
        (), today=day, export_dir=tmp_path, plan_path=plan, library=lib,
        choice=Choice(query="Manchester"),
    )  # fmt: skip
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        assert [a.id for a in app.articles] == [a.id for a in kept]
        assert app.query_one(ArticleList).option_count == len(kept)
        assert app.selected == {a.id for a in kept}
        assert made == []  # every summary came from the library
        app.save_plan()
        shown = render_markdown(app.briefing)
    saved = read_plan(plan)
    assert saved.from_library and saved.inputs == () and set(saved.articles) == app.selected
    assert "from_library = true" in plan.read_text(encoding="utf-8")
    assert str(lib) not in plan.read_text(encoding="utf-8")
    again = create_app((), today=day, export_dir=tmp_path, plan_path=plan, library=lib)
    async with again.run_test(size=(100, 30)) as pilot:
        await settle(again, pilot)
        assert {a.id for a in again.articles} == app.selected
        assert render_markdown(again.briefing) == shown
    rebuilt = briefing("build", "--plan", str(plan), "--library", str(lib), "--date", "2026-12-01")
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert rebuilt.stdout == shown


def test_tui_library_usage_errors(tmp_path):
    lib = tmp_path / "lib.sqlite3"
    with open_library(lib) as library:
        _add(library, str(SEEDS))
    bad = briefing("tui", "--library", str(lib), "--query", "MI5 AND (")
    assert bad.returncode == 2 and len(bad.stderr.strip().splitlines()) == 1
    mixed = briefing("tui", "--library", str(lib), str(SEEDS))
    assert mixed.returncode == 2 and "PATH" in mixed.stderr
    loose = briefing("tui", "--new")
    assert loose.returncode == 2 and "--library" in loose.stderr
    missing = briefing("tui", "--library", str(tmp_path / "none.sqlite3"))
    assert missing.returncode == 1 and "no library" in missing.stderr


def test_an_article_added_in_the_same_second_as_a_briefing_is_new(tmp_path):
    """``--new`` is "added after the last briefing was made": an add a few
    milliseconds after a briefing, within the same second, is new."""
    from datetime import timedelta

    with open_library(tmp_path / "lib.sqlite3") as library:
        made = NOW.replace(microsecond=100_000)
        library.record_briefing(made_at=made, day="2026-11-30", title="t", cited=[])
        add_inputs(library, load_tasks([str(SEEDS)]), now=made + timedelta(milliseconds=5))
        listed = library.listed(added_after=library.last_briefing_at())
        assert len(listed) == 5


def test_the_desk_that_remembers_end_to_end(tmp_path):
    """Issue 21's walk-through: subscribe a feed on a local server, update,
    add a folder holding a wire copy of one of its articles, search, build
    from what is new (the copy's outlet named), the same build again has
    nothing new, and update again asks conditionally and gets a 304."""
    feeds = _Feeds(_feed_of_seeds())
    lib = str(tmp_path / "lib.sqlite3")
    folder = tmp_path / "desk"
    folder.mkdir()
    (folder / "wire.txt").write_text(_wire_copy(_seed(0)), encoding="utf-8")
    (folder / "other.txt").write_text(_seed(4), encoding="utf-8")
    try:
        assert briefing("subscribe", f"{feeds.base}/news.rss", "--library", lib).returncode == 0
        assert "added 3," in briefing("update", "--library", lib).stdout
        added = briefing("add", str(folder), "--library", lib)
        assert "added 1, already there 0, duplicates 1, skipped 0" in added.stdout, added.stdout
        found = json.loads(briefing("search", "MI5", "--library", lib, "--format", "json").stdout)
        assert found and all(f["source"] for f in found)
        built = briefing("build", "--library", lib, "--new", "--date", "2026-12-01")
        assert built.returncode == 0, built.stderr
        assert built.stdout.count("\n### ") == 4  # 3 from the feed, 1 from the folder
        assert "also carried by" in built.stdout and "wire.txt" in built.stdout
        again = briefing("build", "--library", lib, "--new", "--date", "2026-12-01")
        assert again.returncode == 0 and again.stdout == ""
        assert "nothing new since the last briefing" in again.stderr
        feeds.seen.clear()
        assert "1 not modified" in briefing("update", "--library", lib).stdout
        assert feeds.seen == [("/news.rss", '"v1"')]
    finally:
        feeds.close()


def test_many_first_opens_at_once_all_succeed(tmp_path):
    """Switching a new file to WAL can answer "database is locked" at once,
    not after the busy timeout (CI saw it in the two-processes test): every
    one of many first opens at the same moment must succeed."""
    import threading

    for attempt in range(12):
        path = tmp_path / f"lib{attempt}.sqlite3"
        start = threading.Barrier(6)
        failures: list[str] = []

        def first_open() -> None:
            start.wait()
            try:
                open_library(path).close()
            except LibraryError as exc:
                failures.append(str(exc))

        threads = [threading.Thread(target=first_open) for _ in range(6)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert failures == []
        with open_library(path) as library:
            assert library.stats().version == SCHEMA_VERSION and library.check() == []


def _drained(fd: int) -> bytes:
    """What a pty holds once the process writing to it has ended (Linux
    answers EIO after the last byte): no clock involved."""
    import os

    seen = b""
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            return seen
        if not chunk:
            return seen
        seen += chunk


def test_update_shows_a_progress_bar_on_a_terminal_unless_quiet(tmp_path):
    """``update`` had no progress bar (``add`` had one): on a terminal it
    shows one, counting the feeds; --quiet and a pipe show none."""
    import os
    import pty
    import subprocess
    import sys

    feeds = _Feeds(_feed_of_seeds())
    lib = str(tmp_path / "lib.sqlite3")
    try:
        briefing("subscribe", f"{feeds.base}/news.rss", "--library", lib)
        briefing("subscribe", f"{feeds.base}/gone.rss", "--library", lib)
        for quiet in (False, True):
            master, slave = pty.openpty()
            proc = subprocess.Popen(
                [sys.executable, "-m", "briefing", "update", "--library", lib,
                 *(["--quiet"] if quiet else [])],
                stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=slave,
                env={**os.environ, "TERM": "xterm-256color", "COLUMNS": "100"},
            )  # fmt: skip
            os.close(slave)
            out, _ = proc.communicate(timeout=120)
            shown = _drained(master)  # the process is done: all it wrote, then EOF
            os.close(master)
            assert proc.returncode == 0 and b"2 feeds:" in out
            assert (b"Updating" in shown) is not quiet, shown
        piped = briefing("update", "--library", lib)
        assert "Updating" not in piped.stderr
    finally:
        feeds.close()
