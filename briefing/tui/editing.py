"""The analyst's hand: the plan the app keeps (choices and edits), the
edits themselves (exclude, pin, notes, the assessment, article order),
undo, and saving the plan as it changes."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from briefing.model import Article, Edits, Plan, PlanInput, SentenceRef, with_edit
from briefing.output.plan import write_plan
from briefing.tui.screens.note import NoteScreen
from briefing.tui.widgets.article_list import ArticleList
from briefing.tui.widgets.article_view import ArticleView

UNDO_DEPTH = 100


class EditingMixin:
    """Mixed into the app: needs ``settings``, ``articles``, ``selected``,
    ``current_request``, ``schedule_refresh`` and the article widgets."""

    plan: Plan = Plan()
    """The edits part of the plan (excluded, pinned, assessment, notes)."""
    order: list[str]
    plan_inputs: tuple[PlanInput, ...] = ()
    _undo: list[tuple]
    """Snapshots of everything the analyst decides (see :meth:`_snapshot`)."""
    _hold_save = False
    """While the last session's plan is offered, nothing overwrites it."""
    _written: Plan | None = None
    """The plan as the file holds it (as opened, or as last saved): the file
    is written only when what the analyst decided differs from it, so
    opening a plan (and closing it untouched) never writes."""
    unapplied: tuple[tuple, tuple] = ((), ())
    """(excluded, pinned) edits kept in the plan but not applied: their
    sentence's text is no longer in the article, or the article did not load."""

    # -- state ----------------------------------------------------------------

    def edits(self) -> Edits:
        return self.plan.edits()

    def ordered(self, articles: list[Article]) -> list[Article]:
        """``articles`` in the briefing's order (the analyst's, else as loaded)."""
        rank = {article_id: n for n, article_id in enumerate(self.order)}
        return sorted(articles, key=lambda a: rank.get(a.id, len(rank)))

    def current_plan(self) -> Plan:
        """Everything decided so far, as the plan file records it (chosen
        articles that did not load, and edits that could not be applied,
        included: only the analyst removes them)."""
        request = self.current_request()
        chosen = [i for i in self.order if i in self.selected]
        lost_excluded, lost_pinned = self.unapplied
        return replace(
            self.plan,
            excluded=tuple(sorted({*self.plan.excluded, *lost_excluded}, key=_ref_key)),
            pinned=tuple(sorted({*self.plan.pinned, *lost_pinned}, key=_ref_key)),
            inputs=self.plan_inputs,
            articles=tuple(chosen),
            topics=request.topics,
            title=request.title or "",
            marking=request.marking or "",
            day=request.today,
            options=request.options,
            topic_sentences=request.topic_sentences,
            key_points=request.key_points,
        )

    not_saved: str | None = None
    """Why the plan is not being saved (a read-only file or folder), or None."""

    def unsaved(self) -> bool:
        """Decisions the plan file does not hold."""
        return getattr(self, "loaded", False) and self.current_plan() != self._written

    def save_plan(self) -> None:
        path = self.settings.plan_path
        if path is None or not getattr(self, "loaded", False) or self._hold_save:
            return
        from briefing.output.write import OutputError

        plan = self.current_plan()
        if plan == self._written:
            return  # nothing decided since the file was opened or saved
        if path.exists() and not os.access(path, os.W_OK):
            # Replacing it would succeed (the folder is writable): a read-only plan is kept.
            self._not_saving(f"{path} is read-only")
            return
        try:
            write_plan(path, plan)
        except OutputError as exc:
            self._not_saving(str(exc))
            return
        self._written = plan
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
            note.update("The briefing as it will be exported")
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
            self._written = None
            self.not_saved = None
            self.save_plan()
            if self.not_saved is None:
                self._show_saving()
                self.notify(f"The plan is saved to {path}.", timeout=5)

        self.push_screen(PlanAsScreen(folder, name, self.not_saved or "—"), chosen)

    async def action_quit(self) -> None:
        """ctrl+q: asks first when decisions would be lost (the plan could not be saved)."""
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

    def _snapshot(self) -> tuple:
        """Everything ctrl+z can take back: edits, order, the chosen
        articles, the topics (chosen, the user's own, dismissed)."""
        return (
            self.plan,
            list(self.order),
            frozenset(self.selected),
            list(self.own_topics),
            frozenset(self.active_topics),
            frozenset(self.dismissed),
        )

    def remember(self) -> None:
        """Called before any change the analyst makes, so it can be undone."""
        self._undo.append(self._snapshot())
        del self._undo[:-UNDO_DEPTH]

    def _change(
        self, plan: Plan | None = None, order: list[str] | None = None, message: str = ""
    ) -> None:
        self.remember()
        self.plan = plan if plan is not None else self.plan
        self.order = order if order is not None else self.order
        if message:
            self.notify(message, timeout=3)
        self.schedule_refresh(0)

    # -- edits ----------------------------------------------------------------

    def on_article_view_edit(self, event: ArticleView.Edit) -> None:
        """x or p on the Article tab (a handler by name: mixins get no @on)."""
        s = event.sentence
        ref = SentenceRef(s.article_id, s.index, s.text)
        was = any(
            (r.article, r.index) == (s.article_id, s.index) for r in getattr(self.plan, event.kind)
        )
        verb = {
            ("excluded", False): "Excluded",
            ("excluded", True): "Restored",
            ("pinned", False): "Pinned",
            ("pinned", True): "Unpinned",
        }[(event.kind, was)]
        self._change(
            with_edit(self.plan, event.kind, ref), message=f"{verb} sentence {s.index + 1}."
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
                notes = tuple(sorted({**dict(self.plan.notes), article.id: text}.items()))
                self._change(
                    replace(self.plan, notes=tuple((a, n) for a, n in notes if n.strip())),
                    message="Note saved.",
                )

        self.push_screen(NoteScreen(f"Note on: {article.title}", current), done)

    def _topic_note(self, topic: str) -> None:
        current = dict(self.plan.topic_notes).get(topic, "")

        def done(text: str | None) -> None:
            if text is not None and text != current:
                notes = {**dict(self.plan.topic_notes), topic: text}
                self._change(
                    replace(
                        self.plan,
                        topic_notes=tuple(sorted((t, n) for t, n in notes.items() if n.strip())),
                    ),
                    message="Topic note saved.",
                )

        self.push_screen(NoteScreen(f"Note on the topic: {topic}", current), done)

    def action_assessment(self) -> None:
        current = self.plan.assessment

        def done(text: str | None) -> None:
            if text is not None and text != current:
                self._change(
                    replace(self.plan, assessment=text.strip()), message="Assessment saved."
                )

        self.push_screen(NoteScreen("Overall assessment (opens the briefing)", current), done)

    def action_move_article(self, step: int) -> None:
        article = self._highlighted_article()
        if article is None:
            return
        order = [a.id for a in self.ordered(list(self.articles))]
        at = order.index(article.id)
        to = max(0, min(len(order) - 1, at + step))
        if to != at:
            order.insert(to, order.pop(at))
            self._change(order=order, message=f"Moved to position {to + 1}.")
            self._show_articles()
            self.query_one(ArticleList).highlight_id(article.id)

    def action_undo(self) -> None:
        if not self._undo:
            self.notify("Nothing to undo.", timeout=3)
            return
        plan, order, selected, own, active, dismissed = self._undo.pop()
        self.plan, self.order, self.selected = plan, order, set(selected)
        self.own_topics, self.active_topics, self.dismissed = own, set(active), set(dismissed)
        self._show_articles()
        self._show_topics()
        self.notify("Undone.", timeout=3)
        self.schedule_refresh(0)

    def _highlighted_article(self) -> Article | None:
        listed = self.query_one(ArticleList)
        if listed.highlighted is None:
            return None
        article_id = listed.get_option_at_index(listed.highlighted).value
        return next((a for a in self.articles if a.id == article_id), None)


def _ref_key(ref: SentenceRef) -> tuple[str, int]:
    return (ref.article, ref.index)


def plan_inputs_for(
    tasks,  # noqa: ANN001 - Task (ingest.inputs), imported late
    articles: Sequence[Article],
    plan_dir: Path,
    max_bytes: int,
) -> tuple[PlanInput, ...]:
    """Each loaded input as the plan records it: path (relative to the plan's
    folder when under it), content hash, and the id of its article (none for
    a feed or mailbox: its entries are known by their content ids)."""
    import hashlib

    from briefing.output.plan import sha256_of, stored_path

    ids = {a.source: a.id for a in articles}
    found = []
    for task in tasks:
        if task.path is None:  # standard input ("-"), or a URL (fetched again on rebuilding)
            digest = hashlib.sha256(task.data or b"").hexdigest()
            found.append(PlanInput(task.label, ids.get(task.label, ""), digest))
            continue
        try:
            digest = sha256_of(task.path, max_bytes)
        except (OSError, ValueError):
            digest = ""
        found.append(
            PlanInput(stored_path(str(task.path), plan_dir), ids.get(task.label, ""), digest)
        )
    return tuple(found)
