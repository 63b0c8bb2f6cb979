"""The TUI's session without Textual (issue 19): every change goes through
a method, undo takes back any of them, opening writes nothing."""

from __future__ import annotations

from datetime import date

from conftest import seed_id

from briefing.model import Plan, PlanInput, SentenceRef
from briefing.run.loading import load
from briefing.tui.session import Session

A, B = seed_id("000"), seed_id("001")


def opened(**fields) -> tuple[Session, list]:
    articles = list(load([]).articles)
    fields = {"articles": (B, A), **fields}
    plan = Plan(inputs=(PlanInput("x.txt", A, "ff"),), day=date(2026, 11, 30), **fields)
    session = Session(plan, from_file=True)
    session.open(articles, plan.inputs)
    return session, articles


def spec(plan: Plan) -> dict:
    return {
        "title": plan.title,
        "marking": plan.marking,
        "day": plan.day,
        "options": plan.options,
        "key_points": plan.key_points,
        "stories": plan.stories,
    }


def test_opening_reproduces_the_plan_exactly():
    session, _ = opened(topics=("MI5",), stories=True, dismissed=("Manchester Arena",))
    plan = session.spec
    assert session.to_plan(**spec(plan)) == plan
    assert session.selected == {A, B} and session.order[:2] == [B, A]


def test_a_plan_choosing_nothing_chooses_nothing_and_a_new_one_everything():
    session, articles = opened(articles=())
    assert session.selected == set()
    fresh = Session(Plan(), from_file=False)
    fresh.open(articles, ())
    assert fresh.selected == {a.id for a in articles}


def test_every_change_can_be_undone_in_order():
    session, articles = opened()
    lead = next(a for a in articles if a.id == B).sentences[0]
    start = session.to_plan(**spec(session.spec))
    session.toggle_edit("excluded", SentenceRef(B, lead.index, lead.text))
    session.choose({A})
    session.add_topic("mi5", ["MI5"])
    session.choose_topics(set())
    session.remove_topic("MI5")
    session.set_note(A, "Check it.")
    session.set_assessment("Stable.")
    session.move(A, -1, [B, A])
    assert session.own_topics == [] and session.order[:2] == [A, B]
    for _ in range(8):
        assert session.undo()
    assert not session.undo()
    assert session.to_plan(**spec(session.spec)) == start


def test_a_topic_typed_in_another_case_is_the_one_listed():
    session, _ = opened()
    assert session.add_topic("  mi5 ", ["MI5", "Police"]) == "MI5"
    assert session.chosen_topics() == ("MI5",)
    assert session.add_topic("   ", ["MI5"]) is None


def test_an_edit_on_an_article_not_loaded_is_kept_not_applied():
    gone = SentenceRef("000000000000", 3, "A sentence of an article that is not here.")
    session, _ = opened(excluded=(gone,))
    assert ("000000000000", 3) not in session.edits().excluded
    assert gone in session.to_plan(**spec(session.spec)).excluded
