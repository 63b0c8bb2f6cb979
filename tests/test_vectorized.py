"""The vectorised rankers select what sumy's own implementations select.

On every dev-set article (or the seeds when the dev set is not beside the
project) and several lengths, our selection must equal sumy's, except where
sumy's own scores tie to within 1e-12 (a mathematical tie that sumy breaks
by floating-point noise, documented in vectorized.py)."""

import json

import numpy as np
import pytest
from conftest import REPO
from sumy.models.dom import ObjectDocumentModel, Paragraph
from sumy.models.dom import Sentence as SumySentence
from sumy.summarizers.lex_rank import LexRankSummarizer
from sumy.summarizers.reduction import ReductionSummarizer
from sumy.summarizers.text_rank import TextRankSummarizer

from briefing.ingest.sources import parse
from briefing.nlp.stems import language_kit
from briefing.summarizers import vectorized
from briefing.summarizers.adapters import (
    FastLexRankSummarizer,
    FastReductionSummarizer,
    FastTextRankSummarizer,
)

DEV = REPO.parent / "shared" / "data" / "bbc-dev" / "pairs.jsonl"


def documents():
    tok = language_kit("english")[0]
    if DEV.exists():
        lines = DEV.read_text(encoding="utf-8").splitlines()
        texts = [
            json.loads(line)["article"] for line in lines[::3]
        ]  # 141 articles keep the test quick
    else:
        texts = [p.read_text(encoding="utf-8") for p in sorted((REPO / "seeds").glob("*.txt"))]
    for i, text in enumerate(texts):
        article = parse(text.encode("utf-8"), f"{i}.txt", str(i), tok)
        yield ObjectDocumentModel(
            [Paragraph([SumySentence(s.text, tok) for s in article.sentences])]
        )


def sumy_scores(summarizer, document):
    sentences = document.sentences
    words = [summarizer._to_words_set(s) for s in sentences]
    if isinstance(summarizer, LexRankSummarizer):
        matrix = summarizer._create_matrix(
            words,
            summarizer.threshold,
            summarizer._compute_tf(words),
            summarizer._compute_idf(words),
        )
        return np.array(summarizer.power_method(matrix, summarizer.epsilon))
    ratings = summarizer.rate_sentences(document)
    return np.array([ratings[s] for s in sentences])


@pytest.mark.parametrize(
    ("slow_cls", "fast_cls"),
    [
        (LexRankSummarizer, FastLexRankSummarizer),
        (TextRankSummarizer, FastTextRankSummarizer),
        (ReductionSummarizer, FastReductionSummarizer),
    ],
    ids=["lexrank", "textrank", "reduction"],
)
def test_same_sentences_as_sumy(slow_cls, fast_cls):
    _, stemmer, stops = language_kit("english")
    checked = differing = 0
    for document in documents():
        slow, fast = slow_cls(stemmer), fast_cls(stemmer)
        slow.stop_words = fast.stop_words = stops
        for k in (1, 3, 5):
            theirs = [str(s) for s in slow(document, k)]
            ours = [str(s) for s in fast(document, k)]
            checked += 1
            if theirs == ours:
                continue
            differing += 1
            scores = dict(zip((str(s) for s in document.sentences), sumy_scores(slow, document)))
            only_theirs = set(theirs) - set(ours)
            only_ours = set(ours) - set(theirs)
            for a in only_theirs:
                assert any(abs(scores[a] - scores[b]) < 1e-12 for b in only_ours), (a, only_ours)
    assert checked >= 15
    assert differing <= checked * 0.02


@pytest.mark.parametrize(
    "dense_max", [vectorized.DENSE_TERMS_MAX, 0], ids=["matrix-product", "posting-lists"]
)
def test_scores_match_sumy_numerically(dense_max, monkeypatch):
    monkeypatch.setattr(vectorized, "DENSE_TERMS_MAX", dense_max)
    _, stemmer, stops = language_kit("english")
    for n, document in enumerate(documents()):
        for slow_cls, fn in (
            (LexRankSummarizer, vectorized.lexrank_scores),
            (TextRankSummarizer, vectorized.textrank_scores),
            (ReductionSummarizer, vectorized.reduction_scores),
        ):
            slow = slow_cls(stemmer)
            slow.stop_words = stops
            words = [slow._to_words_set(s) for s in document.sentences]
            assert np.allclose(fn(words), sumy_scores(slow, document), atol=1e-9)
        if n == 40:
            break


@pytest.mark.parametrize(
    "fn", [vectorized.lexrank_scores, vectorized.textrank_scores, vectorized.reduction_scores]
)
@pytest.mark.parametrize(
    "words", [[], [[]], [["a"]], [["a"], ["a"]], [["a", "b"], [], ["b", "b", "c"]]]
)
def test_edge_cases_are_finite(fn, words):
    scores = fn(words)
    assert len(scores) == len(words)
    assert np.all(np.isfinite(scores))


@pytest.mark.parametrize(
    ("slow_cls", "fast_cls"),
    [
        (LexRankSummarizer, FastLexRankSummarizer),
        (TextRankSummarizer, FastTextRankSummarizer),
        (ReductionSummarizer, FastReductionSummarizer),
    ],
    ids=["lexrank", "textrank", "reduction"],
)
def test_long_documents_go_to_sumy(slow_cls, fast_cls, monkeypatch):
    monkeypatch.setattr(vectorized, "MAX_SENTENCES", 3)
    monkeypatch.setattr(vectorized, "lexrank_scores", None)  # must not be called
    monkeypatch.setattr(vectorized, "textrank_scores", None)
    monkeypatch.setattr(vectorized, "reduction_scores", None)
    _, stemmer, stops = language_kit("english")
    document = next(documents())
    slow, fast = slow_cls(stemmer), fast_cls(stemmer)
    slow.stop_words = fast.stop_words = stops
    assert [str(s) for s in fast(document, 3)] == [str(s) for s in slow(document, 3)]
