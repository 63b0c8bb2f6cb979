"""Documents from the world, read (issue 20): per format, files, articles
read, articles with an empty summary, tracebacks, and among the articles'
sentences (what a briefing may show): control characters, mojibake markers (U+FFFD, "Ã¼", "â€"), glued
joins ("betroffen.Aktuelle"), ligatures (ﬁ ﬂ), running headers and dot
leaders ("50 THE SIEGE OF VICKSBURG", "....... 7"), made-up titles
("Microsoft Word - x.docx", "Navigation und Service"), and reading speed in words
per second, with its ratio to plain sumy reading the same words as text in
the same run.

    python benchmarks/realworld.py [--articles N] [--corpus FOLDER]

Without --corpus it writes its own corpus with the generators in
``realworld_corpus.py`` (the real libraries: python-docx, pypdf, email,
XML, HTML) around the dev set's texts (or the seeds). With --corpus, a
folder of your own real documents is read instead, one row per suffix.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
import traceback
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from formats import DEFAULT, texts  # noqa: E402
from realworld_corpus import write_corpus  # noqa: E402

from briefing.ingest.inputs import load_tasks  # noqa: E402
from briefing.ingest.sources import load_one  # noqa: E402
from briefing.model import Article, Options, Problem  # noqa: E402
from briefing.summarizers.summarize import summarize  # noqa: E402

CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
MOJIBAKE = re.compile("\ufffd|Ã[\x80-\xbf¼¶¤©]|â€|Â[\xa0-\xbf]")
GLUED = re.compile(r"[a-zäöüß]{2}[.!?][A-ZÄÖÜ][a-zäöüß]")
LIGATURE = re.compile("[\ufb00-\ufb06]")
RUNNING = re.compile(r"\.{5,}|\b\d+ [A-Z][A-Z ]{12,}")
"""Dot leaders of a contents page, a running header with its page number."""
BAD_TITLE = re.compile(r"Microsoft Word|Navigation|Write a Reply|<|\.docx?\b|\.pdf\b|^Contents$")


def read_folder(folder: Path) -> dict[str, dict[str, float]]:
    """Every file under ``folder`` read and summarised; counts per format
    (the folder's name under a generated corpus, else the suffix)."""
    rows: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        kind = path.parent.name if path.parent != folder else (path.suffix or "none")
        row = rows[kind]
        row["files"] += 1
        start = time.perf_counter()
        try:
            (task,) = load_tasks([str(path)])
            loaded = load_one(task)
        except Exception:  # noqa: BLE001 - counted: a traceback is what this measures
            row["tracebacks"] += 1
            traceback.print_exc(limit=1)
            continue
        articles = [a for a in (loaded if isinstance(loaded, list) else [loaded])]
        for article in articles:
            if isinstance(article, Problem):
                row["skipped"] += 1
                continue
            assert isinstance(article, Article)
            row["read"] += 1
            row["words"] += article.words
            row["empty"] += not summarize(article, Options()).sentences
            row["titles"] += bool(BAD_TITLE.search(article.title))
            for sentence in article.sentences:
                text = sentence.text
                row["control"] += bool(CONTROL.search(text))
                row["mojibake"] += bool(MOJIBAKE.search(text))
                row["glued"] += len(GLUED.findall(text))
                row["ligatures"] += bool(LIGATURE.search(text))
                row["running"] += bool(RUNNING.search(text))
        row["seconds"] += time.perf_counter() - start
    return rows


def sumy_words_per_second(articles: list[tuple[str, list[str]]]) -> float:
    """Plain sumy (its own parser and LexRank, 3 sentences) on the same texts."""
    from sumy.parsers.plaintext import PlaintextParser
    from sumy.summarizers.lex_rank import LexRankSummarizer

    from briefing.nlp.text import OfflineTokenizer

    tokenizer, summarizer, words = OfflineTokenizer(), LexRankSummarizer(), 0
    start = time.perf_counter()
    for title, body in articles:
        text = title + "\n\n" + "\n\n".join(body)
        words += len(text.split())
        summarizer(PlaintextParser.from_string(text, tokenizer).document, 3)
    return words / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=120)
    parser.add_argument("--corpus", type=Path, default=None)
    args = parser.parse_args()
    articles = texts(DEFAULT, args.articles)
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.corpus
        if folder is None:
            folder = Path(tmp)
            write_corpus(folder, articles)
        rows = read_folder(folder)
    sumy = sumy_words_per_second(articles)
    columns = (
        "files", "read", "skipped", "empty", "tracebacks", "control", "mojibake", "glued",
        "ligatures", "running", "titles",
    )  # fmt: skip
    print(
        f"{'format':<8}" + "".join(f"{c:>11}" for c in columns) + f"{'words/s':>10}{'vs sumy':>9}"
    )
    for kind, row in sorted(rows.items()):
        speed = row["words"] / row["seconds"] if row["seconds"] else 0.0
        print(
            f"{kind:<7}"
            + "".join(f"{int(row[c]):>10}" for c in columns)
            + f"{speed:>10,.0f}{speed / sumy:>8.2f}x"
        )
    print(f"plain sumy (LexRank on the same texts as .txt): {sumy:,.0f} words/s")


if __name__ == "__main__":
    main()
