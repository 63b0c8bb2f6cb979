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
        print(f"  {'edit':<8} {'key':<10} {'handled':>9}  {'frozen':>9}  {'briefing':>8}")
        for key, what in (("x", "exclude"), ("p", "pin"), ("down", "cursor"), ("j", "cursor")):
            await press(app, pilot, key, what)
        listed.focus()
        await press(app, pilot, "shift+down", "reorder")


async def press(app, pilot, key: str, what: str) -> None:
    """Print the time until the key is handled, the longest the screen's
    event loop was blocked (what a person feels as a frozen screen; threads
    holding the GIL count), and the time until the briefing is rebuilt (the
    preview worker done; '-' when the key changes only the view)."""
    before = app.briefing
    stalls: list[float] = []
    watching = asyncio.create_task(_watch(stalls))
    start = time.perf_counter()
    await pilot.press(key)
    shown = time.perf_counter() - start
    await settle(app, pilot)
    done = time.perf_counter() - start
    watching.cancel()
    rebuilt = f"{1000 * done:6.0f} ms" if app.briefing is not before else "       -"
    frozen = 1000 * max(stalls, default=0.0)
    print(f"  {what:<8} {key:<10} {1000 * shown:6.0f} ms  {frozen:6.0f} ms  {rebuilt}")


async def _watch(stalls: list[float], tick: float = 0.002) -> None:
    """Record how late each short sleep wakes: the event loop's stalls."""
    while True:
        start = time.perf_counter()
        await asyncio.sleep(tick)
        stalls.append(time.perf_counter() - start - tick)


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
