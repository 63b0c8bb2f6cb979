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


DENSE_TERMS_MAX = 300
"""Up to this many sentences ``C @ C.T`` is a plain matrix product; above
it, the Gram matrix is summed term by term over the sentences holding each
term (posting lists): the counts are sparse, and a dense product over a
vocabulary of thousands wastes most of its work."""


def fits(sentences: Sequence[Sequence[str]]) -> bool:
    return len(sentences) <= MAX_SENTENCES


def _entries(sentences: Sequence[Sequence[str]]) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
    """The count matrix as (row, term, count) entries, and the vocabulary size."""
    vocabulary: dict[str, int] = {}
    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    for i, words in enumerate(sentences):
        counts: dict[int, int] = {}
        for w in words:
            j = vocabulary.setdefault(w, len(vocabulary))
            counts[j] = counts.get(j, 0) + 1
        rows += [i] * len(counts)
        cols += counts.keys()
        vals += counts.values()
    return (
        np.array(rows, dtype=np.intp),
        np.array(cols, dtype=np.intp),
        np.array(vals, dtype=float),
        len(vocabulary),
    )


def _gram(n: int, rows: np.ndarray, cols: np.ndarray, vals: np.ndarray, terms: int) -> np.ndarray:
    """``M @ M.T`` for the matrix with these entries: a matrix product for an
    ordinary article, a sum over each term's sentences for a long document
    (no n x vocabulary array is ever made then)."""
    if n <= DENSE_TERMS_MAX:
        matrix = np.zeros((n, max(terms, 1)))
        matrix[rows, cols] = vals
        return matrix @ matrix.T
    gram = np.zeros((n, n))
    order = np.argsort(cols, kind="stable")
    rows, cols, vals = rows[order], cols[order], vals[order]
    bounds = np.flatnonzero(np.diff(cols)) + 1
    for holders, values in zip(np.split(rows, bounds), np.split(vals, bounds)):
        gram[np.ix_(holders, holders)] += np.outer(values, values)
    return gram


def _overlap_and_log_norm(sentences: Sequence[Sequence[str]]) -> tuple[np.ndarray, np.ndarray]:
    rows, cols, vals, terms = _entries(sentences)
    logs = np.log(np.maximum(np.array([len(s) for s in sentences], dtype=float), 1.0))
    return _gram(len(sentences), rows, cols, vals, terms), logs[:, None] + logs[None, :]


def reduction_scores(sentences: Sequence[Sequence[str]]) -> np.ndarray:
    """sumy's Reduction: each sentence's summed edge weight to every other
    (overlap / log-length sum, 0 where that sum is 0)."""
    n = len(sentences)
    if n == 0:
        return np.zeros(0)
    overlap, norm = _overlap_and_log_norm(sentences)
    keep = (overlap > 0) & (norm != 0.0) & ~np.eye(n, dtype=bool)
    return np.where(keep, overlap / np.where(keep, norm, 1.0), 0.0).sum(axis=1)


def textrank_scores(
    sentences: Sequence[Sequence[str]],
    damping: float = 0.85,
    epsilon: float = 1e-4,
    zero_division: float = 1e-7,
) -> np.ndarray:
    """sumy's TextRank: PageRank with damping over word-overlap weights
    (overlap / log-length sum; the overlap itself where that sum is 0)."""
    n = len(sentences)
    if n == 0:
        return np.zeros(0)
    overlap, norm = _overlap_and_log_norm(sentences)
    single = np.isclose(norm, 0.0)
    weights = np.where(
        overlap > 0, np.where(single, overlap, overlap / np.where(single, 1.0, norm)), 0.0
    )
    weights /= weights.sum(axis=1)[:, None] + zero_division
    matrix = ((1.0 - damping) / n + damping * weights).T
    p = np.full(n, 1.0 / n)
    change = 1.0
    while change > epsilon:
        following = matrix @ p
        change = float(np.linalg.norm(following - p))
        p = following
    return np.round(p, TIE_DECIMALS)


def lexrank_scores(
    sentences: Sequence[Sequence[str]], threshold: float = 0.1, epsilon: float = 0.1
) -> np.ndarray:
    """sumy's LexRank: power method over the thresholded idf-modified-cosine graph."""
    n = len(sentences)
    if n == 0:
        return np.zeros(0)
    rows, cols, vals, terms = _entries(sentences)
    row_max = np.zeros(n)
    np.maximum.at(row_max, rows, vals)
    idf = np.log(n / (1.0 + np.bincount(cols, minlength=terms)))
    weights = vals / row_max[rows] * idf[cols]
    norms = np.sqrt(np.bincount(rows, weights=weights * weights, minlength=n))
    # cosine = numerator / (|a| |b|), as sumy computes it, in place (n x n
    # arrays are the only large ones here: make as few as possible).
    cosine = _gram(n, rows, cols, weights, terms)
    denominator = np.outer(norms, norms)
    np.divide(cosine, denominator, out=cosine, where=denominator > 0)
    cosine[denominator == 0] = 0.0
    del denominator
    adjacency = cosine > threshold
    del cosine
    degrees = adjacency.sum(axis=1).astype(float)
    degrees[degrees == 0] = 1.0
    matrix = adjacency.T / degrees[None, :]
    p = np.full(n, 1.0 / n)
    change = 1.0
    while change > epsilon:
        following = matrix @ p
        length = np.linalg.norm(following)
        if length == 0:
            break
        following /= length
        change = float(np.linalg.norm(following - p))
        p = following
    return np.round(p, TIE_DECIMALS)
