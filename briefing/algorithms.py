"""The summarization algorithms by name, without importing sumy (so the CLI
and the TUI can list and check them before any heavy import)."""

from __future__ import annotations

from .models import DEFAULT_ALGORITHM

DESCRIPTIONS: dict[str, str] = {
    "blend": "Blend: sumy's Reduction re-ranked with Edmundson, title words and reported speech (best on the dev set).",
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

assert DEFAULT_ALGORITHM in DESCRIPTIONS


class UnknownAlgorithm(ValueError):
    def __init__(self, name: str) -> None:
        super().__init__(f"unknown algorithm {name!r}; choose one of: {', '.join(NAMES)}")


def check(name: str) -> str:
    """The canonical (lower-case) name, or :class:`UnknownAlgorithm`."""
    if name.lower() not in DESCRIPTIONS:
        raise UnknownAlgorithm(name)
    return name.lower()
