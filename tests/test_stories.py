"""Stories (issue 23): the articles about one event grouped across sources
(never two events on one subject), dated timelines, ``build --stories``.

The articles are written here: two events on the same subject (the
Manchester Arena inquiry's report; survivors launching a campaign group),
each covered by several outlets (sentences dropped and reordered, nothing
reworded), and one article on something else."""

from __future__ import annotations

import json
import random
from datetime import date

from conftest import briefing
from hypothesis import given
from hypothesis import strategies as st

from briefing.compose.grouping import group
from briefing.compose.stories import stated_date
from briefing.ingest.sources import parse
from briefing.nlp.text import OfflineTokenizer

REPORT = [
    "The Manchester Arena Inquiry has published its final report into the 2017 bombing, "
    "finding that MI5 missed a significant opportunity to prevent the attack.",
    "Inquiry chairman Sir John Saunders said the Security Service had failed to act swiftly "
    "on two pieces of intelligence about Salman Abedi.",
    "The report, running to more than 200 pages, was handed to ministers on Thursday morning.",
    "Families of the 22 people killed said the findings confirmed their worst fears.",
    "MI5 Director General Ken McCallum said he was profoundly sorry that the attack had not "
    "been stopped.",
    "The inquiry heard evidence from more than 250 witnesses over two years of hearings in "
    "Manchester.",
    "Greater Manchester Police said it accepted every recommendation made in the report.",
    "The Home Office said the government would respond in full within six months.",
]
CAMPAIGN = [
    "Survivors of the Manchester Arena attack have launched a campaign group calling for "
    "better support for victims of terrorism.",
    "The group, Survivors Against Terror, was founded by people injured in the 2017 bombing "
    "and relatives of those killed.",
    "Founder Figen Murray said survivors had been left to fight for help on their own.",
    "The campaign wants a dedicated fund for long-term counselling and rehabilitation.",
    "Its members met the Home Secretary in London on Tuesday to set out their demands.",
    "The group said it would publish a report on the experiences of survivors next year.",
    "Charities including Victim Support welcomed the launch.",
]
ARRESTS = [
    "Counter Terrorism Policing made a record number of arrests last year, new figures show.",
    "Officers detained 250 people on suspicion of terrorism offences in the twelve months to "
    "March.",
    "The Senior National Coordinator said the rise reflected the pace of activity across the "
    "country.",
    "Most of those arrested were released without charge after questioning.",
]

# (file, title, date, outlet, sentence numbers of the event's text, event)
COVERAGE = [
    ("bbc-report", "Arena inquiry: MI5 missed chance to stop bomber", "2026-06-12", "BBC",
     REPORT, [0, 1, 2, 3, 4, 5, 6, 7], "report"),
    ("guardian-report", "Manchester Arena report finds MI5 failings", "2026-06-12", "Guardian",
     REPORT, [0, 4, 1, 3, 7, 6], "report"),
    ("times-report", "MI5 sorry after damning Arena inquiry", "2026-06-13", "Times",
     REPORT, [4, 0, 1, 6], "report"),
    ("itv-campaign", "Arena survivors launch campaign group", "2026-06-13", "ITV",
     CAMPAIGN, [0, 1, 2, 3, 4, 5, 6], "campaign"),
    ("mirror-campaign", "Survivors Against Terror group launched", "2026-06-14", "Mirror",
     CAMPAIGN, [1, 0, 3, 2, 4, 6], "campaign"),
    ("police-arrests", "Record number of terror arrests", "2026-06-12", "Police",
     ARRESTS, [0, 1, 2, 3], "arrests"),
]  # fmt: skip


def _markdown(title: str, day: str | None, outlet: str, text: list[str], order: list[int]) -> str:
    front = f"---\ntitle: {json.dumps(title)}\n" + (f"date: {day}\n" if day else "")
    paragraphs = [" ".join(text[n] for n in order[i : i + 2]) for i in range(0, len(order), 2)]
    return f"{front}source: {outlet}\n---\n\n" + "\n\n".join(paragraphs) + "\n"


