"""Extractive summaries with sumy: the only module that imports sumy.

Every sumy summarizer is available by name. Documents are built from the
article's own sentences (sumy's document model, fed by the offline
tokenizer), and what sumy picks is mapped back to those sentences by
identity, so every summary sentence is verbatim and keeps its position.
"""

from __future__ import annotations

import random
import re
from collections import defaultdict
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from operator import attrgetter

from sumy.models.dom import ObjectDocumentModel
from sumy.models.dom import Paragraph as SumyParagraph
from sumy.models.dom import Sentence as SumySentence
from sumy.nlp.stemmers import Stemmer
from sumy.summarizers.edmundson import EdmundsonSummarizer
from sumy.summarizers.edmundson_cue import EdmundsonCueMethod
from sumy.summarizers.edmundson_location import EdmundsonLocationMethod
from sumy.summarizers.edmundson_title import EdmundsonTitleMethod
from sumy.summarizers.kl import KLSummarizer
from sumy.summarizers.lex_rank import LexRankSummarizer
from sumy.summarizers.lsa import LsaSummarizer
from sumy.summarizers.luhn import LuhnSummarizer
from sumy.summarizers.random import RandomSummarizer
from sumy.summarizers._summarizer import AbstractSummarizer, SentenceInfo
from sumy.summarizers.reduction import ReductionSummarizer
from sumy.summarizers.sum_basic import SumBasicSummarizer
from sumy.summarizers.text_rank import TextRankSummarizer
from sumy.utils import get_stop_words

from . import vectorized
from .algorithms import DESCRIPTIONS, NAMES, check
from .models import Article, Options, SectionSummary, Sentence, Summary
from .text import OfflineTokenizer


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

    def _count(self, sentence: SumySentence, wanted: frozenset[str]) -> int:
        words = sentence.words
        stems = _stems(words, self.stem_word) if isinstance(words, tuple) else map(self.stem_word, words)
        return sum(map(wanted.__contains__, stems))


class _CueMethod(_Counting, EdmundsonCueMethod):
    def _rate_sentence(self, sentence, bonus_word_weight, stigma_word_weight):  # noqa: ANN001, ANN202
        return (self._count(sentence, self._bonus_words) * bonus_word_weight
                - self._count(sentence, self._stigma_words) * stigma_word_weight)


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
        return self._quick(_TitleMethod(self._stemmer, super()._build_title_method_instance()._null_words))

    def _build_location_method_instance(self):  # noqa: ANN202
        return self._quick(_LocationMethod(self._stemmer, super()._build_location_method_instance()._null_words))

    def _quick(self, method):  # noqa: ANN001, ANN202
        method.stem_word = self.stem_word
        return method


def _edmundson(stemmer: Stemmer, stop_words: frozenset[str], title_words: Sequence[str]) -> object:
    summarizer = QuickEdmundsonSummarizer(stemmer)
    summarizer._null_words = _stem_all(stemmer, stop_words)  # what the setter stores, stemmed once per run
    summarizer.bonus_words = tuple(BONUS_WORDS) + tuple(w for w in title_words if w.lower() not in stop_words)
    summarizer.stigma_words = STIGMA_WORDS
    return summarizer


class SeededRandomSummarizer(RandomSummarizer):
    """sumy's random baseline with its own generator seeded from the text:
    repeatable, and Python's global random state is left alone."""

    def _get_random_ratings(self, sentences):  # noqa: ANN001, ANN202
        ratings = list(range(len(sentences)))
        random.Random(zlib.crc32("\n".join(str(s) for s in sentences).encode("utf-8"))).shuffle(ratings)
        return dict(zip(sentences, ratings))


class SortedLsaSummarizer(LsaSummarizer):
    """sumy's LSA with its term dictionary in sorted order: sumy numbers the
    terms by iterating a frozenset, so the matrix rows (and, through SVD
    rounding, near-tied picks) changed with Python's hash seed."""

    def _create_dictionary(self, document: ObjectDocumentModel) -> dict[str, int]:
        return {w: i for i, w in enumerate(sorted(super()._create_dictionary(document)))}


@lru_cache(maxsize=200_000)
def _content_stems(words: tuple[str, ...], stem: Callable[[str], str], stop_words: frozenset[str]) -> tuple[str, ...]:
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

    def __call__(self, document: ObjectDocumentModel, sentences_count: int):  # noqa: ANN204
        sentences = document.sentences
        words = [self._to_words_set(s) for s in sentences]  # type: ignore[attr-defined]
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
        return vectorized.textrank_scores(words, self.damping, self.epsilon, self._ZERO_DIVISION_PREVENTION)


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
    """The default: sumy's Reduction re-ranked with news signals.

    score = Reduction + 0.1 x Edmundson + 0.1 x title overlap + 0.1 x reported
    speech, each scaled to 0..1 within the document. Weights were tuned on
    one half of the dev set and checked on the other (README, "Quality").
    """

    EDMUNDSON_WEIGHT = 0.1
    TITLE_WEIGHT = 0.1
    SPEECH_WEIGHT = 0.1

    def __init__(self, stemmer: Stemmer, stop_words: frozenset[str], title_words: Sequence[str]) -> None:
        super().__init__(stemmer)
        self._stop_words = stop_words
        self._reduction = _with_stop_words(FastReductionSummarizer)(stemmer, stop_words, title_words)
        self._edmundson = _edmundson(stemmer, stop_words, title_words)
        self._title = frozenset(self.stem_word(w) for w in title_words if w.lower() not in stop_words)

    def __call__(self, document: ObjectDocumentModel, sentences_count: int):  # noqa: ANN204
        sentences = document.sentences
        reduction = _scaled(_ratings(self._reduction, document), sentences)
        edmundson = _scaled(_ratings(self._edmundson, document), sentences)
        ratings = {}
        for s, red, edm in zip(sentences, reduction, edmundson):
            title = (len(self._title.intersection(_content_stems(tuple(s.words), self.stem_word, self._stop_words)))
                     / len(self._title) if self._title else 0.0)
            speech = 1.0 if _REPORTED_SPEECH.search(str(s)) else 0.0
            ratings[s] = (red + self.EDMUNDSON_WEIGHT * edm + self.TITLE_WEIGHT * title
                          + self.SPEECH_WEIGHT * speech)
        return self._get_best_sentences(sentences, sentences_count, ratings)


