"""Which articles tell one story: the same event reported by several
sources, found by what their texts share.

Each article is a bag of stemmed content words (its title, then its first
:data:`LEAD_WORDS` words: news puts the event first), weighted by TF-IDF
over the articles grouped. Two articles are one story when

    cosine(texts) + TITLE_WEIGHT * title overlap + NAME_WEIGHT * shared names

reaches :data:`SAME_STORY` and their publication dates are at most
:data:`WINDOW_DAYS` apart (an undated article joins by its text alone).
"Names" are capitalised runs of two or more words ("Manchester Arena",
"Theresa May"). Confirmed pairs are joined by union-find; a story is two or
more articles. Candidate pairs come from an inverted index of each
article's most telling words, so grouping 10,000 articles compares only
those sharing some (all pairs below :data:`ALL_PAIRS_UP_TO` articles).

The weights and threshold were chosen on the labelled set of
``benchmarks/stories/`` (``python benchmarks/stories.py`` reports them).
Deterministic: the same articles, in the same order, give the same stories.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from briefing.compose.redundancy import cosine
from briefing.model import Article

WINDOW_DAYS = 3
"""72 hours between publication dates (dates are days)."""
SAME_STORY = 0.55
TITLE_WEIGHT = 0.15
NAME_WEIGHT = 0.15
LEAD_WORDS = 400
TOP_TERMS = 12
"""The words of each article the candidate index holds."""
COMMON_TERM = 0.05
"""A word in more than this share of the articles proposes no pairs."""
ALL_PAIRS_UP_TO = 300

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_NAME = re.compile(r"\b[A-Z][\w'’.-]*(?:\s+(?:of\s+|the\s+|de\s+|al-)?[A-Z][\w'’.-]*)+")
_NOT_NAMES = frozenset(
    "The A An In On At But And Or It He She They We This That These Those His Her Their Its "
    "Mr Mrs Ms Dr Sir When Where While After Before As If For From By With".split()
)


@dataclass(frozen=True)
class Profile:
    """What grouping reads of one article."""

    vector: dict[str, float]
    title: frozenset[str]
    names: frozenset[str]
    day: date | None
    top: tuple[str, ...]


def group(
    articles: Sequence[Article],
    days: Sequence[date | None],
    *,
    language: str = "english",
    threshold: float = SAME_STORY,
    window_days: int = WINDOW_DAYS,
) -> list[list[int]]:
    """The stories among ``articles`` (``days``: each one's publication
    date or None): lists of indexes, each of two or more, in the order of
    their first article; each list in article order."""
    profiles = profile(articles, days, language=language)
    return stories_of(profiles, threshold=threshold, window_days=window_days)


def profile(
    articles: Sequence[Article], days: Sequence[date | None], *, language: str = "english"
) -> list[Profile]:
    from briefing.nlp.stems import stemmer, stop_words

    stem, stops = stemmer(language), stop_words(language)
    bags: list[Counter[str]] = []
    titles: list[frozenset[str]] = []
    names: list[frozenset[str]] = []
    for article in articles:
        title = _terms(article.title, stem, stops)
        body = _lead(article)
        bag = Counter(title)
        bag.update(_terms(body, stem, stops)[:LEAD_WORDS])
        bags.append(bag)
        titles.append(frozenset(title))
        names.append(_names(f"{article.title}\n{body}"))
    n = len(bags)
    df: Counter[str] = Counter()
    for bag in bags:
        df.update(bag.keys())
    made = []
    for bag, title_terms, found, day in zip(bags, titles, names, days):
        weights = {
            t: (1 + math.log(c)) * (math.log((1 + n) / (1 + df[t])) + 1) for t, c in bag.items()
        }
        norm = math.sqrt(sum(v * v for v in weights.values())) or 1.0
        vector = {t: v / norm for t, v in weights.items()}
        top = tuple(sorted(vector, key=lambda t: (-vector[t], t))[:TOP_TERMS])
        made.append(Profile(vector, title_terms, found, day, top))
    return made


def stories_of(
    profiles: Sequence[Profile], *, threshold: float = SAME_STORY, window_days: int = WINDOW_DAYS
) -> list[list[int]]:
    parent = list(range(len(profiles)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in _candidates(profiles, window_days):
        if root(i) == root(j) or not _near_in_time(profiles[i], profiles[j], window_days):
            continue
        if similarity(profiles[i], profiles[j]) >= threshold:
            a, b = root(i), root(j)
            parent[max(a, b)] = min(a, b)
    members: dict[int, list[int]] = defaultdict(list)
    for i in range(len(profiles)):
        members[root(i)].append(i)
    return sorted((m for m in members.values() if len(m) > 1), key=lambda m: m[0])


def similarity(a: Profile, b: Profile) -> float:
    """Text cosine, plus title overlap and shared names (see the module)."""
    score = cosine(a.vector, b.vector)
    if a.title and b.title:
        score += TITLE_WEIGHT * len(a.title & b.title) / min(len(a.title), len(b.title))
    if a.names and b.names:
        score += NAME_WEIGHT * min(len(a.names & b.names), 3) / 3
    return score


def published_on(article: Article) -> date | None:
    """The article's published date (metadata ``date``: ISO date or
    date-time), or None when it has none or it cannot be read."""
    raw = article.metadata.get("date", "").strip()
    try:
        return date.fromisoformat(raw[:10]) if raw else None
    except ValueError:
        return None


def _near_in_time(a: Profile, b: Profile, window_days: int) -> bool:
    return a.day is None or b.day is None or abs((a.day - b.day).days) <= window_days


def _candidates(profiles: Sequence[Profile], window_days: int) -> list[tuple[int, int]]:
    """Pairs worth comparing, in a fixed order: every pair of a small set;
    else the pairs near enough in time that share two or more of their
    most telling words."""
    n = len(profiles)
    if n <= ALL_PAIRS_UP_TO:
        return [(i, j) for i in range(n) for j in range(i + 1, n)]
    postings: dict[str, list[int]] = defaultdict(list)
    for i, p in enumerate(profiles):
        for term in p.top:
            postings[term].append(i)
    cap = max(2, int(COMMON_TERM * n))
    ordinal = [p.day.toordinal() if p.day else -1 for p in profiles]  # -1: undated
    shared: Counter[tuple[int, int]] = Counter()
    for docs in postings.values():
        if len(docs) > cap:
            continue
        undated = [i for i in docs if ordinal[i] < 0]
        dated = sorted((i for i in docs if ordinal[i] >= 0), key=lambda i: ordinal[i])
        for x, i in enumerate(dated):
            for j in dated[x + 1 :]:
                if ordinal[j] - ordinal[i] > window_days:
                    break
                shared[(min(i, j), max(i, j))] += 1
        for i in undated:
            for j in docs:
                if j != i and (ordinal[j] >= 0 or j > i):
                    shared[(min(i, j), max(i, j))] += 1
    return sorted(pair for pair, count in shared.items() if count >= 2)


def _lead(article: Article) -> str:
    words: list[str] = []
    for section in article.sections:
        for paragraph in section.paragraphs:
            for sentence in paragraph:
                words.append(sentence.text)
                if len(words) > LEAD_WORDS // 10:  # sentences, about LEAD_WORDS words
                    return " ".join(words)
    return " ".join(words)


def _terms(text: str, stem, stops: frozenset[str]) -> list[str]:  # noqa: ANN001 - a stemmer
    return [stem(w) for w in _WORD.findall(text.lower()) if w not in stops and len(w) > 1]


def _names(text: str) -> frozenset[str]:
    found = set()
    for match in _NAME.finditer(text):
        words = match.group().split()
        while words and words[0] in _NOT_NAMES:
            words = words[1:]
        if len(words) >= 2:
            found.add(" ".join(words).lower())
    return frozenset(found)
