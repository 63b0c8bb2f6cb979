"""Topics: which sentences are about a topic, near-duplicates, and the key
phrases a user might ask about.

Relevance is stemmed keyword match weighted by how rare each topic term is
in the selection (IDF), so "MI5 intelligence" leans on the rarer word. A
topic section is a summary of the relevant sentences across all articles.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from functools import cache

from briefing.compose.redundancy import mmr, tfidf_vectors
from briefing.model import (
    Article,
    Citation,
    Options,
    Sentence,
    SuggestedTopic,
    Topic,
    TopicSentence,
)
from briefing.nlp.stems import (
    content_stems,
    may_match,
    prefixes,
    stemmer,
    stop_words,
    text_stems,
    tokenizer,
    topic_terms,
)
from briefing.nlp.text import is_word
from briefing.summarizers.coherence import alone_ok
from briefing.summarizers.summarize import rank

RELEVANCE_THRESHOLD = 0.5
"""A sentence is on topic when it holds at least this share of the topic's
IDF-weighted terms (all of a one-word topic; the rarer of two words)."""

CENTRALITY_POOL = 200
"""Only this many of the most relevant sentences are ranked by the
summarizer (which is quadratic in sumy), so a topic that matches everything
still finishes quickly."""

# Words that say nothing about what news is about, on top of stop words.
NEWS_FILLER = frozenset(
    """said says say told according added year years month months week weeks
    day days time times today yesterday people way thing things lot part
    number mr mrs ms including expected set made make going go get got
    like just well told asked around since first second""".split()
)

HEADING_WEIGHT = 0.5
"""A live-page item's headline counts for its sentences at this weight, so
an item headed "... joining IS" is on topic for "IS" even when its
sentences say "Islamic State"."""


def relevance(
    sentences: Sequence[Sentence],
    terms: Sequence[str],
    language: str = "english",
    headings: dict[tuple[str, int], str] | None = None,
    total: int | None = None,
) -> dict[Sentence, float]:
    """Score every sentence that matches ``terms``: the IDF-weighted share of
    the terms it contains (0..1), or of the terms in its item's headline
    (``headings`` by article id and section) at :data:`HEADING_WEIGHT`.
    Sentences below :data:`RELEVANCE_THRESHOLD` are left out. ``total`` is
    the number of sentences in the selection when ``sentences`` are only the
    candidates (IDF counts them all); default: ``len(sentences)``."""
    if not terms:
        return {}
    # Only sentences whose text holds a term's stem prefix can match; stem
    # just those (the candidates), the rest contain no term at all.
    keys = [key for t in terms for key in prefixes(t)]
    stems = [
        text_stems(s.text, terms, language) if may_match(s.text, keys) else frozenset()
        for s in sentences
    ]
    n = len(sentences) if total is None else total
    idf = {t: math.log((n + 1) / (sum(1 for st in stems if t in st) + 1)) + 1 for t in terms}
    weight = sum(idf.values())

    def share(found: frozenset[str]) -> float:
        return sum(idf[t] for t in terms if t in found) / weight

    heading_share: dict[str, float] = {}
    scores = {}
    for sentence, st in zip(sentences, stems):
        score = share(st)
        heading = (headings or {}).get((sentence.article_id, sentence.section))
        if heading and score < 1.0:
            if heading not in heading_share:
                heading_share[heading] = share(text_stems(heading, terms, language))
            score = max(score, HEADING_WEIGHT * heading_share[heading])
        if score >= RELEVANCE_THRESHOLD - 1e-9:
            scores[sentence] = round(score, 6)
    return scores


CENTRALITY_WEIGHT = 0.25
"""How much the summarizer's ranking adds to topic relevance (0..1 each)."""


def topic_section(
    name: str,
    articles: Sequence[Article],
    options: Options,
    count: int,
    excluded: frozenset[tuple[str, int]] = frozenset(),
) -> Topic:
    """The topic's section: relevant sentences across ``articles``, ranked by
    relevance plus centrality (the summarizer's ranking of the candidates),
    picked with MMR so near-duplicates appear once citing every source. It
    opens with the best sentence; the rest follow in source order (articles
    as listed, then position) unless ranked order is asked for."""
    terms = topic_terms(name, options.language)
    sentences = [s for a in articles for s in a.sentences]
    headings = {
        (a.id, i): sec.heading
        for a in articles
        if a.is_live_page
        for i, sec in enumerate(a.sections)
        if sec.heading
    }
    total = sum(a.sentence_count for a in articles)  # slimmed articles keep only candidates
    scores = relevance(sentences, terms, options.language, headings, total)
    matched = [s for s in sentences if s in scores]
    if not matched:
        return Topic(name, terms, (), 0)
    # Each topic sentence is read alone: only those that stand alone.
    alone = [s for s in matched if alone_ok(s) and (s.article_id, s.index) not in excluded]
    candidates = sorted(alone, key=lambda s: -scores[s])[:CENTRALITY_POOL]
    if not candidates:
        return Topic(name, terms, (), len(matched))
    central = rank(
        candidates, len(candidates), options.algorithm, language=options.language, headings=(name,)
    )
    centrality = {id(s): 1.0 - i / len(central) for i, s in enumerate(central)}
    value = [scores[s] + CENTRALITY_WEIGHT * centrality.get(id(s), 0.0) for s in candidates]
    vectors = tfidf_vectors([sorted(content_stems(s.text, options.language)) for s in candidates])
    also: dict[int, list[Citation]] = {}

    def duplicate(kept: int, dropped: int) -> None:
        also.setdefault(kept, []).append(
            Citation(candidates[dropped].article_id, candidates[dropped].index)
        )

    picked = [
        TopicSentence(candidates[i], round(value[i], 6), tuple(also.get(i, ())))
        for i in mmr(value, vectors, count, on_duplicate=duplicate)
    ]
    if not options.ranked and picked:
        order = {a.id: i for i, a in enumerate(articles)}
        picked = picked[:1] + sorted(
            picked[1:], key=lambda t: (order[t.sentence.article_id], t.sentence.index)
        )
    return Topic(name, terms, tuple(picked), len(matched))


