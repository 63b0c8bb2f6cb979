"""sumy's summarizers as briefing runs them: the registry of algorithms and
the subclasses that make them fast on sumy's own document model (the same
picks as sumy's code, see each class). With summarize.py, the only modules
that import sumy.
"""

from __future__ import annotations

import random
import re
import warnings
import zlib
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from briefing.nlp import load_nltk

load_nltk()  # before NLTK or sumy: without SciPy (see briefing.nlp)

from sumy.models.dom import ObjectDocumentModel
from sumy.models.dom import Sentence as SumySentence
from sumy.nlp.stemmers import Stemmer
from sumy.summarizers._summarizer import AbstractSummarizer
from sumy.summarizers.edmundson import EdmundsonSummarizer
from sumy.summarizers.edmundson_cue import EdmundsonCueMethod
from sumy.summarizers.edmundson_location import EdmundsonLocationMethod
from sumy.summarizers.edmundson_title import EdmundsonTitleMethod
from sumy.summarizers.kl import KLSummarizer
from sumy.summarizers.lex_rank import LexRankSummarizer
from sumy.summarizers.lsa import LsaSummarizer
from sumy.summarizers.luhn import LuhnSummarizer
from sumy.summarizers.random import RandomSummarizer
from sumy.summarizers.reduction import ReductionSummarizer
from sumy.summarizers.sum_basic import SumBasicSummarizer
from sumy.summarizers.text_rank import TextRankSummarizer

from briefing.summarizers import vectorized
from briefing.summarizers.algorithms import DESCRIPTIONS, NAMES

# Cue words for Edmundson's method (sumy leaves them to the caller).
BONUS_WORDS = (
    "said announced confirmed revealed warned report inquiry found concluded "
    "first new significant important key major must"
).split()
STIGMA_WORDS = "perhaps hardly impossible reportedly allegedly rumoured meanwhile".split()


@dataclass(frozen=True)
class Algorithm:
    name: str
    description: str
    factory: Callable[[Stemmer, frozenset[str], Sequence[str]], object]


def _with_stop_words(cls: type) -> Callable[[Stemmer, frozenset[str], Sequence[str]], object]:
    def make(stemmer: Stemmer, stop_words: frozenset[str], title_words: Sequence[str]) -> object:
        summarizer = cls(stemmer)
        if hasattr(cls, "_stop_words"):
            # What sumy's setter stores, without normalising 579 lower-case words each call.
            summarizer._stop_words = stop_words
        else:
            summarizer.stop_words = stop_words
        return summarizer

    return make


@lru_cache(maxsize=8)
def _word_stemmer(stem: Callable[[str], str]) -> Callable[[str], str]:
    """sumy's ``stem_word`` (normalise, then stem) for ``stem``, remembered
    per word as written: a hit costs one lookup, no Python call."""
    return lru_cache(maxsize=500_000)(lambda word: stem(AbstractSummarizer.normalize_word(word)))


@lru_cache(maxsize=8)
def _stem_all(stem: Callable[[str], str], words: frozenset[str]) -> frozenset[str]:
    return frozenset(map(_word_stemmer(stem), words))


class _QuickStems:
    """``stem_word`` remembered per word: the Edmundson methods stem every
    word of every sentence."""

    @property
    def stem_word(self) -> Callable[[str], str]:
        return _word_stemmer(self._stemmer)  # type: ignore[attr-defined]


@lru_cache(maxsize=200_000)
def _stems(words: tuple[str, ...], stem_word: Callable[[str], str]) -> tuple[str, ...]:
    return tuple(map(stem_word, words))


class _Counting:
    """An Edmundson method's per-sentence count, over the sentence's stems
    remembered per run and counted in C: the same integers as sumy's loop."""

    stem_word: Callable[[str], str]
    """sumy's, from the summarizer this is mixed into."""

    def _count(self, sentence: SumySentence, wanted: frozenset[str]) -> int:
        words = sentence.words
        stems = (
            _stems(words, self.stem_word)
            if isinstance(words, tuple)
            else map(self.stem_word, words)
        )
        return sum(map(wanted.__contains__, stems))


