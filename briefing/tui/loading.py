"""Loading the articles at start: a thread worker; a large folder is read,
cleaned and summarised over a process pool, as the CLI does."""

from __future__ import annotations

import os
from pathlib import Path

from textual import work
from textual.widgets import Markdown
from textual.worker import get_current_worker

from briefing.model import Article, Problem, Summary
from briefing.tui.messages import ArticlesLoaded, LoadFailed, LoadProgress

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

    @work(thread=True, exclusive=True, group="load", exit_on_error=False)
    def load_articles(self) -> None:
        from briefing.ingest.inputs import InputError, load_tasks
        from briefing.run.loading import load_listed

        limits = self.settings.limits
        plan_dir = self.settings.plan_path.parent if self.settings.plan_path else Path.cwd()
        planned, refused = self._plan_tasks(plan_dir)
        try:
            tasks = planned or self._with_plan_ids(
                load_tasks(self.settings.paths, limits=limits), plan_dir
            )
        except InputError as exc:
            self.post_message(LoadFailed(str(exc)))
            return
        from briefing.output.plan import stored_path
        from briefing.tui.editing import plan_inputs_for

        # Sources named as the plan names them, as build --plan does (unless it is the state's).
        if self.settings.plan_path is not None and self.settings.labels_from_plan and not planned:
            tasks = [
                t._replace(label=stored_path(str(t.path), plan_dir)) if t.path else t for t in tasks
            ]
        pooled = (len(tasks) >= POOL_MIN and self.jobs > 1) or any(map(_heavy, tasks))
        loaded = self._load_and_summarize(tasks) if pooled else None
        if get_current_worker().is_cancelled:
            return
        if loaded is None:
            result = load_listed(tasks)
            loaded = list(result.articles), list(result.problems)
        # A refused input stays in the plan (the user may trust it later); it is never read.
        refused_paths = {p.source for p in refused}
        kept = (
            tuple(i for i in self.settings.plan.inputs if i.path in refused_paths)
            if refused
            else ()
        )
        fresh = plan_inputs_for(tasks, loaded[0], plan_dir, limits.max_bytes)
        if self.settings.plan is not None:  # an input that did not load keeps the plan's record
            known = {i.path: i for i in self.settings.plan.inputs}
            fresh = tuple(
                known[i.path]
                if i.path in known and (not i.sha256 or (known[i.path].id and not i.id))
                else i
                for i in fresh
            )
        self.post_message(ArticlesLoaded(loaded[0], [*refused, *loaded[1]], fresh + kept))

    def _with_plan_ids(self, tasks: list, plan_dir: Path) -> list:
        """Inputs given as paths: one the plan lists keeps the id the plan
        knows it by (as in ``build --plan``): a changed file's edits are then
        checked, not lost, and a plan from before ids came from content
        still applies."""
        plan = self.settings.plan
        if plan is None or not plan.inputs:
            return tasks
        from briefing.output.plan import resolved_path

        known = {
            os.path.abspath(resolved_path(i.path, plan_dir)): i.id for i in plan.inputs if i.id
        }
        return [
            t._replace(article_id=known.get(os.path.abspath(t.path), t.article_id)) if t.path else t
            for t in tasks
        ]

    def _plan_tasks(self, plan_dir: Path) -> tuple[list, list[Problem]]:
        """The opened plan's inputs (when no paths are given), under the ids
        the plan gave them (so its edits still point at the right articles),
        and those it may not name (outside its folder, internal hosts),
        listed with why and never read, unless --allow-outside or the plan
        is the user's own (the state folder's)."""
        plan = self.settings.plan
        if plan is None or not plan.inputs or self.settings.paths:
            return [], []
        from briefing.output.plan import plan_tasks

        tasks, refused = plan_tasks(
            plan,
            plan_dir,
            self.settings.limits,
            allow_outside=self.settings.allow_outside or not self.settings.labels_from_plan,
        )
        return [task for _, task in tasks], refused

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
                summaries_of(tasks, self.settings.options, jobs=self.jobs, isolated=True, pool=True)
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
        self.cache.add(summaries, self.settings.options)
        return [s.article for s in summaries], problems

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
