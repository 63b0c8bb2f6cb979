"""The briefing as plain text, wrapped at 72 columns, for pasting into
anything: the same sections as the Markdown (marking, title, date,
assessment, key points, topics, articles, sources), no markup; citations as
[n]; the analyst's words under their label."""

from __future__ import annotations

import textwrap
from typing import Any

from briefing.model import Briefing
from briefing.output.render import (
    LOOSE_NOTE,
    article_meta,
    story_meta,
    timeline_line,
    briefing_data,
    paragraphs,
    speaker_name,
)
from briefing.printable import printable

WIDTH = 72
ANALYST = "Analyst comment (the analyst's own words, not from the sources):"


def render_text(briefing: Briefing) -> str:
    data = briefing_data(briefing)
    out: list[str] = []

    def para(text: str, first: str = "", rest: str = "") -> None:
        out.extend(_wrap(text, first, rest))
        out.append("")

    def heading(text: str, underline: str) -> None:
        lines = _wrap(text, "", "")
        out.extend([*lines, underline * min(max(map(len, lines)), WIDTH), ""])

    def analyst(text: Any) -> None:
        found = paragraphs(text)
        if found:
            out.append(ANALYST)
            for paragraph in found:
                para(paragraph, "  | ", "  | ")

    if data["marking"]:
        para(data["marking"])
    heading(data["title"], "=")
    para(data["date_long"])
    if paragraphs(data["assessment"]):
        heading("Assessment", "-")
        analyst(data["assessment"])
    if data["key_points"]:
        heading("Key points", "-")
        for s in data["key_points"]:
            para(_cited(s, [s["ref"], *(c["ref"] for c in s["also"])]), "- ", "  ")
    if data["topics"]:
        heading("Topics", "-")
        for topic in data["topics"]:
            heading(topic["name"], "~")
            analyst(topic["analyst_note"])
            for s in topic["sentences"]:
                para(_cited(s, [s["ref"], *(c["ref"] for c in s["also"])]), "- ", "  ")
            if not topic["sentences"]:
                para("(No sentence in the selected articles matches this topic.)")
    if data["stories"]:
        heading("Stories", "-")
        for story in data["stories"]:
            heading(f"{story['headline']} [{story['headline_ref']}]", "~")
            para(_flat(story_meta(story)))
            for s in story["sentences"]:
                para(_cited(s, [s["ref"], *(c["ref"] for c in s["also"])]), "- ", "  ")
            for article in data["articles"]:
                if article["story"] == story["id"]:
                    analyst(article["analyst_note"])
            para("Timeline:")
            for entry in story["timeline"]:
                stated = " (date stated in the text)" if entry["date_from"] == "text" else ""
                para(f"{_flat(timeline_line(entry))} [{entry['ref']}]{stated}", "- ", "  ")
    alone = [a for a in data["articles"] if not a["story"]]
    if alone:
        heading("Articles", "-")
    for article in alone:
        heading(f"[{article['number']}] {article['title']}", "~")
        para(" · ".join(_flat(part) for part in article_meta(article)))
        analyst(article["analyst_note"])
        if article["loose"]:
            para(f"({LOOSE_NOTE.strip('*')})")
        for section in article["sections"]:
            if len(article["sections"]) > 1 and section["heading"] not in (
                None,
                "",
                article["title"],
            ):
                para(section["heading"].upper())
            shown = section["sentences"]
            for n, s in enumerate(shown):
                following = shown[n + 1] if n + 1 < len(shown) else None
                para(_cited(s, [article["number"]], following))
    heading("Sources", "-")
    for article in data["articles"]:
        parts = [article["title"], article["publisher"], article["published"]]
        line = ", ".join(_flat(p) for p in parts if p) + f". {_flat(article['source'])}"
        if article["url"]:
            line += f" {_flat(article['url'])}"
        number = f"{article['number']}. "
        para(line, number, " " * len(number))
    para(f"Made by {data['generator']}: every sentence above is quoted from its source.")
    if data["marking"]:
        para(data["marking"])
    return printable("\n".join(out).rstrip("\n")) + "\n"


def _cited(s: dict[str, Any], refs: list[int], following: Any = None) -> str:
    speaker = speaker_name(s, following)
    cites = " ".join(f"[{r}]" for r in dict.fromkeys(refs))
    return f"{s['text']}{f' — {speaker}' if speaker else ''} {cites}"


def _flat(text: object) -> str:
    return " ".join(str(text).split())


def _wrap(text: str, first: str, rest: str) -> list[str]:
    """Words wrapped at :data:`WIDTH`; a word longer than a line (a URL) is
    never broken, it runs over."""
    return textwrap.wrap(
        _flat(text),
        WIDTH,
        initial_indent=first,
        subsequent_indent=rest,
        break_long_words=False,
        break_on_hyphens=False,
    ) or [first.rstrip()]
