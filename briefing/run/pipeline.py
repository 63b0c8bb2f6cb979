"""Articles → summaries at scale: files read, cleaned and summarised in one
pass per file (each worker process does all three, so an article crosses
between processes once and its words are tokenised where they are ranked),
or loaded articles summarised over a process pool."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from functools import lru_cache, partial
from itertools import islice
from typing import BinaryIO

from briefing.ingest.inputs import Task, load_tasks
from briefing.ingest.sources import load_one
from briefing.model import Article, Options, Problem, SectionSummary, Summary
from briefing.run.loading import once
from briefing.run.workers import PARALLEL_MIN, process_pool, running
from briefing.summarizers.summarize import summarize


def _one(
    task: Task,
    options: Options,
    slim_for: tuple[str, ...] | None = None,
) -> list[tuple[Article | Problem, tuple[SectionSummary, ...]]]:
    def summarized(article: Article) -> tuple[Article, tuple[SectionSummary, ...]]:
        sections = summarize(article, options).sections
        if slim_for is not None:
            article = slim(article, sections, _candidates(slim_for, options.language))
        return article, sections

    outcome = load_one(
        task, then=summarized
    )  # read, clean and summarise within the input's time limit
    outcomes = (
        outcome if isinstance(outcome, list) else [outcome]
    )  # a feed: one article per entry (and notes)
    return [o if isinstance(o, tuple) else (o, ()) for o in outcomes]


@lru_cache(maxsize=8)
def _candidates(topics: tuple[str, ...], language: str) -> Callable[[str], bool]:
    from briefing.nlp.stems import candidate_filter

    return candidate_filter(topics, language)


def slim(
    article: Article, summary: Sequence[SectionSummary], may_concern: Callable[[str], bool]
) -> Article:
    """``article`` with only what a briefing of many articles needs: its
    summary's sentences, the sentences ``may_concern`` a topic (every
    sentence of an item whose headline may), every section (for citations
    and headlines), and its totals of words and sentences."""
    picked = {s.index for section in summary for s in section.sentences}
    sections = []
    for section in article.sections:
        whole = bool(section.heading) and may_concern(section.heading or "")
        kept = (
            tuple(s for s in p if whole or s.index in picked or may_concern(s.text))
            for p in section.paragraphs
        )
        sections.append(replace(section, paragraphs=tuple(p for p in kept if p)))
    return replace(
        article, sections=tuple(sections), totals=(article.words, article.sentence_count)
    )


WINDOW = 256
"""Files in flight at once: results are handed on in order as they come,
so memory holds a window of articles, not the whole folder."""
CHUNK = 16
"""Files a worker takes at a time."""


def iter_summaries(
    paths: Sequence[str],
    options: Options,
    *,
    stdin: BinaryIO | None = None,
    jobs: int = 1,
    slim_for: tuple[str, ...] | None = None,
) -> Iterator[Summary | Problem]:
    """Each input's summary (or why it could not be used), in input order.

    With ``slim_for`` (topic names, possibly none), each summary's article is
    slimmed (:func:`slim`) for a briefing on exactly those topics: memory
    then holds summaries and topic candidates, not every article's text.
    """
    return summaries_of(load_tasks(paths, stdin), options, jobs=jobs, slim_for=slim_for)


def summaries_of(
    tasks: Sequence[Task],
    options: Options,
    *,
    jobs: int = 1,
    slim_for: tuple[str, ...] | None = None,
    isolated: bool = False,
    pool: bool | None = None,
) -> Iterator[Summary | Problem]:
    """:func:`iter_summaries` for inputs already listed by ``load_tasks``
    (``isolated``: see :func:`briefing.run.workers.process_pool`). ``pool``:
    use worker processes (True), or not (False), whatever the number of
    inputs; None: when there are enough to gain. Closing the iterator early
    stops the pool without running the files still queued."""
    work = partial(_one, options=options, slim_for=slim_for)
    if pool if pool is not None else jobs > 1 and len(tasks) >= PARALLEL_MIN:
        with running(process_pool(jobs, isolated=isolated)) as executor:
            yield from once(_wrap(_in_order(executor, work, tasks), options))
    else:
        yield from once(_wrap(map(work, tasks), options))


def _in_order(pool, work, tasks: Sequence[Task]):  # noqa: ANN001, ANN202
    """``map(work, tasks)`` over the pool, in order, with a sliding window of
    chunks in flight: a new chunk goes out as each one is handed on, so the
    workers never wait for the slowest file of a batch."""
    chunks = (tasks[i : i + CHUNK] for i in range(0, len(tasks), CHUNK))
    pending = deque(pool.submit(_each, work, chunk) for chunk in islice(chunks, WINDOW // CHUNK))
    while pending:
        done = pending.popleft().result()
        for chunk in islice(chunks, 1):
            pending.append(pool.submit(_each, work, chunk))
        yield from done


def _each(work, chunk: Sequence[Task]) -> list:  # noqa: ANN001
    return [work(task) for task in chunk]


def _wrap(outcomes, options: Options) -> Iterator[Summary | Problem]:  # noqa: ANN001
    for per_input in outcomes:
        for outcome, sections in per_input:
            yield (
                Summary(outcome, sections, options.algorithm.lower())
                if isinstance(outcome, Article)
                else outcome
            )


def summarize_paths(
    paths: Sequence[str],
    options: Options,
    *,
    stdin: BinaryIO | None = None,
    jobs: int = 1,
    progress: Callable[[int], None] | None = None,
    slim_for: tuple[str, ...] | None = None,
) -> tuple[list[Summary], list[Problem]]:
    """Summaries of every readable input, in input order, and the problems
    (``slim_for``: see :func:`iter_summaries`)."""
    summaries: list[Summary] = []
    problems: list[Problem] = []
    for item in iter_summaries(paths, options, stdin=stdin, jobs=jobs, slim_for=slim_for):
        if isinstance(item, Summary):
            summaries.append(item)
        else:
            problems.append(item)
        if progress:
            progress(1)
    return summaries, problems


def summarize_all(
    articles: Sequence[Article],
    options: Options,
    *,
    jobs: int = 1,
    progress: Callable[[int], None] | None = None,
) -> list[Summary]:
    """Summaries in the articles' order; with ``jobs`` > 1 and enough
    articles, spread over a process pool (order kept)."""
    if jobs <= 1 or len(articles) < PARALLEL_MIN:
        summaries = []
        for article in articles:
            summaries.append(summarize(article, options))
            if progress:
                progress(1)
        return summaries
    summaries = []
    with running(process_pool(jobs)) as pool:
        # Workers send back only the picked sections, not the article again.
        for article, sections in zip(
            articles, pool.map(partial(_sections, options=options), articles, chunksize=16)
        ):
            summaries.append(Summary(article, sections, options.algorithm.lower()))
            if progress:
                progress(1)
    return summaries


def _sections(article: Article, options: Options) -> tuple[SectionSummary, ...]:
    return summarize(article, options).sections
