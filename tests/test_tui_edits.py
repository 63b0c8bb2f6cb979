"""The analyst's hand in the TUI (issue 12): exclude, pin, note, assessment,
reorder, undo, and the plan round trip (TUI export == `build --plan`)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from datetime import date

from conftest import SEEDS, seed_id
from test_tui import SIZE, settle

from briefing.output.plan import read_plan
from briefing.tui import create_app
from briefing.tui.screens.note import NoteScreen
from briefing.tui.widgets.article_list import ArticleList
from briefing.tui.widgets.article_view import ArticleView

DAY = date(2026, 11, 24)
B = seed_id("001")


def seeds_in(folder):
    folder.mkdir()
    for path in sorted(SEEDS.glob("*.txt")):
        shutil.copy(path, folder / path.name)
    return folder


def open_app(tmp_path, plan, paths=()):
    return create_app(paths, today=DAY, export_dir=tmp_path, plan_path=plan)


async def export_markdown(app, pilot, name="out.md"):
    from textual.widgets import Input

    await pilot.press("ctrl+s")
    await pilot.pause()
    app.screen.query_one("#export-name", Input).value = name
    await pilot.click("#export-ok")
    await settle(app, pilot)


async def go_to_article(app, pilot, article_id):
    listed = app.query_one(ArticleList)
    listed.focus()
    listed.highlight_id(article_id)
    await settle(app, pilot)
    await pilot.press("r")
    await settle(app, pilot)
    view = app.query_one(ArticleView)
    assert app.focused is view and view.article.id == article_id
    return view


async def test_exclude_pin_assess_export_and_rebuild_headless(tmp_path):
    folder = seeds_in(tmp_path / "reports")
    plan = tmp_path / "plan.toml"
    app = open_app(tmp_path, plan, [str(folder)])
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        view = await go_to_article(app, pilot, B)
        first_pick = view.cursor
        assert first_pick == view.summary.picks[0].index  # the cursor starts on the first pick
        wrong = view.current().text
        await pilot.press("x")  # exclude it
        await settle(app, pilot)
        await pilot.press("up", "up")
        await settle(app, pilot)
        better = view.current()
        await pilot.press("p")  # pin a better one
        await settle(app, pilot)
        await pilot.press("A")
        await pilot.pause()
        assert isinstance(app.screen, NoteScreen)
        await pilot.press(*"Threat stable.")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        await pilot.press("c")
        await pilot.pause()
        await pilot.press(*"Check dates.")
        await pilot.click("#note-save")
        await settle(app, pilot)
        await export_markdown(app, pilot)
    exported = (tmp_path / "out.md").read_text(encoding="utf-8")
    assert wrong not in exported and better.text in exported
    assert "> Threat stable." in exported and "> Check dates." in exported
    saved = read_plan(plan)
    assert [(r.article, r.index) for r in saved.pinned] == [(B, better.index)]
    assert [(r.article, r.text) for r in saved.excluded] == [(B, wrong)]
    # Tomorrow, headless: the same file, byte for byte.
    rebuilt = subprocess.run(
        [sys.executable, "-m", "briefing", "build", "--plan", str(plan)],
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert rebuilt.stdout == exported
    # And reopened in a new app, the plan gives the same export again.
    again = open_app(tmp_path, plan)
    async with again.run_test(size=SIZE) as pilot:
        await settle(again, pilot)
        await export_markdown(again, pilot, "again.md")
    assert (tmp_path / "again.md").read_text(encoding="utf-8") == exported


async def test_choices_and_edits_survive_renaming_the_file(tmp_path):
    """Articles are known by their content, so a plan opened on the folder
    again after a file was renamed still has that article's edits."""
    folder = seeds_in(tmp_path / "reports")
    plan = tmp_path / "plan.toml"
    app = open_app(tmp_path, plan, [str(folder)])
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        view = await go_to_article(app, pilot, B)
        wrong = view.current()
        await pilot.press("x")
        await settle(app, pilot)
    (source,) = folder.glob("001_*.txt")
    source.rename(folder / "renamed.txt")
    again = open_app(tmp_path, plan, [str(folder)])
    async with again.run_test(size=SIZE) as pilot:
        await settle(again, pilot)
        assert (B, wrong.index) in again.edits().excluded
        assert len(again.selected) == 5
        await export_markdown(again, pilot)
    exported = (tmp_path / "out.md").read_text(encoding="utf-8")
    assert "renamed.txt" in exported and wrong.text not in exported


