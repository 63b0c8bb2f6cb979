"""``briefing check``: the readability check on a briefing's JSON.

The JSON (``build`` or ``summarize --format json``) says what is shown; each
article's source is read again so that the check knows every sentence
around the shown ones (units, what a sentence leans on, speakers). A source
that cannot be read again, or that changed since (its sentence at the cited
index differs), is judged from the JSON alone, with a warning.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from briefing.model import Article, Sentence
from briefing.nlp.attribution import leans, quote_states
from briefing.summarizers.coherence import Finding, check


class CheckInputError(ValueError):
    """The JSON is not a briefing or summaries document."""


@dataclass(frozen=True)
class CheckResult:
    findings: tuple[Finding, ...]
    shown: int


def articles_of(data: object) -> list[dict[str, Any]]:
    if not isinstance(data, dict) or not isinstance(data.get("articles"), list):
        raise CheckInputError(
            "not the JSON of 'briefing build' or 'briefing summarize' (no \"articles\" list)"
        )
    articles = [a for a in data["articles"] if isinstance(a, dict) and isinstance(a.get("id"), str)]
    if not articles:
        raise CheckInputError("the JSON lists no articles")
    return articles


def check_data(
    data: dict[str, Any],
    sources: Mapping[str, Article | None],
    warn: Callable[[str], None] = lambda message: None,
) -> CheckResult:
    """Check what ``data`` shows. ``sources`` maps an article id to the
    article read again from its source (None when it could not be read)."""
    entries = articles_of(data)
    every: dict[str, Sequence[Sentence]] = {}
    for entry in entries:
        article = sources.get(entry["id"])
        shown = _shown(entry)
        if article is not None and _same(article, shown):
            every[entry["id"]] = article.sentences
        else:
            if article is not None:
                warn(
                    f"{entry.get('source')}: changed since the briefing was made; judged from the JSON alone"
                )
            every[entry["id"]] = _from_json(entry["id"], shown)

    speakers = _has_speakers(entries)
    by_id = {aid: {s.index: s for s in sentences} for aid, sentences in every.items()}

    def sentence(aid: object, item: object) -> Sentence | None:
        if (
            not isinstance(aid, str)
            or not isinstance(item, dict)
            or not isinstance(item.get("index"), int)
        ):
            return None
        return by_id.get(aid, {}).get(item["index"])

    groups: list[tuple[str, Sequence[Sentence]]] = []
    for point in _list(data.get("key_points")):
        if (s := sentence(point.get("article"), point)) is not None:
            groups.append(("key points", (s,)))
    for topic in _list(data.get("topics")):
        for item in _list(topic.get("sentences")):
            if (s := sentence(item.get("article"), item)) is not None:
                groups.append((f"topic: {topic.get('name')}", (s,)))
    for entry in entries:
        aid = entry["id"]
        for section in _list(entry.get("sections")) or [{"sentences": entry.get("sentences")}]:
            run = [
                s
                for item in _list(section.get("sentences"))
                if (s := sentence(aid, item)) is not None
            ]
            if run:
                groups.append(("summary", run))
    findings = check(groups, every, speakers_shown=speakers)
    return CheckResult(tuple(findings), sum(len(g) for _, g in groups))


def _list(value: object) -> list[dict[str, Any]]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _shown(entry: dict[str, Any]) -> list[tuple[int, str]]:
    return [
        (s["index"], s["text"])
        for s in _list(entry.get("sentences"))
        if isinstance(s.get("index"), int) and isinstance(s.get("text"), str)
    ]


def _same(article: Article, shown: list[tuple[int, str]]) -> bool:
    by_index = {s.index: s.text for s in article.sentences}
    return all(by_index.get(i) == text for i, text in shown)


def _has_speakers(entries: list[dict[str, Any]]) -> bool:
    """Output made since speakers exist carries a "speaker" on every sentence."""
    return any("speaker" in s for a in entries for s in _list(a.get("sentences")))


def _from_json(article_id: str, shown: list[tuple[int, str]]) -> list[Sentence]:
    """Sentences judged from their own text only: leaning, a closing colon,
    an open quotation (joined to the next index)."""
    shown = sorted(dict(shown).items())
    states = quote_states([[text] for _, text in shown])
    sentences, joined = [], False
    for (index, text), ((start, end),) in zip(shown, states):
        joins = text.rstrip().endswith(":") or end
        sentences.append(
            Sentence(
                text,
                article_id,
                index,
                joins_next=joins,
                continues=joined or start,
                leans=leans(text),
            )
        )
        joined = joins
    return sentences