class _CueMethod(_Counting, EdmundsonCueMethod):
    def _rate_sentence(self, sentence, bonus_word_weight, stigma_word_weight):  # noqa: ANN001, ANN202
        return (
            self._count(sentence, self._bonus_words) * bonus_word_weight
            - self._count(sentence, self._stigma_words) * stigma_word_weight
        )


class _TitleMethod(_Counting, EdmundsonTitleMethod):
    _rate_sentence = _Counting._count  # (sentence, significant_words): a count


class _LocationMethod(_Counting, EdmundsonLocationMethod):
    _rate_sentence = _Counting._count


class QuickEdmundsonSummarizer(_QuickStems, EdmundsonSummarizer):
    """sumy's Edmundson: its checks and its sums, the cue, title and
    location counts made over remembered stems (the same ratings)."""

    def _build_cue_method_instance(self):  # noqa: ANN202
        sumys = super()._build_cue_method_instance()
        return self._quick(_CueMethod(self._stemmer, sumys._bonus_words, sumys._stigma_words))

    def _build_key_method_instance(self):  # noqa: ANN202
        return self._quick(super()._build_key_method_instance())

    def _build_title_method_instance(self):  # noqa: ANN202
        return self._quick(
            _TitleMethod(self._stemmer, super()._build_title_method_instance()._null_words)
        )

    def _build_location_method_instance(self):  # noqa: ANN202
        return self._quick(
            _LocationMethod(self._stemmer, super()._build_location_method_instance()._null_words)
        )

    def _quick(self, method):  # noqa: ANN001, ANN202
        method.stem_word = self.stem_word
        return method


def _edmundson(stemmer: Stemmer, stop_words: frozenset[str], title_words: Sequence[str]) -> object:
    summarizer = QuickEdmundsonSummarizer(stemmer)
    summarizer._null_words = _stem_all(
        stemmer, stop_words
    )  # what the setter stores, stemmed once per run
    summarizer.bonus_words = tuple(BONUS_WORDS) + tuple(
        w for w in title_words if w.lower() not in stop_words
    )
    summarizer.stigma_words = STIGMA_WORDS
    return summarizer


class SeededRandomSummarizer(RandomSummarizer):
    """sumy's random baseline with its own generator seeded from the text:
    repeatable, and Python's global random state is left alone."""

    def _get_random_ratings(self, sentences):  # noqa: ANN001, ANN202
        ratings = list(range(len(sentences)))
        random.Random(zlib.crc32("\n".join(str(s) for s in sentences).encode("utf-8"))).shuffle(
            ratings
        )
        return dict(zip(sentences, ratings))


class TopKLSummarizer(KLSummarizer):
    """sumy's KL-Sum, stopping once it has picked what was asked for.

    sumy ranks every sentence: n greedy rounds, each over every remaining
    sentence (n squared joint distributions; minutes at a few hundred
    sentences). A round depends only on the rounds before it, so the first
    ``count`` rounds pick the same sentences; the rest are rated below them
    in document order (sumy would go on ordering them, to no effect on what
    is picked).
    """

    def __call__(self, document: ObjectDocumentModel, sentences_count: int):  # noqa: ANN204
        sentences = document.sentences
        return self._get_best_sentences(
            sentences, sentences_count, self._first_ratings(sentences, sentences_count)
        )

    def _first_ratings(self, sentences, count: int) -> dict:  # noqa: ANN001
        word_freq = self.compute_tf(sentences)
        ratings: dict[SumySentence, int] = {}
        summary: list[SumySentence] = []
        remaining = list(sentences)
        as_words = [self._get_content_words_in_sentence(s) for s in sentences]
        while remaining and len(summary) < count:  # sumy's loop, bounded
            summary_words = self._get_all_words_in_doc(summary)
            kls = [
                self._kl_divergence(self._joint_freq(words, summary_words), word_freq)
                for words in as_words
            ]
            best = kls.index(min(kls))
            chosen = remaining.pop(best)
            del as_words[best]
            summary.append(chosen)
            ratings[chosen] = -1 * len(ratings)
        floor = -len(sentences)
        for order, sentence in enumerate(remaining):
            ratings[sentence] = floor - order
        return ratings


