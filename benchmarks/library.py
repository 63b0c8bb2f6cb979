"""The library (issue 21): `add` rate, search latency, bytes per article.

    python benchmarks/library.py [--articles N]

Adds N dev-set articles (copies made distinct, as speed.py makes them) to a
fresh library in one process, then searches it for terms found in about 1%
and 10% of the documents, 50 times each, and reports the median. The ratio
is against plain sumy (its own parser, LexRank, 3 sentences) over the same
articles in the same run: adding reads, parses, fingerprints and stores an
article, a little less work than summarising it.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from formats import DEFAULT  # noqa: E402
from speed import make_corpus  # noqa: E402

from briefing.ingest.inputs import load_tasks  # noqa: E402
from briefing.library import open_library  # noqa: E402
from briefing.run.library import add_inputs  # noqa: E402

DAY = date(2026, 12, 1)


def distinct_corpus(n: int, folder: Path, *, day: date = DAY, recent: int = 0) -> None:
    """``n`` distinct articles as text files with front matter (title,
    publisher, date): each joins paragraphs of three dev-set articles (so no
    two are the same text or near copies of each other), with its own title;
    the first ``recent`` are published within the three days before ``day``,
    the rest months earlier."""
    rows = []
    for line in DEFAULT.read_text(encoding="utf-8").splitlines():
        title, _, body = json.loads(line)["article"].partition("\n")
        rows.append((title.strip(), [p.strip() for p in body.split("\n\n") if p.strip()]))
    pick = random.Random(21)
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        a, b, c = pick.sample(range(len(rows)), 3)
        paragraphs = rows[a][1][:3] + rows[b][1][:3] + rows[c][1][:2]
        when = day - timedelta(days=i % 3 if i < recent else 40 + i % 300)
        (folder / f"{i:06d}.txt").write_text(
            f"---\ntitle: {rows[a][0]} ({i})\nsource: Outlet {i % 40}\ndate: {when}\n---\n\n"
            + "\n\n".join(paragraphs)
            + "\n",
            encoding="utf-8",
        )


def sumy_seconds(folder: Path) -> float:
    from sumy.parsers.plaintext import PlaintextParser
    from sumy.summarizers.lex_rank import LexRankSummarizer

    from briefing.nlp.text import OfflineTokenizer

    tokenizer, summarizer = OfflineTokenizer(), LexRankSummarizer()
    start = time.perf_counter()
    for path in sorted(folder.iterdir()):
        text = path.read_text(encoding="utf-8")
        summarizer(PlaintextParser.from_string(text, tokenizer).document, 3)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "articles"
        make_corpus(DEFAULT, args.articles, folder)
        with open_library(Path(tmp) / "lib.sqlite3") as library:
            start = time.perf_counter()
            tally = add_inputs(library, load_tasks([str(folder)]), now=datetime.now(timezone.utc))
            added = time.perf_counter() - start
            stats = library.stats()
            timings = {}
            for term in ("chancellor", "film", "economy", "music"):
                runs = []
                for _ in range(50):
                    t = time.perf_counter()
                    found = library.search(term, limit=20)
                    runs.append(time.perf_counter() - t)
                timings[term] = (statistics.median(runs), len(library.search(term, limit=100_000)))
        sumy = sumy_seconds(folder)
    print(f"{'what':<34}{'value':>14}{'vs sumy':>10}")
    print(f"{'add: ' + tally.line():<34}")
    rate = args.articles / added
    print(f"{'add, articles/s':<34}{rate:>14,.0f}{sumy / added:>9.2f}x")
    print(f"{'plain sumy, articles/s':<34}{args.articles / sumy:>14,.0f}")
    for term, (median, hits) in timings.items():
        label = f"search '{term}' ({hits} of {stats.documents + stats.duplicates})"
        print(f"{label:<34}{1000 * median:>11.2f} ms")
    print(f"{'bytes per article':<34}{stats.bytes / max(1, args.articles):>14,.0f}")
    del found


if __name__ == "__main__":
    main()
