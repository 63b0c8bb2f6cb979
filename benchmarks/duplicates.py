"""Measure the near-duplicate threshold for TF-IDF cosine (redundancy.py).

- Different facts: sentence pairs from different dev-set articles
  (../shared/data/bbc-dev), IDF over the dev set: their cosine distribution.
- Same facts: pairs from the seeds that report one fact twice (listed below
  by hand), IDF over the seeds, as the briefing computes it.

    python benchmarks/duplicates.py
"""

from __future__ import annotations

import itertools
import json
import random
from pathlib import Path

from briefing.compose.redundancy import DUPLICATE_COSINE, cosine, tfidf_vectors
from briefing.ingest.sources import parse
from briefing.nlp.stems import content_stems
from briefing.nlp.text import OfflineTokenizer
from briefing.run.loading import load

DEV = Path(__file__).resolve().parents[2] / "shared/data/bbc-dev/pairs.jsonl"

# (article, sentence start) pairs that state the same fact, from the seeds.
SAME_FACT = [
    (
        ("000", "Its members want better support"),
        (
            "000",
            "Its members want better support and more effective government policies to tackle terrorism",
        ),
    ),
    (
        ("000", "His brother and mother have helped"),
        ("000", "The 'Survivors Against Terror' group will be launched today"),
    ),
    (
        ("002", "Khawaja pleaded guilty to a string"),
        ("002", "At an Old Bailey hearing last month, Khawaja admitted"),
    ),
    (
        ("002", "A British jihadist, who was pictured"),
        ("002", "A British jihadi who was reported dead"),
    ),
    (
        ("002", "A court heard that Imran Khawaja spent six months"),
        ("002", "Imran Khawaja - who was previously a resident"),
    ),
    (
        ("000", "The family of a young man killed"),
        ("000", "Relatives of those killed in terror attacks"),
    ),
    (
        ("001", "The security services currently hold information"),
        ("000", "There are an estimated 20,000 individuals"),
    ),
]


def bag(text: str) -> list[str]:
    return sorted(content_stems(text))


def main() -> None:
    tokenizer = OfflineTokenizer()
    rows = [json.loads(line) for line in open(DEV, encoding="utf-8")]
    articles = [parse(r["article"].encode(), r["id"] + ".txt", r["id"], tokenizer) for r in rows]
    sentences = [(a.id, s.text) for a in articles for s in a.sentences]
    vectors = tfidf_vectors([bag(t) for _, t in sentences])
    rng = random.Random(0)
    scores = []
    for _ in range(200_000):
        i, j = rng.randrange(len(sentences)), rng.randrange(len(sentences))
        if sentences[i][0] != sentences[j][0]:
            scores.append(cosine(vectors[i], vectors[j]))
    scores.sort()
    pct = lambda q: scores[min(len(scores) - 1, int(q * len(scores)))]  # noqa: E731
    print(f"different facts: {len(scores)} cross-article pairs from the dev set")
    print(
        f"  median {pct(0.5):.3f}  99% {pct(0.99):.3f}  99.9% {pct(0.999):.3f}  max {scores[-1]:.3f}"
    )

    seeds = load([]).articles
    flat = [(a.id[:3], s.text) for a in seeds for s in a.sentences]
    seed_vectors = tfidf_vectors([bag(t) for _, t in flat])

    def find(key):
        return next(
            i for i, (aid, text) in enumerate(flat) if aid == key[0] and text.startswith(key[1])
        )

    print("\nsame facts (seeds):")
    for a, b in SAME_FACT:
        i, j = find(a), find(b)
        print(
            f"  {cosine(seed_vectors[i], seed_vectors[j]):.3f}  {flat[i][1][:50]!r} ~ {flat[j][1][:50]!r}"
        )
    others = sorted(
        (
            (cosine(seed_vectors[i], seed_vectors[j]), i, j)
            for i, j in itertools.combinations(range(len(flat)), 2)
        ),
        reverse=True,
    )
    above = sum(1 for c, _, _ in others if c >= DUPLICATE_COSINE)
    print(f"\nthreshold {DUPLICATE_COSINE}: {above} of {len(others)} seed sentence pairs reach it")
    print("seed pairs from 0.4 up (judge each: same fact or not?):")
    for c, i, j in (t for t in others if t[0] >= 0.4):
        print(f"  {c:.2f}  {flat[i][1][:60]!r}\n        {flat[j][1][:60]!r}")


if __name__ == "__main__":
    main()
