"""ROUGE of every algorithm on the dev set (../shared/data/bbc-dev).

    python benchmarks/dev_quality.py [PAIRS.jsonl] [--half even|odd]

Each article is parsed by briefing's own reader (title = first line) and
summarised to as many sentences as its reference extract has; ROUGE-1/2/L
F1 with stemming (rouge-score). LEAD-k (the first k sentences) is the
baseline every news summarizer must be read against.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

from rouge_score import rouge_scorer

from briefing.models import Options
from briefing.sources import parse
from briefing.summarize import ALGORITHMS, summarize
from briefing.text import OfflineTokenizer

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared/data/bbc-dev/pairs.jsonl"


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("pairs", nargs="?", default=str(DEFAULT))
    parser.add_argument("--half", choices=["even", "odd"])
    args = parser.parse_args()
    rows = [json.loads(line) for line in open(args.pairs, encoding="utf-8")]
    if args.half:
        rows = rows[args.half == "odd" :: 2]
    tokenizer = OfflineTokenizer()
    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=True)
    names = ["lead", *ALGORITHMS]
    totals = {n: [0.0, 0.0, 0.0] for n in names}
    seconds = {n: 0.0 for n in names}
    used = 0
    for row in rows:
        article = parse(row["article"].encode("utf-8"), row["id"] + ".txt", row["id"], tokenizer)
        reference = squash(row["summary"])
        k = sum(1 for s in article.sentences if squash(s.text) in reference)
        if k == 0:
            continue
        used += 1
        for name in names:
            start = time.perf_counter()
            if name == "lead":
                picked = article.sentences[:k]
            else:
                picked = summarize(article, Options(algorithm=name, sentences=k)).sentences
            seconds[name] += time.perf_counter() - start
            scores = scorer.score(row["summary"], " ".join(s.text for s in picked))
            for i, key in enumerate(("rouge1", "rouge2", "rougeL")):
                totals[name][i] += scores[key].fmeasure
    print(f"{used} articles" + (f" ({args.half} half)" if args.half else ""))
    print(f"| algorithm | ROUGE-1 F1 | ROUGE-2 F1 | ROUGE-L F1 | ms/article |")
    print("|---|---:|---:|---:|---:|")
    for name in sorted(names, key=lambda n: -totals[n][1]):
        r1, r2, rl = (100 * t / used for t in totals[name])
        print(f"| {name} | {r1:.2f} | {r2:.2f} | {rl:.2f} | {1000 * seconds[name] / used:.1f} |")


if __name__ == "__main__":
    sys.exit(main())