class SortedLsaSummarizer(LsaSummarizer):
    """sumy's LSA with its term dictionary in sorted order: sumy numbers the
    terms by iterating a frozenset, so the matrix rows (and, through SVD
    rounding, near-tied picks) changed with Python's hash seed."""

    def __call__(self, document: ObjectDocumentModel, sentences_count: int):  # noqa: ANN204
        # sumy warns (on stderr, two lines) when a text has fewer words than
        # sentences; the summary is still made, and a warning is not ours to print.
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message="Number of words", category=UserWarning)
            return super().__call__(document, sentences_count)

    def _create_dictionary(self, document: ObjectDocumentModel) -> dict[str, int]:
        return {w: i for i, w in enumerate(sorted(super()._create_dictionary(document)))}


@lru_cache(maxsize=200_000)
def _content_stems(
    words: tuple[str, ...], stem: Callable[[str], str], stop_words: frozenset[str]
) -> tuple[str, ...]:
    return tuple(stem(w.lower()) for w in (w.lower() for w in words) if w not in stop_words)


class _CachedStems:
    """sumy's ``_to_words_set`` (LexRank, TextRank, Reduction: the same
    code), remembered per sentence: each sentence is stemmed once per run,
    however many summarizers and sections see it."""

    def _to_words_set(self, sentence: SumySentence) -> list[str]:
        words = sentence.words
        if not isinstance(words, tuple):  # a tokenizer that returns lists: not cacheable
            return super()._to_words_set(sentence)  # type: ignore[misc]
        return list(_content_stems(words, _word_stemmer(self._stemmer), self._stop_words))  # type: ignore[attr-defined]


class _VectorisedGraph(_CachedStems):
    """Mixed into sumy's graph summarizers: the same words in, the scores
    from vectorized.py, sumy's own selection; sumy's loops for documents
    too long for the matrices."""

    _scores: Callable[[list[list[str]]], Sequence[float]]
    """The vectorised ranker (set by each summarizer that mixes this in)."""

    def __call__(self, document: ObjectDocumentModel, sentences_count: int):  # noqa: ANN204
        sentences = document.sentences
        words = [self._to_words_set(s) for s in sentences]
        if not sentences or not vectorized.fits(words):
            return super().__call__(document, sentences_count)  # type: ignore[misc]
        ratings = dict(zip(sentences, self._scores(words)))
        return self._get_best_sentences(sentences, sentences_count, ratings)  # type: ignore[attr-defined]


class FastLexRankSummarizer(_VectorisedGraph, LexRankSummarizer):
    """sumy's LexRank with the matrix work vectorised (same sentences)."""

    def _scores(self, words: list[list[str]]):  # noqa: ANN202
        return vectorized.lexrank_scores(words, self.threshold, self.epsilon)


class FastTextRankSummarizer(_VectorisedGraph, TextRankSummarizer):
    """sumy's TextRank with the matrix work vectorised (same sentences)."""

    def _scores(self, words: list[list[str]]):  # noqa: ANN202
        return vectorized.textrank_scores(
            words, self.damping, self.epsilon, self._ZERO_DIVISION_PREVENTION
        )


class FastReductionSummarizer(_CachedStems, ReductionSummarizer):
    """sumy's Reduction with the pairwise loop vectorised (same sentences)."""

    def rate_sentences(self, document: ObjectDocumentModel):  # noqa: ANN201
        sentences = document.sentences
        words = [self._to_words_set(s) for s in sentences]
        if not vectorized.fits(words):
            return super().rate_sentences(document)
        ratings: dict[SumySentence, float] = defaultdict(float)
        for s, score in zip(sentences, vectorized.reduction_scores(words)):
            ratings[s] += float(score)  # sumy keys ratings by text: equal sentences pool theirs
        return ratings


