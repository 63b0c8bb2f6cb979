"""LexRank, TextRank and Reduction as sparse-matrix arithmetic.

Each function takes what sumy's own summarizer computes first — every
sentence's stemmed, stop-word-free words (``_to_words_set``), duplicates
kept — and returns one score per sentence, the same numbers sumy's pure
Python loops produce up to floating-point summation order. summarize.py
wraps them as sumy summarizer classes.

With ``C`` the sentence × term count matrix, the word overlap that TextRank
and Reduction count pair by pair (every word of one sentence against every
word of the other) is ``C @ C.T``; LexRank's idf-modified cosine is the
normalised ``W @ W.T`` with ``W = tf x idf``.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy import sparse

TIE_DECIMALS = 12
"""Graph scores are rounded to this many decimals: sentences that tie
exactly in the mathematics (symmetric places in the graph) then tie exactly
in floating point too, and the earlier one wins. sumy's own loops break such
ties by the last bit of their summation order; that is the only place the
two may pick differently (tests/test_vectorized.py checks exactly this)."""


DENSE_MAX = 300
"""Up to this many sentences, plain numpy arrays beat scipy.sparse (whose
per-call overhead dominates an ordinary article); above it, sparse."""


def _dense_counts(sentences: Sequence[Sequence[str]]) -> np.ndarray:
    vocabulary: dict[str, int] = {}
    index = [[vocabulary.setdefault(w, len(vocabulary)) for w in words] for words in sentences]
    counts = np.zeros((len(sentences), max(len(vocabulary), 1)))
    for i, columns in enumerate(index):
        np.add.at(counts[i], columns, 1.0)
    return counts


def _lengths_log(sentences: Sequence[Sequence[str]]) -> np.ndarray:
    return np.log(np.maximum(np.array([len(s) for s in sentences], dtype=float), 1.0))


def _counts(sentences: Sequence[Sequence[str]]) -> sparse.csr_matrix:
    vocabulary: dict[str, int] = {}
    rows, cols, data = [], [], []
    for i, words in enumerate(sentences):
        counts: dict[int, int] = {}
        for w in words:
            j = vocabulary.setdefault(w, len(vocabulary))
            counts[j] = counts.get(j, 0) + 1
        for j, c in counts.items():
            rows.append(i)
            cols.append(j)
            data.append(float(c))
    return sparse.csr_matrix((data, (rows, cols)), shape=(len(sentences), max(len(vocabulary), 1)))


def _overlaps(sentences: Sequence[Sequence[str]]) -> tuple[sparse.coo_matrix, np.ndarray]:
    """Word overlap of every pair that shares a word (self-pairs included),
    and log |i| + log |j| for each of those pairs."""
    counts = _counts(sentences)
    overlap = (counts @ counts.T).tocoo()
    logs = np.log(np.maximum(np.array([len(s) for s in sentences], dtype=float), 1.0))
    return overlap, logs[overlap.row] + logs[overlap.col]


def reduction_scores(sentences: Sequence[Sequence[str]]) -> np.ndarray:
    """sumy's Reduction: each sentence's summed edge weight to every other
    (rank / log-length sum, 0 where that sum is 0)."""
    n = len(sentences)
    if n == 0:
        return np.zeros(0)
    if n <= DENSE_MAX:
        counts = _dense_counts(sentences)
        overlap = counts @ counts.T
        logs = _lengths_log(sentences)
        norm = logs[:, None] + logs[None, :]
        keep = (overlap > 0) & (norm != 0.0) & ~np.eye(n, dtype=bool)
        return np.where(keep, overlap / np.where(keep, norm, 1.0), 0.0).sum(axis=1)
    overlap, norm = _overlaps(sentences)
    keep = (overlap.row != overlap.col) & (norm != 0.0)
    values = np.zeros_like(overlap.data)
    values[keep] = overlap.data[keep] / norm[keep]
    return np.bincount(overlap.row, weights=values, minlength=n)


def textrank_scores(sentences: Sequence[Sequence[str]], damping: float = 0.85, epsilon: float = 1e-4,
                    zero_division: float = 1e-7) -> np.ndarray:
    """sumy's TextRank: PageRank with damping over word-overlap weights
    (rank / log-length sum; the rank itself where that sum is 0)."""
    n = len(sentences)
    if n == 0:
        return np.zeros(0)
    if n <= DENSE_MAX:
        counts = _dense_counts(sentences)
        overlap = counts @ counts.T
        logs = _lengths_log(sentences)
        norm = logs[:, None] + logs[None, :]
        single = np.isclose(norm, 0.0)
        weights = np.where(overlap > 0, np.where(single, overlap, overlap / np.where(single, 1.0, norm)), 0.0)
        weights /= weights.sum(axis=1)[:, None] + zero_division
        transposed = (damping * weights).T
    else:
        overlap, norm = _overlaps(sentences)
        single = np.isclose(norm, 0.0)
        values = np.where(single, overlap.data, overlap.data / np.where(single, 1.0, norm))
        weights = sparse.csr_matrix((values, (overlap.row, overlap.col)), shape=(n, n))
        row_sums = np.asarray(weights.sum(axis=1)).ravel() + zero_division
        transposed = (damping * (sparse.diags(1.0 / row_sums) @ weights)).T.tocsr()
    teleport = (1.0 - damping) / n
    p = np.full(n, 1.0 / n)
    change = 1.0
    while change > epsilon:
        following = transposed @ p + teleport * p.sum()
        change = np.linalg.norm(following - p)
        p = following
    return np.round(p, TIE_DECIMALS)


def lexrank_scores(sentences: Sequence[Sequence[str]], threshold: float = 0.1, epsilon: float = 0.1) -> np.ndarray:
    """sumy's LexRank: power method over the thresholded idf-modified-cosine graph."""
    n = len(sentences)
    if n == 0:
        return np.zeros(0)
    if n <= DENSE_MAX:
        counts = _dense_counts(sentences)
        row_max = counts.max(axis=1)
        tf = counts / np.where(row_max > 0, row_max, 1.0)[:, None]
        idf = np.log(n / (1.0 + (counts > 0).sum(axis=0)))
        weighted = tf * idf
        norms = np.sqrt((weighted * weighted).sum(axis=1))
        denominator = np.outer(norms, norms)
        cosine = np.where(denominator > 0, (weighted @ weighted.T) / np.where(denominator > 0, denominator, 1.0), 0.0)
        adjacency = (cosine > threshold).astype(float)
        degrees = adjacency.sum(axis=1)
        degrees[degrees == 0] = 1.0
        transposed = (adjacency / degrees[:, None]).T
    else:
        transposed = _sparse_lexrank_matrix(sentences, n, threshold)
    p = np.full(n, 1.0 / n)
    change = 1.0
    while change > epsilon:
        following = transposed @ p
        length = np.linalg.norm(following)
        if length == 0:
            break
        following /= length
        change = np.linalg.norm(following - p)
        p = following
    return np.round(p, TIE_DECIMALS)


