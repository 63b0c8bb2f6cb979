import json
from pathlib import Path

import pytest

from briefing.nlp.furniture import (
    LineKind,
    classify,
    furniture,
    line_furniture,
    looks_like_heading,
)
from briefing.nlp.text import OfflineTokenizer

tok = OfflineTokenizer()


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        (
            "Mr. Smith went to Washington. He met the president.",
            ["Mr. Smith went to Washington.", "He met the president."],
        ),
        (
            "The U.S. Senate voted. Then it adjourned.",
            ["The U.S. Senate voted.", "Then it adjourned."],
        ),
        (
            "Speaking in No. 10, Mr Cameron spoke. He left.",
            ["Speaking in No. 10, Mr Cameron spoke.", "He left."],
        ),
        ('He said: "It is over." Then he left.', ['He said: "It is over."', "Then he left."]),
        (
            "Dr. Jones and Prof. Lee met on Jan. 5 at St. Mary's. They talked.",
            ["Dr. Jones and Prof. Lee met on Jan. 5 at St. Mary's.", "They talked."],
        ),
        ("Is it over? Yes! It is.", ["Is it over?", "Yes!", "It is."]),
        ("Growth was 2.5% in 2004. It slowed.", ["Growth was 2.5% in 2004.", "It slowed."]),
        ('He said no. "Never," she said.', ["He said no.", '"Never," she said.']),
        ("Turn to No. 5 now. Then stop.", ["Turn to No. 5 now.", "Then stop."]),
        ("it grew in 2004. growth slowed.", ["it grew in 2004.", "growth slowed."]),
        ("the sequel, halo 2. errors followed.", ["the sequel, halo 2.", "errors followed."]),
        ("1. the first point is this.", ["1. the first point is this."]),
        ("Version 2.0 is out.", ["Version 2.0 is out."]),
        ("It is over. ‘Never again,’ he said.", ["It is over.", "‘Never again,’ he said."]),
    ],
)
def test_sentences(paragraph, expected):
    assert list(tok.to_sentences(paragraph)) == expected


def test_sentence_spans_point_into_the_paragraph():
    paragraph = "First one here.  Second one there."
    spans = tok.sentence_spans(paragraph)
    assert [paragraph[a:b] for a, b in spans] == ["First one here.", "Second one there."]


@pytest.mark.parametrize(
    ("sentence", "words"),
    [
        ("MI5 will share data.", ("MI5", "will", "share", "data")),
        ("It's the UK's 20,000 'closed' cases.", ("It", "the", "UK", "closed", "cases")),
        ("Co-operation -- now!", ("Co-operation", "now")),
    ],
)
def test_words(sentence, words):
    assert tok.to_words(sentence) == words


def test_only_english():
    with pytest.raises(ValueError, match="English"):
        OfflineTokenizer("german")


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("Live updates", "banner"),
        ("Load more updates", "load-more"),
        ("Click here for more information:", "click-here"),
        ("The Manchester Arena bombing killed 22 people Credit: PA", "photo-credit"),
        ("File photo dated 23/05/17 of emergency services", "caption"),
        ("Imran Khawaja pictured with heavy weaponry.", "caption"),
        ("Published", "timestamp"),
        ("Published Last updated", "timestamp"),
        ("Updated 12:04 GMT, 4 May 2021", "timestamp"),
        ("ITV News' UK Editor Rohit Kachroo reports:", "media-intro"),
        ("Share this article", "share"),
        ("If you see something that doesn't feel right report it at gov.uk/ACT.", "call-to-action"),
        ("Listen to our latest podcasts to find out What You Need To Know...", "podcast"),
        ("What did MI5 know, when? Watch this full report from ITV Granada", "watch"),
        ("Sign up for our daily newsletter and alerts.", "newsletter"),
        # Not furniture: news sentences that merely share words with it.
        ("Updated figures show growth in March and April this year.", None),
        ("Police said they had published the report in full.", None),
        ("The credit crunch hit lenders hard.", None),
        ("Live music returned to the city centre last night.", None),
        ("He told the court he would report to police on Monday.", None),
    ],
)
def test_furniture_rules(line, rule):
    found = line_furniture(line)
    assert (found.name if found else None) == rule