def _articles(coverage=COVERAGE, dated=True):
    tokenizer = OfflineTokenizer()
    made, days = [], []
    for name, title, day, outlet, text, order, _ in coverage:
        body = _markdown(title, day if dated else None, outlet, text, order)
        made.append(parse(body.encode(), f"{name}.md", None, tokenizer))
        days.append(date.fromisoformat(day) if dated else None)
    return made, days


def _named(groups, articles):
    return [[articles[i].source.removesuffix(".md") for i in g] for g in groups]


def test_two_events_on_one_subject_are_two_stories_and_a_lone_article_none():
    articles, days = _articles()
    assert _named(group(articles, days), articles) == [
        ["bbc-report", "guardian-report", "times-report"],
        ["itv-campaign", "mirror-campaign"],
    ]


def test_undated_articles_join_by_text_alone_and_dates_apart_do_not():
    articles, days = _articles(dated=False)
    assert len(group(articles, days)) == 2
    late = [c if c[0] != "mirror-campaign" else (*c[:2], "2026-06-25", *c[3:]) for c in COVERAGE]
    articles, days = _articles(late)
    assert _named(group(articles, days), articles) == [
        ["bbc-report", "guardian-report", "times-report"]
    ]  # the campaign's second report came 11 days later: not one story


def test_a_story_needs_two_articles_and_the_same_input_gives_the_same_stories():
    articles, days = _articles(COVERAGE[:1] + COVERAGE[3:4] + COVERAGE[5:])
    assert group(articles, days) == []
    articles, days = _articles()
    first = _named(group(articles, days), articles)
    order = list(range(len(articles)))
    random.Random(3).shuffle(order)
    shuffled = [articles[i] for i in order]
    again = _named(group(shuffled, [days[i] for i in order]), shuffled)
    assert sorted(sorted(g) for g in again) == sorted(sorted(g) for g in first)


def test_stated_dates():
    assert stated_date("It happened on 12 June 2026 in Manchester.") == date(2026, 6, 12)
    assert stated_date("On June 3, 2025, the report was published.") == date(2025, 6, 3)
    assert stated_date("The 31 February 2025 hearing") is None  # not a date
    assert stated_date("In June the report was published.") is None  # no day and year


def _folder(tmp_path, coverage=COVERAGE):
    for name, title, day, outlet, text, order, _ in coverage:
        (tmp_path / f"{name}.md").write_text(_markdown(title, day, outlet, text, order))
    return tmp_path


