"""Articles and summaries as the library keeps them: JSON, every field,
read back equal."""

from __future__ import annotations

import json
import threading
from dataclasses import replace
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


def _sentence_from(  # noqa: PLR0913
    article_id: str,
    text: str,
    index: int,
    section: int,
    speaker: str | None,
    joins_next: bool,
    continues: bool,
    leans: bool,
) -> Sentence:
    """A Sentence made without its dataclass ``__init__`` (half the time: a
    library of 10,000 articles holds some 350,000): the same object, equal
    and hashing alike (tested in test_library's round trip)."""
    made = object.__new__(Sentence)
    made.__dict__.update(
        text=text,
        article_id=article_id,
        index=index,
        section=section,
        speaker=speaker,
        joins_next=joins_next,
        continues=continues,
        leans=leans,
    )
    return made


def article_from_json(text: str, words: int | None = None) -> Article:
    """The article kept as ``text`` (see :func:`article_json`). Its
    sentences are made when first asked for (:class:`StoredArticle`): a list
    of 10,000 articles needs their titles and ``words`` (given, as the
    library keeps it), not their 350,000 sentences."""
    data = json.loads(text)
    made = object.__new__(StoredArticle)
    made.__dict__.update(
        id=data["id"],
        title=data["title"],
        source=data["source"],
        metadata=dict(data["metadata"]),
        totals=None,
        _kept=data["sections"],
        _lock=threading.Lock(),
    )
    if words is not None:
        made.__dict__["words"] = words  # (Article.words is a cached property: this is its value)
    return made


def _sections(article_id: str, kept: list) -> tuple[Section, ...]:
    return tuple(
        Section(
            heading=section["heading"],
            paragraphs=tuple(
                tuple(_sentence_from(article_id, *fields) for fields in paragraph)
                for paragraph in section["paragraphs"]
            ),
            subheadings=tuple(section["subheadings"]),
        )
        for section in kept
    )


class _KeptSections:
    """``StoredArticle.sections``: made from the kept JSON on first use,
    once (under the article's lock: two threads asking get the same
    sentences, so ``is`` holds between them)."""

    def __get__(self, article: Article | None, owner: type | None = None) -> Any:
        if article is None:
            return self
        state = article.__dict__
        made = state.get("sections")
        if made is None:
            with state["_lock"]:
                made = state.get("sections")
                if made is None:
                    made = state["sections"] = _sections(state["id"], state.pop("_kept"))
        return made

    def __set__(self, article: Article, value: tuple[Section, ...]) -> None:
        article.__dict__["sections"] = value  # the dataclass __init__ (dataclasses.replace)


class StoredArticle(Article):
    """An Article read from the library; the same in every way (equal to
    and hashing as the Article it was, pickled as a plain Article), except
    that its sections are made when first used."""

    sections = _KeptSections()

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Article):
            return NotImplemented
        return (self.id, self.title, self.source, self.sections, self.totals) == (
            other.id,
            other.title,
            other.source,
            other.sections,
            other.totals,
        )

    __hash__ = Article.__hash__

    def __reduce__(self) -> tuple[Any, ...]:
        return (
            Article,
            (self.id, self.title, self.source, self.sections, self.metadata, self.totals),
        )


def with_metadata(article: Article, metadata: dict[str, str]) -> Article:
    """``article`` with other metadata; a stored one keeps its sections
    unmade."""
    state = article.__dict__
    if isinstance(article, StoredArticle) and "_kept" in state:
        made = object.__new__(StoredArticle)
        made.__dict__.update(state, metadata=metadata, _lock=threading.Lock())
        return made
    return replace(article, metadata=metadata)


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
