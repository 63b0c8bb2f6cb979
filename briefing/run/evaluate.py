"""Score summarizers against reference summaries: ROUGE-1/2/L F1 (the
rouge-score package, stemming on) and, where the reference is an extract of
the article, sentence-level precision and recall.

Inputs are pairs of (article text, reference summary): a JSONL file of
``{"article", "summary"}`` objects, or a folder holding ``article/`` and
``summary/`` trees with the same relative file paths.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from rouge_score import rouge_scorer

from briefing.ingest.decode import decode
from briefing.ingest.inputs import read_bytes, reason
from briefing.ingest.sources import parse
from briefing.model import Article, Options, Section, Sentence
from briefing.nlp.text import OfflineTokenizer
from briefing.summarizers.algorithms import NAMES, check
from briefing.summarizers.summarize import summarize

LEAD = "lead"
"""The baseline: the article's first k sentences."""


class EvalInputError(ValueError):
    """The pairs cannot be read; the message says which and why."""


@dataclass(frozen=True)
class Pair:
    id: str
    article: str
    summary: str


@dataclass
class Score:
    """Running totals for one summarizer."""

    name: str
    articles: int = 0
    rouge1: float = 0.0
    rouge2: float = 0.0
    rougeL: float = 0.0
    seconds: float = 0.0
    extracts: int = 0
    precision: float = 0.0
    recall: float = 0.0

    def row(self) -> dict[str, float | int | str | None]:
        n = self.articles or 1
        m = self.extracts or 1
        return {
            "algorithm": self.name,
            "articles": self.articles,
            "rouge1": round(100 * self.rouge1 / n, 2),
            "rouge2": round(100 * self.rouge2 / n, 2),
            "rougeL": round(100 * self.rougeL / n, 2),
            "sentence_precision": round(100 * self.precision / m, 2) if self.extracts else None,
            "sentence_recall": round(100 * self.recall / m, 2) if self.extracts else None,
            "ms_per_article": round(1000 * self.seconds / n, 2),
        }


@dataclass
class Report:
    scores: dict[str, Score] = field(default_factory=dict)
    skipped: list[tuple[str, str]] = field(default_factory=list)

    def rows(self) -> list[dict[str, float | int | str | None]]:
        return sorted(
            (s.row() for s in self.scores.values()),
            key=lambda r: (-float(r["rouge2"] or 0), str(r["algorithm"])),
        )


# --------------------------------------------------------------------------
# Reading pairs.


MAX_PAIRS_BYTES = 1_000_000_000
"""The largest pairs file or pair file read (a dev set is a few MB)."""


def read_pairs(path: Path, warn: Callable[[str], None] = lambda message: None) -> list[Pair]:
    """Pairs from a JSONL file or a folder with ``article/`` and ``summary/``.

    A line or file that is not a usable pair is passed to ``warn`` (naming
    it) and skipped; :class:`EvalInputError` when nothing usable is left.
    The file may be UTF-8 (with or without BOM), UTF-16 with BOM, or any
    encoding :func:`briefing.ingest.decode.decode` recognises.
    """
    if path.is_dir():
        return _folder_pairs(path, warn)
    if not path.is_file():
        raise EvalInputError(
            f"{path}: no such file or folder; give a .jsonl file or a folder with article/ and summary/"
        )
    try:
        text = decode(read_bytes(path, MAX_PAIRS_BYTES))[0]
    except (OSError, ValueError) as exc:
        raise EvalInputError(f"{path}: cannot be read ({reason(exc)})") from None
    pairs = []
    for n, line in enumerate(text.lstrip("\ufeff").splitlines(), start=1):
        if not line.strip():
            continue
        pair = _pair(line, n)
        if isinstance(pair, Pair):
            pairs.append(pair)
        else:
            warn(f"{path}, line {n}: {pair}")
    if not pairs:
        raise EvalInputError(
            f'{path}: no usable pairs (JSON objects with "article" and "summary" text)'
        )
    return pairs


def _pair(line: str, n: int) -> Pair | str:
    """The pair on a JSONL line, or why there is none."""
    try:
        row = json.loads(line)
    except (json.JSONDecodeError, RecursionError):
        return "not JSON"
    if not isinstance(row, dict):
        return f'a JSON {type(row).__name__}, not an object with "article" and "summary"'
    article, summary = row.get("article"), row.get("summary")
    if not isinstance(article, str) or not isinstance(summary, str):
        return '"article" and "summary" must both be text'
    if not article.strip() or not summary.strip():
        return 'an empty "article" or "summary"'
    name = row.get("id", n)
    return Pair(str(name) if isinstance(name, (str, int)) else str(n), article, summary)


