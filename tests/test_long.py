"""Long documents: ranked in windows (near-linear cost), reports summarised
part by part, KL-Sum stopping after the picks it needs."""

from __future__ import annotations

import json

import pytest
from conftest import REPO, SEEDS
from sumy.models.dom import ObjectDocumentModel, Paragraph
from sumy.models.dom import Sentence as SumySentence
from sumy.summarizers.kl import KLSummarizer

from briefing.ingest.sources import parse
from briefing.model import Options, Sentence
from briefing.nlp.stems import language_kit
from briefing.run.loading import load
from briefing.summarizers.adapters import TopKLSummarizer
from briefing.summarizers.algorithms import NAMES, WINDOWS, describe
from briefing.summarizers.summarize import (
    _shares,
    _windows,
    rank,
    summarize,
)

DEV = REPO.parent / "shared" / "data" / "bbc-dev" / "pairs.jsonl"


def _texts() -> list[str]:
    if DEV.exists():
        return [
            json.loads(line)["article"] for line in DEV.read_text(encoding="utf-8").splitlines()
        ]
    return [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]


def long_text(sentences: int) -> str:
    """A plain report body of about ``sentences`` sentences, from real articles."""
    tokenizer = language_kit("english")[0]
    paragraphs, total, i = [], 0, 0
    texts = _texts()
    while total < sentences:
        for paragraph in texts[i % len(texts)].split("\n\n")[1:]:
            if paragraph.strip():
                paragraphs.append(f"{paragraph.strip()} (Part {i}.)")
                total += len(tokenizer.to_sentences(paragraphs[-1]))
        i += 1
    return "A long inquiry report\n\n" + "\n\n".join(paragraphs) + "\n"


@pytest.fixture(scope="module")
def long_article():
    tokenizer = language_kit("english")[0]
    return parse(long_text(2600).encode(), "long.txt", "long", tokenizer)


def test_every_algorithm_says_how_it_ranks_a_long_document():
    for name in NAMES:
        text = describe(name)
        if name in WINDOWS:
            assert (
                f"above {WINDOWS[name].whole:,} sentences, ranked in windows of {WINDOWS[name].size:,}"
                in text
            )
        else:
            assert "ranked whole" in text


@pytest.mark.parametrize("algorithm", NAMES)
def test_a_long_document_gives_a_verbatim_summary_of_the_asked_length(long_article, algorithm):
    assert len(long_article.sentences) > 2400
    by_index = {s.index: s for s in long_article.sentences}
    summary = summarize(long_article, Options(algorithm=algorithm, sentences=4))
    picked = summary.sections[0].picks
    assert len(picked) == 4 and len({s.index for s in picked}) == 4
    assert all(by_index[s.index] is s for s in picked)
    # (the same picks every time: test_cli's hash-seed test; KL took 11 s a run here)


@pytest.mark.parametrize("algorithm", ["blend", "lsa"])
def test_a_long_summary_by_ratio_takes_each_windows_share(long_article, algorithm):
    n = len(long_article.sentences)
    summary = summarize(long_article, Options(algorithm=algorithm, sentences=None, ratio=0.4))
    picked = summary.sections[0].picks
    assert len(picked) == round(n * 0.4) and len({s.index for s in picked}) == len(picked)


def test_windowed_first_round_winners_compete_in_a_second_round():
    """Ranked whole below the limit, in windows above it: the result of the
    windowed rank is the second round over the windows' winners."""
    tokenizer = language_kit("english")[0]
    article = parse(long_text(600).encode(), "m.txt", "m", tokenizer)
    sentences = article.sentences
    assert len(sentences) > WINDOWS["lsa"].whole
    groups = [list(p) for p in article.sections[0].paragraphs]
    picked = rank(sentences, 3, "lsa", headings=[article.title], paragraphs=groups)
    winners = []
    for window in _windows(groups, WINDOWS["lsa"].size):
        winners += rank(
            [s for p in window for s in p], 3, "lsa", headings=[article.title], paragraphs=window
        )
    assert set(picked) <= set(winners)


def test_windows_keep_order_cover_everything_and_stay_small():
    groups = [
        [Sentence(f"s{p}-{i}", "a", p * 100 + i) for i in range(size)]
        for p, size in enumerate([3, 250, 7, 1, 199, 200, 2])
    ]
    windows = _windows(groups, 200)
    flat = [s for w in windows for p in w for s in p]
    assert flat == [s for p in groups for s in p]
    assert all(sum(map(len, w)) <= 200 for w in windows)


@pytest.mark.parametrize(
    ("count", "sizes"), [(7, [200, 200, 100]), (1, [5, 5]), (10, [1, 1, 1]), (3, [9])]
)
def test_shares_add_up(count, sizes):
    shares = _shares(count, sizes)
    assert sum(shares) == count and all(s >= 0 for s in shares)


def test_top_kl_picks_what_sumys_kl_picks():
    """Stopping after k greedy rounds picks what sumy's full ranking picks."""
    tokenizer, stemmer, stops = language_kit("english")
    compared = 0
    texts = _texts()
    for i, text in enumerate(texts[::12] if len(texts) > 60 else texts):
        article = parse(text.encode("utf-8"), f"{i}.txt", str(i), tokenizer)
        document = ObjectDocumentModel(
            [
                Paragraph([SumySentence(s.text, tokenizer) for s in p])
                for p in article.sections[0].paragraphs
            ]
        )
        for k in (1, 3, 5):
            ours, theirs = TopKLSummarizer(stemmer), KLSummarizer(stemmer)
            ours.stop_words = theirs.stop_words = stops
            assert [str(s) for s in ours(document, k)] == [str(s) for s in theirs(document, k)]
        compared += 1
    assert compared >= 5


def test_a_long_report_is_summarised_part_by_part(tmp_path):
    body = long_text(900).split("\n\n")[1:]
    parts = []
    for n in range(0, len(body), 40):
        parts.append(f"## Chapter {n // 40 + 1}: findings\n\n" + "\n\n".join(body[n : n + 40]))
    (tmp_path / "report.md").write_text(
        "# The inquiry report\n\n" + "\n\n".join(parts), encoding="utf-8"
    )
    (article,) = load([str(tmp_path / "report.md")]).articles
    headings = [s.heading for s in article.sections]
    assert headings == [f"Chapter {i}: findings" for i in range(1, len(parts) + 1)]
    summary = summarize(article, Options(sentences=2))
    assert [len(s.picks) for s in summary.sections] == [2] * len(parts)


def test_a_short_article_with_headings_stays_one_section(tmp_path):
    (tmp_path / "a.md").write_text(
        "# Title\n\n## Part one\n\nOne sentence here. Another one.\n\n"
        "## Part two\n\nA third sentence. And a fourth.\n",
        encoding="utf-8",
    )
    (article,) = load([str(tmp_path / "a.md")]).articles
    assert len(article.sections) == 1 and article.sections[0].subheadings == (
        "Part one",
        "Part two",
    )


def test_the_tui_shows_a_long_article_up_to_a_limit_and_its_picks_past_it(long_article):
    from briefing.tui.widgets.article_view import article_text

    summary = summarize(long_article, Options(sentences=5))
    text = article_text(long_article, summary, limit=5_000).plain
    assert len(text) < 10_000
    assert "more sentences not shown here" in text
    for sentence in summary.sentences:
        assert sentence.text in text
