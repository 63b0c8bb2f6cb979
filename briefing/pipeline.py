"""Files → summaries in one pass per file, for `briefing summarize` over
many files: each worker process reads, cleans and summarises its files, so
an article crosses between processes once and its words are tokenised in
the process that ranks them."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from functools import partial
from typing import BinaryIO

from .models import Article, Options, Problem, SectionSummary, Summary
from .sources import PARALLEL_MIN, Task, load_one, load_tasks
from .summarize import summarize


def _one(task: Task, options: Options) -> tuple[Article | Problem, tuple[SectionSummary, ...]]:
    outcome = load_one(task)
    return outcome, (summarize(outcome, options).sections if isinstance(outcome, Article) else ())


WINDOW = 256
"""Files in flight at once: results are handed on in order as they come,
so memory holds a window of articles, not the whole folder."""


def iter_summaries(
    paths: Sequence[str],
    options: Options,
    *,
    stdin: BinaryIO | None = None,
    jobs: int = 1,
) -> Iterator[Summary | Problem]:
    """Each input's summary (or why it could not be used), in input order."""
    tasks = load_tasks(paths, stdin)
    work = partial(_one, options=options)
    if jobs > 1 and len(tasks) >= PARALLEL_MIN:
        from .workers import process_pool

        with process_pool(jobs) as pool:
            for start in range(0, len(tasks), WINDOW):
                yield from _wrap(pool.map(work, tasks[start:start + WINDOW], chunksize=16), options)
    else:
        yield from _wrap(map(work, tasks), options)


def _wrap(outcomes, options: Options) -> Iterator[Summary | Problem]:  # noqa: ANN001
    for outcome, sections in outcomes:
        yield Summary(outcome, sections, options.algorithm.lower()) if isinstance(outcome, Article) else outcome


def summarize_paths(
    paths: Sequence[str],
    options: Options,
    *,
    stdin: BinaryIO | None = None,
    jobs: int = 1,
    progress: Callable[[int], None] | None = None,
) -> tuple[list[Summary], list[Problem]]:
    """Summaries of every readable input, in input order, and the problems."""
    summaries: list[Summary] = []
    problems: list[Problem] = []
    for item in iter_summaries(paths, options, stdin=stdin, jobs=jobs):
        (summaries if isinstance(item, Summary) else problems).append(item)
        if progress:
            progress(1)
    return summaries, problems