def _folder_pairs(folder: Path, warn: Callable[[str], None]) -> list[Pair]:
    articles, summaries = folder / "article", folder / "summary"
    if not articles.is_dir() or not summaries.is_dir():
        raise EvalInputError(
            f"{folder}: expected the folders {articles.name}/ and {summaries.name}/ inside it"
        )
    pairs = []
    for path in sorted(p for p in articles.rglob("*") if p.is_file()):
        rel = path.relative_to(articles)
        reference = summaries / rel
        if not reference.is_file():
            continue
        try:
            pairs.append(
                Pair(
                    rel.with_suffix("").as_posix(),
                    decode(read_bytes(path, MAX_PAIRS_BYTES))[0],
                    decode(read_bytes(reference, MAX_PAIRS_BYTES))[0],
                )
            )
        except (OSError, ValueError) as exc:
            warn(f"{path}: {reason(exc)}")
    if not pairs:
        raise EvalInputError(
            f"{folder}: no file in article/ has a readable summary/ file at the same path"
        )
    return pairs


# --------------------------------------------------------------------------
# Scoring.


def squash(text: str) -> str:
    """Text without white space, for finding article sentences in a reference
    whose sentences were run together ("said.the")."""
    return re.sub(r"\s+", "", text)


_RUN_TOGETHER = re.compile(r"(?<=[a-z0-9][.!?])(?=[A-Za-z\"'])")


def reference_sentences(
    article: Article, summary: str, tokenizer: OfflineTokenizer
) -> tuple[list[Sentence], int]:
    """The article's sentences found in the reference, and the reference's
    length in sentences (the extract's size, or its own sentence count)."""
    reference = squash(summary)
    found = [s for s in article.sentences if squash(s.text) and squash(s.text) in reference]
    if found:
        return found, len(found)
    return [], len(tokenizer.to_sentences(_RUN_TOGETHER.sub(" ", summary)))


def algorithm_names(requested: Iterable[str]) -> list[str]:
    """``all`` means every algorithm and the LEAD baseline."""
    names: list[str] = []
    for name in requested:
        for part in name.split(","):
            part = part.strip().lower()
            if part == "all":
                names.extend([LEAD, *NAMES])
            elif part == LEAD:
                names.append(LEAD)
            elif part:
                names.append(check(part))
    return list(dict.fromkeys(names))


def evaluate(
    pairs: Sequence[Pair],
    algorithms: Sequence[str],
    *,
    sentences: int | None = None,
    progress: Callable[[int], None] | None = None,
    timer: Callable[[], float] = time.perf_counter,
) -> Report:
    """Summarise every article with every algorithm and score it."""
    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=True)
    tokenizer = OfflineTokenizer()
    report = Report({name: Score(name) for name in algorithms})
    for pair in pairs:
        try:
            article = parse(pair.article.encode("utf-8"), f"{pair.id}.txt", pair.id, tokenizer)
        except ValueError as exc:
            report.skipped.append((pair.id, str(exc)))
            if progress:
                progress(1)
            continue
        for s in (
            article.sentences
        ):  # tokenise up front: time the ranking, not the first caller's tokenising
            tokenizer.to_words(s.text)
        gold, k = reference_sentences(article, pair.summary, tokenizer)
        k = sentences or k
        gold_ids = {s.index for s in gold}
        for name in algorithms:
            start = timer()
            if name == LEAD:
                picked = list(article.sentences[:k])
            else:
                # The picks: context shown with them (the rest of a quotation,
                # the sentence a pick leans on) does not count toward length.
                picked = list(summarize(whole(article), Options(algorithm=name, sentences=k)).picks)
            elapsed = timer() - start
            _add(
                report.scores[name],
                scorer.score(pair.summary, " ".join(s.text for s in picked)),
                picked,
                gold_ids,
                elapsed,
            )
        if progress:
            progress(1)
    return report


def whole(article: Article) -> Article:
    """A live page as one section, so a k-sentence summary is k sentences
    long like its reference (the briefing summarises items separately)."""
    if len(article.sections) == 1:
        return article
    merged = Section(None, tuple(p for sec in article.sections for p in sec.paragraphs))
    return replace(article, sections=(merged,))


def _add(score: Score, rouge: dict, picked: list[Sentence], gold: set[int], seconds: float) -> None:
    score.articles += 1
    score.rouge1 += rouge["rouge1"].fmeasure
    score.rouge2 += rouge["rouge2"].fmeasure
    score.rougeL += rouge["rougeL"].fmeasure
    score.seconds += seconds
    if gold:
        hits = sum(1 for s in picked if s.index in gold)
        score.extracts += 1
        score.precision += hits / len(picked) if picked else 0.0
        score.recall += hits / len(gold)


# --------------------------------------------------------------------------
# Output.


def table(report: Report) -> str:
    """A Markdown table, best ROUGE-2 first."""
    lines = [
        "| algorithm | ROUGE-1 F1 | ROUGE-2 F1 | ROUGE-L F1 | sentence P | sentence R | ms/article |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for row in report.rows():
        p = "–" if row["sentence_precision"] is None else f"{row['sentence_precision']:.2f}"
        r = "–" if row["sentence_recall"] is None else f"{row['sentence_recall']:.2f}"
        lines.append(
            f"| {row['algorithm']} | {row['rouge1']:.2f} | {row['rouge2']:.2f} | {row['rougeL']:.2f} "
            f"| {p} | {r} | {row['ms_per_article']:.1f} |"
        )
    return "\n".join(lines) + "\n"
