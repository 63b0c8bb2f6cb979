"""The summarization algorithms by name, without importing sumy (so the CLI
and the TUI can list and check them before any heavy import)."""

from __future__ import annotations

from dataclasses import dataclass

from briefing.model import DEFAULT_ALGORITHM

DESCRIPTIONS: dict[str, str] = {
    "blend": "Blend: sumy's Reduction plus a tenth for reported speech (the one signal whose gain held in a bootstrap on the dev set).",
    "lexrank": "LexRank: sentences most similar to the rest of the text (graph centrality, TF-IDF cosine).",
    "lsa": "LSA: sentences that best cover the main latent topics (singular value decomposition).",
    "textrank": "TextRank: PageRank over a graph of word-overlap between sentences.",
    "luhn": "Luhn: sentences with dense clusters of the text's most frequent words.",
    "edmundson": "Edmundson: cue words, title words and position (a news lead scores high).",
    "kl": "KL-Sum: greedily keeps the word distribution of the summary close to the text's.",
    "sumbasic": "SumBasic: frequent words first, discounting words already covered.",
    "reduction": "Reduction: graph of shared words, sentences with the heaviest connections.",
    "random": "Random: a baseline; sentences picked at random (seeded by the text, so repeatable).",
}
NAMES = tuple(DESCRIPTIONS)


@dataclass(frozen=True)
class Window:
    """A document of more than ``whole`` sentences is ranked in windows of
    ``size`` sentences, then across the windows' winners."""

    whole: int
    size: int


WINDOWS: dict[str, Window] = {
    # numpy matrices: n x n, fast and small up to a few thousand sentences
    "blend": Window(2000, 500),
    "lexrank": Window(2000, 500),
    "textrank": Window(2000, 500),
    "reduction": Window(2000, 500),
    # sumy's own loops or an SVD, which grow with the square (or worse)
    "lsa": Window(400, 100),
    "luhn": Window(400, 200),
    "sumbasic": Window(400, 200),
    "kl": Window(1000, 250),
}
"""Edmundson and random grow linearly and always rank the whole document."""


def long_documents(name: str) -> str:
    """How the algorithm ranks a long document, in a sentence."""
    window = WINDOWS.get(name)
    if window is None:
        return "Long documents: ranked whole (its cost grows linearly)."
    return (
        f"Long documents: above {window.whole:,} sentences, ranked in windows of {window.size:,}, "
        "then across their winners."
    )


def describe(name: str) -> str:
    """The algorithm's description, and how it ranks a long document."""
    return f"{DESCRIPTIONS[name]} {long_documents(name)}"


assert DEFAULT_ALGORITHM in DESCRIPTIONS


class UnknownAlgorithm(ValueError):
    def __init__(self, name: str) -> None:
        super().__init__(f"unknown algorithm {name!r}; choose one of: {', '.join(NAMES)}")


def check(name: str) -> str:
    """The canonical (lower-case) name, or :class:`UnknownAlgorithm`."""
    if name.lower() not in DESCRIPTIONS:
        raise UnknownAlgorithm(name)
    return name.lower()