def test_call_to_action_in_a_long_paragraph_drops_only_the_sentence():
    long_line = "Your actions could save lives. " * 8 + "Report it in confidence at gov.uk/ACT."
    assert line_furniture(long_line) is None
    assert furniture("Report it in confidence at gov.uk/ACT.", "cta") is not None


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("MI5 intelligence to be shared in attempt to stop terror plots earlier", LineKind.HEADING),
        ("Counter terror police: 'Several attack plots disrupted'", LineKind.HEADING),
        ("Kerry: Tackling IS threat is 'the challenge of our lifetime'", LineKind.HEADING),
        ("– Prime Minister Theresa May", LineKind.ATTRIBUTION),
        (
            "It follows a review of recent attacks including the Manchester Arena bombing.",
            LineKind.BODY,
        ),
        (
            "Speaking in No. 10, David Cameron told his Iraqi counterpart Haider al-Abadi:",
            LineKind.BODY,
        ),
        ("We will work to build a voice for survivors.", LineKind.BODY),
        ("He said it was 'a step change'.", LineKind.BODY),
        (
            "The assessments have been carried out internally but David Anderson QC was appointed by the "
            'Government to provide "independent assurance"',
            LineKind.BODY,
        ),
        ("Load more updates", LineKind.FURNITURE),
    ],
)
def test_classify(line, kind):
    assert classify(line) is kind


@pytest.mark.parametrize("line", ["a lower case start of a line", "One", "Ends with a comma,"])
def test_not_headings(line):
    assert not looks_like_heading(line)


# -- the word tokenizer: NLTK's rules on stdlib re, same tokens ---------------

from nltk.tokenize import NLTKWordTokenizer  # noqa: E402

from briefing.nlp.text import StdlibWordTokenizer  # noqa: E402

TRICKY = [
    'He said: "We cannot, and won\'t, do that."',
    "'Tis the season, 'twas said; GONNA happen? Wanna bet!",
    "D'ye ken? Gimme that, lemme see... more'n enough -- really.",
    "“Curly quotes” and ‘single ones’ at the «border» „here“.",
    "It's John's (and Mary's) car [sic] {ok} <tag> — isn't it?",
    "Costs $3.88 (roughly 3,36 euros) in New York.",
    "Ends with quote and stop.'\"",
    "''Two apostrophes'' and ``backticks`` here.",
    "Prices rose 5% & fell @ 10:30, at #1; *really*.",
    "‘They’ll’ve gone’, she said, ‘I’m sure’.",
    "CANNOT Cannot cAnNoT canNOT",
    "The Kelvin sign \u212a and long s \u017f in 'twaſ.",
    "Figure dash \u2012 en \u2013 em \u2014 bar \u2015 end.",
    "No.10 Downing St. said so.  Double  spaces\tand tabs.",
    "",
    "'",
    '"',
    "Wait--what?! a..b x:y,z end,",
    '`Quoted\' with backticks `` and "straight" ones" here:',
    "Trailing colon:",
]


@pytest.mark.parametrize("sentence", TRICKY)
def test_stdlib_word_tokenizer_matches_nltk(sentence):
    assert StdlibWordTokenizer().tokenize(sentence) == NLTKWordTokenizer().tokenize(sentence)


def test_stdlib_word_tokenizer_matches_nltk_on_every_seed_sentence(seed_articles):
    fast, nltk_own = StdlibWordTokenizer(), NLTKWordTokenizer()
    sentences = [s.text for a in seed_articles for s in a.sentences]
    assert len(sentences) > 150
    for sentence in sentences:
        assert fast.tokenize(sentence) == nltk_own.tokenize(sentence), sentence


def test_character_prefilters_name_real_rules_and_hold():
    """Each prefilter is keyed by the exact source of one of NLTK's rules (a
    stale key would only switch the prefilter off), and rules add no
    character but spaces, ` and ' (what skipping on the sentence's own
    characters relies on)."""
    from briefing.nlp.text import _NEEDS_ONE_OF

    fast = StdlibWordTokenizer()
    sources = {rule[0].pattern for rule in fast._before + fast._after}
    assert set(_NEEDS_ONE_OF) <= sources
    assert len(_NEEDS_ONE_OF) >= 12
    for sentence in TRICKY:
        assert set("".join(fast.tokenize(sentence))) <= set(sentence) | set("`'")


