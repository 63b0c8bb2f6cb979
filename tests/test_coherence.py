"""Sentences that stand on their own (issue 11): speakers, units, context,
the readability check and `briefing check`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SEEDS

from briefing.ingest.sources import parse
from briefing.model import Options
from briefing.nlp.attribution import leans, named_speaker
from briefing.nlp.text import OfflineTokenizer
from briefing.run.loading import load
from briefing.summarizers.coherence import alone_ok, check, summary_groups
from briefing.summarizers.summarize import summarize

TOKENIZER = OfflineTokenizer()


def article_of(text: str, name: str = "a.txt", **front: str):
    head = "".join(f"{k}: {v}\n" for k, v in front.items())
    body = (f"---\n{head}---\n" if front else "") + text
    return parse(body.encode(), name, name.split(".")[0], TOKENIZER)


def by_start(article, start: str):
    (found,) = [s for s in article.sentences if s.text.startswith(start)]
    return found


@pytest.fixture(scope="module")
def seeds():
    return {Path(a.source).name[:3]: a for a in load([str(SEEDS)]).articles}


# --------------------------------------------------------------------------
# Speakers on all five seeds, as the source says them.

SEED_SPEAKERS = [
    ("000", "Theresa May said the new strategy", "Theresa May"),
    ("000", '"By linking up not just', "Prime Minister Theresa May"),
    ("000", "Our collective view is", "Survivors Against Terror"),
    ("000", "We will work to build a voice", "Survivors Against Terror"),
    (
        "000",
        "Speaking at the time, Assistant",
        "Assistant Chief Constable Tim Jacques, of Lancashire Police",
    ),
    (
        "000",
        '"I want to reassure people',
        "Assistant Chief Constable Tim Jacques, of Lancashire Police",
    ),
    ("000", "In a speech in October", "the head of MI5 Andrew Parker"),
    ("001", "Home Secretary Sajid Javid said", "Home Secretary Sajid Javid"),
    ("001", "He said there must be no", "Home Secretary Sajid Javid"),
    ("001", "Examples of co-operation, he said", "Mr Javid"),
    ("001", "A report on the UK's counter", "A report on the UK's counter terrorism strategy"),
    (
        "001",
        'He said: "West Midlands Police',
        "West Midlands Police and Crime Commissioner David Jamieson",
    ),
    (
        "001",
        "I welcome ever closer working",
        "West Midlands Police and Crime Commissioner David Jamieson",
    ),
    (
        "001",
        "With his recent change of tone",
        "West Midlands Police and Crime Commissioner David Jamieson",
    ),
    (
        "002",
        "The senior national coordinator",
        "The senior national coordinator for Counter Terrorism Policing",
    ),
    (
        "002",
        "We have been running",
        "Senior National Coordinator for Counter Terrorism Policing Helen Ball",
    ),
    (
        "002",
        "Last year's arrest figures",
        "Senior National Coordinator for Counter Terrorism Policing Helen Ball",
    ),
    ("002", "I think this is a challenge", "John Kerry, US Secretary of State"),
    ("002", "He said the aim of the militants", "Mr Kerry"),
    ("002", "Speaking in No. 10, David Cameron", "David Cameron"),
    ("002", "We will do everything we can", "David Cameron, Prime Minister"),
    ("002", "The threat from extremist terror", "David Cameron, Prime Minister"),
    ("002", "But we cannot sub-contract", "Philip Hammond, Foreign Secretary"),
    ("002", "Some say that Britain", "Philip Hammond, Foreign Secretary"),
    ("003", "We have made important progress", "Counter Terrorism Policing"),
    ("003", "But we can’t succeed", "Counter Terrorism Policing"),
    ("003", "It could also help us spot", "Counter Terrorism Policing"),  # only "us" (issue 18)
    ("004", "The boss of MI5 says", "The boss of MI5"),
    ("004", '"I deeply regret', "Mr McCallum"),
    ("004", "To all those whose lives", "Mr McCallum"),
    ("004", "In a statement he said", "Head of Counter Terrorism Policing, Matt Jukes"),
    (
        "004",
        '"We will do this with',
        "Stephen Watson, Chief Constable of Greater Manchester Police",
    ),
]


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        (
            "But Edward Leigh, who is chairman of the committee, said the plan was flawed.",
            "Edward Leigh, who is chairman of the committee",
        ),
        ("However Mr Javid said the plan was sound.", "Mr Javid"),
        ("Yesterday the Home Office said it would respond.", "the Home Office"),
        ("Butler Smith said the plan was sound.", "Butler Smith"),
    ],
)
def test_a_speaker_never_opens_with_the_sentences_connective(sentence, speaker):
    from briefing.nlp.attribution import named_speaker

    assert named_speaker(sentence) == speaker


def test_us_is_an_organisations_own_voice_but_the_us_is_not():
    from briefing.nlp.attribution import in_own_voice

    assert in_own_voice("It could also help us spot more quickly.")
    assert not in_own_voice("The US said it would share more.")
    assert not in_own_voice("the us economy grew faster than expected.")


@pytest.mark.parametrize(("seed", "start", "speaker"), SEED_SPEAKERS)
def test_seed_speakers_are_the_sources_words(seeds, seed_texts, seed, start, speaker):
    sentence = by_start(seeds[seed], start)
    assert sentence.speaker == speaker
    assert speaker in seed_texts[seeds[seed].id]  # verbatim, never invented


@pytest.mark.parametrize(
    ("seed", "start"),
    [
        ("000", "The group plans to conduct"),  # the reporter speaks of the group
        ("000", "His brother and mother"),
        ("001", "The security services currently hold"),
        ("002", "It comes as a meeting"),
        (
            "003",
            "Alongside Counter Terrorism Policing",
        ),  # the page's own voice, but not first person
    ],
)
def test_the_reporters_own_sentences_have_no_speaker(seeds, seed, start):
    assert by_start(seeds[seed], start).speaker is None


def test_every_first_person_sentence_in_the_seeds_carries_its_speaker(seeds):
    from briefing.nlp.attribution import FIRST_PERSON

    for article in seeds.values():
        summary = summarize(article, Options(sentences=None, ratio=1.0))
        for s in summary.sentences:
            if FIRST_PERSON.search(s.text):
                assert s.speaker, (article.id, s.index, s.text)


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("Mr Javid said to counter these developments there was more to do.", "Mr Javid"),
        (
            'Stephen Watson, Chief Constable of Greater Manchester Police, said: "Thanks."',
            "Stephen Watson, Chief Constable of Greater Manchester Police",
        ),
        ('"It was so close," said Rochus Smith.', "Rochus Smith"),
        ("The plan will fail, according to Amnesty International.", "Amnesty International"),
        ("Some say that Britain should leave this fight to others.", None),
        ("The security forces say he is dangerous.", None),
        ('In his report, Sir John said: "The delay mattered.', "Sir John"),
    ],
)
def test_reported_speech_names_its_speaker(sentence, speaker):
    assert named_speaker(sentence) == speaker


@pytest.mark.parametrize(
    ("sentence", "leaning"),
    [
        ("This means sharing intelligence with a wider range of partners.", True),
        ("His pleas can only now be reported.", True),
        ("However, the bank held rates.", True),
        ("but the all-party group disagreed.", True),  # lower case, as in the dev set
        ('"And I pledge that we will act quickly.', True),
        ("It is understood police have foiled nine plots.", False),
        ("It emerged that perpetrators had been on the radar.", False),
        ("Theresa May said the strategy was new.", False),
        ("Thistle growers met on Monday.", False),
    ],
)
def test_leaning_openers(sentence, leaning):
    assert leans(sentence) is leaning


# --------------------------------------------------------------------------
# Units and context in summaries.

QUOTE = (
    "Council plan\n\n"
    "The council announced a new housing plan on Monday after a long review of the city.\n\n"
    "The plan was welcomed by the leader of the council, Jane Smith.\n\n"
    'She said: "We are proud of this plan. It will build ten thousand homes for families.\n\n'
    '"Nobody in this city should be without a home, and we will see to it."\n\n'
    "Critics argued that the plan came far too late for the thousands on waiting lists.\n\n"
    "The plan will be debated by the full council in March next year.\n"
)
LIST = (
    "Reviews\n\n"
    "After the attacks, MI5 and the police launched internal reviews to:\n\n"
    "• Consider what was known about the perpetrators;\n"
    "• Examine decisions made about the intelligence held;\n"
    "• Identify areas for improvement.\n\n"
    "The reviews were published in December after months of work by officials.\n"
)


def test_a_quotation_over_sentences_and_paragraphs_is_one_unit_with_its_speaker():
    article = article_of(QUOTE)
    opener = by_start(article, "She said:")
    inside = [by_start(article, p) for p in ("It will build", '"Nobody in this city')]
    assert opener.joins_next and inside[0].joins_next and not inside[1].joins_next
    assert inside[0].continues and inside[1].continues
    assert {opener.speaker, *(s.speaker for s in inside)} == {"Jane Smith"}


@pytest.mark.parametrize("algorithm", ["blend", "lexrank", "luhn", "random"])
def test_a_pick_inside_a_quotation_brings_the_whole_quotation(algorithm):
    article = article_of(QUOTE)
    for n in (1, 2, 3):
        section = summarize(article, Options(algorithm=algorithm, sentences=n)).sections[0]
        assert len(section.picks) == n
        assert not check(
            summary_groups([summarize(article, Options(algorithm=algorithm, sentences=n))]),
            {article.id: article.sentences},
        )
        shown = [s.index for s in section.sentences]
        quote = [by_start(article, p).index for p in ("She said:", "It will build", '"Nobody')]
        assert set(quote) <= set(shown) or not set(quote) & set(shown)


def test_a_lead_in_with_a_colon_comes_with_its_list_items():
    article = article_of(LIST)
    lead = by_start(article, "After the attacks")
    items = [by_start(article, p) for p in ("Consider", "Examine", "Identify")]
    assert lead.joins_next and all(i.continues for i in items) and not items[-1].joins_next
    for n in (1, 2):
        section = summarize(article, Options(sentences=n)).sections[0]
        shown = {s.index for s in section.sentences}
        unit = {lead.index, *(i.index for i in items)}
        assert unit <= shown or not unit & shown
        if unit <= shown:
            assert section.context >= unit - {s.index for s in section.picks}


def test_a_leaning_pick_comes_with_the_sentence_it_leans_on_marked_as_context():
    text = (
        "Arena report\n\n"
        "Three areas will pilot a scheme in which MI5 shares information with councils.\n\n"
        "Officials said the number of cases would be small in the first year.\n\n"
        "This means sharing intelligence with a wider range of partners than before, "
        "such as health and social services departments.\n"
    )
    article = article_of(text)
    leaning = by_start(article, "This means")
    ranked = [leaning]
    from briefing.summarizers.coherence import select

    picks, runs = select(ranked, 1, article.sentences)
    assert picks == [leaning]
    assert [s.index for s in runs[0]] == [leaning.index - 1, leaning.index]


def test_json_says_which_sentences_are_context(tmp_path):
    (tmp_path / "quote.txt").write_text(QUOTE, encoding="utf-8")
    data = json.loads(
        run_briefing(
            "summarize", str(tmp_path / "quote.txt"), "-n", "1", "-a", "random", "--format", "json"
        ).stdout
    )
    shown = data["articles"][0]["sentences"]
    assert [s["role"] for s in shown].count("summary") == 1
    assert all(s["role"] in ("summary", "context") for s in shown)


def test_key_points_and_topic_sentences_stand_alone(seeds):
    from datetime import date

    from briefing.compose.assemble import Request
    from briefing.run.briefs import brief

    briefing = brief(
        list(seeds.values()),
        Request(today=date(2026, 11, 24), topics=("Manchester Arena", "intelligence sharing")),
    )
    alone = (
        [t.sentence for t in briefing.key_points]
        + [t.sentence for t in briefing.topics[0].sentences]
        + [t.sentence for t in briefing.topics[1].sentences]
    )
    assert alone and all(alone_ok(s) for s in alone)


# --------------------------------------------------------------------------
# The check, and `briefing check`.


def run_briefing(*args: str, input: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "briefing", *args],
        capture_output=True,
        timeout=120,
        input=input,
        stdin=None if input is not None else subprocess.DEVNULL,
    )


def test_the_seeds_briefing_has_nothing_that_misleads_alone(tmp_path):
    out = tmp_path / "b.json"
    made = run_briefing(
        "build",
        str(SEEDS),
        "--topic",
        "Manchester Arena",
        "--topic",
        "intelligence sharing",
        "--date",
        "2026-11-24",
        "--format",
        "json",
        "-o",
        str(out),
    )
    assert made.returncode == 0, made.stderr
    checked = run_briefing("check", str(out))
    assert checked.returncode == 0, checked.stdout
    assert checked.stdout.decode().endswith("would mislead read alone (0.0 per 100).\n")


def test_check_names_each_kind_in_output_made_without_the_rules(tmp_path):
    """A briefing written as the tool used to write it: sentences cut from
    their quotation, lead-in and speaker."""
    seed = SEEDS / "002_abdd26bdba9d410a.txt"
    article = load([str(seed)]).articles[0]
    wanted = {"Speaking in No. 10": None, "We will do everything": None, "But we cannot": None}
    shown = [
        {"text": s.text, "index": s.index}
        for s in article.sentences
        if any(s.text.startswith(w) for w in wanted)
    ]
    doc = {"articles": [{"number": 1, "id": article.id, "source": str(seed), "sentences": shown}]}
    path = tmp_path / "old.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    checked = run_briefing("check", str(path), "--format", "json")
    assert checked.returncode == 1
    kinds = {f["text"][:20]: f["kind"] for f in json.loads(checked.stdout)["findings"]}
    assert kinds == {
        "Speaking in No. 10, ": "dangling colon",
        "We will do everythin": "lost speaker",
        "But we cannot sub-co": "leaning opener",
    }


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"[1, 2]", "not the JSON of 'briefing build' or 'briefing summarize'"),
        (b"{not json", "not JSON"),
        (b'{"articles": []}', "the JSON lists no articles"),
    ],
)
def test_check_refuses_other_json_in_one_line(tmp_path, content, message):
    path = tmp_path / "x.json"
    path.write_bytes(content)
    result = run_briefing("check", str(path))
    assert result.returncode == 2
    err = result.stderr.decode()
    assert message in err and err.count("\n") == 1 and "Traceback" not in err


def test_check_judges_from_the_json_alone_when_the_source_is_gone(tmp_path):
    source = tmp_path / "quote.txt"
    source.write_text(QUOTE, encoding="utf-8")
    article = load([str(source)]).articles[0]
    opener = by_start(article, "She said:")
    data = {
        "articles": [
            {
                "id": article.id,
                "source": str(source),
                "sentences": [{"text": opener.text, "index": opener.index, "speaker": None}],
            }
        ]
    }
    source.unlink()
    path = tmp_path / "s.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    result = run_briefing("check", str(path))
    assert "judged from the JSON alone" in result.stderr.decode()
    assert result.returncode == 1 and result.stdout.decode().startswith("half quotation: summary")


# --------------------------------------------------------------------------
# Live pages: captions are not headlines.


def test_a_photo_caption_does_not_split_a_live_page_story(seeds):
    page = seeds["000"]
    headings = [s.heading for s in page.sections]
    assert "Armed police on the streets" not in headings
    assert "Lancashire man charged with terror offences" in headings
    (story,) = [
        s for s in page.sections if s.heading and s.heading.startswith("Could more have been done")
    ]
    texts = [s.text for s in story.sentences]
    assert texts[0].startswith("A report's due to be released")
    assert any(t.startswith("Following attacks at Westminster") for t in texts)
    assert "Armed police on the streets" not in " ".join(s.text for s in page.sentences)


LIVE = (
    "Live updates\n\n"
    "Flood warnings issued across the north\n\n"
    "Flood warnings have been issued for rivers across the north after heavy rain overnight.\n\n"
    "{line}\n\n"
    "Residents were told to move valuables upstairs as river levels rose through the morning.\n\n"
    "Rail services cancelled after storm\n\n"
    "Rail services were cancelled on several lines after the storm brought down trees.\n"
)


@pytest.mark.parametrize(
    ("line", "headline"),
    [
        ("Floodwater in a northern street", False),  # a caption: the flood story goes on under it
        ("Sandbags on sale", True),  # shares nothing with either story: a headline
        ("Will the river burst its banks?", True),  # a question headline stays one
        (
            "Residents told to move valuables upstairs",
            True,
        ),  # the story under it is about what it says
    ],
)
def test_caption_or_headline(line, headline):
    article = article_of(LIVE.format(line=line), "live.txt")
    assert (line in [s.heading for s in article.sections]) is headline


# --------------------------------------------------------------------------
# The TUI's Article tab marks context, speakers and what misleads alone.


def test_article_tab_marks_context_speakers_and_what_misleads_alone(seeds):
    from briefing.model import SectionSummary, Summary
    from briefing.tui.widgets.article_view import (
        CONTEXT_MARK,
        WARNING_MARK,
        article_text,
    )

    article = seeds["001"]
    plain = article_text(article, summarize(article, Options())).plain
    assert "3 shown with them as context (↳)" in plain
    assert f"{CONTEXT_MARK}I welcome ever closer working" in plain
    assert plain.count(" — West Midlands Police and Crime Commissioner David Jamieson") == 1
    leaning = by_start(article, "This would also help")
    alone = Summary(article, (SectionSummary(None, (leaning,), (leaning,)),), "blend")
    assert (
        f"{WARNING_MARK}leaning opener: ●1 This would also help"
        in article_text(article, alone).plain
    )


@pytest.mark.parametrize(
    ("seed", "start", "joins_next", "continues", "leaning"),
    [
        (
            "000",
            "Following attacks at Westminster",
            True,
            False,
            False,
        ),  # lead-in to a bulleted list
        ("000", "Consider what was known", True, True, False),
        ("000", "Identify areas for improvement", False, True, False),  # the list's last item
        (
            "000",
            "Speaking at the time, Assistant",
            True,
            False,
            False,
        ),  # opens a two-paragraph quote
        ("000", '"I want to reassure people', False, True, False),
        ("001", 'He said: "West Midlands Police', True, False, True),
        ("001", "I welcome ever closer working", True, True, False),
        ("001", "With his recent change of tone", False, True, False),
        ("002", "Speaking in No. 10, David Cameron", True, False, False),
        ("002", "In an article for the Daily Telegraph", True, False, False),
        ("002", "But if extremists managed", False, False, True),
        ("002", "His pleas can only now be reported", False, False, True),
        ("003", "This means sharing intelligence", False, False, True),
        ("004", "In response to Sir John", True, False, False),
        ("004", "To all those whose lives", False, True, False),
    ],
)
def test_units_and_leaning_in_the_seeds(seeds, seed, start, joins_next, continues, leaning):
    sentence = by_start(seeds[seed], start)
    assert (sentence.joins_next, sentence.continues, sentence.leans) == (
        joins_next,
        continues,
        leaning,
    )
