"""Speed: briefing against plain sumy doing the same job, in the same run.

    python benchmarks/speed.py [--sizes 10,100,1000] [--pairs PAIRS.jsonl]

Corpora are made from the dev set (../shared/data/bbc-dev): articles are
repeated with a numbered title and their paragraphs rotated, so no two files
are the same. Each job runs in a fresh process; "peak MB" is that process's
peak resident memory (the interpreter and libraries included).

Jobs:
- lexrank-1711: LexRank's ranking step on one document of 1,711 sentences,
  sumy's LexRankSummarizer against briefing's vectorised one (same words in);
  the row says whether both chose the same 10 sentences.
- export-N: summarise N article files (LexRank, 3 sentences each) and write
  one text file. Plain sumy: PlaintextParser + LexRankSummarizer in a loop,
  with sumy's Tokenizer fed NLTK's data-free classes (see plain_sumy).
  briefing: what `briefing summarize DIR -a lexrank -o FILE` does (reading,
  cleaning, all cores), called in-process like the sumy loop.
- long-N ALGORITHM: one plain report of N sentences (dev paragraphs one
  after another), summarised (3 sentences) by `briefing summarize FILE -a
  ALGORITHM` in-process, and by plain sumy (PlaintextParser + the
  algorithm's sumy class; blend against sumy's Reduction, which it builds
  on) where that finishes in 5 minutes; sumy is not run at 50,000.
- topic-N: a one-topic briefing over N articles, end to end (read, tokenise,
  rank, render). Plain sumy: sentences containing the topic word, ranked by
  LexRankSummarizer, the best 5. briefing: what `briefing build DIR --topic T
  -a lexrank` does: the topic section and every article's summary, rendered.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve()
DEV = HERE.parents[2] / "shared/data/bbc-dev/pairs.jsonl"
TOPIC = "government"


def make_corpus(pairs: Path, n: int, folder: Path) -> None:
    rows = [json.loads(line)["article"] for line in pairs.read_text(encoding="utf-8").splitlines()]
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        title, _, body = rows[i % len(rows)].partition("\n")
        paragraphs = [p for p in body.split("\n\n") if p.strip()]
        turn = (i // len(rows)) % max(len(paragraphs), 1)
        paragraphs = paragraphs[turn:] + paragraphs[:turn]
        copy = f" ({i // len(rows) + 1})" if i >= len(rows) else ""
        (folder / f"{i:05d}.txt").write_text(
            f"{title}{copy}\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8"
        )


def _measure(job, *args):  # noqa: ANN001, ANN202
    start = time.perf_counter()
    detail = job(*args)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return seconds, max(peak, children), detail


def run_fresh(job, *args):  # noqa: ANN001, ANN202
    """Run ``job`` in a new process: its own time and peak memory."""
    with ProcessPoolExecutor(1) as pool:
        return pool.submit(_measure, job, *args).result()


# -- jobs: plain sumy ---------------------------------------------------------


def lexrank_1711(pairs: Path, fast: bool):  # noqa: ANN201
    """LexRank's ranking step on 1,711 sentences (words already tokenised)."""
    from sumy.summarizers.lex_rank import LexRankSummarizer

    from briefing.summarizers.adapters import FastLexRankSummarizer

    document, stemmer, stops = _big_document(pairs)
    summarizer = (FastLexRankSummarizer if fast else LexRankSummarizer)(stemmer)
    summarizer.stop_words = stops
    for s in document.sentences:
        _ = s.words
    start = time.perf_counter()
    chosen = summarizer(document, 10)
    return time.perf_counter() - start, [str(s) for s in chosen]


