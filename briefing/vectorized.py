"""LexRank, TextRank and Reduction as numpy matrix arithmetic.

Each function takes what sumy's own summarizer computes first — every
sentence's stemmed, stop-word-free words (``_to_words_set``), duplicates
kept — and returns one score per sentence, the same numbers sumy's pure
Python loops produce up to floating-point summation order. summarize.py
wraps them as sumy summarizer classes.

With ``C`` the sentence × term count matrix, the word overlap that TextRank
and Reduction count pair by pair (every word of one sentence against every
word of the other) is ``C @ C.T``; LexRank's idf-modified cosine is the
normalised ``W @ W.T`` with ``W = tf x idf``. The matrices are dense: up to
:data:`MAX_SENTENCES` sentences that is a few tens of MB; a longer document
goes to sumy's own loops (slow, never wrong). No scipy: with scipy
installed, ``import nltk`` alone takes half a second longer.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

MAX_SENTENCES = 3000
"""Documents longer than this are ranked by sumy's own implementation."""

TIE_DECIMALS = 12
"""Graph scores are rounded to this many decimals: sentences that tie
exactly in the mathematics (symmetric places in the graph) then tie exactly
in floating point too, and the earlier one wins. sumy's own loops break such
ties by the last bit of their summation order; that is the only place the
two may pick differently (tests/test_vectorized.py checks exactly this)."""


def fits(sentences: Sequence[Sequence[str]]) -> bool:
    return len(sentences) <= MAX_SENTENCES


def _counts(sentences: Sequence[Sequence[str]]) -> np.ndarray:
    vocabulary: dict[str, int] = {}
    index = [[vocabulary.setdefault(w, len(vocabulary)) for w in words] for words in sentences]
    counts = np.zeros((len(sentences), max(len(vocabulary), 1)))
    for i, columns in enumerate(index):
        np.add.at(counts[i], columns, 1.0)
    return counts


def _overlap_and_log_norm(sentences: Sequence[Sequence[str]]) -> tuple[np.ndarray, np.ndarray]:
    counts = _counts(sentences)
    logs = np.log(np.maximum(np.array([len(s) for s in sentences], dtype=float), 1.0))
    return counts @ counts.T, logs[:, None] + logs[None, :]


def reduction_scores(sentences: Sequence[Sequence[str]]) -> np.ndarray:
    """sumy's Reduction: each sentence's summed edge weight to every other
    (overlap / log-length sum, 0 where that sum is 0)."""
    n = len(sentences)
    if n == 0:
        return np.zeros(0)
    overlap, norm = _overlap_and_log_norm(sentences)
    keep = (overlap > 0) & (norm != 0.0) & ~np.eye(n, dtype=bool)
    return np.where(keep, overlap / np.where(keep, norm, 1.0), 0.0).sum(axis=1)


def textrank_scores(sentences: Sequence[Sequence[str]], damping: float = 0.85, epsilon: float = 1e-4,
                    zero_division: float = 1e-7) -> np.ndarray:
    """sumy's TextRank: PageRank with damping over word-overlap weights
    (overlap / log-length sum; the overlap itself where that sum is 0)."""
    n = len(sentences)
    if n == 0:
        return np.zeros(0)
    overlap, norm = _overlap_and_log_norm(sentences)
    single = np.isclose(norm, 0.0)
    weights = np.where(overlap > 0, np.where(single, overlap, overlap / np.where(single, 1.0, norm)), 0.0)
    weights /= weights.sum(axis=1)[:, None] + zero_division
    matrix = ((1.0 - damping) / n + damping * weights).T
    p = np.full(n, 1.0 / n)
    change = 1.0
    while change > epsilon:
        following = matrix @ p
        change = np.linalg.norm(following - p)
        p = following
    return np.round(p, TIE_DECIMALS)


def lexrank_scores(sentences: Sequence[Sequence[str]], threshold: float = 0.1, epsilon: float = 0.1) -> np.ndarray:
    """sumy's LexRank: power method over the thresholded idf-modified-cosine graph."""
    n = len(sentences)
    if n == 0:
        return np.zeros(0)
    counts = _counts(sentences)
    row_max = counts.max(axis=1)
    tf = counts / np.where(row_max > 0, row_max, 1.0)[:, None]
    weighted = tf * np.log(n / (1.0 + (counts > 0).sum(axis=0)))
    norms = np.sqrt((weighted * weighted).sum(axis=1))
    denominator = np.outer(norms, norms)
    valid = denominator > 0
    cosine = np.where(valid, (weighted @ weighted.T) / np.where(valid, denominator, 1.0), 0.0)
    adjacency = (cosine > threshold).astype(float)
    degrees = adjacency.sum(axis=1)
    degrees[degrees == 0] = 1.0
    matrix = (adjacency / degrees[:, None]).T
    p = np.full(n, 1.0 / n)
    change = 1.0
    while change > epsilon:
        following = matrix @ p
        length = np.linalg.norm(following)
        if length == 0:
            break
        following /= length
        change = np.linalg.norm(following - p)
        p = following
    return np.round(p, TIE_DECIMALS)
