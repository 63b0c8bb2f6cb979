"""The library (issue 21): add rate, search latency, warm builds, the TUI.

    python benchmarks/library.py [--articles 10000] [--search-documents 100000]
                                 [--build-articles 1000]

1. **add**: N distinct articles (text files with a title, publisher and
   date; each joins paragraphs of three dev-set articles, so none is a copy
   of another) added to a fresh library in one process. The ratio is
   against plain sumy (its own parser, LexRank, 3 sentences) over the first
   1,000 of the same files in the same run, as a rate.
2. **search**: a second library of M documents written straight through
   the store (articles made from the dev set's parsed paragraphs; reading
   100,000 files would take minutes and measures add, not search); terms
   found in about 1% and 10% of the documents, 50 searches each, median.
3. **build**: the first ``--build-articles`` of the N files are published in
   the last three days: ``briefing build FILES --topic T`` against
   ``briefing build --library L --since D --topic T --repeat`` (cold: the
   first build, which summarises and keeps the summaries; warm: the median of
   three more), each a whole process, as a user runs it.
4. **TUI** on the N-article library (``tui --library``, every article listed
   and chosen): time until the rows are in the list, until every article is
   loaded, until the highlighted article's summary is made, and until the
   whole briefing is in the preview (see ``tui_times``).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from formats import DEFAULT  # noqa: E402

from briefing.ingest.inputs import load_tasks  # noqa: E402
from briefing.library import open_library  # noqa: E402
from briefing.library.identity import text_hash  # noqa: E402
from briefing.model import Article, Section, Sentence  # noqa: E402
from briefing.run.library import add_inputs  # noqa: E402

DAY = date(2026, 12, 1)
TOPIC = "interest rates"


def dev_rows() -> list[tuple[str, list[str]]]:
    rows = []
    for line in DEFAULT.read_text(encoding="utf-8").splitlines():
        title, _, body = json.loads(line)["article"].partition("\n")
        rows.append((title.strip(), [p.strip() for p in body.split("\n\n") if p.strip()]))
    return rows


def distinct_corpus(n: int, folder: Path, *, day: date = DAY, recent: int = 0) -> None:
    """``n`` distinct articles as text files with front matter (title,
    publisher, date): each joins paragraphs of three dev-set articles (so no
    two are the same text or near copies of each other), with its own title;
    the first ``recent`` are published within the three days before ``day``,
    the rest months earlier."""
    rows = dev_rows()
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


def sumy_rate(paths: list[Path]) -> float:
    from sumy.parsers.plaintext import PlaintextParser
    from sumy.summarizers.lex_rank import LexRankSummarizer

    from briefing.nlp.text import OfflineTokenizer

    tokenizer, summarizer = OfflineTokenizer(), LexRankSummarizer()
    start = time.perf_counter()
    for path in paths:
        text = path.read_text(encoding="utf-8")
        summarizer(PlaintextParser.from_string(text, tokenizer).document, 3)
    return len(paths) / (time.perf_counter() - start)


# -- 2. search over many documents ---------------------------------------------


def search_library(path: Path, documents: int) -> tuple[list[tuple[str, int, float]], int]:
    """A library of ``documents`` made from the dev set's parsed paragraphs;
    (term, hits, median ms) for a term in about 1% and one in about 10% of
    them, and the file's bytes."""
    from briefing.run.loading import load_listed

    with tempfile.TemporaryDirectory() as tmp:
        distinct_corpus(len(dev_rows()), Path(tmp))
        parsed = load_listed(load_tasks([tmp])).articles
    paragraphs = [p for a in parsed for sec in a.sections for p in sec.paragraphs if p]
    pick = random.Random(5)
    now = datetime(2026, 12, 1, tzinfo=timezone.utc)
    seen: Counter[str] = Counter()
    with open_library(path) as library:
        for i in range(documents):
            chosen = pick.sample(range(len(paragraphs)), 6)
            article = _article(f"doc{i:07d}", f"Document {i}", [paragraphs[k] for k in chosen])
            body = " ".join(s.text for s in article.sentences)
            if i < 5000:
                seen.update({w for w in body.lower().split() if w.isalpha() and len(w) > 3})
            library.add(
                article,
                source=f"outlet{i % 50}/{i}.txt",
                body=body,
                text_hash=text_hash(body),
                canonical_url=None,
                signature=None,
                now=now,
            )
        sample = min(documents, 5000)
        terms = []
        for share in (0.01, 0.10):
            word = min(seen, key=lambda w: (abs(seen[w] / sample - share), w))
            runs = []
            for _ in range(50):
                start = time.perf_counter()
                library.search(word, limit=20)
                runs.append(time.perf_counter() - start)
            hits = len(library.search(word, limit=documents))
            terms.append((word, hits, 1000 * statistics.median(runs)))
        size = library.stats().bytes
    return terms, size


def _article(article_id: str, title: str, paragraphs: list) -> Article:
    index, kept = 0, []
    for paragraph in paragraphs:
        again = []
        for s in paragraph:
            again.append(replace(s, article_id=article_id, index=index, section=0))
            index += 1
        kept.append(tuple(again))
    return Article(
        id=article_id,
        title=title,
        source=f"{article_id}.txt",
        sections=(Section(heading=None, paragraphs=tuple(kept)),),
        metadata={},
    )


