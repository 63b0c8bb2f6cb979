"""The analyst's hand in the TUI (issue 12): exclude, pin, note, assessment,
reorder, undo, and the plan round trip (TUI export == `build --plan`)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from datetime import date

from briefing.plan import read_plan
from briefing.tui import create_app
from briefing.tui.screens.note import NoteScreen
from briefing.tui.widgets.article_list import ArticleList
from briefing.tui.widgets.article_view import ArticleView

from conftest import SEEDS
from test_tui import SIZE, settle

DAY = date(2026, 11, 24)
B = "001_dbf2762f11d4a2d7"


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
    rebuilt = subprocess.run([sys.executable, "-m", "briefing", "build", "--plan", str(plan)],
                             capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert rebuilt.stdout == exported
    # And reopened in a new app, the plan gives the same export again.
    again = open_app(tmp_path, plan)
    async with again.run_test(size=SIZE) as pilot:
        await settle(again, pilot)
        await export_markdown(again, pilot, "again.md")
    assert (tmp_path / "again.md").read_text(encoding="utf-8") == exported


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