def _ratings(summarizer: object, document: ObjectDocumentModel) -> dict[SumySentence, float]:
    """The rating sumy gives every sentence (its own call, nothing picked)."""
    captured: dict[SumySentence, float] = {}

    def best(sentences, count, rating, *args, **kwargs):  # noqa: ANN001, ANN202
        for s in sentences:
            captured[s] = float(rating[s] if isinstance(rating, dict) else rating(s, *args, **kwargs))
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
    "kl": _with_stop_words(KLSummarizer),
    "sumbasic": _with_stop_words(SumBasicSummarizer),
    "reduction": _with_stop_words(FastReductionSummarizer),
    "random": lambda stemmer, stop_words, title_words: SeededRandomSummarizer(stemmer),
}
ALGORITHMS: dict[str, Algorithm] = {
    name: Algorithm(name, DESCRIPTIONS[name], _FACTORIES[name]) for name in NAMES
}


def get(name: str) -> Algorithm:
    return ALGORITHMS[check(name)]


@lru_cache(maxsize=4)
def _language_kit(language: str) -> tuple[OfflineTokenizer, Stemmer, frozenset[str]]:
    # Stemming is the hot spot of every summarizer: remember each word's stem.
    stemmer = lru_cache(maxsize=500_000)(Stemmer(language).__call__)
    return OfflineTokenizer(language), stemmer, frozenset(get_stop_words(language))


def stemmer(language: str = "english") -> Callable[[str], str]:
    """sumy's stemmer for ``language``, remembering every word's stem."""
    return _language_kit(language)[1]


def stop_words(language: str = "english") -> frozenset[str]:
    """sumy's stop words for ``language`` (shipped with sumy, no download)."""
    return _language_kit(language)[2]


def rank(
    sentences: Sequence[Sentence],
    count: int,
    algorithm: str,
    *,
    language: str = "english",
    headings: Sequence[str] = (),
    paragraphs: Sequence[Sequence[Sentence]] | None = None,
) -> list[Sentence]:
    """The ``count`` sentences ``algorithm`` picks, best first.

    ``paragraphs`` (default: one paragraph) and ``headings`` give sumy the
    structure its position- and title-aware methods use.
    """
    algo = get(algorithm)
    if count <= 0 or not sentences:
        return []
    tokenizer, stemmer, stop_words = _language_kit(language)
    groups = paragraphs if paragraphs is not None else [sentences]
    by_id: dict[int, Sentence] = {}
    sumy_paragraphs = []
    for i, group in enumerate(groups):
        items = [SumySentence(h, tokenizer, is_heading=True) for h in headings] if i == 0 else []
        for sentence in group:
            sumy_sentence = SumySentence(sentence.text, tokenizer)
            by_id[id(sumy_sentence)] = sentence
            items.append(sumy_sentence)
        sumy_paragraphs.append(SumyParagraph(items))
    document = ObjectDocumentModel(sumy_paragraphs)
    title_words = [w for h in headings for w in tokenizer.to_words(h)]
    summarizer = algo.factory(stemmer, stop_words, title_words)
    ranked = _ranked(summarizer, document, count)
    return [by_id[id(s)] for s in ranked if id(s) in by_id]


def _ranked(summarizer: object, document: ObjectDocumentModel, count: int) -> list[SumySentence]:
    """Best ``count`` sentences, best first.

    sumy's summarizers hand their ratings to ``_get_best_sentences``, which
    returns the winners in document order; we stand in for it with the same
    selection (stable sort by rating, best first) and keep the ranking too.
    Ratings are read once: LSA's rating function is a one-pass iterator.
    """
    captured: list[SumySentence] = []

    def best(sentences, count, rating, *args, **kwargs):  # noqa: ANN001
        rate = (lambda s: rating[s]) if isinstance(rating, dict) else (lambda s: rating(s, *args, **kwargs))
        infos = [SentenceInfo(s, o, rate(s)) for o, s in enumerate(sentences)]
        infos = sorted(infos, key=attrgetter("rating"), reverse=True)
        captured.extend(i.sentence for i in infos[:count])
        return tuple(i.sentence for i in sorted(infos[:count], key=attrgetter("order")))

    summarizer._get_best_sentences = best  # type: ignore[attr-defined]
    summarizer(document, count)  # type: ignore[operator]
    return captured


def summarize(article: Article, options: Options) -> Summary:
    """Summarise each section of ``article`` on its own (a live page's items
    are separate stories), sentences in document order unless ``ranked``."""
    check(options.algorithm)
    sections = []
    for section in article.sections:
        available = section.sentences
        count = options.length_for(len(available))
        headings = [h for h in (section.heading or article.title,) if h] + list(section.subheadings)
        picked = rank(
            available, count, options.algorithm,
            language=options.language, headings=headings, paragraphs=section.paragraphs,
        )
        shown = picked if options.ranked else sorted(picked, key=lambda s: s.index)
        sections.append(SectionSummary(section.heading, tuple(shown), tuple(picked)))
    return Summary(article, tuple(sections), options.algorithm.lower())