def test_long_sentences_take_nltks_guarded_path(monkeypatch):
    calls = []
    monkeypatch.setattr(
        NLTKWordTokenizer, "tokenize", lambda self, text, *a: calls.append(text) or ["x"]
    )
    long = "word " * (StdlibWordTokenizer.GUARDED_ABOVE // 5 + 1)
    assert StdlibWordTokenizer().tokenize(long) == ["x"]
    assert StdlibWordTokenizer().tokenize("short one") == ["short", "one"]
    assert calls == [long]


def test_rule_cues_only_skip_lines_the_rule_cannot_match(seed_texts):
    """Every line of the seeds (and each cased variant) gets the same answer
    with the cue shortcut as with every pattern run in full."""
    from briefing.nlp.furniture import RULES

    lines = [line for text in seed_texts.values() for line in text.split(". ")]
    lines += [line.upper() for line in lines] + [line.title() for line in lines]
    lines += [
        "Report it at gov.uk/act",
        "Watch the video",
        "Download our app",
        "Picture: AP",
        "Sign up to our alerts",
    ]
    for scope in ("line", "cta"):
        for line in lines:
            full = next((r for r in RULES if r.scope == scope and r.pattern.search(line)), None)
            assert furniture(line, scope) == full, line


# -- Punkt: its patterns on stdlib re, same spans --------------------------------

from briefing.nlp.text import GUARDED_PARAGRAPH, _punkt  # noqa: E402

PARAGRAPHS = [
    'Mr. Smith went to Washington D.C. on Jan. 5. He said: "It\'s done." Then he left!',
    "Prices rose 3.5% in 2004. the rest fell... Really? Yes. (It did.) 'Quite.'",
    "THE U.S. AND U.K. AGREED. NO. 10 SAID SO. A. B. Jones was there.",
    "“Curly quotes.” ‘Single.’ «Guillemets.» Dashes -- and ellipses . . . end.",
    "Numbers: 1,000.50 and -3.2. Initials: J. R. R. Tolkien wrote it. e.g. this, i.e. that.",
    "",
    "No full stop at all",
]


@pytest.mark.parametrize("paragraph", PARAGRAPHS)
def test_punkt_on_stdlib_re_splits_like_nltks(paragraph):
    assert list(_punkt().span_tokenize(paragraph)) == list(
        _punkt(guarded=True).span_tokenize(paragraph)
    )


def test_punkt_on_stdlib_re_splits_every_seed_paragraph_like_nltks():
    from conftest import SEEDS

    paragraphs = [
        p
        for f in sorted(SEEDS.glob("*.txt"))
        for p in f.read_text(encoding="utf-8").split("\n")
        if p
    ]
    assert len(paragraphs) > 100
    for paragraph in paragraphs + [p.upper() for p in paragraphs]:
        assert list(_punkt().span_tokenize(paragraph)) == list(
            _punkt(guarded=True).span_tokenize(paragraph)
        )


def test_very_long_paragraphs_take_nltks_guarded_punkt(monkeypatch):
    seen = []
    guarded = _punkt(guarded=True)
    monkeypatch.setattr(
        type(guarded),
        "span_tokenize",
        lambda self, text: seen.append(self is guarded) or iter([(0, len(text))]),
    )
    OfflineTokenizer().sentence_spans("Short one. Two.")
    OfflineTokenizer().sentence_spans("Long. " * (GUARDED_PARAGRAPH // 6 + 1))
    assert seen == [False, True]


CASED_BOUNDARIES = [
    (case["paragraph"], case["sentences"])
    for case in json.loads(
        (Path(__file__).parent / "fixtures" / "cased_boundaries.json").read_text(encoding="utf-8")
    )
]
"""Abbreviations that are also ordinary sentence-final words in capitals, and
the cases they must not break (benchmarks/splitter.py reads them too)."""


@pytest.mark.parametrize(("paragraph", "count"), CASED_BOUNDARIES)
def test_an_abbreviation_that_is_also_a_sentence_final_word_keeps_the_boundary(paragraph, count):
    sentences = OfflineTokenizer().to_sentences(paragraph)
    assert len(sentences) == count
    assert " ".join(sentences) == paragraph