def test_build_stories_opens_with_two_story_sections_and_timelines(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    _folder(folder)
    made = briefing("build", str(folder), "--stories", "--date", "2026-06-15", "--format", "json")
    assert made.returncode == 0, made.stderr
    doc = json.loads(made.stdout)
    numbers = {a["id"]: a["number"] for a in doc["articles"]}
    sources = {a["id"]: a["publisher"] for a in doc["articles"]}
    report, campaign = doc["stories"]  # the biggest first
    assert report["sources"] == ["BBC", "Guardian", "Times"]
    assert [sources[a] for a in report["articles"]] == ["BBC", "Guardian", "Times"]
    assert report["first_published"] == "2026-06-12" and report["last_published"] == "2026-06-13"
    assert campaign["sources"] == ["ITV", "Mirror"]
    assert report["headline"] in {c[1] for c in COVERAGE[:3]}
    for story in (report, campaign):
        assert story["id"].startswith("story-") and story["sentences"]
        texts = [s["text"] for s in story["sentences"]]
        assert len(texts) == len(set(texts))  # no sentence repeated
        for s in story["sentences"]:
            assert s["ref"] == numbers[s["article"]] and s["article"] in story["articles"]
            article = next(a for a in doc["articles"] if a["id"] == s["article"])
            assert s["text"] in [x["text"] for x in article["sentences"]]  # verbatim
        timeline = story["timeline"]
        assert [e["date"] for e in timeline] == sorted(e["date"] for e in timeline)
        assert {e["article"] for e in timeline} == set(story["articles"])
        assert all(e["date_from"] == "published" for e in timeline)
    lone = [a for a in doc["articles"] if a["story"] is None]
    assert [a["publisher"] for a in lone] == ["Police"]
    markdown = briefing("build", str(folder), "--stories", "--date", "2026-06-15")
    text = markdown.stdout
    assert text.count("**Timeline**") == 2 and "## Stories" in text
    assert "3 sources, first reported 12 June 2026 by BBC, latest 13 June 2026" in text
    articles_part = text[text.index("## Articles") : text.index("## Sources")]
    assert "Record number of terror arrests" in articles_part
    assert "Arena survivors launch campaign group [" not in articles_part  # told in its story
    assert text.index("## Stories") < text.index("## Articles")
    again = briefing("build", str(folder), "--stories", "--date", "2026-06-15")
    assert again.stdout == text  # byte for byte
    plain = briefing("build", str(folder), "--date", "2026-06-15")
    assert "## Stories" not in plain.stdout


def test_an_undated_article_is_dated_by_the_date_its_opening_states(tmp_path):
    stated = [
        ("agency-report", "Inquiry report out", None, "Agency",
         ["On 11 June 2026 the Manchester Arena Inquiry published its final report into the "
          "2017 bombing, finding that MI5 missed a significant opportunity to prevent the "
          "attack.", *REPORT[1:]], [0, 1, 2, 4, 6], "report"),
    ]  # fmt: skip
    folder = tmp_path / "in"
    folder.mkdir()
    _folder(folder, COVERAGE[:2] + stated)  # (its front matter has no date)
    made = briefing("build", str(folder), "--stories", "--date", "2026-06-15", "--format", "json")
    assert made.returncode == 0, made.stderr
    [story] = json.loads(made.stdout)["stories"]
    first = story["timeline"][0]
    assert first["date"] == "2026-06-11" and first["date_from"] == "text"
    assert first["source"] == "Agency" and story["first_published"] == "2026-06-11"


def test_every_format_tells_the_stories_with_their_timelines(tmp_path):
    import io

    import docx
    import lxml.html

    folder = tmp_path / "in"
    folder.mkdir()
    _folder(folder)
    args = ("build", str(folder), "--stories", "--date", "2026-06-15")
    doc = json.loads(briefing(*args, "--format", "json").stdout)
    headlines = [s["headline"] for s in doc["stories"]]
    html = briefing(*args, "--format", "html").stdout
    page = lxml.html.document_fromstring(html)
    h2 = [h.text_content() for h in page.iter("h2")]
    assert h2.index("Stories") < h2.index("Articles")
    timelines = page.find_class("timeline")
    assert len(timelines) == 2 and [len(t.findall("li")) for t in timelines] == [3, 2]
    assert all(any(h in x.text_content() for x in page.iter("h3")) for h in headlines)
    text = briefing(*args, "--format", "text").stdout
    assert text.count("Timeline:") == 2 and "- 12 June 2026 — Arena inquiry" in text
    out = tmp_path / "b.docx"
    assert briefing(*args, "--format", "docx", "-o", str(out)).returncode == 0
    word = docx.Document(io.BytesIO(out.read_bytes()))
    headings = [
        (p.style.name, p.text.strip())
        for p in word.paragraphs
        if p.style.name.startswith("Heading")
    ]
    assert ("Heading 1", "Stories") in headings
    assert [h for h in headings if h[1] == "Timeline"] == [("Heading 3", "Timeline")] * 2
    assert any(p.text.startswith("13 June 2026 — MI5 sorry") for p in word.paragraphs)


def test_a_story_continues_across_days_in_the_library(tmp_path):
    """Day one: two reports of the inquiry (the library keeps the second as a
    near-duplicate of the first), briefed as a story. Day two: a third
    outlet's copy comes in; the new briefing's story is the same story (its
    id), with day one's reports in its timeline."""
    library = tmp_path / "lib.sqlite3"
    day_one, day_two = tmp_path / "one", tmp_path / "two"
    day_one.mkdir()
    day_two.mkdir()
    _folder(day_one, COVERAGE[:2] + COVERAGE[5:])
    _folder(day_two, COVERAGE[2:3])
    lib = ("--library", str(library))
    assert briefing("add", str(day_one), *lib, "--quiet").returncode == 0
    first = briefing(
        "build", *lib, "--new", "--stories", "--date", "2026-06-12", "--format", "json"
    )
    assert first.returncode == 0, first.stderr
    [story] = json.loads(first.stdout)["stories"]
    assert story["sources"] == ["BBC", "Guardian"]
    added = briefing("add", str(day_two), *lib, "--quiet")
    assert "duplicates 1" in added.stdout + added.stderr  # the library holds it as a copy
    second = briefing(
        "build", *lib, "--new", "--stories", "--date", "2026-06-13", "--format", "json"
    )
    assert second.returncode == 0, second.stderr
    doc = json.loads(second.stdout)
    [continued] = doc["stories"]
    assert continued["id"] == story["id"]  # the same story, going on
    assert continued["sources"] == ["BBC", "Guardian", "Times"]
    assert [e["source"] for e in continued["timeline"]] == ["BBC", "Guardian", "Times"]
    assert {a["publisher"] for a in doc["articles"]} == {"BBC", "Guardian", "Times"}
    # Told again: nothing new (the copy that came is in the briefing above).
    again = briefing("build", *lib, "--new", "--stories", "--date", "2026-06-13")
    assert again.returncode == 0 and "nothing new since the last briefing" in again.stderr
    # Sent as e-mail too: the stories in the HTML part.
    sent = briefing("send", *lib, "--stories", "--to", "desk@example.org", "--dry-run")
    assert sent.returncode == 0, sent.stderr
    assert "Timeline" in sent.stdout and "Stories" in sent.stdout
    plan = tmp_path / "p.toml"
    plan.write_text("[briefing]\nstories = true\n")
    both = briefing("send", "--plan", str(plan), "--stories", "--to", "d@example.org", "--dry-run")
    assert both.returncode == 2 and "the plan holds it" in both.stderr


FOLLOW_UP = [
    REPORT[0],
    "Families of the victims said on Saturday that MI5 must now be held to account for the "
    "failings the Manchester Arena Inquiry found.",
    "Inquiry chairman Sir John Saunders had said the Security Service failed to act on "
    "intelligence about Salman Abedi.",
    "Lawyers for the families said they would study the report before deciding on legal action.",
    "MI5 Director General Ken McCallum has apologised to the families.",
]


def test_an_earlier_story_joined_by_a_new_report_of_its_own(tmp_path):
    """Not a copy: a follow-up report (another text sharing the event's
    lead) is a new original; the story it joins continues."""
    library = tmp_path / "lib.sqlite3"
    day_one, day_two = tmp_path / "one", tmp_path / "two"
    day_one.mkdir()
    day_two.mkdir()
    _folder(day_one, COVERAGE[:2] + COVERAGE[5:])
    follow = ("sky-families", "Arena families demand MI5 accountability", "2026-06-13", "Sky",
              FOLLOW_UP, [0, 1, 2, 3, 4], "report")  # fmt: skip
    _folder(day_two, [follow])
    lib = ("--library", str(library))
    assert briefing("add", str(day_one), *lib, "--quiet").returncode == 0
    first = briefing(
        "build", *lib, "--new", "--stories", "--date", "2026-06-12", "--format", "json"
    )
    [story] = json.loads(first.stdout)["stories"]
    added = briefing("add", str(day_two), *lib, "--quiet")
    assert "added 1" in added.stdout + added.stderr  # an original, not a copy
    second = briefing(
        "build", *lib, "--new", "--stories", "--date", "2026-06-13", "--format", "json"
    )
    [continued] = json.loads(second.stdout)["stories"]
    assert continued["id"] == story["id"]
    assert continued["sources"] == ["BBC", "Guardian", "Sky"]


async def test_the_tui_lists_stories_chooses_one_and_toggles_story_sections(tmp_path):
    """The Stories tab lists each story with its sources; Enter on one
    chooses exactly its articles (ctrl+z undoes it); the article view names
    an article's story; the Options checkbox adds story sections to the
    briefing, and the plan keeps it (reopened, it is still on)."""
    from test_tui import settle
    from textual.widgets import Checkbox, Markdown, OptionList

    from briefing.output.plan import read_plan
    from briefing.tui import create_app
    from briefing.tui.widgets.article_view import ArticleView

    folder = tmp_path / "in"
    folder.mkdir()
    _folder(folder)
    plan = tmp_path / "plan.toml"
    app = create_app((str(folder),), today=date(2026, 6, 15), export_dir=tmp_path, plan_path=plan)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        everything = set(app.selected)
        assert len(everything) == 6
        await pilot.press("s")
        listed = app.query_one("#story-list", OptionList)
        prompts = [str(listed.get_option_at_index(i).prompt) for i in range(listed.option_count)]
        assert prompts == [
            "3 sources · Manchester Arena report finds MI5 failings",
            "2 sources · Arena survivors launch campaign group",
        ]
        assert app.focused is listed  # s: the Stories tab takes focus
        await pilot.press("down", "enter")  # the first is highlighted: down to the second
        await settle(app, pilot)
        assert app.selected == set(app.stories[1].articles)
        assert "Arena survivors" in app.briefing.summaries[0].article.title
        await pilot.press("ctrl+z")
        await settle(app, pilot)
        assert app.selected == everything
        view = app.query_one(ArticleView)
        assert view.story_of[app.stories[0].articles[0]].endswith("(3 sources)")
        # Story sections in the briefing: the Options tab's checkbox.
        assert "## Stories" not in app.query_one("#preview", Markdown).source
        await pilot.press("escape")
        app.query_one("#stories", Checkbox).value = True
        await settle(app, pilot)
        assert len(app.briefing.stories) == 2
        assert "## Stories" in app.query_one("#preview", Markdown).source
        app.save_plan(now=True)
        await settle(app, pilot)
    assert read_plan(plan).stories is True
    again = create_app((), today=date(2026, 6, 15), export_dir=tmp_path, plan_path=plan)
    async with again.run_test(size=(100, 30)) as pilot:
        await settle(again, pilot)
        assert again.query_one("#stories", Checkbox).value is True
        assert len(again.briefing.stories) == 2
        assert not again.unsaved()  # opened as saved: nothing changed behind the analyst's back


@given(st.text(max_size=200))
def test_any_text_states_a_real_date_or_none(text):
    found = stated_date(text)
    assert found is None or isinstance(found, date)


_PHRASES = [*REPORT, *CAMPAIGN, *ARRESTS]


@given(
    st.lists(
        st.tuples(
            st.lists(st.sampled_from(_PHRASES), min_size=1, max_size=5),
            st.one_of(st.none(), st.dates(date(2026, 6, 1), date(2026, 6, 30))),
        ),
        min_size=0,
        max_size=8,
    ),
    st.randoms(use_true_random=False),
)
def test_grouping_is_a_partition_whatever_the_order(items, rng):
    """Any articles: stories of two or more, no article in two, in the order
    of their first article; the same stories whatever the input order."""
    tokenizer = OfflineTokenizer()
    articles, days = [], []
    for n, (sentences, day) in enumerate(items):
        text = f"---\ntitle: Article {n}\n---\n\n" + " ".join(sentences) + "\n"
        articles.append(parse(text.encode(), f"a{n}.md", f"id{n}", tokenizer))
        days.append(day)
    groups = group(articles, days)
    members = [i for g in groups for i in g]
    assert len(members) == len(set(members)) and all(len(g) >= 2 for g in groups)
    assert all(g == sorted(g) for g in groups) and groups == sorted(groups)
    order = list(range(len(articles)))
    rng.shuffle(order)
    again = group([articles[i] for i in order], [days[i] for i in order])
    as_ids = sorted(sorted(articles[i].id for i in g) for g in groups)
    assert sorted(sorted(articles[order[i]].id for i in g) for g in again) == as_ids
