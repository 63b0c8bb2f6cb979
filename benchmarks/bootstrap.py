"""Does each part of the default earn its place? Paired bootstrap on the dev set.

Every dev article is summarised (as long as its reference, in sentences;
the picks only, as `briefing eval` scores them) by plain `reduction` and by
`blend` with each of its three former signals alone (Edmundson, title
overlap, reported speech: the default keeps speech only), with all three,
and with each left out. Per article
ROUGE-2 F1 is recorded; the articles are resampled with replacement
(paired: the same resample for every variant) and the 95% interval of each
variant's gain over `reduction` is reported, in ROUGE-2 points.

    python benchmarks/bootstrap.py [PAIRS.jsonl] [--resamples N] [--seed S]
"""

from __future__ import annotations

import argparse
import json
import random
from contextlib import contextmanager
from pathlib import Path

from rouge_score import rouge_scorer

from briefing.ingest.sources import parse
from briefing.model import Options
from briefing.nlp.text import OfflineTokenizer
from briefing.run.evaluate import reference_sentences, whole
from briefing.summarizers.adapters import BlendSummarizer
from briefing.summarizers.summarize import summarize

DEFAULT = Path(__file__).resolve().parents[2] / "shared/data/bbc-dev/pairs.jsonl"
W = 0.1
VARIANTS = {
    "+ edmundson": (W, 0.0, 0.0),
    "+ title": (0.0, W, 0.0),
    "+ speech (the default)": (0.0, 0.0, W),
    "blend (all three)": (W, W, W),
    "blend - edmundson": (0.0, W, W),
    "blend - title": (W, 0.0, W),
    "blend - speech": (W, W, 0.0),
}


@contextmanager
def weights(edmundson: float, title: float, speech: float):
    saved = (
        BlendSummarizer.EDMUNDSON_WEIGHT,
        BlendSummarizer.TITLE_WEIGHT,
        BlendSummarizer.SPEECH_WEIGHT,
    )
    (
        BlendSummarizer.EDMUNDSON_WEIGHT,
        BlendSummarizer.TITLE_WEIGHT,
        BlendSummarizer.SPEECH_WEIGHT,
    ) = (edmundson, title, speech)
    try:
        yield
    finally:
        (
            BlendSummarizer.EDMUNDSON_WEIGHT,
            BlendSummarizer.TITLE_WEIGHT,
            BlendSummarizer.SPEECH_WEIGHT,
        ) = saved


def scores(path: Path) -> tuple[list[str], dict[str, list[float]]]:
    scorer = rouge_scorer.RougeScorer(["rouge2"], use_stemmer=True)
    tokenizer = OfflineTokenizer()
    categories: list[str] = []
    table: dict[str, list[float]] = {name: [] for name in ["reduction", *VARIANTS]}
    for line in path.read_text(encoding="utf-8").splitlines():
        pair = json.loads(line)
        article = whole(parse(pair["article"].encode("utf-8"), "a.txt", pair["id"], tokenizer))
        k = reference_sentences(article, pair["summary"], tokenizer)[1]
        categories.append(pair.get("category", ""))

        def score(algorithm: str) -> float:
            picks = summarize(article, Options(algorithm=algorithm, sentences=k)).picks
            return (
                100
                * scorer.score(pair["summary"], " ".join(s.text for s in picks))["rouge2"].fmeasure
            )

        table["reduction"].append(score("reduction"))
        for name, w in VARIANTS.items():
            with weights(*w):
                table[name].append(score("blend"))
    return categories, table


def interval(gains: list[float], resamples: int, rng: random.Random) -> tuple[float, float, float]:
    n = len(gains)
    means = sorted(sum(gains[rng.randrange(n)] for _ in range(n)) / n for _ in range(resamples))
    return sum(gains) / n, means[int(0.025 * resamples)], means[int(0.975 * resamples) - 1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pairs", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--resamples", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    categories, table = scores(args.pairs)
    base = table["reduction"]
    print(
        f"{len(base)} articles; reduction ROUGE-2 {sum(base) / len(base):.2f}; "
        f"{args.resamples} paired resamples\n"
    )
    print("| variant | ROUGE-2 | gain over reduction | 95% interval | holds |")
    print("|---|---:|---:|---:|---|")
    for name in VARIANTS:
        gains = [a - b for a, b in zip(table[name], base)]
        mean, low, high = interval(gains, args.resamples, random.Random(args.seed))
        holds = "yes" if low > 0 else "no"
        print(
            f"| {name} | {sum(table[name]) / len(base):.2f} | {mean:+.2f} | [{low:+.2f}, {high:+.2f}] | {holds} |"
        )
    print("\nthe default (+ speech) by category:\n")
    print("| category | articles | gain | 95% interval |")
    print("|---|---:|---:|---:|")
    for category in sorted(set(categories)):
        rows = [i for i, c in enumerate(categories) if c == category]
        gains = [table["+ speech (the default)"][i] - base[i] for i in rows]
        mean, low, high = interval(gains, args.resamples, random.Random(args.seed))
        print(f"| {category} | {len(rows)} | {mean:+.2f} | [{low:+.2f}, {high:+.2f}] |")


if __name__ == "__main__":
    main()
