"""Drive the real app with Pilot: keys, clicks, and the exported file."""

from datetime import date

from conftest import REPO, seed_id
from textual.widgets import Input, Markdown, Select
from textual.worker import WorkerCancelled

from briefing.tui import create_app
from briefing.tui.screens.export import ConfirmScreen, ExportScreen
from briefing.tui.screens.help import HelpScreen
from briefing.tui.widgets.article_list import ArticleList
from briefing.tui.widgets.topic_list import TopicList

DAY = date(2026, 11, 23)
SIZE = (100, 30)


async def settle(app, pilot):
    """Wait until loading, the pending refresh and every worker are done:
    a debounced refresh is run at once, nothing waits on the clock."""
    for _ in range(50):
        await pilot.pause()  # messages posted so far are handled
        if app.refresh_pending:
            app.schedule_refresh(0)
        try:
            await app.workers.wait_for_complete()
        except WorkerCancelled:
            continue  # an exclusive worker replaced by a newer one: wait for that one
        await pilot.pause()
        if not app.refresh_pending and not any(w.is_running for w in app.workers):
            return
    raise AssertionError("the app never settled")


def make(tmp_path, paths=()):
    return create_app(paths, today=DAY, export_dir=tmp_path)


async def test_select_two_add_topic_change_algorithm_export(tmp_path, seed_texts):
    app = make(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        articles = app.query_one(ArticleList)
        assert articles.option_count == 5 and len(app.selected) == 5
        # Select none, then the first two articles with the keyboard.
        articles.focus()
        await pilot.press("n", "home", "space", "down", "space")
        await settle(app, pilot)
        assert app.selected == {seed_id("000"), seed_id("001")}
        # Add a topic of our own.
        await pilot.press("t", *"intelligence sharing", "enter")
        await settle(app, pilot)
        assert "intelligence sharing" in app.active_topics
        # Change the algorithm in the Options tab.
        await pilot.press("escape")
        app.query_one(ArticleList).focus()
        await pilot.press("o")
        select = app.query_one("#algorithm", Select)
        select.focus()
        await pilot.press("enter", "down", "enter")
        await settle(app, pilot)
        assert select.value == "lexrank"
        assert app.briefing.algorithm == "lexrank"
        # Export with the default name.
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, ExportScreen)
        await pilot.press("enter")
        await settle(app, pilot)
    out = tmp_path / "briefing-2026-11-23.md"
    text = out.read_text(encoding="utf-8")
    assert "23 November 2026" in text.splitlines()
    assert "### intelligence sharing" in text
    assert text.index("## Key points") < text.index("## Topics") < text.index("## Articles")
    assert "## Sources" in text
    sources = text.split("## Sources", 1)[1]
    assert (
        "seeds/000_e50db57d244b7d66.txt" in sources and "seeds/001_dbf2762f11d4a2d7.txt" in sources
    )
    assert "seeds/004" not in text
    bullets = [
        line[2:].rsplit(" [", 1)[0].split(" — ")[0]
        for line in text.splitlines()
        if line.startswith("- ")
    ]
    assert bullets
    everything = " ".join(seed_texts.values())
    for sentence in bullets:
        assert sentence in everything


async def test_export_json_with_the_button(tmp_path):
    import json

    app = make(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.click("#export-button")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        await pilot.click("#fmt-json")
        await pilot.pause()
        assert app.screen.query_one("#export-name", Input).value == "briefing-2026-11-23.json"
        await pilot.click("#export-ok")
        await settle(app, pilot)
    data = json.loads((tmp_path / "briefing-2026-11-23.json").read_text(encoding="utf-8"))
    assert data["date"] == "2026-11-23" and len(data["articles"]) == 5


async def test_export_uses_the_users_template_folder(tmp_path):
    """The settings' template folder (issue 22, #4): its briefing.html.j2
    renders the TUI's HTML export; Markdown, with none there, the bundled one."""
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "briefing.html.j2").write_text("<p>MINE {{ articles | length }}</p>\n")
    app = create_app((), today=DAY, export_dir=tmp_path, templates=folder)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        for fmt in ("html", "markdown"):
            await pilot.click("#export-button")
            await pilot.pause()
            await pilot.click(f"#fmt-{fmt}")
            await pilot.pause()
            await pilot.click("#export-ok")
            await settle(app, pilot)
    assert "<p>MINE 5</p>" in (tmp_path / "briefing-2026-11-23.html").read_text()
    assert (tmp_path / "briefing-2026-11-23.md").read_text().startswith("# News briefing")


