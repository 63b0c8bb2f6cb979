"""How well and how fast articles are grouped into stories
(briefing/compose/grouping.py), on the labelled set of benchmarks/stories/.

- Quality: pairwise precision and recall (of "same story" pairs) and
  B-cubed precision, recall and F1, for the shipped threshold and a sweep
  around it; the same-subject distractors merged into an event are counted.
- Speed: grouping 10,000 articles (the set copied 42 times, each copy's
  dates moved 60 days on, so copies never join), against plain sumy (LSA)
  summarising the same articles in the same run (measured on 200, scaled).

    python benchmarks/stories.py            # the table
    python benchmarks/stories.py --quick    # quality only
"""

from __future__ import annotations

import json
import sys
import time
from collections import defaultdict
from dataclasses import replace
from datetime import date, timedelta
from itertools import combinations
from pathlib import Path

HERE = Path(__file__).resolve().parent
SET = HERE / "stories" / "set.jsonl"


def load() -> tuple[list, list[date], list[str]]:
    from briefing.ingest.sources import parse
    from briefing.nlp.text import OfflineTokenizer

    tokenizer = OfflineTokenizer()
    articles, days, labels = [], [], []
    for line in SET.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        text = (f"---\ntitle: {json.dumps(row['title'])}\ndate: {row['date']}\n"
                f"source: {row['source']}\n---\n\n{row['text']}\n")  # fmt: skip
        articles.append(parse(text.encode(), f"{row['id']}.md", row["id"], tokenizer))
        days.append(date.fromisoformat(row["date"]))
        labels.append(row["event"])
    return articles, days, labels


def scores(groups: list[list[int]], labels: list[str]) -> dict[str, float]:
    found = list(range(len(labels)))  # each article's group (its own when in none)
    for g in groups:
        for i in g:
            found[i] = g[0]
    truth_pairs = {(i, j) for i, j in combinations(range(len(labels)), 2) if labels[i] == labels[j]}
    found_pairs = {(i, j) for g in groups for i, j in combinations(g, 2)}
    tp = len(truth_pairs & found_pairs)
    by_found, by_label = defaultdict(set), defaultdict(set)
    for i, (f, t) in enumerate(zip(found, labels)):
        by_found[f].add(i)
        by_label[t].add(i)
    bp = sum(len(by_found[found[i]] & by_label[labels[i]]) / len(by_found[found[i]])
             for i in range(len(labels))) / len(labels)  # fmt: skip
    br = sum(len(by_found[found[i]] & by_label[labels[i]]) / len(by_label[labels[i]])
             for i in range(len(labels))) / len(labels)  # fmt: skip
    events = {labels[i] for i in range(len(labels))}
    mixed = sum(1 for g in groups if len({labels[i] for i in g}) > 1)
    return {
        "pair_p": tp / len(found_pairs) if found_pairs else 1.0,
        "pair_r": tp / len(truth_pairs) if truth_pairs else 1.0,
        "b3_p": bp,
        "b3_r": br,
        "b3_f1": 2 * bp * br / (bp + br),
        "stories": len(groups),
        "events": len(events),
        "mixed": mixed,
    }


def main() -> None:
    from briefing.compose import grouping
    from briefing.nlp import load_nltk

    load_nltk()
    articles, days, labels = load()
    profiles = grouping.profile(articles, days)
    print(f"{len(articles)} articles, {len(set(labels))} events "
          f"({sum(1 for e in set(labels) if labels.count(e) > 1)} covered by 2+ sources)\n")  # fmt: skip
    print("| threshold | pairs P | pairs R | B³ P | B³ R | B³ F1 | stories | mixed |")
    print("|---|---|---|---|---|---|---|---|")
    for threshold in (0.40, 0.45, 0.50, grouping.SAME_STORY, 0.60, 0.65):
        s = scores(grouping.stories_of(profiles, threshold=threshold), labels)
        mark = " (shipped)" if threshold == grouping.SAME_STORY else ""
        print(f"| {threshold:.2f}{mark} | {s['pair_p']:.3f} | {s['pair_r']:.3f} | {s['b3_p']:.3f} "
              f"| {s['b3_r']:.3f} | **{s['b3_f1']:.3f}** | {s['stories']} | {s['mixed']} |")  # fmt: skip
    no_window = scores(grouping.stories_of(profiles, window_days=10_000), labels)
    print(f"\nwithout the date window: B³ F1 {no_window['b3_f1']:.3f}, mixed {no_window['mixed']}")
    undated = grouping.profile(articles, [None] * len(articles))
    s = scores(grouping.stories_of(undated), labels)
    print(f"every article undated (text alone): B³ F1 {s['b3_f1']:.3f}, mixed {s['mixed']}")
    if "--quick" in sys.argv:
        return
    copies = 10_000 // len(articles) + 1
    many, many_days = [], []
    for c in range(copies):
        for a, d in zip(articles, days):
            many.append(replace(a, id=f"{a.id}-{c}"))
            many_days.append(d + timedelta(days=60 * c))
    many, many_days = many[:10_000], many_days[:10_000]
    started = time.perf_counter()
    found = grouping.group(many, many_days)
    took = time.perf_counter() - started
    from sumy.nlp.stemmers import Stemmer
    from sumy.nlp.tokenizers import Tokenizer
    from sumy.parsers.plaintext import PlaintextParser
    from sumy.summarizers.lsa import LsaSummarizer

    from briefing.nlp.text import OfflineTokenizer

    lsa = LsaSummarizer(Stemmer("english"))
    tokenizer = OfflineTokenizer()
    texts = ["\n\n".join(" ".join(s.text for s in p) for sec in a.sections for p in sec.paragraphs)
             for a in articles[:200]]  # fmt: skip
    started = time.perf_counter()
    for text in texts:
        lsa(PlaintextParser.from_string(text, tokenizer).document, 3)
    sumy_each = (time.perf_counter() - started) / len(texts)
    del Tokenizer
    print(f"\n| 10,000 articles | seconds | ratio |\n|---|---|---|")
    print(f"| grouping into stories ({len(found)} found) | {took:.2f} | 1.0 |")
    print(f"| plain sumy LSA summarising them (from 200) | {sumy_each * 10_000:.1f} | "
          f"{sumy_each * 10_000 / took:.1f}x |")  # fmt: skip


if __name__ == "__main__":
    main()
