"""Sentence-boundary precision and recall of the offline splitter on the
dev set (../shared/data/bbc-dev/pairs.jsonl).

The reference summaries are whole article sentences run together without a
space ("...said.the bcc found..."), so a full stop directly followed by a
letter marks a true boundary; each piece is checked against the article.
Then, in the article, the end of every reference sentence is a true boundary
and no boundary falls inside one:
- recall: true boundaries the splitter also finds;
- precision: of the splitter's boundaries that fall inside or at the end of
  a reference sentence, those at the end.

    python benchmarks/splitter.py [PAIRS.jsonl] [--errors N]
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from pathlib import Path

from briefing.ingest.plaintext import split_front_matter, text_blocks
from briefing.nlp.text import OfflineTokenizer

DEFAULT = Path(__file__).resolve().parents[2] / "shared/data/bbc-dev/pairs.jsonl"
JOIN = re.compile(r"(?<=[.!?])(?=[a-z])|(?<=[.!?][\"'])(?=[\"']?[a-z])")


def squashed_with_map(text: str) -> tuple[str, list[int]]:
    """Text without white space, and each kept character's offset in ``text``."""
    chars, where = [], []
    for i, ch in enumerate(text):
        if not ch.isspace():
            chars.append(ch)
            where.append(i)
    return "".join(chars), where


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def reference_sentences(summary: str, article_squashed: str) -> list[str]:
    """Split the run-together reference at "x.y" joins, rejoining pieces that
    are not article text on their own (the "u." of "u.s.")."""
    sentences: list[str] = []
    for piece in (p for p in JOIN.split(summary.strip()) if p.strip()):
        if sentences and squash(sentences[-1]) not in article_squashed:
            sentences[-1] += piece
        else:
            sentences.append(piece)
    return [s for s in sentences if squash(s) in article_squashed]


CASED = [
    (case["paragraph"], case["sentences"])
    for case in json.loads(
        (Path(__file__).resolve().parents[1] / "tests/fixtures/cased_boundaries.json").read_text(
            encoding="utf-8"
        )
    )
]
"""Abbreviations that are also ordinary sentence-final words in capitals, and
the cases they must not break (tests/test_text.py checks the same)."""


def cased(tokenizer: OfflineTokenizer) -> tuple[int, list[str]]:
    """Hard cased cases the lower-case dev set cannot show: how many split right."""
    wrong = [text for text, n in CASED if len(tokenizer.to_sentences(text)) != n]
    return len(CASED) - len(wrong), wrong


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("pairs", nargs="?", default=str(DEFAULT))
    parser.add_argument("--errors", type=int, default=10, help="show the N most common errors")
    args = parser.parse_args()
    tokenizer = OfflineTokenizer()
    true_total = found = mine_inside = mine_true = 0
    missed: Counter[str] = Counter()
    false_splits: Counter[str] = Counter()
    for line in open(args.pairs, encoding="utf-8"):
        row = json.loads(line)
        _, body = split_front_matter(row["article"])
        paragraphs = [b.text for b in text_blocks(body)][1:]  # the first line is the title
        my_ends: set[int] = set()
        text = ""
        for paragraph in paragraphs:
            base = len(text)
            my_ends |= {base + b for _, b in tokenizer.sentence_spans(paragraph)}
            text += paragraph + " "
        squashed, where = squashed_with_map(text)
        for sentence in reference_sentences(row["summary"], squashed):
            s = squash(sentence)
            start = squashed.find(s)
            begin, end = where[start], where[start + len(s) - 1] + 1
            if text[end - 1] in "\"'“‘" and text[end - 2].isspace():
                end = len(text[: end - 1].rstrip())  # an opening quote of the next sentence
            true_total += 1
            if end in my_ends:
                found += 1
            else:
                missed[text[max(begin, end - 14) : end + 6]] += 1
            inside = [e for e in my_ends if begin < e <= end]
            mine_inside += len(inside)
            mine_true += sum(1 for e in inside if e == end)
            for e in inside:
                if e != end:
                    false_splits[text[max(begin, e - 14) : e + 8]] += 1
    print(f"reference sentences: {true_total}")
    print(f"boundary recall:    {100 * found / true_total:.2f}%  ({found}/{true_total})")
    print(f"boundary precision: {100 * mine_true / mine_inside:.2f}%  ({mine_true}/{mine_inside})")
    right, wrong = cased(OfflineTokenizer())
    print(
        f"cased hard cases:   {right}/{len(CASED)} split right"
        + "".join(f"\n    wrong: {w!r}" for w in wrong)
    )
    if args.errors:
        print("\nmost common false splits (text around the split):")
        for context, n in false_splits.most_common(args.errors):
            print(f"  {n:3d}  {context!r}")
        print("\nmost common missed boundaries:")
        for context, n in missed.most_common(args.errors):
            print(f"  {n:3d}  {context!r}")


if __name__ == "__main__":
    main()
