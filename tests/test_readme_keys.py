"""README's keys table matches the app (issue 19): every key bound in the
app and its panes is in the table, and every key in the table is bound
(or is one of Textual's own: space, click, ctrl+p, ctrl+q)."""

from __future__ import annotations

import re
from pathlib import Path

from briefing.tui.app import BriefingApp
from briefing.tui.widgets.article_list import ArticleList
from briefing.tui.widgets.article_view import ArticleView
from briefing.tui.widgets.topic_list import TopicList

README = Path(__file__).resolve().parents[1] / "README.md"
SHOWN = {
    "question_mark": "?",
    "slash": "/",
    "f1": "F1",
    "up": "↑",
    "down": "↓",
    "shift+up": "shift+↑",
    "shift+down": "shift+↓",
}
TEXTUAL_OWN = {"space", "click", "ctrl+p", "ctrl+q"}


def bound() -> set[str]:
    keys: set[str] = set()
    for holder in (BriefingApp, ArticleList, ArticleView, TopicList):
        for binding in holder.BINDINGS:
            for key in binding.key.split(","):
                keys.add(SHOWN.get(key.strip(), key.strip()))
    return keys


def in_table() -> set[str]:
    text = README.read_text(encoding="utf-8")
    table = text[text.index("| key | what it does |") :]
    table = table[: table.index("\n\n")]
    first_cells = [row.split("|")[1] for row in table.splitlines()[2:]]
    return {k for cell in first_cells for k in re.findall(r"`([^`]+)`", cell)}


def test_every_bound_key_is_in_the_readme():
    assert bound() - in_table() == set()


def test_every_key_in_the_readme_is_bound():
    assert in_table() - bound() - TEXTUAL_OWN == set()
