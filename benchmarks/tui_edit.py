"""Time from a key press to the updated briefing in the TUI (issue 12).

Drives the real app headless with Pilot: the seeds, then N dev-set
articles. For each edit key (x exclude, p pin, shift+down reorder) it
presses the key and waits until the preview worker has rebuilt the
briefing and the Markdown preview is updated (no fixed sleeps).

    python benchmarks/tui_edit.py [--articles 1000]
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from speed import DEV, make_corpus  # noqa: E402
from test_tui import settle  # noqa: E402  (waits on workers and messages, never on the clock)

from briefing.resources import seeds_dir  # noqa: E402
from briefing.tui import create_app  # noqa: E402
from briefing.tui.widgets.article_list import ArticleList  # noqa: E402


async def measure(paths: list[str], label: str, folder: Path) -> None:
    app = create_app(
        paths, today=date(2026, 11, 24), export_dir=folder, plan_path=folder / "plan.toml"
    )
    async with app.run_test(size=(100, 30)) as pilot:
        start = time.perf_counter()
        await settle(app, pilot)
        print(
            f"{label}: {len(app.articles):,} articles; first briefing after {time.perf_counter() - start:.2f} s"
        )
        listed = app.query_one(ArticleList)
        listed.focus()
        listed.highlight_id(app.articles[0].id)
        await settle(app, pilot)
        await pilot.press("r")
        await settle(app, pilot)
        for key, what in (("x", "exclude"), ("p", "pin"), ("down", "cursor")):
            before = app.briefing
            start = time.perf_counter()
            await pilot.press(key)
            await settle(app, pilot)
            changed = "briefing rebuilt" if app.briefing is not before else "view only"
            print(
                f"  {what:<8} {key:<10} {1000 * (time.perf_counter() - start):7.0f} ms  ({changed})"
            )
        listed.focus()
        start = time.perf_counter()
        await pilot.press("shift+down")
        await settle(app, pilot)
        print(f"  {'reorder':<8} {'shift+down':<10} {1000 * (time.perf_counter() - start):7.0f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        asyncio.run(measure([str(seeds_dir())], "seeds", folder))
        if DEV.exists():
            make_corpus(DEV, args.articles, folder / "many")
            asyncio.run(measure([str(folder / "many")], f"{args.articles:,} dev articles", folder))


if __name__ == "__main__":
    main()