async def test_a_plan_from_before_content_ids_still_applies_to_the_folder(tmp_path):
    """A plan saved when ids were file names: opened on the folder, its
    inputs keep those ids, so its choices and edits still apply."""
    from briefing.model import Plan, PlanInput, SentenceRef
    from briefing.output.plan import write_plan
    from briefing.run.loading import load

    folder = seeds_in(tmp_path / "reports")
    (source,) = folder.glob("001_*.txt")
    article = load([str(source)]).articles[0]
    wrong = article.sentences[0]
    old = "001_dbf2762f11d4a2d7"
    plan = tmp_path / "plan.toml"
    write_plan(
        plan,
        Plan(
            inputs=(PlanInput(f"reports/{source.name}", old),),
            articles=(old,),
            excluded=(SentenceRef(old, wrong.index, wrong.text),),
        ),
    )
    app = open_app(tmp_path, plan, [str(folder)])
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert app.selected == {old}
        assert (old, wrong.index) in app.edits().excluded
        await export_markdown(app, pilot)
    exported = (tmp_path / "out.md").read_text(encoding="utf-8")
    assert source.name in exported and wrong.text not in exported


async def test_undo_and_reorder(tmp_path):
    folder = seeds_in(tmp_path / "reports")
    app = open_app(tmp_path, tmp_path / "plan.toml", [str(folder)])
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        view = await go_to_article(app, pilot, B)
        excluded = view.current().index
        await pilot.press("x")
        await settle(app, pilot)
        assert (B, excluded) in app.edits().excluded
        await pilot.press("ctrl+z")
        await settle(app, pilot)
        assert not app.edits().excluded
        before = [a.id for a in app.chosen_articles()]
        app.query_one(ArticleList).focus()
        app.query_one(ArticleList).highlight_id(B)
        await pilot.press("shift+up")
        await settle(app, pilot)
        after = [a.id for a in app.chosen_articles()]
        assert after.index(B) == before.index(B) - 1
        assert [a.article.id for a in app.briefing.summaries] == after
        assert read_plan(tmp_path / "plan.toml").articles == tuple(after)


# --------------------------------------------------------------------------
# No silent changes (each failed on the code before).


