"""Random sequences of what an analyst does in the TUI (issue 19): after
each sequence, the plan on disk rebuilds (as `build --plan` does, in
process) exactly the briefing the preview shows; and opening the plan
again and closing it leaves the file byte-identical."""

from __future__ import annotations

import shutil
from datetime import date

from conftest import SEEDS
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from test_tui import SIZE, settle

ACTIONS = st.lists(
    st.one_of(
        st.tuples(st.just("toggle_article"), st.integers(0, 4)),
        st.tuples(st.just("toggle_topic"), st.integers(0, 5)),
        st.tuples(st.just("exclude"), st.integers(0, 4), st.integers(0, 12)),
        st.tuples(st.just("pin"), st.integers(0, 4), st.integers(0, 12)),
        st.tuples(st.just("move"), st.integers(0, 4), st.sampled_from([-1, 1])),
        st.tuples(st.just("title"), st.sampled_from(["", "Morning brief", "Threats"])),
        st.tuples(
            st.just("undo"),
        ),
    ),
    min_size=1,
    max_size=8,
)


async def _act(app, pilot, action) -> None:
    from briefing.model import SentenceRef
    from briefing.tui.widgets.article_list import ArticleList
    from briefing.tui.widgets.topic_list import TopicList

    kind = action[0]
    if kind == "toggle_article":
        listed = app.query_one(ArticleList)
        listed.focus()
        listed.highlighted = action[1] % listed.option_count
        await pilot.press("space")
    elif kind == "toggle_topic":
        topics = app.query_one(TopicList)
        if topics.option_count:
            topics.focus()
            topics.highlighted = action[1] % topics.option_count
            await pilot.press("space")
    elif kind in ("exclude", "pin"):
        article = app.articles[action[1] % len(app.articles)]
        sentence = article.sentences[action[2] % len(article.sentences)]
        field = "excluded" if kind == "exclude" else "pinned"
        ref = SentenceRef(article.id, sentence.index, sentence.text)
        app.changed(app.session.toggle_edit(field, ref))
    elif kind == "move":
        listed = app.query_one(ArticleList)
        listed.focus()
        listed.highlighted = action[1] % listed.option_count
        app.action_move_article(action[2])
    elif kind == "title":
        app.query_one("#title").value = action[1]
    elif kind == "undo":
        app.action_undo()
    await settle(app, pilot)


@settings(
    max_examples=12,
    phases=[Phase.explicit, Phase.generate],  # no shrinking: each example runs the app twice
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(actions=ACTIONS)
async def test_the_plan_on_disk_rebuilds_what_the_preview_shows(tmp_path_factory, actions):
    from briefing.cli.runner import load_plan
    from briefing.model import InputLimits
    from briefing.output.render import render_markdown
    from briefing.run.briefs import brief_from_plan
    from briefing.tui import create_app

    folder = tmp_path_factory.mktemp("session")
    for seed in sorted(SEEDS.glob("*.txt")):
        shutil.copy(seed, folder / seed.name)
    plan = folder / "plan.toml"
    day = date(2026, 11, 30)
    app = create_app([str(folder)], today=day, export_dir=folder, plan_path=plan)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        for action in actions:
            await _act(app, pilot, action)
        app.save_plan()
        shown = render_markdown(app.briefing)
    saved, articles = load_plan(plan, InputLimits())  # as `build --plan` loads it
    rebuilt = render_markdown(brief_from_plan(saved, articles, saved.day or day))
    assert rebuilt == shown
    # Opened again and closed without a change: the file is not touched.
    before = plan.read_bytes()
    again = create_app((), today=day, export_dir=folder, plan_path=plan)
    async with again.run_test(size=SIZE) as pilot:
        await settle(again, pilot)
        assert render_markdown(again.briefing) == shown
    assert plan.read_bytes() == before