# -- 3. builds, each a whole process --------------------------------------------


def seconds(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def builds(files: list[Path], library: Path, out: Path) -> dict[str, float]:
    run = [sys.executable, "-m", "briefing", "build", "--topic", TOPIC, "--date", str(DAY)]
    since = str(DAY - timedelta(days=3))
    from_library = [*run, "--library", str(library), "--since", since, "--repeat", "-o", str(out)]
    times = {"files": statistics.median(seconds([*run, *map(str, files), "-o", str(out)])
                                        for _ in range(2))}  # fmt: skip
    times["library, cold"] = seconds(from_library)
    times["library, warm"] = statistics.median(seconds(from_library) for _ in range(3))
    return times


# -- 4. the TUI ----------------------------------------------------------------------


async def tui_times(library: Path, folder: Path) -> dict[str, float]:
    """Seconds from the app's start until the library's rows are in the list
    (drawn at the next refresh), until every article is loaded (the app
    answers every key), until the highlighted article's summary is made,
    and until the whole briefing is in the preview. The first two are taken
    as the app handles the messages, not by polling (a poll waits for the
    app to be idle, which it is not while it loads)."""
    from test_tui import settle

    from briefing.run.library import Choice
    from briefing.tui import create_app
    from briefing.tui.app import BriefingApp
    from briefing.tui.widgets.article_view import ArticleView

    app = create_app(
        (), today=DAY, export_dir=folder, plan_path=folder / "plan.toml", library=library,
        choice=Choice(),
    )  # fmt: skip
    times: dict[str, float] = {}
    listed, loaded = BriefingApp.on_articles_listed, BriefingApp.on_articles_loaded
    shown = ArticleView.show

    def on_listed(self, message) -> None:  # noqa: ANN001
        listed(self, message)
        times["rows in the list"] = time.perf_counter() - start

    def on_loaded(self, message) -> None:  # noqa: ANN001
        loaded(self, message)
        times["every article loaded"] = time.perf_counter() - start

    def show(self, article, summary, edits) -> None:  # noqa: ANN001
        shown(self, article, summary, edits)
        if summary is not None:
            times.setdefault("highlighted article's summary", time.perf_counter() - start)

    BriefingApp.on_articles_listed, BriefingApp.on_articles_loaded = on_listed, on_loaded
    ArticleView.show = show
    start = time.perf_counter()
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(app, pilot)
            times[f"whole briefing ({len(app.selected):,} articles)"] = time.perf_counter() - start
    finally:
        BriefingApp.on_articles_listed, BriefingApp.on_articles_loaded = listed, loaded
        ArticleView.show = shown
    return dict(sorted(times.items(), key=lambda item: item[1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--search-documents", type=int, default=100_000)
    parser.add_argument("--build-articles", type=int, default=1000)
    args = parser.parse_args()
    os.environ.setdefault("NLTK_DATA", tempfile.mkdtemp())  # offline, as the tool runs
    rows: list[tuple[str, str, str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "articles"
        distinct_corpus(args.articles, folder, recent=args.build_articles)
        files = sorted(folder.iterdir())
        lib = Path(tmp) / "lib.sqlite3"
        with open_library(lib) as library:
            start = time.perf_counter()
            tally = add_inputs(library, load_tasks([str(folder)]), now=datetime.now(timezone.utc))
            added = time.perf_counter() - start
        with open_library(lib) as library:  # (closing folded the write-ahead log in)
            stats = library.stats()
        sumy = sumy_rate(files[:1000])
        rate = args.articles / added
        rows.append((f"add {args.articles:,}: {tally.line()}", "", ""))
        rows.append(("add, articles/s", f"{rate:,.0f}", f"{rate / sumy:.2f}x"))
        rows.append(("plain sumy, articles/s", f"{sumy:,.0f}", "1.00x"))
        rows.append(("library bytes per article", f"{stats.bytes / args.articles:,.0f}", ""))
        times = builds(files[: args.build_articles], lib, Path(tmp) / "out.md")
        for label, value in times.items():
            ratio = times["files"] / value
            rows.append((f"build {args.build_articles:,} + topic, {label}", f"{value:.2f} s",
                         f"{ratio:.1f}x vs files"))  # fmt: skip
        with open_library(lib) as library:
            rows.append(("(library bytes per article, summaries kept)",
                         f"{library.stats().bytes / args.articles:,.0f}", ""))  # fmt: skip
        for label, value in asyncio.run(tui_times(lib, Path(tmp))).items():
            rows.append((f"TUI {args.articles:,}: {label}", f"{value:.2f} s", ""))
        terms, size = search_library(Path(tmp) / "search.sqlite3", args.search_documents)
        for word, hits, ms in terms:
            rows.append((f"search '{word}' ({hits:,} of {args.search_documents:,})",
                         f"{ms:.2f} ms", ""))  # fmt: skip
        rows.append(("search library bytes per document",
                     f"{size / args.search_documents:,.0f}", ""))  # fmt: skip
    width = max(len(r[0]) for r in rows) + 2
    print(f"{'what':<{width}}{'value':>12}  {'ratio':<16}")
    for label, value, ratio in rows:
        print(f"{label:<{width}}{value:>12}  {ratio:<16}")


if __name__ == "__main__":
    main()
