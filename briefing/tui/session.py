"""The analyst's session: everything decided about a briefing, without
Textual. The app renders it and changes it only through its methods; it is
tested on its own.

It holds the edits (excluded, pinned, notes, assessment), the articles
chosen and their order, the topics (chosen, the analyst's own, dismissed),
the plan's inputs as recorded, what could not be applied, what the plan
file holds, and the undo history of every change. Opening a plan builds a
session and writes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date

from briefing.compose.anchoring import anchor, lost_message
from briefing.model import Article, Edits, Options, Plan, PlanInput, SentenceRef, with_edit

UNDO_DEPTH = 100


@dataclass(frozen=True)
class Snapshot:
    """What ctrl+z restores."""

    plan: Plan
    order: tuple[str, ...]
    selected: frozenset[str]
    own_topics: tuple[str, ...]
    active_topics: frozenset[str]
    dismissed: frozenset[str]


@dataclass(frozen=True)
class Loaded:
    """What opening found, for the app to say."""

    lost: tuple[str, ...] = ()
    """One line per edit whose sentence is gone from its article."""
    moved: int = 0
    """Edits that followed their sentence to another place."""


def _ref_key(ref: SentenceRef) -> tuple[str, int]:
    return (ref.article, ref.index)


class Session:
    def __init__(self, spec: Plan, from_file: bool) -> None:
        self.spec = spec
        """The briefing as it started: the plan opened, or one made from the
        command line's options (``from_file`` False)."""
        self.from_file = from_file
        self.plan = Plan(
            excluded=spec.excluded,
            pinned=spec.pinned,
            assessment=spec.assessment,
            notes=spec.notes,
            topic_notes=spec.topic_notes,
        )
        """The edits (excluded, pinned, assessment, notes), as applied."""
        self.order: list[str] = list(spec.articles)
        self.selected: set[str] = set()
        self.own_topics: list[str] = list(spec.topics)
        self.active_topics: set[str] = set(spec.topics)
        self.dismissed: set[str] = set(spec.dismissed)
        self.inputs: tuple[PlanInput, ...] = ()
        self.unapplied: tuple[tuple[SentenceRef, ...], tuple[SentenceRef, ...]] = ((), ())
        """(excluded, pinned) edits kept in the plan but not applied."""
        self.written: Plan | None = None
        """The plan as its file holds it (as opened or as last saved)."""
        self._undo: list[Snapshot] = []

    # -- opening ----------------------------------------------------------

    def open(self, articles: Sequence[Article], inputs: Iterable[PlanInput]) -> Loaded:
        """The articles are loaded: what the plan chose is chosen (nothing
        more; an article that did not load keeps its place and its choice),
        its edits follow their sentences' text."""
        self.inputs = tuple(inputs)
        loaded_ids = [a.id for a in articles]
        self.selected = set(self.spec.articles) if self.from_file else set(loaded_ids)
        self.order = self.order + [i for i in loaded_ids if i not in self.order]
        if not self.from_file:
            return Loaded()
        found = anchor(self.plan.excluded, self.plan.pinned, {a.id: a for a in articles})
        kept = found.lost + found.absent
        was_excluded = set(self.plan.excluded)
        self.unapplied = (
            tuple(r for r in kept if r in was_excluded),
            tuple(r for r in kept if r not in was_excluded),
        )
        self.plan = replace(self.plan, excluded=found.excluded, pinned=found.pinned)
        return Loaded(tuple(lost_message(r) for r in found.lost), found.moved)

    # -- what it amounts to -------------------------------------------------

    def edits(self) -> Edits:
        return self.plan.edits()

    def ordered(self, articles: Sequence[Article]) -> list[Article]:
        """``articles`` in the briefing's order (the analyst's, else as loaded)."""
        rank = {article_id: n for n, article_id in enumerate(self.order)}
        return sorted(articles, key=lambda a: rank.get(a.id, len(rank)))

    def chosen_topics(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(t for t in self.own_topics if t in self.active_topics))

    def to_plan(
        self,
        *,
        title: str,
        marking: str,
        day: date | None,
        options: Options,
        key_points: int,
        stories: bool,
    ) -> Plan:
        """Everything decided, as the plan file records it; the fields the
        app's options hold are given (title, marking, day, options, key
        points, stories); the rest (``topic_sentences``, not shown) stay as the
        briefing started."""
        lost_excluded, lost_pinned = self.unapplied
        return replace(
            self.plan,
            excluded=tuple(sorted({*self.plan.excluded, *lost_excluded}, key=_ref_key)),
            pinned=tuple(sorted({*self.plan.pinned, *lost_pinned}, key=_ref_key)),
            inputs=self.inputs,
            articles=tuple(i for i in self.order if i in self.selected),
            topics=self.chosen_topics(),
            title=title,
            marking=marking,
            day=day,
            options=options,
            topic_sentences=self.spec.topic_sentences,
            key_points=key_points,
            from_library=self.spec.from_library,
            stories=stories,
            dismissed=tuple(sorted(self.dismissed)),
        )

    def needs_saving(self, plan: Plan) -> bool:
        return plan != self.written

    def saved(self, plan: Plan | None) -> None:
        """The plan file now holds ``plan`` (None: nothing, or not known)."""
        self.written = plan

    # -- changes (each can be undone) ----------------------------------------

    def _snapshot(self) -> Snapshot:
        return Snapshot(
            self.plan,
            tuple(self.order),
            frozenset(self.selected),
            tuple(self.own_topics),
            frozenset(self.active_topics),
            frozenset(self.dismissed),
        )

    def remember(self) -> None:
        self._undo.append(self._snapshot())
        del self._undo[:-UNDO_DEPTH]

    def undo(self) -> bool:
        """Take back the last change; False when there is none."""
        if not self._undo:
            return False
        last = self._undo.pop()
        self.plan, self.order, self.selected = last.plan, list(last.order), set(last.selected)
        self.own_topics, self.active_topics = list(last.own_topics), set(last.active_topics)
        self.dismissed = set(last.dismissed)
        return True

    def toggle_edit(self, kind: str, ref: SentenceRef) -> str:
        """Exclude/restore or pin/unpin a sentence; the message to show."""
        was = any(_ref_key(r) == _ref_key(ref) for r in getattr(self.plan, kind))
        self.remember()
        self.plan = with_edit(self.plan, kind, ref)
        verb = {
            ("excluded", False): "Excluded",
            ("excluded", True): "Restored",
            ("pinned", False): "Pinned",
            ("pinned", True): "Unpinned",
        }[(kind, was)]
        return f"{verb} sentence {ref.index + 1}."

    def set_note(self, article_id: str, text: str) -> None:
        self.remember()
        notes = {**dict(self.plan.notes), article_id: text}
        self.plan = replace(
            self.plan, notes=tuple(sorted((a, n) for a, n in notes.items() if n.strip()))
        )

    def set_topic_note(self, topic: str, text: str) -> None:
        self.remember()
        notes = {**dict(self.plan.topic_notes), topic: text}
        self.plan = replace(
            self.plan, topic_notes=tuple(sorted((t, n) for t, n in notes.items() if n.strip()))
        )

    def set_assessment(self, text: str) -> None:
        self.remember()
        self.plan = replace(self.plan, assessment=text.strip())

    def move(self, article_id: str, step: int, shown: Sequence[str]) -> int | None:
        """Move an article ``step`` places in the briefing's order (among
        ``shown``, the loaded articles in order); its new place, or None."""
        order = list(shown)
        if article_id not in order:
            return None
        at = order.index(article_id)
        to = max(0, min(len(order) - 1, at + step))
        if to == at:
            return None
        self.remember()
        order.insert(to, order.pop(at))
        self.order = order + [i for i in self.order if i not in order]
        return to

    def choose(self, now: set[str]) -> bool:
        """The articles chosen are now ``now``; False if nothing changed."""
        if now == self.selected:
            return False
        self.remember()
        self.selected = set(now)
        return True

    def choose_topics(self, now: set[str]) -> bool:
        """The topics chosen are now ``now``: a suggestion once chosen is the
        analyst's own, listed whatever the suggestions do next."""
        if now == self.active_topics:
            return False
        self.remember()
        for topic in sorted(now - self.active_topics):
            if topic not in self.own_topics:
                self.own_topics.append(topic)
        self.active_topics = set(now)
        return True

    def add_topic(self, typed: str, listed: Iterable[str]) -> str | None:
        """A topic of one's own, chosen; one typed in another case is the one
        listed ("mi5" is "MI5"). The topic, or None for nothing typed."""
        topic = " ".join(typed.split())
        if not topic:
            return None
        topic = next((t for t in listed if t.lower() == topic.lower()), topic)
        self.remember()
        if topic not in self.own_topics:
            self.own_topics.append(topic)
        self.active_topics.add(topic)
        return topic

    def remove_topic(self, topic: str) -> None:
        """A topic of one's own goes; a suggestion is dismissed."""
        self.remember()
        if topic in self.own_topics:
            self.own_topics.remove(topic)
        else:
            self.dismissed.add(topic)
        self.active_topics.discard(topic)
