"""Articles and summaries as the library keeps them: JSON, every field,
read back equal."""

from __future__ import annotations

import json
from typing import Any

from briefing.model import Article, Section, SectionSummary, Sentence, Summary


def article_json(article: Article) -> str:
    return json.dumps(
        {
            "id": article.id,
            "title": article.title,
            "source": article.source,
            "metadata": article.metadata,
            "sections": [
                {
                    "heading": section.heading,
                    "subheadings": list(section.subheadings),
                    "paragraphs": [[_sentence(s) for s in p] for p in section.paragraphs],
                }
                for section in article.sections
            ],
        },
        ensure_ascii=False,
        separators=(",", ":"),
    )


def _sentence(s: Sentence) -> list[Any]:
    return [s.text, s.index, s.section, s.speaker, s.joins_next, s.continues, s.leans]


def article_from_json(text: str) -> Article:
    data = json.loads(text)
    article_id = data["id"]
    sections = tuple(
        Section(
            heading=section["heading"],
            paragraphs=tuple(
                tuple(
                    Sentence(t, article_id, i, sec, speaker, joins, continues, leans)
                    for t, i, sec, speaker, joins, continues, leans in paragraph
                )
                for paragraph in section["paragraphs"]
            ),
            subheadings=tuple(section["subheadings"]),
        )
        for section in data["sections"]
    )
    return Article(
        id=article_id,
        title=data["title"],
        source=data["source"],
        sections=sections,
        metadata=dict(data["metadata"]),
    )


SUMMARY_FORMAT = 1
"""Bumped when the way a summary is kept changes."""


def summary_json(summary: Summary) -> str:
    """A summary as the library keeps it: its article's sentences by index."""
    return json.dumps(
        {
            "format": SUMMARY_FORMAT,
            "algorithm": summary.algorithm,
            "sections": [
                [
                    sec.heading,
                    [s.index for s in sec.sentences],
                    [s.index for s in sec.best_first],
                    sorted(sec.context),
                    sorted(sec.pinned),
                    sorted(sec.loose),
                ]
                for sec in summary.sections
            ],
        },
        ensure_ascii=False,
        separators=(",", ":"),
    )


def summary_from_json(text: str, article: Article) -> Summary | None:
    """The kept summary of ``article``, or None if it does not fit the
    article (another format, or a sentence it no longer has)."""
    data = json.loads(text)
    if data.get("format") != SUMMARY_FORMAT:
        return None
    by_index = {s.index: s for s in article.sentences}
    try:
        sections = tuple(
            SectionSummary(
                heading=heading,
                sentences=tuple(by_index[i] for i in shown),
                best_first=tuple(by_index[i] for i in best),
                context=frozenset(context),
                pinned=frozenset(pinned),
                loose=frozenset(loose),
            )
            for heading, shown, best, context, pinned, loose in data["sections"]
        )
    except (KeyError, ValueError, TypeError):
        return None
    return Summary(article=article, sections=sections, algorithm=data["algorithm"])