def plain_sumy():  # noqa: ANN201
    """What a plain sumy script uses offline: sumy's own Tokenizer code with
    the two NLTK classes that need no data files (Punkt with briefing's
    abbreviation list, NLTKWordTokenizer), sumy's Stemmer and stop words.
    Nothing of briefing's (no caches, no faster tokenizer)."""
    from nltk.tokenize import NLTKWordTokenizer
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer
    from sumy.nlp.stemmers import Stemmer
    from sumy.nlp.tokenizers import Tokenizer
    from sumy.utils import get_stop_words

    from briefing.nlp.text import ABBREVIATIONS

    class OfflineSumyTokenizer(Tokenizer):
        def _get_sentence_tokenizer(self, language):  # noqa: ANN001, ANN202
            params = PunktParameters()
            params.abbrev_types.update(ABBREVIATIONS)
            return PunktSentenceTokenizer(params)

        def _get_word_tokenizer(self, language):  # noqa: ANN001, ANN202
            return NLTKWordTokenizer()

    return OfflineSumyTokenizer("english"), Stemmer("english"), get_stop_words("english")


def sumy_export(folder: Path, out: Path) -> None:
    from sumy.parsers.plaintext import PlaintextParser
    from sumy.summarizers.lex_rank import LexRankSummarizer

    tokenizer, stemmer, stops = plain_sumy()
    summarizer = LexRankSummarizer(stemmer)
    summarizer.stop_words = stops
    with out.open("w", encoding="utf-8") as handle:
        for path in sorted(folder.glob("*.txt")):
            document = PlaintextParser.from_string(
                path.read_text(encoding="utf-8"), tokenizer
            ).document
            handle.write("\n".join(str(s) for s in summarizer(document, 3)) + "\n\n")


def sumy_topic(folder: Path, out: Path) -> None:
    from sumy.models.dom import ObjectDocumentModel, Paragraph
    from sumy.parsers.plaintext import PlaintextParser
    from sumy.summarizers.lex_rank import LexRankSummarizer

    tokenizer, stemmer, stops = plain_sumy()
    matching = []
    for path in sorted(folder.glob("*.txt")):
        document = PlaintextParser.from_string(path.read_text(encoding="utf-8"), tokenizer).document
        matching += [s for s in document.sentences if TOPIC in str(s).lower()]
    summarizer = LexRankSummarizer(stemmer)
    summarizer.stop_words = stops
    chosen = summarizer(ObjectDocumentModel([Paragraph(matching)]), 5)
    out.write_text("\n".join(str(s) for s in chosen) + "\n", encoding="utf-8")


# -- jobs: briefing -------------------------------------------------------------


def briefing_export(folder: Path, out: Path) -> None:
    """What `briefing summarize DIR -a lexrank -o FILE` does (streamed)."""
    from briefing.cli.runner import stream_text
    from briefing.model import InputLimits, Options

    stream_text(
        [str(folder)],
        Options(algorithm="lexrank"),
        str(out),
        quiet=True,
        jobs=os.cpu_count() or 1,
        limits=InputLimits(),
    )


def briefing_topic(folder: Path, out: Path) -> None:
    """What `briefing build DIR --topic T -a lexrank -o FILE` does."""
    from datetime import date

    from briefing.compose.assemble import Request, build
    from briefing.model import Options
    from briefing.output.render import render_markdown
    from briefing.output.write import write_atomic
    from briefing.run.pipeline import summarize_paths

    options = Options(algorithm="lexrank")
    summaries, _ = summarize_paths(
        [str(folder)], options, jobs=os.cpu_count() or 1, slim_for=(TOPIC,)
    )
    request = Request(today=date(2026, 1, 1), topics=(TOPIC,), options=options)
    briefing = build([s.article for s in summaries], request, summaries=summaries)
    write_atomic(out, render_markdown(briefing))


def _big_document(pairs: Path, size: int = 1711):  # noqa: ANN202
    from sumy.models.dom import ObjectDocumentModel, Paragraph
    from sumy.models.dom import Sentence as SumySentence

    from briefing.ingest.sources import parse
    from briefing.nlp.stems import language_kit

    tokenizer, stemmer, stops = language_kit("english")
    sentences = []
    for i, line in enumerate(pairs.read_text(encoding="utf-8").splitlines()):
        article = parse(json.loads(line)["article"].encode(), f"{i}.txt", str(i), tokenizer)
        sentences += [SumySentence(s.text, tokenizer) for s in article.sentences]
        if len(sentences) >= size:
            break
    return ObjectDocumentModel([Paragraph(sentences[:size])]), stemmer, stops