async def test_export_html_by_the_button_and_word_by_the_suffix_typed(tmp_path):
    import docx

    app = make(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.click("#export-button")
        await pilot.pause()
        await pilot.click("#fmt-html")
        await pilot.pause()
        assert app.screen.query_one("#export-name", Input).value == "briefing-2026-11-23.html"
        await pilot.click("#export-ok")
        await settle(app, pilot)
        await pilot.click("#export-button")
        await pilot.pause()
        app.screen.query_one("#export-name", Input).value = "for-the-minister.docx"
        await pilot.click("#export-ok")  # the Markdown button is pressed; the suffix decides
        await settle(app, pilot)
    html = (tmp_path / "briefing-2026-11-23.html").read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "Sources</h2>" in html
    word = docx.Document(str(tmp_path / "for-the-minister.docx"))
    assert [p.text for p in word.paragraphs if p.style.name == "Heading 1"][-1] == "Sources"


async def test_filter_as_you_type_keeps_selection(tmp_path):
    app = make(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("slash", *"profoundly sorry")
        await settle(app, pilot)
        articles = app.query_one(ArticleList)
        assert articles.option_count == 1
        assert articles.get_option_at_index(0).value == seed_id("004")
        assert len(app.selected) == 5
        app.query_one("#filter", Input).value = ""
        await settle(app, pilot)
        assert articles.option_count == 5


async def test_help_screen_opens_and_closes(tmp_path):
    app = make(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        assert "ctrl+s" in app.screen.query_one(Markdown).source
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)


async def test_overwrite_needs_confirmation(tmp_path):
    out = tmp_path / "briefing-2026-11-23.md"
    out.write_text("keep me", encoding="utf-8")
    app = make(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+s", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await settle(app, pilot)
        assert out.read_text(encoding="utf-8") == "keep me"
        await pilot.press("ctrl+s", "enter")
        await pilot.pause()
        await pilot.press("y")
        await settle(app, pilot)
    assert out.read_text(encoding="utf-8").startswith("# News briefing")


async def test_the_time_limit_holds_for_a_large_input_in_the_tui(tmp_path):
    """A large input is read in a worker process, where --max-seconds holds
    (in the app's thread it had no limit: this one took seconds to load)."""
    from briefing.model import InputLimits

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(
        "A good title\n\nA fine first sentence. Another one here.\n", encoding="utf-8"
    )
    paragraph = "The review found that intelligence was shared too late with local partners. "
    (folder / "book.txt").write_text(
        "A long book\n\n" + "\n\n".join(f"{paragraph}Part {n}." for n in range(30_000)),
        encoding="utf-8",
    )
    app = create_app(
        [str(folder)], today=DAY, export_dir=tmp_path, limits=InputLimits(max_seconds=0.5)
    )
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert [a.title for a in app.articles] == ["A good title"]
        (problem,) = app.problems
        assert problem.source.endswith("book.txt") and "took longer than 0.5 s" in problem.reason


async def test_unreadable_article_is_flagged_not_fatal(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(
        "A good title\n\nA fine first sentence. Another one here.\n", encoding="utf-8"
    )
    (folder / "broken.txt").write_bytes(b"\x00\x01\x02\x03")
    app = make(tmp_path, [str(folder)])
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        articles = app.query_one(ArticleList)
        assert articles.option_count == 2
        flagged = articles.get_option_at_index(1)
        assert flagged.disabled
        assert "broken.txt" in str(flagged.prompt) and "binary file" in str(flagged.prompt)
        assert [a.title for a in app.briefing.articles] == ["A good title"]


async def test_export_error_is_a_notification(tmp_path, monkeypatch):
    app = make(tmp_path)
    seen = []
    async with app.run_test(size=SIZE) as pilot:
        monkeypatch.setattr(
            app, "notify", lambda message, **kw: seen.append((message, kw.get("severity")))
        )
        await settle(app, pilot)
        await pilot.press("ctrl+s")
        app.screen.query_one("#export-name", Input).value = str(tmp_path / "missing" / "x.md")
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.is_running
    assert any("does not exist" in m and sev == "error" for m, sev in seen)


async def test_topics_and_selection_reuse_summaries(tmp_path, monkeypatch):
    import briefing.summarizers.summarize

    made = []
    real = briefing.summarizers.summarize.summarize
    monkeypatch.setattr(
        briefing.summarizers.summarize,
        "summarize",
        lambda article, options, *edits: made.append(article.id) or real(article, options, *edits),
    )
    app = make(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert sorted(made) == sorted(app.selected) and len(made) == 5
        assert app.suggested, "suggested topics arrive after the list"
        # A topic of our own, then one article fewer: the briefing changes, nothing is summarised again.
        await pilot.press("t", *"police", "enter")
        await settle(app, pilot)
        # "police" is the suggested topic "Police": chosen as listed, not added beside it.
        assert [t.name for t in app.briefing.topics] == ["Police"]
        app.query_one(ArticleList).focus()
        await pilot.press("home", "space")
        await settle(app, pilot)
        assert len(app.briefing.summaries) == 4
        assert len(made) == 5
        # Other options summarise again, once per article: the four chosen and
        # the highlighted (unchosen) one the Article tab shows.
        app.query_one("#sentences", Input).value = "2"
        await settle(app, pilot)
        assert sorted(made[5:]) == sorted(app.selected | {seed_id("000")})
        assert all(
            len(section.picks) == 2 for s in app.briefing.summaries for section in s.sections
        )


async def test_many_files_load_and_summarise_over_a_pool(tmp_path, monkeypatch):
    """Above POOL_MIN files the TUI reads and summarises in worker processes
    (from a fork server); the briefing is the one a single thread makes."""
    import briefing.run.pipeline
    import briefing.summarizers.summarize
    import briefing.tui.loading

    made = []
    real = briefing.summarizers.summarize.summarize
    monkeypatch.setattr(
        briefing.summarizers.summarize,
        "summarize",
        lambda article, options, *edits: made.append(article.id) or real(article, options, *edits),
    )
    monkeypatch.setattr(briefing.tui.loading, "POOL_MIN", 5)
    monkeypatch.setattr(briefing.run.pipeline, "PARALLEL_MIN", 5)
    folder = tmp_path / "in"
    folder.mkdir()
    for seed in sorted((REPO / "seeds").glob("*.txt")):
        (folder / seed.name).write_bytes(seed.read_bytes())
    (folder / "002b_broken.txt").write_bytes(b"\x00\x01\x02")  # a bad file among good ones
    seen = {}
    for jobs in (2, 1):
        app = make(tmp_path, [str(folder)])
        app.jobs = jobs
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            assert len(app.briefing.summaries) == 5
            seen[jobs] = (
                [a.id for a in app.articles],
                [p.source for p in app.problems],
                app.query_one("#preview", Markdown).source,
            )
        if jobs == 2:
            assert made == [], "the parent summarised nothing: the pool did"
    assert seen[2] == seen[1]
    assert len(seen[2][1]) == 1 and "002b_broken.txt" in seen[2][1][0]
    assert "## Articles" in seen[2][2]


async def test_a_failed_pool_falls_back_to_one_thread(tmp_path, monkeypatch):
    import briefing.run.pipeline
    import briefing.tui.loading

    def broken(*args, **kwargs):
        raise OSError("no processes left")
        yield  # a generator, as the real one is

    monkeypatch.setattr(briefing.tui.loading, "POOL_MIN", 5)
    monkeypatch.setattr(briefing.run.pipeline, "summaries_of", broken)
    app = make(tmp_path)
    app.jobs = 2
    messages = []
    notify = app.notify
    monkeypatch.setattr(
        app, "notify", lambda message, **kw: messages.append(message) or notify(message, **kw)
    )
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert len(app.articles) == 5 and len(app.briefing.summaries) == 5
        assert any("Worker processes failed (OSError: no processes left)" in m for m in messages)


async def test_remove_own_topic(tmp_path):
    app = create_app(today=DAY, export_dir=tmp_path, topics=["quantum computing"])
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert "quantum computing" in [t.name for t in app.briefing.topics]
        topics = app.query_one(TopicList)
        topics.focus()
        topics.highlighted = 0
        await pilot.press("delete")
        await settle(app, pilot)
        assert "quantum computing" not in [t.name for t in app.briefing.topics]


async def test_ctrl_q_quits_cleanly(tmp_path):
    app = make(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+q")
    assert app.return_code == 0


async def test_missing_path_is_shown_not_fatal(tmp_path):
    app = make(tmp_path, [str(tmp_path / "nope")])
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert "Could not load" in app.query_one("#preview", Markdown).source
        assert app.is_running


def test_snapshot_main_screen(snap_compare, tmp_path):
    async def ready(pilot):
        await settle(pilot.app, pilot)

    assert snap_compare(make(tmp_path), terminal_size=SIZE, run_before=ready)


def test_snapshot_help_screen(snap_compare, tmp_path):
    async def ready(pilot):
        await settle(pilot.app, pilot)
        await pilot.press("question_mark")
        await pilot.pause()

    assert snap_compare(make(tmp_path), terminal_size=SIZE, run_before=ready)


def test_snapshot_small_terminal(snap_compare, tmp_path):
    async def ready(pilot):
        await settle(pilot.app, pilot)
        await pilot.press("o")
        await pilot.pause()

    assert snap_compare(make(tmp_path), terminal_size=(80, 24), run_before=ready)
