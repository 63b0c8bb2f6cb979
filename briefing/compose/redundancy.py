"""TF-IDF cosine between sentences, and maximal marginal relevance (MMR).

Sentences are bags of stemmed content words weighted by TF-IDF over the
selection; two sentences whose cosine reaches :data:`DUPLICATE_COSINE` say
the same thing. MMR picks sentences one at a time, trading relevance against
similarity to what is already picked.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Sequence

DUPLICATE_COSINE = 0.5
"""Measured with ``benchmarks/duplicates.py``: sentence pairs from different
dev-set articles (different facts) have a median cosine of 0.0 and 99.9% lie
below 0.2; in the seeds, every pair at 0.5 or above states one fact twice
(a trimmed repeat, "Khawaja pleaded guilty to ... preparation of terrorist
acts" ~ "Khawaja admitted preparation of terrorist acts", 0.56), while the
0.4-0.5 band mixes the same and different facts. Reworded reports of one
fact below 0.5 are kept apart: bag-of-words similarity cannot see them."""

Vector = dict[str, float]


def tfidf_vectors(bags: Sequence[Sequence[str]]) -> list[Vector]:
    """Unit-length TF-IDF vectors, one per bag of terms (smoothed IDF)."""
    n = len(bags)
    df: Counter[str] = Counter()
    for bag in bags:
        df.update(set(bag))
    vectors = []
    for bag in bags:
        tf = Counter(bag)
        vec = {t: c * (math.log((1 + n) / (1 + df[t])) + 1) for t, c in tf.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        vectors.append({t: v / norm for t, v in vec.items()})
    return vectors


def centroid(vectors: Sequence[Vector]) -> Vector:
    """The unit-length sum of ``vectors``: what they are mostly about."""
    total: Vector = {}
    for vec in vectors:
        for t, v in vec.items():
            total[t] = total.get(t, 0.0) + v
    norm = math.sqrt(sum(v * v for v in total.values())) or 1.0
    return {t: v / norm for t, v in total.items()}


def cosine(a: Vector, b: Vector) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(t, 0.0) for t, v in a.items())


def mmr(
    relevance: Sequence[float],
    vectors: Sequence[Vector],
    count: int,
    *,
    trade_off: float = 0.7,
    threshold: float = DUPLICATE_COSINE,
    on_duplicate: Callable[[int, int], None] | None = None,
) -> list[int]:
    """Indexes of up to ``count`` items, best first.

    Each step takes the item with the best ``trade_off * relevance - (1 -
    trade_off) * max similarity to the picked``; an item at least
    ``threshold`` similar to a picked one is a duplicate: it is never picked,
    and ``on_duplicate(picked, duplicate)`` is told (to cite both sources).
    Ties go to the earlier item, so the result is deterministic.
    """
    remaining = list(range(len(relevance)))
    picked: list[int] = []
    closest = [0.0] * len(relevance)
    while remaining and len(picked) < count:
        best = max(
            remaining, key=lambda i: (trade_off * relevance[i] - (1 - trade_off) * closest[i], -i)
        )
        picked.append(best)
        remaining.remove(best)
        for i in list(remaining):
            similarity = cosine(vectors[best], vectors[i])
            if similarity >= threshold:
                remaining.remove(i)
                if on_duplicate:
                    on_duplicate(best, i)
            closest[i] = max(closest[i], similarity)
    return picked
