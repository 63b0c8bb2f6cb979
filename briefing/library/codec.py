"""An article as the library keeps it: JSON, every field, read back equal."""

from __future__ import annotations

import json
from typing import Any

from briefing.model import Article, Section, Sentence


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
