"""Stems and stop words (sumy's, shipped with it: no download), and the
topic terms matched against them. This module owns the stem caches: each is
bounded, and everything that stems a word (the summarizers, topics, key
points, captions) stems it here."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache

from briefing.nlp import load_nltk

load_nltk()  # before NLTK or sumy: without SciPy (see briefing.nlp)

from sumy.nlp.stemmers import Stemmer
from sumy.utils import get_stop_words

from briefing.nlp.text import OfflineTokenizer


@lru_cache(maxsize=4)
def language_kit(language: str) -> tuple[OfflineTokenizer, Stemmer, frozenset[str]]:
    # Stemming is the hot spot of every summarizer: remember each word's stem.
    stemmer = lru_cache(maxsize=500_000)(Stemmer(language).__call__)
    return OfflineTokenizer(language), stemmer, frozenset(get_stop_words(language))


def stemmer(language: str = "english") -> Callable[[str], str]:
    """sumy's stemmer for ``language``, remembering every word's stem."""
    return language_kit(language)[1]


def stop_words(language: str = "english") -> frozenset[str]:
    """sumy's stop words for ``language`` (shipped with sumy, no download)."""
    return language_kit(language)[2]


tokenizer = OfflineTokenizer()
"""The tokenizer topic terms are read with (English rules; words only)."""


def stem(word: str, language: str = "english") -> str:
    """The word's stem, from the same cached stemmer the summarizers use."""
    return stemmer(language)(word.lower())


@lru_cache(maxsize=100_000)
def content_stems(text: str, language: str = "english") -> frozenset[str]:
    """Stems of the words in ``text`` that are not stop words."""
    stops = stop_words(language)
    return frozenset(stem(w, language) for w in tokenizer.to_words(text) if w.lower() not in stops)


def topic_terms(topic: str, language: str = "english") -> tuple[str, ...]:
    """Stemmed content words of a topic ("intelligence sharing" → intellig, share).

    An all-capitals word that is also a stop word ("IS", "US", "WHO") is an
    acronym: it becomes an exact-case term (``=IS``) that the verb "is" does
    not match. A topic made only of stop words keeps its words.
    """
    stops = stop_words(language)
    terms = []
    for word in tokenizer.to_words(topic):
        if word.lower() in stops and word.isupper() and len(word) > 1:
            terms.append("=" + word)
        elif word.lower() not in stops:
            terms.append(stem(word, language))
    if not terms:
        terms = [stem(w, language) for w in tokenizer.to_words(topic)]
    return tuple(dict.fromkeys(terms))


def text_stems(text: str, terms: Sequence[str], language: str) -> frozenset[str]:
    """The stems of ``text`` that ``terms`` can match (acronyms exactly, stop
    words when a term is one)."""
    stems = content_stems(text, language)
    if any(t.startswith("=") for t in terms):
        stems |= frozenset("=" + w for w in tokenizer.to_words(text) if w.isupper())
    if any(t in stop_words(language) for t in terms):
        stems |= frozenset(stem(w, language) for w in tokenizer.to_words(text))
    return stems


_IRREGULAR = {
    "die": "dy",
    "lie": "ly",
    "tie": "ty",
}  # Snowball: dying → die, lying → lie, tying → tie


def prefixes(term: str) -> list[tuple[str, bool]]:
    """Pieces of text one of which every word with this stem contains (and
    whether the match is case-sensitive: exact-case acronym terms)."""
    if term.startswith("="):
        return [(term[1:], True)]
    keys = [(term[: max(2, len(term) - 2)], False)]
    if term in _IRREGULAR:
        keys.append((_IRREGULAR[term], False))
    return keys


def may_match(text: str, keys: Sequence[tuple[str, bool]]) -> bool:
    lowered = text.lower()
    return any((key in text) if exact else (key in lowered) for key, exact in keys)


def candidate_filter(topics: Sequence[str], language: str = "english") -> Callable[[str], bool]:
    """Whether a text may hold a term of any of ``topics``: a sentence (or a
    live-page headline) for which this is False can never be on topic."""
    keys = [key for topic in topics for t in topic_terms(topic, language) for key in prefixes(t)]
    return lambda text: may_match(text, keys)