# -- long documents -------------------------------------------------------------

ALGORITHMS = (
    "blend",
    "lexrank",
    "lsa",
    "textrank",
    "luhn",
    "edmundson",
    "kl",
    "sumbasic",
    "reduction",
    "random",
)
SUMY_LIMIT = 300.0
"""Seconds after which plain sumy's run on a long document is given up."""


def make_long(pairs: Path, sentences: int, path: Path) -> None:
    """One plain report of about ``sentences`` sentences: dev articles'
    paragraphs one after another, no headings (the windows do all the work)."""
    rows = [json.loads(line)["article"] for line in pairs.read_text(encoding="utf-8").splitlines()]
    paragraphs, total, i = [], 0, 0
    while total < sentences:
        for paragraph in rows[i % len(rows)].split("\n\n")[1:]:
            if paragraph.strip():
                paragraphs.append(paragraph.strip())
                total += paragraph.count(". ") + 1
        i += 1
    path.write_text("A long inquiry report\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")


def briefing_long(path: Path, algorithm: str):  # noqa: ANN201
    """What `briefing summarize FILE -a ALGORITHM` does for one long file."""
    from briefing.model import Options
    from briefing.run.pipeline import summarize_paths

    summaries, _ = summarize_paths([str(path)], Options(algorithm=algorithm))
    return summaries[0].article.sentence_count


def sumy_long(path: Path, algorithm: str) -> None:
    """Plain sumy: PlaintextParser and the algorithm's sumy class, 3 sentences."""
    from sumy.parsers.plaintext import PlaintextParser
    from sumy.summarizers.edmundson import EdmundsonSummarizer
    from sumy.summarizers.kl import KLSummarizer
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.summarizers.lsa import LsaSummarizer
    from sumy.summarizers.luhn import LuhnSummarizer
    from sumy.summarizers.random import RandomSummarizer
    from sumy.summarizers.reduction import ReductionSummarizer
    from sumy.summarizers.sum_basic import SumBasicSummarizer
    from sumy.summarizers.text_rank import TextRankSummarizer

    classes = {
        "blend": ReductionSummarizer,
        "lexrank": LexRankSummarizer,
        "lsa": LsaSummarizer,
        "textrank": TextRankSummarizer,
        "luhn": LuhnSummarizer,
        "edmundson": EdmundsonSummarizer,
        "kl": KLSummarizer,
        "sumbasic": SumBasicSummarizer,
        "reduction": ReductionSummarizer,
        "random": RandomSummarizer,
    }
    tokenizer, stemmer, stops = plain_sumy()
    document = PlaintextParser.from_string(path.read_text(encoding="utf-8"), tokenizer).document
    summarizer = classes[algorithm](stemmer)
    if algorithm == "edmundson":
        summarizer.bonus_words, summarizer.stigma_words, summarizer.null_words = (
            ("said",),
            ("perhaps",),
            stops,
        )
    else:
        summarizer.stop_words = stops
    summarizer(document, 3)


def run_fresh_limited(seconds: float, job, *args):  # noqa: ANN001, ANN202
    """:func:`run_fresh` given up after ``seconds`` (None then)."""
    import multiprocessing
    from concurrent.futures import TimeoutError as Timeout

    pool = ProcessPoolExecutor(1)
    try:
        return pool.submit(_measure, job, *args).result(timeout=seconds)
    except Timeout:
        for process in multiprocessing.active_children():
            process.kill()
        return None
    finally:
        pool.shutdown(wait=False, cancel_futures=True)


