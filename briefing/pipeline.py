"""Files → summaries in one pass per file, for `briefing summarize` over
many files: each worker process reads, cleans and summarises its files, so
an article crosses between processes once and its words are tokenised in
the process that ranks them."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import BinaryIO

from .models import Article, Options, Problem, SectionSummary, Summary
from .sources import PARALLEL_MIN, Task, load_one, load_tasks
from .summarize import summarize


def _one(task: Task, options: Options) -> tuple[Article | Problem, tuple[SectionSummary, ...]]:
    outcome = load_one(task)
    return outcome, (summarize(outcome, options).sections if isinstance(outcome, Article) else ())


def summarize_paths(
    paths: Sequence[str],
    options: Options,
    *,
    stdin: BinaryIO | None = None,
    jobs: int = 1,
    progress: Callable[[int], None] | None = None,
) -> tuple[list[Summary], list[Problem]]:
    """Summaries of every readable input, in input order, and the problems."""
    tasks = load_tasks(paths, stdin)
    work = partial(_one, options=options)
    if jobs > 1 and len(tasks) >= PARALLEL_MIN:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(max_workers=jobs) as pool:
            results = _collect(pool.map(work, tasks, chunksize=16), options, progress)
    else:
        results = _collect(map(work, tasks), options, progress)
    return results


def _collect(outcomes, options: Options, progress):  # noqa: ANN001, ANN202
    summaries: list[Summary] = []
    problems: list[Problem] = []
    for outcome, sections in outcomes:
        if isinstance(outcome, Article):
            summaries.append(Summary(outcome, sections, options.algorithm.lower()))
        else:
            problems.append(outcome)
        if progress:
            progress(1)
    return summaries, problems