def _sparse_lexrank_matrix(sentences: Sequence[Sequence[str]], n: int, threshold: float) -> sparse.csr_matrix:
    counts = _counts(sentences)
    row_max = counts.max(axis=1).toarray().ravel()
    tf = sparse.diags(1.0 / np.where(row_max > 0, row_max, 1.0)) @ counts
    df = np.asarray((counts > 0).sum(axis=0)).ravel()
    idf = np.log(n / (1.0 + df))
    weighted = (tf @ sparse.diags(idf)).tocsr()
    norms = np.sqrt(np.asarray(weighted.multiply(weighted).sum(axis=1)).ravel())
    similarity = (weighted @ weighted.T).tocoo()
    denominator = norms[similarity.row] * norms[similarity.col]
    valid = denominator > 0
    cosine = np.zeros_like(similarity.data)
    cosine[valid] = similarity.data[valid] / denominator[valid]
    edges = cosine > threshold
    adjacency = sparse.csr_matrix((np.ones(int(edges.sum())), (similarity.row[edges], similarity.col[edges])),
                                  shape=(n, n))
    degrees = np.asarray(adjacency.sum(axis=1)).ravel()
    degrees[degrees == 0] = 1.0
    transposed = (sparse.diags(1.0 / degrees) @ adjacency).T.tocsr()
    return transposed
