"""The plan is the truth (issue 19): edits follow their sentence's text,
opening a plan writes nothing, and what the plan says is what reopens."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from conftest import briefing
from test_plan import JAVID, LEAD, A, B, make_plan

from briefing.compose.anchoring import anchor
from briefing.model import SentenceRef
from briefing.run.loading import load

NEW_TOP = "An editor's note added at the top of the story, long after the plan was made.\n\n"


def _insert_at_top(path, title_lines: int = 1) -> None:
    """A paragraph added just under the title: every sentence moves one on."""
    lines = path.read_text(encoding="utf-8").split("\n")
    head, rest = lines[:title_lines], lines[title_lines:]
    path.write_text("\n".join(head) + "\n\n" + NEW_TOP + "\n".join(rest), encoding="utf-8")


def test_an_edit_follows_its_sentence_when_the_source_moves_it(tmp_path):
    """A paragraph inserted at the top moved the exclusion onto another
    sentence and brought the excluded one back (silently)."""
    plan = make_plan(tmp_path)
    _insert_at_top(tmp_path / f"{B}.txt")
    result = briefing("build", "--plan", str(plan), "--format", "json")
    assert result.returncode == 0, result.stderr
    assert "changed since the plan was saved" in result.stderr
    assert "no longer in the article" not in result.stderr
    import json

    data = json.loads(result.stdout)
    shown = json.dumps(data)
    assert JAVID[:60] not in shown  # still excluded
    article = next(a for a in data["articles"] if a["id"] == B)
    pinned = [s for s in article["sentences"] if s["role"] == "pinned"]
    assert [s["text"] for s in pinned] == [LEAD]  # the pin followed its text too


def test_anchor_matches_by_text_and_reports_what_is_gone(tmp_path):
    make_plan(tmp_path)
    _insert_at_top(tmp_path / f"{B}.txt")
    (article,) = load([str(tmp_path / f"{B}.txt")]).articles
    by_id = {B: replace(article, id=B)}  # the id the plan pins it by
    moved = SentenceRef(B, 5, JAVID)
    gone = SentenceRef(B, 7, "A sentence that was never in this article at all.")
    elsewhere = SentenceRef(A, 2, "Not loaded now.")
    found = anchor([moved, gone, elsewhere], [], by_id)
    assert [r.text for r in found.excluded] == [JAVID]
    (placed,) = found.excluded
    assert placed.index == 6 and found.moved == 1
    assert found.lost == (gone,) and found.absent == (elsewhere,)


def test_an_unselected_unchanged_articles_edit_is_not_reported(tmp_path):
    """build --plan warned 'sentence 5 is no longer the one edited' for an
    article that was merely not chosen."""
    plan = make_plan(tmp_path, articles=(A,))
    result = briefing("build", "--plan", str(plan))
    assert result.returncode == 0 and result.stderr == "", result.stderr


# --------------------------------------------------------------------------
# The TUI: opening a plan writes nothing, and reopens what the plan says.


async def _open(tmp_path, plan):
    from test_tui import SIZE, settle

    from briefing.tui import create_app

    app = create_app((), today=date(2026, 11, 30), export_dir=tmp_path, plan_path=plan)
    return app, SIZE, settle


async def test_the_tui_applies_an_edit_where_its_text_moved_and_writes_nothing(tmp_path):
    plan = make_plan(tmp_path)
    _insert_at_top(tmp_path / f"{B}.txt")
    before = plan.read_bytes()
    app, size, settle = await _open(tmp_path, plan)
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        article = next(a for a in app.articles if a.id == B)
        javid = next(s.index for s in article.sentences if s.text == JAVID)
        assert (B, javid) in app.edits().excluded and javid == 6
        shown = [s.text for s in app.briefing.summaries[0].sentences]
        assert JAVID not in shown and app.briefing.summaries[0].article.id == B
    assert plan.read_bytes() == before  # opened and closed: not a byte changed (sha256 kept)


async def test_an_edit_whose_text_is_gone_is_listed_and_kept(tmp_path):
    plan = make_plan(tmp_path)
    path = tmp_path / f"{B}.txt"
    path.write_text(path.read_text(encoding="utf-8").replace(JAVID, ""), encoding="utf-8")
    app, size, settle = await _open(tmp_path, plan)
    seen: list[str] = []
    app.notify = lambda message, **kw: seen.append(message)  # type: ignore[method-assign]
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        assert not any(a == B for a, _ in app.edits().excluded)
        assert any("no longer in the article" in m for m in seen)
        kept = app.current_plan()
    assert [r.text for r in kept.excluded] == [JAVID]


async def test_a_missing_input_leaves_the_plan_as_it_was(tmp_path):
    """Opening with an input missing removed the article from `articles` and
    blanked its id and sha256; when it came back it was unselected and last."""
    plan = make_plan(tmp_path)
    (tmp_path / f"{A}.txt").rename(tmp_path / "away.txt")
    before = plan.read_bytes()
    app, size, settle = await _open(tmp_path, plan)
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        current = app.current_plan()
    assert plan.read_bytes() == before
    from briefing.output.plan import read_plan

    assert current.articles == (B, A)
    assert current.inputs == read_plan(plan).inputs  # the missing input's id and hash kept


async def test_a_plan_with_nothing_chosen_reopens_with_nothing_chosen(tmp_path):
    plan = make_plan(tmp_path, articles=())
    before = plan.read_bytes()
    app, size, settle = await _open(tmp_path, plan)
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        assert app.selected == set() and not app.briefing.summaries
    assert plan.read_bytes() == before


async def test_topic_sentences_from_the_plan_are_kept_and_used(tmp_path):
    plan = make_plan(tmp_path, topic_sentences=1)
    app, size, settle = await _open(tmp_path, plan)
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        assert app.current_plan().topic_sentences == 1
        assert all(len(t.sentences) <= 1 for t in app.briefing.topics)
        app.query_one("#title").value = "Changed"  # a real change: now it is saved
        await settle(app, pilot)
    from briefing.output.plan import read_plan

    saved = read_plan(plan)
    assert saved.title == "Changed" and saved.topic_sentences == 1


async def test_a_half_typed_date_never_applies(tmp_path):
    plan = make_plan(tmp_path)
    app, size, settle = await _open(tmp_path, plan)
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        field = app.query_one("#date")
        for typed in ("2026-11-2", "2026-11-3", "2026-1-30"):
            field.value = typed
            await settle(app, pilot)
            assert app.briefing.date == date(2026, 11, 24), typed
        field.value = "2026-11-30"
        await settle(app, pilot)
        assert app.briefing.date == date(2026, 11, 30)


async def test_the_topic_highlight_follows_its_topic_and_topic_changes_undo(tmp_path):
    """Ticking a suggestion moves it to the top; a second space meant to
    untick it ticked another topic. Topic changes could not be undone."""
    from briefing.tui.widgets.topic_list import TopicList

    plan = make_plan(tmp_path, topics=())
    app, size, settle = await _open(tmp_path, plan)
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        topics = app.query_one(TopicList)
        assert topics.option_count >= 3 and not app.active_topics
        topics.focus()
        topics.highlighted = 2
        phrase = topics.get_option_at_index(2).value
        await pilot.press("space")
        await settle(app, pilot)
        assert app.active_topics == {phrase}
        assert topics.get_option_at_index(topics.highlighted).value == phrase
        await pilot.press("space")  # the same topic, unticked
        await settle(app, pilot)
        assert app.active_topics == set()
        await pilot.press("ctrl+z")
        await settle(app, pilot)
        assert app.active_topics == {phrase}


async def test_undo_after_a_selection_change_undoes_the_selection(tmp_path):
    """ctrl+z after 'n' (select none) undid an earlier exclusion instead."""
    from briefing.tui.widgets.article_list import ArticleList

    plan = make_plan(tmp_path)
    app, size, settle = await _open(tmp_path, plan)
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        excluded = set(app.edits().excluded)
        chosen = set(app.selected)
        app.query_one(ArticleList).focus()
        await pilot.press("n")
        await settle(app, pilot)
        assert app.selected == set()
        await pilot.press("ctrl+z")
        await settle(app, pilot)
        assert app.selected == chosen and set(app.edits().excluded) == excluded


async def test_a_plan_that_cannot_be_saved_says_so_offers_save_as_and_asks_before_quitting(
    tmp_path,
):
    """In a folder that became unwritable: one toast, then every later change
    was silently unsaved and ctrl+q exited 0."""
    import shutil

    from textual.widgets import Static

    from briefing.output.plan import read_plan
    from briefing.tui.screens.export import ConfirmScreen
    from briefing.tui.screens.plan_as import PlanAsScreen

    work = tmp_path / "work"
    work.mkdir()
    plan = make_plan(work)
    app, size, settle = await _open(tmp_path, plan)
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        shutil.rmtree(work)  # the plan's folder is gone (a network share unmounted)
        app.query_one("#title").value = "Changed"
        await settle(app, pilot)
        assert app.not_saved is not None
        assert "NOT saved" in str(app.query_one("#preview-note", Static).render())
        app.query_one("#marking").value = "SECRET"  # later changes: still said, not silent
        await settle(app, pilot)
        assert "NOT saved" in str(app.query_one("#preview-note", Static).render())
        await pilot.press("escape", "ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)  # asks before losing the changes
        await pilot.press("n")
        await pilot.pause()
        assert app.is_running
        await pilot.press("S")
        await pilot.pause()
        assert isinstance(app.screen, PlanAsScreen)
        app.screen.query_one("#plan-name").value = str(tmp_path / "rescued.toml")
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.not_saved is None
        await pilot.press("ctrl+q")  # saved now: quits without asking
        await pilot.pause()
    rescued = read_plan(tmp_path / "rescued.toml")
    assert rescued.title == "Changed" and rescued.marking == "SECRET"


async def test_a_read_only_plan_is_not_overwritten(tmp_path):
    import os

    if os.geteuid() == 0:
        import pytest

        pytest.skip("root may write a read-only file")
    plan = make_plan(tmp_path)
    plan.chmod(0o444)
    before = plan.read_bytes()
    app, size, settle = await _open(tmp_path, plan)
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        app.query_one("#title").value = "Changed"
        await settle(app, pilot)
        assert app.not_saved is not None and "read-only" in app.not_saved
    assert plan.read_bytes() == before


async def test_the_cursor_stays_on_screen_in_a_long_article(tmp_path):
    """In a 5,425-sentence article, j x20 put the cursor 23 pages below the
    view (its place was guessed from the text's length), and x excluded a
    sentence nobody could see. (1,400 sentences here: past the text shown.)"""
    from test_tui import SIZE, settle

    from briefing.tui import create_app
    from briefing.tui.widgets.article_view import ArticleView, shown_indexes

    body = "\n\n".join(
        f"Paragraph {p} opens here with some words about the pilot scheme and the council. "
        f"It goes on with a second sentence number {p} that says a little more about it."
        for p in range(700)
    )
    (tmp_path / "long.txt").write_text("A long report\n\n" + body + "\n", encoding="utf-8")
    app = create_app([str(tmp_path / "long.txt")], today=date(2026, 11, 30), export_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("r")
        await settle(app, pilot)
        view = app.query_one(ArticleView)
        for presses in (20, 40):
            await pilot.press("j")  # the key itself, once
            for _ in range(presses - 1):
                view.action_move(1)  # the rest as fast as a held key
            await settle(app, pilot)
            line = view.cursor_line()
            assert line is not None
            assert view.scroll_y <= line < view.scroll_y + view.size.height, (presses, line)
        shown = shown_indexes(view.article, view.summary)
        for _ in range(len(shown) + 5):  # past the end of what is shown: it stops there
            view.action_move(1)
        assert view.cursor == shown[-1]


def test_the_last_plans_are_kept_and_a_crashed_session_is_offered(tmp_path, monkeypatch):
    """Starting afresh overwrote the last plan with no backup; after a closed
    terminal the next start offered the older plan and 'start afresh'
    loaded the crashed session."""
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path))
    from briefing.cli.interactive import KEPT_PLANS, keep_plan, last_plan_path, state_plans

    last = last_plan_path()
    folder = last.parent
    for n in range(KEPT_PLANS + 2):  # more sessions than are kept
        (folder / "current-plan.toml").write_text(f"# session {n}\n", encoding="utf-8")
        keep_plan(folder / "current-plan.toml", last)
    kept = sorted(p.name for p in folder.glob("last-plan*.toml"))
    assert len(kept) == KEPT_PLANS
    assert last.read_text() == f"# session {KEPT_PLANS + 1}\n"
    assert (folder / "last-plan.1.toml").read_text() == f"# session {KEPT_PLANS}\n"
    # A session that ended without quitting: its plan is the one offered now.
    (folder / "current-plan.toml").write_text("# crashed\n", encoding="utf-8")
    current, resume = state_plans()
    assert resume == last and last.read_text() == "# crashed\n" and not current.exists()


def test_the_resume_question_says_what_resuming_loads(tmp_path):
    from briefing.tui.app import resume_question

    plan = make_plan(tmp_path)
    question = resume_question(plan, paths_given=True)
    assert "dated 2026-11-24" in question and f"{A}.txt" in question
    assert "2 chosen" in question and "not the ones you named now" in question
    assert "keeps it" in question


def test_a_single_line_break_in_a_note_is_kept():
    from markdown_it import MarkdownIt

    from briefing.output.render import analyst_block

    block = analyst_block("First line of the note\nsecond line\n\nA new paragraph")
    tokens = MarkdownIt("commonmark").parse(block)
    inline = [c.type for t in tokens if t.type == "inline" for c in (t.children or [])]
    assert "hardbreak" in inline and "second line" in block
    assert sum(t.type == "paragraph_open" for t in tokens) == 3  # label, two paragraphs


def test_the_filter_matches_where_words_start():
    from briefing.model import Article, Section, Sentence
    from briefing.tui.widgets.article_list import matches

    text = "The performance of the team in Manchester was reviewed."
    article = Article("x", "Review", "r.txt", (Section(None, ((Sentence(text, "x", 0),),)),))
    assert not matches(article, "man utd") and not matches(article, "form")
    assert matches(article, "manch perf") and matches(article, "REVIEW")


async def test_a_topic_typed_in_another_case_is_the_one_listed(tmp_path):
    from textual.widgets import Input

    plan = make_plan(tmp_path, topics=("MI5",))
    app, size, settle = await _open(tmp_path, plan)
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        field = app.query_one("#new-topic", Input)
        field.focus()
        field.value = "mi5"
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.own_topics == ["MI5"] and app.active_topics == {"MI5"}


async def test_escape_in_a_note_with_words_typed_asks_first(tmp_path):
    from briefing.tui.screens.export import ConfirmScreen
    from briefing.tui.screens.note import NoteScreen

    plan = make_plan(tmp_path)
    app, size, settle = await _open(tmp_path, plan)
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        await pilot.press("A")
        await pilot.pause()
        await pilot.press(*"Words worth keeping")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")  # keep editing
        await pilot.pause()
        assert isinstance(app.screen, NoteScreen)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert "Words worth keeping" in app.plan.assessment


async def test_a_chosen_suggestion_keeps_its_counts(tmp_path):
    from briefing.tui.widgets.topic_list import TopicList

    plan = make_plan(tmp_path, topics=())
    app, size, settle = await _open(tmp_path, plan)
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        topics = app.query_one(TopicList)
        topics.focus()
        topics.highlighted = 0
        before = str(topics.get_option_at_index(0).prompt)
        await pilot.press("space")
        await settle(app, pilot)
        after = str(topics.get_option_at_index(topics.highlighted).prompt)
        assert "·" in before and before.split()[-1] == after.split()[-1]


async def test_tab_then_backspace_removes_one_character_not_the_field(tmp_path):
    """Tab selected the whole next field, so a Backspace right after it
    wiped the marking from the briefing."""
    from textual.widgets import Input

    plan = make_plan(tmp_path, marking="SECRET")
    app, size, settle = await _open(tmp_path, plan)
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        await pilot.press("o")
        app.query_one("#title", Input).focus()
        await pilot.press("tab", "backspace")
        await settle(app, pilot)
        assert app.focused.id == "marking"
        assert app.query_one("#marking", Input).value == "SECRE"
        assert app.briefing.marking == "SECRE"


async def test_the_export_formats_differ_in_shape_not_colour_alone(tmp_path):
    from briefing.tui.widgets.ticks import ShapedRadio

    plan = make_plan(tmp_path)
    app, size, settle = await _open(tmp_path, plan)
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()
        marks = {r.id: r._button.plain for r in app.screen.query(ShapedRadio)}
        assert marks == {
            "fmt-markdown": "▐●▌", "fmt-json": "▐○▌", "fmt-html": "▐○▌", "fmt-text": "▐○▌",
            "fmt-docx": "▐○▌",
        }  # fmt: skip
        await pilot.press("escape")


async def test_the_filter_says_how_many_articles_match(tmp_path):
    from textual.widgets import Input

    plan = make_plan(tmp_path)
    app, size, settle = await _open(tmp_path, plan)
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        app.query_one("#filter", Input).value = "west midlands"
        await settle(app, pilot)
        assert app.sub_title.endswith("· 1 match “west midlands”"), app.sub_title
        app.query_one("#filter", Input).value = "zebra crossing"
        await settle(app, pilot)
        assert "· 0 match" in app.sub_title


async def test_a_change_made_just_before_quitting_is_saved(tmp_path):
    """Typing in a field waits for a pause before the briefing is rebuilt and
    the plan saved; ctrl+q in that pause quit without saving what was typed."""
    plan = make_plan(tmp_path)
    app, size, settle = await _open(tmp_path, plan)
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        app.query_one("#title").focus()
        await pilot.press("end", *" today")
        assert app.refresh_pending  # still waiting for the pause
        await pilot.press("ctrl+q")
        await pilot.pause()
    from briefing.output.plan import read_plan

    assert read_plan(plan).title.endswith(" today")


async def test_saves_in_the_background_leave_the_last_plan_on_disk(tmp_path):
    """The plan is written off the screen's thread (5,000 inputs took 0.2 s a
    key); however the writes interleave, the file ends as the last change."""
    plan = make_plan(tmp_path)
    app, size, settle = await _open(tmp_path, plan)
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        for n in range(6):
            app.query_one("#title").value = f"Title {n}"
            app.schedule_refresh(0)
        await settle(app, pilot)
        assert not app.session.needs_saving(app.current_plan())
    from briefing.output.plan import read_plan

    assert read_plan(plan).title == "Title 5"


async def test_a_plan_of_the_sample_articles_reopens_them(tmp_path):
    """`briefing tui --plan p.toml` with no paths works on the bundled
    samples; reopened, every sample was refused as outside the plan's folder
    (the samples ship with the tool: they are no one's private files)."""
    plan = tmp_path / "p.toml"
    for _ in range(2):
        app, size, settle = await _open(tmp_path, plan)
        async with app.run_test(size=size) as pilot:
            await settle(app, pilot)
            assert len(app.articles) == 5 and not app.problems
            app.query_one("#title").value = "Samples"
            await settle(app, pilot)
    from briefing.output.plan import read_plan

    assert len(read_plan(plan).inputs) == 5


async def test_a_short_terminal_still_lists_articles_and_topics(tmp_path):
    """At 60x15 the article list showed no rows (the highlighted article's
    details took its room)."""
    from test_tui import settle

    from briefing.tui import create_app
    from briefing.tui.widgets.article_list import ArticleList
    from briefing.tui.widgets.topic_list import TopicList

    app = create_app((), today=date(2026, 11, 30), export_dir=tmp_path)
    async with app.run_test(size=(60, 15)) as pilot:
        await settle(app, pilot)
        assert app.query_one(ArticleList).region.height >= 3
        assert app.query_one(TopicList).region.height >= 2


async def test_a_long_article_heading_in_the_preview_wraps_with_its_citation(tmp_path):
    """An article's heading was one line, clipped: its citation "[1]" lost."""
    from test_tui import settle
    from textual.widgets import Markdown
    from textual.widgets._markdown import MarkdownH3

    from briefing.tui import create_app

    app = create_app((), today=date(2026, 11, 30), export_dir=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        preview = app.query_one("#preview", Markdown)
        heading = next(
            h
            for h in preview.query(MarkdownH3)
            if "[1]" in str(h._content)  # noqa: SLF001
        )
        assert heading.region.right <= preview.region.right
        assert heading.size.height >= 2  # 70 characters in a 45-column pane