# --------------------------------------------------------------------------
# Suggested topics.


def suggest(
    articles: Sequence[Article], limit: int = 12, language: str = "english"
) -> list[SuggestedTopic]:
    """Key phrases of ``articles``, ranked: runs of 1-3 content words, scored
    by how many articles use them and how often, damped for phrases that
    nearly every article uses in a large selection (IDF), longer phrases and
    names favoured, and a phrase dropped when a longer one accounts for most
    of its uses."""
    stops = stop_words(language) | NEWS_FILLER
    stem_of = stemmer(language)

    def content_stem(token: str) -> str:
        """The token's stem, or "" where it cannot be part of a phrase."""
        if len(token) > 1 and "'" not in token and is_word(token) and token.lower() not in stops:
            return stem_of(token.lower())
        return ""

    stems_of = cache(content_stem)  # one check and stem per distinct token
    mentions: Counter[tuple[str, ...]] = Counter()  # key → uses
    spread: Counter[tuple[str, ...]] = Counter()  # key → articles using it
    spellings: Counter[tuple[tuple[str, ...], str]] = Counter()  # (key, form) → uses
    for article in articles:
        keys: list[tuple[str, ...]] = []
        forms: list[tuple[tuple[str, ...], str]] = []
        for sentence in article.sentences:
            for run, stems in _content_runs(sentence.text, stems_of):
                for n in (1, 2, 3):
                    for i in range(len(run) - n + 1):
                        key = tuple(stems[i : i + n])
                        keys.append(key)
                        forms.append((key, " ".join(run[i : i + n])))
        mentions.update(keys)
        spread.update(set(keys))
        spellings.update(forms)
    # A list in first-use order, so equal scores keep a stable order.
    wanted = [
        key
        for key, uses in mentions.items()
        if uses >= 2 and not (len(key) == 1 and len(key[0]) < 3)
    ]
    by_key: dict[tuple[str, ...], Counter[str]] = {key: Counter() for key in wanted}
    for (key, form), uses in spellings.items():
        if key in by_key:
            by_key[key][form] = uses
    shown = {key: _display(by_key[key]) for key in wanted}
    n = len(articles)
    scored = {
        key: spread[key]
        * (1 + math.log(mentions[key]))
        * math.log(1 + n / spread[key])
        * (1 + 0.8 * (len(key) - 1))
        * (1.5 if shown[key][:1].isupper() else 1.0)
        for key in wanted
    }
    longer: dict[tuple[str, ...], int] = defaultdict(int)
    for key in scored:
        for size in range(1, len(key)):
            for i in range(len(key) - size + 1):
                part = key[i : i + size]
                longer[part] = max(longer[part], mentions[key])
    result = [
        SuggestedTopic(shown[key], round(score, 4), spread[key], mentions[key])
        for key, score in scored.items()
        if longer.get(key, 0) < 0.7 * mentions[key]
    ]
    result.sort(key=lambda t: (-t.score, t.phrase.lower()))
    return result[:limit]


def _content_runs(text: str, stems_of: Callable[[str], str]) -> list[tuple[list[str], list[str]]]:
    """Runs of content words and their stems, broken at stop words and
    punctuation (``stems_of`` gives "" for a token that breaks a run)."""
    runs: list[tuple[list[str], list[str]]] = []
    words: list[str] = []
    stems: list[str] = []
    for token in tokenizer.tokens(text):
        stem_ = stems_of(token)
        if stem_:
            words.append(token)
            stems.append(stem_)
        elif words:
            runs.append((words, stems))
            words, stems = [], []
    if words:
        runs.append((words, stems))
    return runs


def _display(forms: Counter) -> str:
    """The most used spelling; ties go to the capitalised one (names)."""
    return sorted(forms.items(), key=lambda kv: (-kv[1], not kv[0][:1].isupper(), kv[0]))[0][0]
