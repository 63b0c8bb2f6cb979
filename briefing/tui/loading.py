"""Loading the articles at start: a thread worker; a large folder is read,
cleaned and summarised over a process pool, as the CLI does."""

from __future__ import annotations

import os
from pathlib import Path

from textual import work
from textual.widgets import Markdown
from textual.worker import get_current_worker

from briefing.model import Article, Problem, Summary
from briefing.tui.messages import (
    ArticlesListed,
    ArticlesLoaded,
    FirstArticle,
    LoadFailed,
    LoadProgress,
)

POOL_MIN = 1000
"""Files from which the TUI reads and summarises over a process pool. Its
workers start from a fork server (most of a second), and on 2 cores the
pool only breaks even at 1,000 files (first briefing after 4.5 s either
way; the list shows after 3.8 s instead of 1.9 s); at 3,000 files the
first briefing comes after 8.5 s instead of 11 s. More cores, more gain."""
HEAVY_BYTES = 2_000_000
"""An input this large, or a PDF or Word file, is read in a worker process
whatever the number of files: only there does ``--max-seconds`` hold (the
timer needs a process's main thread), so no single input can stall loading."""
HEAVY_SUFFIXES = (".pdf", ".docx")
PROGRESS_EVERY = 100
"""Files between updates of the count in the title bar."""


class LoadingMixin:
    """Mixed into the app: needs ``settings`` and ``cache`` (a SummaryCache);
    posts :class:`ArticlesLoaded` (or :class:`LoadFailed`) when done."""

    jobs: int = os.cpu_count() or 1
    """Processes that read and summarise a large folder at start."""

    @work(
        thread=True,
        exclusive=True,
        group="load",
        exit_on_error=False,
        description="load the articles",
    )
    def load_articles(self) -> None:
        settings = self.settings
        if settings.spec.from_library:
            self._load_from_library()
            return
        from briefing.ingest.inputs import InputError
        from briefing.output.plan import opening_tasks, recorded_inputs
        from briefing.run.loading import load_listed

        plan = settings.spec if settings.from_file else None
        plan_dir = settings.plan_path.parent if settings.plan_path else Path.cwd()
        try:
            tasks, refused = opening_tasks(
                plan,
                settings.paths,
                plan_dir,
                settings.limits,
                labels_from_plan=settings.plan_path is not None and settings.labels_from_plan,
                # The plan kept in the state folder is the user's own: read whole.
                allow_outside=settings.allow_outside or not settings.labels_from_plan,
            )
        except InputError as exc:
            self.post_message(LoadFailed(str(exc)))
            return
        pooled = (len(tasks) >= POOL_MIN and self.jobs > 1) or any(map(_heavy, tasks))
        loaded = self._load_and_summarize(tasks) if pooled else None
        if get_current_worker().is_cancelled:
            return
        if loaded is None:
            result = load_listed(tasks)
            loaded = list(result.articles), list(result.problems)
        inputs = recorded_inputs(
            plan, tasks, loaded[0], refused, plan_dir, settings.limits.max_bytes
        )
        self.post_message(ArticlesLoaded(loaded[0], [*refused, *loaded[1]], inputs))

    def _load_from_library(self) -> None:
        """The library's documents (as chosen, or the ones a plan from the
        library chose), with the summaries it keeps for them put in the
        cache (nothing is summarised here: the list paints first)."""
        from briefing.library import LibraryError, open_library
        from briefing.run.library import Choice, chosen_ids, documents, kept_summaries

        settings = self.settings
        if settings.library is None:
            self.post_message(LoadFailed("this plan's articles are in a library: give --library"))
            return
        try:
            with open_library(settings.library, create=False) as library:
                if settings.choice is None and settings.from_file:
                    ids = list(settings.spec.articles)
                else:
                    ids = chosen_ids(library, settings.choice or Choice())
                # The list paints from the rows while the articles are read; the
                # first row's article (highlighted) is read first and shown at once.
                rows = library.rows(ids)
                self.post_message(ArticlesListed(rows))
                first, _ = documents(library, [x.id for x in rows[:1]])
                if first:
                    self._keep(kept_summaries(library, first, settings.spec.options))
                    self.post_message(FirstArticle(first[0]))
                read = {a.id for a in first}
                rest, missing = documents(library, [i for i in ids if i not in read])
                articles = [*first, *rest]
                self._keep(kept_summaries(library, rest, settings.spec.options))
        except LibraryError as exc:
            self.post_message(LoadFailed(str(exc)))
            return
        problems = [
            Problem(f"library document {m}", "not in this library", skipped=True) for m in missing
        ]
        self.post_message(ArticlesLoaded(articles, problems, ()))

    def _keep(self, summaries: dict[str, Summary]) -> None:
        self.cache.add(list(summaries.values()), self.settings.spec.options)

    def _load_and_summarize(self, tasks: list) -> tuple[list[Article], list[Problem]] | None:
        """Summaries go to the cache, so the first preview has nothing left
        to summarise. None if the pool failed (the caller loads in this
        thread instead; the user is told)."""
        from briefing.run.pipeline import summaries_of

        worker = get_current_worker()
        summaries: list[Summary] = []
        problems: list[Problem] = []
        try:
            for done, item in enumerate(
                summaries_of(
                    tasks, self.settings.spec.options, jobs=self.jobs, isolated=True, pool=True
                )
            ):
                if worker.is_cancelled:
                    return [], []
                (summaries if isinstance(item, Summary) else problems).append(item)
                if done % PROGRESS_EVERY == 0:
                    self.post_message(LoadProgress(done, len(tasks)))
        except Exception as exc:  # noqa: BLE001 - reported; the articles load in one thread instead
            self.call_from_thread(
                self.notify,
                f"Worker processes failed ({type(exc).__name__}: {exc}); loading in one thread.",
                severity="warning",
            )
            return None
        self.cache.add(summaries, self.settings.spec.options)
        return [s.article for s in summaries], problems

    def on_articles_listed(self, listed: ArticlesListed) -> None:
        if self.loaded:  # (the articles came first)
            return
        from briefing.tui.widgets.article_list import ArticleList

        rows = self.query_one(ArticleList)
        rows.show_rows(listed.rows)
        if listed.rows:
            rows.highlighted = 0  # the first article is read first, and shown
        self.sub_title = f"{len(listed.rows):,} articles · reading them from the library…"

    def on_first_article(self, message: FirstArticle) -> None:
        if not self.loaded:  # shown in the Article tab while the rest load
            self.present_article(message.article)

    def on_load_progress(self, progress: LoadProgress) -> None:
        self.sub_title = f"reading and summarising {progress.done:,} of {progress.total:,} files…"

    def on_load_failed(self, failed: LoadFailed) -> None:
        message = failed.reason
        self.sub_title = "nothing loaded"
        self.query_one("#busy").display = False
        self.query_one("#preview", Markdown).update(
            f"**Could not load the articles.**\n\n{message}"
        )
        self.notify(message, severity="error", timeout=10)


def _heavy(task) -> bool:  # noqa: ANN001 - a Task
    """An input to read under a time limit: large, or a PDF or Word file."""
    if task.path is None:
        return task.data is not None and len(task.data) > HEAVY_BYTES
    if task.path.suffix.lower() in HEAVY_SUFFIXES:
        return True
    try:
        return task.path.stat().st_size > HEAVY_BYTES
    except OSError:
        return False