async def test_a_chosen_suggested_topic_stays_chosen_whatever_the_suggestions_do(tmp_path):
    from briefing.tui.widgets.topic_list import TopicList

    app = create_app((), today=DAY, export_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        topics = app.query_one(TopicList)
        at = next(
            n
            for n in range(topics.option_count)
            if topics.get_option_at_index(n).value == "Manchester Arena"
        )
        topics.focus()
        topics.highlighted = at
        await pilot.press("space")
        await settle(app, pilot)
        assert [t.name for t in app.briefing.topics] == ["Manchester Arena"]
        app.query_one(ArticleList).focus()
        await pilot.press("home", "space")  # untick the first article: the suggestions change
        await settle(app, pilot)
        app.query_one("#title").value = "Weekly"
        await settle(app, pilot)
        assert [t.name for t in app.briefing.topics] == ["Manchester Arena"]
        assert app.briefing.title == "Weekly"
        assert "Manchester Arena" in [
            topics.get_option_at_index(n).value for n in range(topics.option_count)
        ]


async def test_an_invalid_date_or_length_is_refused_where_typed_and_the_last_good_value_stays(
    tmp_path,
):
    from textual.widgets import Static

    app = create_app((), today=DAY, export_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        app.query_one("#date").value = "2026-11-25"
        await settle(app, pilot)
        app.query_one("#date").value = "24/11/2026"
        app.query_one("#sentences").value = "0"
        await settle(app, pilot)
        assert app.briefing.date == date(2026, 11, 25)
        assert all(
            len(sec.picks) == 3
            for s in app.briefing.summaries
            for sec in s.sections
            if len(sec.picks) == 3 or len(sec.sentences) >= 3
        )
        date_note = str(app.query_one("#date-refused", Static).render())
        assert "Not a date written YYYY-MM-DD: still using 2026-11-25." in date_note
        assert "still using 3" in str(app.query_one("#sentences-refused", Static).render())


async def test_exporting_no_article_asks_first(tmp_path):
    from briefing.tui.screens.export import ConfirmScreen

    app = create_app((), today=DAY, export_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        app.query_one(ArticleList).focus()
        await pilot.press("n")
        await settle(app, pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape")
        await settle(app, pilot)
        assert not list(tmp_path.iterdir())


async def test_escape_leaves_a_text_field_and_keys_work_again(tmp_path):
    from textual.widgets import Input

    app = create_app((), today=DAY, export_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("t", *"police", "enter", "escape", "o")
        await settle(app, pilot)
        assert app.query_one("#new-topic", Input).value == ""
        assert app.query_one("#tabs").active == "tab-options"
        await pilot.press("slash", *"arena", "down")
        assert app.focused is app.query_one(ArticleList)


async def test_the_last_plan_is_offered_and_kept_until_answered(tmp_path):
    from briefing.model import Plan
    from briefing.output.plan import to_toml
    from briefing.tui.screens.export import ConfirmScreen

    last = tmp_path / "last-plan.toml"
    last.write_text(to_toml(Plan(assessment="Yesterday's words.")), encoding="utf-8")
    current = tmp_path / "current-plan.toml"
    app = create_app((), today=DAY, export_dir=tmp_path, plan_path=current, resume=last)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, ConfirmScreen) and not current.exists()
        await pilot.press("y")
        await pilot.pause()
    assert app.return_value == "resume" and read_plan(last).assessment == "Yesterday's words."
    app = create_app((), today=DAY, export_dir=tmp_path, plan_path=current, resume=last)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("n")
        await settle(app, pilot)
        assert current.exists() and read_plan(last).assessment == "Yesterday's words."


def test_the_cli_keeps_its_plan_in_the_state_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path))
    from briefing.cli.interactive import last_plan_path

    assert last_plan_path() == tmp_path / "briefing" / "last-plan.toml"
    assert (tmp_path / "briefing").is_dir()


async def test_with_the_state_folders_plan_inputs_are_named_as_given(tmp_path, monkeypatch):
    """Without --plan the plan lives in the state folder; the briefing still
    names the inputs as the user gave them, not by absolute paths."""
    seeds_in(tmp_path / "reports")
    monkeypatch.chdir(tmp_path)
    state = tmp_path / "state" / "current-plan.toml"
    state.parent.mkdir()
    app = create_app(
        ["reports"], today=DAY, export_dir=tmp_path, plan_path=state, labels_from_plan=False
    )
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await export_markdown(app, pilot)
    exported = (tmp_path / "out.md").read_text(encoding="utf-8")
    assert "`reports/000_e50db57d244b7d66.txt`" in exported and str(tmp_path) not in exported
    assert read_plan(state).inputs[0].path == str(tmp_path / "reports" / "000_e50db57d244b7d66.txt")


async def test_a_note_on_a_topic_shows_under_it(tmp_path):
    from briefing.tui.widgets.topic_list import TopicList

    app = create_app((), today=DAY, export_dir=tmp_path, topics=("MI5",))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        topics = app.query_one(TopicList)
        topics.focus()
        topics.highlighted = 0
        await pilot.press("c")
        await pilot.pause()
        await pilot.press(*"Watch this.", "ctrl+s")
        await settle(app, pilot)
        assert app.briefing.edits.topic_note("MI5") == "Watch this."
        await export_markdown(app, pilot)
    out = (tmp_path / "out.md").read_text(encoding="utf-8")
    assert "### MI5\n\n> **Analyst comment**" in out and "> Watch this." in out


async def test_export_onto_a_folder_is_refused_and_the_name_kept(tmp_path):
    from textual.widgets import Input

    from briefing.tui.screens.export import ExportScreen

    (tmp_path / "folder").mkdir()
    app = create_app((), today=DAY, export_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        seen = []
        app.notify = lambda message, **kw: seen.append(message)
        await pilot.press("ctrl+s")
        await pilot.pause()
        app.screen.query_one("#export-name", Input).value = "folder"
        await pilot.click("#export-ok")
        await settle(app, pilot)
        assert isinstance(app.screen, ExportScreen)
        assert app.screen.query_one("#export-name", Input).value.endswith("folder")
        assert any("is a folder" in m for m in seen)


def test_snapshot_article_tab_with_marks(snap_compare, tmp_path):
    """The Article tab after an exclude and a pin: ✗, ★, ●rank, ↳, ▸ all on screen."""

    async def ready(pilot):
        app = pilot.app
        await settle(app, pilot)
        await go_to_article(app, pilot, B)
        await pilot.press("x", "up", "up", "p")
        await settle(app, pilot)

    app = create_app((), today=DAY, export_dir=tmp_path)
    assert snap_compare(app, terminal_size=SIZE, run_before=ready)


async def test_search_finds_words_in_the_text_and_steps_through_them(tmp_path):
    app = create_app((), today=DAY, export_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("slash", *"probation service", "enter")  # only in seed 001's text
        await settle(app, pilot)
        listed = app.query_one(ArticleList)
        assert listed.option_count == 1 and listed.get_option_at_index(0).value == B
        await pilot.press("r")
        await settle(app, pilot)
        view = app.query_one(ArticleView)
        await pilot.press("n")
        assert "Probation Service" in view.current().text
        start = view.cursor
        await pilot.press("n")  # the only match: it wraps round to itself
        assert view.cursor == start


async def test_terminating_saves_the_change_waiting_for_its_pause(tmp_path):
    """SIGTERM (``terminate``) saved nothing that still waited for the pause
    in typing: a title typed just before it was lost. Now it is saved as
    quitting saves it, and the app exits with 143."""
    from test_tui import settle
    from textual.widgets import Input

    from briefing.output.plan import read_plan
    from briefing.tui import create_app

    plan = tmp_path / "plan.toml"
    app = create_app((), today=date(2026, 11, 23), export_dir=tmp_path, plan_path=plan)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        app.query_one("#title", Input).value = "Typed just before the signal"
        await pilot.pause()
        assert app.refresh_pending  # the save waits for a pause in typing
        app.terminate()
        await pilot.pause()
    assert app.return_code == 143
    assert read_plan(plan).title == "Typed just before the signal"


async def test_a_dismissed_suggestion_stays_dismissed_when_the_plan_is_reopened(tmp_path):
    """Delete on a suggested topic dismissed it for the session only: the
    plan did not keep it, so reopening offered it again."""
    from briefing.tui.widgets.topic_list import TopicList

    plan = tmp_path / "plan.toml"
    app = create_app((), today=date(2026, 11, 23), export_dir=tmp_path, plan_path=plan)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        topics = app.query_one(TopicList)
        offered = [topics.get_option_at_index(i).value for i in range(topics.option_count)]
        assert offered, "the samples suggest topics"
        topics.focus()
        topics.highlighted = 0
        await pilot.press("delete")
        await settle(app, pilot)
        app.save_plan(now=True)
        await settle(app, pilot)
    assert read_plan(plan).dismissed == (offered[0],)
    again = create_app((), today=date(2026, 11, 23), export_dir=tmp_path, plan_path=plan)
    async with again.run_test(size=SIZE) as pilot:
        await settle(again, pilot)
        topics = again.query_one(TopicList)
        listed = [topics.get_option_at_index(i).value for i in range(topics.option_count)]
        assert offered[0] not in listed and offered[1] in listed
        assert not again.unsaved()
