"""Reading many inputs, in a process pool when there are many; each text once."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import BinaryIO, TypeVar

from briefing.ingest.inputs import Task, load_tasks
from briefing.ingest.sources import load_one
from briefing.model import Article, InputLimits, Problem, Summary
from briefing.nlp.text import OfflineTokenizer
from briefing.run.workers import PARALLEL_MIN, process_pool, running


@dataclass(frozen=True)
class LoadResult:
    articles: tuple[Article, ...]
    problems: tuple[Problem, ...]


def load(
    paths: Sequence[str],
    *,
    stdin: BinaryIO | None = None,
    tokenizer: OfflineTokenizer | None = None,
    jobs: int = 1,
    limits: InputLimits = InputLimits(),
) -> LoadResult:
    """Load every article under ``paths`` (the bundled seeds when empty).

    Bad files are reported as problems and skipped; a path that does not
    exist raises :class:`InputError`. With ``jobs`` > 1 and many files, files
    are parsed in a process pool; the order is always the inputs' order.
    No input is read past ``limits.max_bytes``, nor worked on past
    ``limits.max_seconds``; feed entries' links are followed when
    ``limits.fetch``.
    """
    tasks = load_tasks(paths, stdin, limits)
    return load_listed(tasks, tokenizer=tokenizer, jobs=jobs)


def load_listed(
    tasks: Sequence[Task], *, tokenizer: OfflineTokenizer | None = None, jobs: int = 1
) -> LoadResult:
    """:func:`load` for inputs already listed by :func:`load_tasks`."""
    if jobs > 1 and len(tasks) >= PARALLEL_MIN:
        with running(process_pool(jobs)) as pool:
            outcomes = list(pool.map(load_one, tasks, chunksize=16))
    else:
        tokenizer = tokenizer or OfflineTokenizer()
        outcomes = [load_one(task, tokenizer) for task in tasks]
    flat = list(once(item for o in outcomes for item in (o if isinstance(o, list) else [o])))
    articles = tuple(o for o in flat if isinstance(o, Article))
    problems = tuple(o for o in flat if isinstance(o, Problem))
    return LoadResult(articles, problems)


T = TypeVar("T", bound=Article | Summary | Problem)


def once(items: Iterable[T]) -> Iterator[T | Problem]:
    """Articles (or summaries) in order, each text once: an input whose text
    is the same as an earlier one's (so the same content id) becomes a
    problem naming the first, and the rest goes on."""
    first: dict[str, str] = {}
    for item in items:
        article = (
            item.article
            if isinstance(item, Summary)
            else item
            if isinstance(item, Article)
            else None
        )
        if article is not None:
            if article.id in first:
                earlier = first[article.id]
                said = (
                    "given more than once"
                    if earlier == article.source
                    else f"the same text as {earlier}"
                )
                yield Problem(article.source, f"{said}; used once")
                continue
            first[article.id] = article.source
        yield item
