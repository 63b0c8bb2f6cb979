"""The plan file: TOML round trip, `briefing build --plan`, and what a
changed or vanished input does."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from conftest import SEEDS, briefing
from hypothesis import given
from hypothesis import strategies as st

from briefing.model import Options, Plan, PlanInput, SentenceRef, with_edit
from briefing.output.plan import PlanError, from_toml, to_toml

A, B = "000_e50db57d244b7d66", "001_dbf2762f11d4a2d7"
JAVID = (
    "Mr Javid said to counter these developments there needed to be increased – and faster – sharing of "
    "information between security services and the police as well as local authorities and other public "
    "agencies, such as the Probation Service, the Charity Commission and the Communities department."
)
LEAD = (
    "MI5 will share classified information on people in the West Midlands thought to have terrorist "
    "sympathies, under new Government plans."
)


def make_plan(folder: Path, **changes) -> Path:
    for name in (A, B):
        shutil.copy(SEEDS / f"{name}.txt", folder / f"{name}.txt")
    from briefing.output.plan import sha256_of

    plan = Plan(
        inputs=tuple(
            PlanInput(f"{n}.txt", n, sha256_of(folder / f"{n}.txt", 10**8)) for n in (A, B)
        ),
        articles=(B, A),
        topics=("Manchester Arena",),
        marking="OFFICIAL",
        day=date(2026, 11, 24),
        excluded=(SentenceRef(B, 5, JAVID),),
        pinned=(SentenceRef(B, 0, LEAD),),
        assessment="The threat picture is stable.\n\nSharing is growing.",
        notes=((B, "Check the date of this scheme."),),
        topic_notes=(("Manchester Arena", "Inquiry due."),),
    )
    for key, value in changes.items():
        plan = Plan(**{**plan.__dict__, key: value})
    path = folder / "plan.toml"
    path.write_text(to_toml(plan), encoding="utf-8")
    return path


text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)


@given(title=text, assessment=text, note=text, topic=text.filter(bool), article=text.filter(bool))
def test_a_plan_survives_its_toml_whatever_the_words(title, assessment, note, topic, article):
    plan = Plan(
        inputs=(PlanInput("a b/c.txt", article, "ff"),),
        articles=(article,),
        topics=(topic,),
        title=title,
        day=date(2026, 1, 2),
        options=Options(sentences=None, ratio=0.25, ranked=True),
        excluded=(SentenceRef(article, 3, note),),
        assessment=assessment,
        notes=((article, note),) if note.strip() else (),
        topic_notes=((topic, note),) if note.strip() else (),
    )
    assert from_toml(to_toml(plan)) == plan


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("oops", "not a TOML file"),
        ("[briefing]\nformat = 9\n", "plan format 9"),
        ('[briefing]\ndate = "24/11/2026"\n', "briefing.date must be a date"),
        ("[[excluded]]\narticle = 1\n", "needs an article"),
        ("[briefing]\nsentences = -1\n", "sentences must be a whole number"),
    ],
)
def test_a_bad_plan_is_one_clear_line(text, message):
    with pytest.raises(PlanError, match=message):
        from_toml(text)


def test_an_edit_toggles_and_a_sentence_is_never_both_excluded_and_pinned():
    ref = SentenceRef("a", 1, "x")
    plan = with_edit(Plan(), "excluded", ref)
    assert plan.excluded == (ref,)
    plan = with_edit(plan, "pinned", ref)
    assert plan.pinned == (ref,) and plan.excluded == ()
    assert with_edit(plan, "pinned", ref).pinned == ()


def test_build_from_a_plan_applies_every_choice_and_edit(tmp_path):
    path = make_plan(tmp_path)
    result = briefing("build", "--plan", str(path))
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith(
        "**OFFICIAL**\n\n# Briefing: Manchester Arena\n\n24 November 2026\n\n## Assessment\n\n"
        "> **Analyst comment** (the analyst's own words, not from the sources)\n>\n"
        "> The threat picture is stable.\n>\n> Sharing is growing.\n"
    )
    assert JAVID not in out  # excluded everywhere
    assert f"{LEAD} [1]" in out  # pinned, and the plan's order: article 001 is [1]
    assert "> Check the date of this scheme." in out and "> Inquiry due." in out
    assert out.index("### MI5 to share information") < out.index(
        "### MI5 intelligence to be shared"
    )
    assert briefing("build", "--plan", str(path)).stdout == out  # byte-identical
    dated = briefing("build", "--plan", str(path), "--date", "2026-12-01").stdout
    assert (
        "1 December 2026" in dated and dated.replace("1 December 2026", "24 November 2026") == out
    )


def test_build_from_a_plan_as_json_keeps_the_analysts_words_apart(tmp_path):
    import json

    data = json.loads(
        briefing("build", "--plan", str(make_plan(tmp_path)), "--format", "json").stdout
    )
    assert data["assessment"].startswith("The threat picture")
    assert data["articles"][0]["analyst_note"] == "Check the date of this scheme."
    roles = {s["index"]: s["role"] for s in data["articles"][0]["sentences"]}
    assert roles[0] == "pinned" and 5 not in roles
    every = json.dumps(
        [a["sentences"] for a in data["articles"]] + [t["sentences"] for t in data["topics"]]
    )
    assert "threat picture is stable" not in every and "Check the date" not in every


def test_a_changed_or_vanished_input_is_a_warning_and_the_rest_builds(tmp_path):
    path = make_plan(tmp_path)
    changed = tmp_path / f"{B}.txt"
    changed.write_text(
        changed.read_text(encoding="utf-8").replace(
            "Mr Javid said to counter", "Mr Javid said, to counter"
        ),
        encoding="utf-8",
    )
    (tmp_path / f"{A}.txt").unlink()
    result = briefing("build", "--plan", str(path))
    assert result.returncode == 0, result.stderr
    err = result.stderr
    assert f"plan input {B}.txt changed since the plan was saved" in err
    assert f"plan input {A}.txt: no such file or directory; left out" in err
    assert f"the plan's article {A} could not be loaded; left out" in err
    assert f'{B}: the sentence edited ("Mr Javid said to counter' in err and "not applied" in err
    assert (
        "Traceback" not in err and "Mr Javid said, to counter" in result.stdout
    )  # the stale edit is not applied


def test_plan_and_choices_on_the_command_line_do_not_mix(tmp_path):
    path = make_plan(tmp_path)
    for extra in (["--topic", "x"], [str(SEEDS)], ["--sentences", "2"]):
        result = briefing("build", "--plan", str(path), *extra)
        assert result.returncode == 2 and "cannot be given with --plan" in result.stderr
        assert result.stderr.count("\n") == 1