def long_rows(
    pairs: Path, sizes: list[int], algorithms: list[str], work: Path, limit: float
) -> list[tuple]:
    rows = []
    for n in sizes:
        path = work / f"long-{n}.txt"
        make_long(pairs, n, path)
        for algorithm in algorithms:
            ours = run_fresh(briefing_long, path, algorithm)
            plain = run_fresh_limited(limit, sumy_long, path, algorithm) if n <= 5000 else None
            note = f"{ours[2]:,} sentences" + (
                "; blend vs sumy's reduction" if algorithm == "blend" else ""
            )
            rows.append(
                (
                    f"long-{n} {algorithm}",
                    plain[0] if plain else (f"> {limit:.0f}" if n <= 5000 else None),
                    ours[0],
                    plain[1] if plain else None,
                    ours[1],
                    note,
                )
            )
    return rows


# -- the table ------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="10,100,1000")
    parser.add_argument("--pairs", type=Path, default=DEV)
    parser.add_argument(
        "--long",
        default="",
        help="Sentences of long-document rows to add, e.g. 1000,5000,50000; plain sumy runs "
        "up to 5,000 and is given up after --sumy-limit seconds",
    )
    parser.add_argument(
        "--algorithms", default=",".join(ALGORITHMS), help="For the long-document rows."
    )
    parser.add_argument(
        "--sumy-limit",
        type=float,
        default=SUMY_LIMIT,
        help="Seconds after which plain sumy's run on a long document is given up.",
    )
    parser.add_argument("--only-long", action="store_true", help="Only the long-document rows.")
    args = parser.parse_args()
    rows = []
    if args.only_long:
        args.sizes = ""
    if not args.only_long:
        sumy_rank = run_fresh(lexrank_1711, args.pairs, False)
        ours_rank = run_fresh(lexrank_1711, args.pairs, True)
        same = "same 10 sentences" if sumy_rank[2][1] == ours_rank[2][1] else "DIFFERENT sentences"
        rows.append(
            (
                "lexrank-1711 (ranking step)",
                sumy_rank[2][0],
                ours_rank[2][0],
                sumy_rank[1],
                ours_rank[1],
                same,
            )
        )
    work = Path(tempfile.mkdtemp(prefix="briefing-bench-"))
    try:
        if args.long:
            rows += long_rows(
                args.pairs,
                [int(x) for x in args.long.split(",")],
                args.algorithms.split(","),
                work,
                args.sumy_limit,
            )
        for n in (int(x) for x in args.sizes.split(",") if x):
            corpus = work / f"corpus-{n}"
            make_corpus(args.pairs, n, corpus)
            plain = run_fresh(sumy_export, corpus, work / "sumy.txt")
            ours = run_fresh(briefing_export, corpus, work / "ours.txt")
            rows.append(
                (f"export-{n}", plain[0], ours[0], plain[1], ours[1], "lexrank, 3 sentences")
            )
            plain = run_fresh(sumy_topic, corpus, work / "sumy-topic.txt")
            ours = run_fresh(briefing_topic, corpus, work / "ours.md")
            rows.append(
                (
                    f"topic-{n}",
                    plain[0],
                    ours[0],
                    plain[1],
                    ours[1],
                    f"topic '{TOPIC}', whole briefing",
                )
            )
    finally:
        shutil.rmtree(work)
    print(f"{os.cpu_count()} cores\n")
    print("| job | plain sumy s | briefing s | speed-up | sumy peak MB | briefing peak MB | note |")
    print("|---|---:|---:|---:|---:|---:|---|")
    for job, slow, fast, slow_mb, fast_mb, note in rows:
        if not isinstance(slow, float):
            print(f"| {job} | {slow or 'not run'} | {fast:.2f} | | | {fast_mb:.0f} | {note} |")
            continue
        print(
            f"| {job} | {slow:.2f} | {fast:.2f} | {slow / fast:.1f}x | {slow_mb:.0f} | {fast_mb:.0f} | {note} |"
        )


if __name__ == "__main__":
    main()