_REPORTED_SPEECH = re.compile(r"\b(said|says)\b", re.IGNORECASE)


class BlendSummarizer(_QuickStems, AbstractSummarizer):
    """The default: sumy's Reduction plus a tenth for reported speech.

    score = Reduction + 0.1 x reported speech ("said", "says"), Reduction
    scaled to 0..1 within the document. Edmundson and title overlap were
    part of it until a paired bootstrap on the dev set showed their gains
    within noise (README, "Quality"; ``benchmarks/bootstrap.py``); their
    weights stay here, at 0, so the benchmark can put them back.
    """

    EDMUNDSON_WEIGHT = 0.0
    TITLE_WEIGHT = 0.0
    SPEECH_WEIGHT = 0.1

    def __init__(
        self, stemmer: Stemmer, stop_words: frozenset[str], title_words: Sequence[str]
    ) -> None:
        super().__init__(stemmer)
        self._stop_words = stop_words
        self._reduction = _with_stop_words(FastReductionSummarizer)(
            stemmer, stop_words, title_words
        )
        self._edmundson = _edmundson(stemmer, stop_words, title_words)
        self._title = frozenset(
            self.stem_word(w) for w in title_words if w.lower() not in stop_words
        )

    def __call__(self, document: ObjectDocumentModel, sentences_count: int):  # noqa: ANN204
        sentences = document.sentences
        reduction = _scaled(_ratings(self._reduction, document), sentences)
        edmundson = (
            _scaled(_ratings(self._edmundson, document), sentences)
            if self.EDMUNDSON_WEIGHT
            else [0.0] * len(sentences)
        )
        ratings = {}
        for s, red, edm in zip(sentences, reduction, edmundson):
            title = (
                len(
                    self._title.intersection(
                        _content_stems(tuple(s.words), self.stem_word, self._stop_words)
                    )
                )
                / len(self._title)
                if self._title and self.TITLE_WEIGHT
                else 0.0
            )
            speech = 1.0 if _REPORTED_SPEECH.search(str(s)) else 0.0
            ratings[s] = (
                red
                + self.EDMUNDSON_WEIGHT * edm
                + self.TITLE_WEIGHT * title
                + self.SPEECH_WEIGHT * speech
            )
        return self._get_best_sentences(sentences, sentences_count, ratings)


def _ratings(summarizer: object, document: ObjectDocumentModel) -> dict[SumySentence, float]:
    """The rating sumy gives every sentence (its own call, nothing picked)."""
    captured: dict[SumySentence, float] = {}

    def best(sentences, count, rating, *args, **kwargs):  # noqa: ANN001, ANN202
        for s in sentences:
            captured[s] = float(
                rating[s] if isinstance(rating, dict) else rating(s, *args, **kwargs)
            )
        return ()

    summarizer._get_best_sentences = best  # type: ignore[attr-defined]
    summarizer(document, 1)  # type: ignore[operator]
    return captured


def _scaled(ratings: dict[SumySentence, float], sentences: Sequence[SumySentence]) -> list[float]:
    values = [ratings.get(s, 0.0) for s in sentences]
    low, high = min(values, default=0.0), max(values, default=0.0)
    return [(v - low) / (high - low) if high > low else 0.0 for v in values]


_FACTORIES = {
    "blend": BlendSummarizer,
    "lexrank": _with_stop_words(FastLexRankSummarizer),
    "lsa": _with_stop_words(SortedLsaSummarizer),
    "textrank": _with_stop_words(FastTextRankSummarizer),
    "luhn": _with_stop_words(LuhnSummarizer),
    "edmundson": _edmundson,
    "kl": _with_stop_words(TopKLSummarizer),
    "sumbasic": _with_stop_words(SumBasicSummarizer),
    "reduction": _with_stop_words(FastReductionSummarizer),
    "random": lambda stemmer, stop_words, title_words: SeededRandomSummarizer(stemmer),
}
ALGORITHMS: dict[str, Algorithm] = {
    name: Algorithm(name, DESCRIPTIONS[name], _FACTORIES[name]) for name in NAMES
}
