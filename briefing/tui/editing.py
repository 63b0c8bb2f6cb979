"""The analyst's hand: the plan the app keeps (choices and edits), the
edits themselves (exclude, pin, notes, the assessment, article order),
undo, and saving the plan as it changes."""

from __future__ import annotations

import os
import threading
from dataclasses import replace
from pathlib import Path

from textual import work

from briefing.model import Article, Edits, Plan, SentenceRef
from briefing.output.plan import write_plan
from briefing.tui.messages import PlanWritten
from briefing.tui.screens.note import NoteScreen
from briefing.tui.session import Session
from briefing.tui.widgets.article_list import ArticleList
from briefing.tui.widgets.article_view import ArticleView


PREVIEW_NOTE = "As it will be exported"
"""Above the preview (short: it shares its line with the Export button at 80 columns)."""


class EditingMixin:
    """Mixed into the app: the analyst's hand over the :class:`Session` (the
    app's ``session``): the keys and dialogs that change it, undo, and
    saving the plan as it changes. Needs ``settings``, ``articles``,
    ``current_request``, ``schedule_refresh`` and the article widgets."""

    session: Session
    _hold_save = False
    """While the last session's plan is offered, nothing overwrites it."""

    # -- the session's state, read where the widgets need it -----------------
    # (properties: only the session's methods change it)

    @property
    def plan(self) -> Plan:
        """The edits part of the plan (excluded, pinned, assessment, notes)."""
        return self.session.plan

    @property
    def order(self) -> list[str]:
        return self.session.order

    @property
    def selected(self) -> set[str]:
        return self.session.selected

    @property
    def own_topics(self) -> list[str]:
        return self.session.own_topics

    @property
    def active_topics(self) -> set[str]:
        return self.session.active_topics

    @property
    def dismissed(self) -> set[str]:
        return self.session.dismissed

    @property
    def unapplied(self) -> tuple:
        return self.session.unapplied

    def edits(self) -> Edits:
        return self.session.edits()

    def ordered(self, articles: list[Article]) -> list[Article]:
        """``articles`` in the briefing's order (the analyst's, else as loaded)."""
        return self.session.ordered(articles)

    def current_plan(self) -> Plan:
        """Everything decided so far, as the plan file records it (chosen
        articles that did not load, and edits that could not be applied,
        included: only the analyst removes them)."""
        from briefing.tui.widgets.options_panel import OptionsPanel

        panel = self.query_one(OptionsPanel)
        options, title, marking, day = panel.values(self.settings.today)
        return self.session.to_plan(
            title=title,
            marking=marking,
            day=day,
            options=options,
            key_points=panel.key_points(),
            stories=panel.stories(),
        )

    not_saved: str | None = None
    """Why the plan is not being saved (a read-only file or folder), or None."""

    def unsaved(self) -> bool:
        """Decisions the plan file does not hold."""
        return getattr(self, "loaded", False) and self.session.needs_saving(self.current_plan())

    def save_plan(self, *, now: bool = False) -> None:
        """Save the plan if anything was decided since it was last saved: in
        a worker thread (with thousands of inputs, writing it takes a good
        part of a second), or ``now``, before quitting or when saving it
        elsewhere. Writes happen one at a time, and a write that a newer one
        follows is skipped: the file always ends as the last change."""
        path = self.settings.plan_path
        if path is None or not getattr(self, "loaded", False) or self._hold_save:
            return
        plan = self.current_plan()
        if not self.session.needs_saving(plan) or (path, plan) == self._saving:
            return  # nothing decided since the file was opened or saved (or being saved)
        self._saving = (path, plan)
        self._save_generation += 1
        if now:
            self.on_plan_written(PlanWritten(path, plan, self._write(path, plan, None)))
        else:
            self._write_in_background(path, plan, self._save_generation)

    _saving: tuple[Path, Plan] | None = None
    """The plan last handed to be written (and where), until written."""
    _save_generation = 0
    """Counts the saves asked for (on the app's thread); a worker whose save
    is no longer the last one asked for writes nothing."""
    _save_lock: threading.Lock
    """Held while the plan is written (made by the app, one per app)."""

    @work(thread=True, group="save", exit_on_error=False, description="save the plan")
    def _write_in_background(self, path: Path, plan: Plan, generation: int) -> None:
        why = self._write(path, plan, generation)
        if why != "superseded":
            self.post_message(PlanWritten(path, plan, why))

    def _write(self, path: Path, plan: Plan, generation: int | None) -> str | None:
        """Write ``plan`` to ``path``: None when written, else why not
        ("superseded": a newer save was asked for, which will write)."""
        from briefing.output.write import OutputError

        with self._save_lock:
            if generation is not None and generation != self._save_generation:
                return "superseded"
            if path.exists() and not os.access(path, os.W_OK):
                # Replacing it would succeed (the folder is writable): a read-only plan is kept.
                return f"{path} is read-only"
            try:
                write_plan(path, plan)
            except OutputError as exc:
                return str(exc)
        return None

    def on_plan_written(self, message: PlanWritten) -> None:
        """A save finished (on the app's thread): the session learns what
        the file holds, or the user learns it is not being saved."""
        if (message.path, message.plan) == self._saving:
            self._saving = None
        if message.path != self.settings.plan_path:
            return  # saved where the plan used to be kept
        if message.why is not None:
            self._not_saving(message.why)
            return
        self.session.saved(message.plan)
        if self.not_saved is not None:
            self.not_saved = None
            self._show_saving()

    def _not_saving(self, why: str) -> None:
        """Said at once and kept in sight: the plan is not being saved."""
        if self.not_saved is None:
            self.notify(
                f"The plan is NOT being saved: {why}. Save it elsewhere with S "
                "(or ctrl+p, 'Save plan as').",
                severity="error",
                timeout=15,
            )
        self.not_saved = why
        self._show_saving()

    def _show_saving(self) -> None:
        from textual.widgets import Static

        note = self.query_one("#preview-note", Static)
        if self.not_saved is None:
            note.update(PREVIEW_NOTE)
        else:
            note.update("⚠ Plan NOT saved (S: save as)")

    def action_save_plan_as(self) -> None:
        """S: save the plan under another name, and keep saving it there."""
        from briefing.tui.screens.plan_as import PlanAsScreen

        current = self.settings.plan_path
        folder = current.parent if current is not None else self.settings.export_dir
        name = current.name if current is not None else "plan.toml"

        def chosen(path: Path | None) -> None:
            if path is None:
                return
            self.settings = replace(self.settings, plan_path=path)
            self.session.saved(None)
            self.not_saved = None
            self.save_plan(now=True)
            if self.not_saved is None:
                self._show_saving()
                self.notify(f"The plan is saved to {path}.", timeout=5)

        self.push_screen(PlanAsScreen(folder, name, self.not_saved or "—"), chosen)

    async def action_quit(self) -> None:
        """ctrl+q: asks first when decisions would be lost (the plan could not be saved)."""
        self.finish_saving()
        if self.not_saved is None or not self.unsaved():
            self.exit()
            return
        from briefing.tui.screens.export import ConfirmScreen

        def answered(yes: bool | None) -> None:
            if yes:
                self.exit(return_code=1)

        self.push_screen(
            ConfirmScreen(
                f"The plan is not saved ({self.not_saved}). Quit and lose these changes? "
                "(S saves it elsewhere)",
                yes="Quit",
                no="Stay",
            ),
            answered,
        )

    def terminate(self) -> None:
        """SIGTERM: what is still waiting is saved (as quitting saves it),
        then the app closes with 143."""
        try:
            self.finish_saving()
        finally:
            self.exit(return_code=143)

    def finish_saving(self) -> None:
        """Before quitting: what is still waiting (a pause in typing, a save
        in a worker) is saved now."""
        if self.refresh_pending:
            self.schedule_refresh(0)
        self._saving = None  # a write in flight is redone here, after it
        self.save_plan(now=True)

    def changed(self, message: str = "") -> None:
        """After a change to the session: say so, and rebuild the briefing."""
        if message:
            self.notify(message, timeout=3)
        self.schedule_refresh(0)

    # -- edits ----------------------------------------------------------------

    def on_article_view_edit(self, event: ArticleView.Edit) -> None:
        """x or p on the Article tab (a handler by name: mixins get no @on)."""
        s = event.sentence
        self.changed(
            self.session.toggle_edit(event.kind, SentenceRef(s.article_id, s.index, s.text))
        )

    def action_note(self) -> None:
        """c: a note on the highlighted topic (in the topic list) or article."""
        from briefing.tui.widgets.topic_list import TopicList

        topics = self.query_one(TopicList)
        if self.focused is topics and topics.highlighted is not None:
            self._topic_note(topics.get_option_at_index(topics.highlighted).value)
            return
        article = self._highlighted_article()
        if article is None:
            return
        current = dict(self.plan.notes).get(article.id, "")

        def done(text: str | None) -> None:
            if text is not None and text != current:
                self.session.set_note(article.id, text)
                self.changed("Note saved.")

        self.push_screen(NoteScreen(f"Note on: {article.title}", current), done)

    def _topic_note(self, topic: str) -> None:
        current = dict(self.plan.topic_notes).get(topic, "")

        def done(text: str | None) -> None:
            if text is not None and text != current:
                self.session.set_topic_note(topic, text)
                self.changed("Topic note saved.")

        self.push_screen(NoteScreen(f"Note on the topic: {topic}", current), done)

    def action_assessment(self) -> None:
        current = self.plan.assessment

        def done(text: str | None) -> None:
            if text is not None and text != current:
                self.session.set_assessment(text)
                self.changed("Assessment saved.")

        self.push_screen(NoteScreen("Overall assessment (opens the briefing)", current), done)

    def action_move_article(self, step: int) -> None:
        article = self._highlighted_article()
        if article is None:
            return
        shown = [a.id for a in self.ordered(list(self.articles))]
        to = self.session.move(article.id, step, shown)
        if to is not None:
            self.changed(f"Moved to position {to + 1}.")
            self._show_articles()
            self.query_one(ArticleList).highlight_id(article.id)

    def action_undo(self) -> None:
        if not self.session.undo():
            self.notify("Nothing to undo.", timeout=3)
            return
        self._show_articles()
        self._show_topics()
        self.changed("Undone.")

    def _highlighted_article(self) -> Article | None:
        listed = self.query_one(ArticleList)
        if listed.highlighted is None:
            return None
        article_id = listed.get_option_at_index(listed.highlighted).value
        return next((a for a in self.articles if a.id == article_id), None)
