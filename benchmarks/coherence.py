"""Shown sentences that mislead read alone, per 100 shown (briefing.summarizers.coherence).

Two measurements, as in issue 11:
- the seeds' briefing with the topics "Manchester Arena" and "intelligence
  sharing" (every key point, topic sentence and summary sentence);
- ordinary news: every dev-set article (lower case) summarised in 3 sentences.

    python benchmarks/coherence.py [PAIRS.jsonl] [--show N] [--no-speakers]

``--no-speakers`` judges as if speakers were not shown (output made before
they existed).
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from datetime import date
from pathlib import Path

from briefing.compose.assemble import Request
from briefing.ingest.sources import parse
from briefing.model import Options
from briefing.nlp.stems import language_kit
from briefing.resources import seeds_dir
from briefing.run.briefs import brief
from briefing.run.loading import load
from briefing.summarizers.coherence import (
    KINDS,
    briefing_groups,
    check,
    rate,
    summary_groups,
)
from briefing.summarizers.summarize import summarize

DEFAULT = Path(__file__).resolve().parents[2] / "shared/data/bbc-dev/pairs.jsonl"
TOPICS = ("Manchester Arena", "intelligence sharing")


def seeds(speakers: bool, show: int) -> tuple[int, Counter]:
    articles = load([str(seeds_dir())]).articles
    briefing = brief(articles, Request(today=date(2026, 11, 24), topics=TOPICS))

    groups = briefing_groups(briefing)
    findings = check(groups, {a.id: a.sentences for a in articles}, speakers_shown=speakers)
    shown = sum(len(g) for _, g in groups)
    _report("seeds briefing (2 topics)", findings, shown, show)
    return shown, Counter(f.kind for f in findings)


def dev(path: Path, speakers: bool, show: int, sentences: int = 3) -> None:
    tokenizer = language_kit("english")[0]
    findings, shown = [], 0
    for line in path.read_text(encoding="utf-8").splitlines():
        pair = json.loads(line)
        article = parse(pair["article"].encode("utf-8"), f"{pair['id']}.txt", pair["id"], tokenizer)
        summary = summarize(article, Options(sentences=sentences))
        groups = summary_groups([summary])
        findings += check(groups, {article.id: article.sentences}, speakers_shown=speakers)
        shown += sum(len(g) for _, g in groups)
    _report(f"dev set, {sentences} sentences", findings, shown, show)


def _report(name, findings, shown, show) -> None:
    kinds = Counter(f.kind for f in findings)
    print(
        f"{name}: {len(findings)} of {shown} shown mislead alone = {rate(findings, shown):.1f} per 100; "
        + ", ".join(f"{k} {kinds[k]}" for k in KINDS)
    )
    for f in findings[:show]:
        print(
            f"  [{f.kind}] {f.where} {f.sentence.article_id}#{f.sentence.index}: {f.sentence.text[:110]}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pairs", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--show", type=int, default=0, help="list this many findings of each run")
    parser.add_argument("--no-speakers", action="store_true")
    args = parser.parse_args()
    seeds(not args.no_speakers, args.show)
    if args.pairs.exists():
        dev(args.pairs, not args.no_speakers, args.show)


if __name__ == "__main__":
    main()
