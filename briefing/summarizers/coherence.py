"""Sentences that stand on their own: the readability check, and the
selection that respects units and adds context.

A sentence shown in a briefing misleads when read alone if it is

- **lost speaker**: quoted or first-person words with no speaker shown and
  none named in the sentence or just before it;
- **half quotation**: part of a quotation that runs over several sentences,
  shown without the rest;
- **dangling colon**: a lead-in ending in ":" without what it introduces;
- **leaning opener**: it opens by leaning on the sentence before ("This
  means...", "But...", "His brother...") and that sentence is not shown
  just before it.

:func:`check` finds these in what a briefing shows; :func:`select` is the
summary's selection that never makes them: a picked sentence comes with the
rest of its unit and, when it leans or lacks its speaker, with the sentence
before it as context (marked so), or it is passed over for the next best.
The rules are case-insensitive, so they hold on lower-case text too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from briefing.model import Briefing, Sentence, Summary
from briefing.nlp.attribution import OPENING_MARKS, first_person, leans_on_speaker, reports

KINDS = ("lost speaker", "half quotation", "dangling colon", "leaning opener")
MAX_UNIT = 4
"""A unit (a quotation over several sentences, a lead-in with its list) is
shown whole only when it holds at most this many sentences, or as many as
the summary asks for if more; a longer one is not chosen."""
MAX_CONTEXT = 2
"""Sentences of context at most before a pick that leans on what came before."""


@dataclass(frozen=True)
class Finding:
    """A shown sentence that would mislead read alone."""

    kind: str
    sentence: Sentence
    where: str
    """Where it is shown: "summary", "key points" or "topic: NAME"."""


def needs_speaker(sentence: Sentence) -> bool:
    """Quoted or first-person words that do not say who says them."""
    text = sentence.text
    if reports(text):
        return False
    return text[:1] in OPENING_MARKS or first_person(text)


def _leaning(sentence: Sentence, speaker_shown: bool) -> bool:
    # "He said ..." with its speaker shown does not lean.
    return sentence.leans and not (speaker_shown and leans_on_speaker(sentence.text))


def unit_bounds(index: int, by_index: Mapping[int, Sentence]) -> tuple[int, int]:
    """First and last index of the unit holding sentence ``index``."""
    first = last = index
    while first - 1 in by_index and by_index[first - 1].joins_next:
        first -= 1
    while by_index[last].joins_next and last + 1 in by_index:
        last += 1
    return first, last


# --------------------------------------------------------------------------
# The check.


def check(
    groups: Iterable[tuple[str, Sequence[Sentence]]],
    article_sentences: Mapping[str, Sequence[Sentence]],
    speakers_shown: bool = True,
) -> list[Finding]:
    """Shown sentences that would mislead read alone.

    ``groups`` are runs read together, each with where it is shown: an
    article's summary section (document order), or one key point or topic
    sentence with any context shown with it. ``article_sentences`` holds
    every sentence of each article by id (what the units and leaning are
    judged against). ``speakers_shown``: whether a known speaker is shown
    beside its sentence (False for output made before speakers existed).
    """
    findings: list[Finding] = []
    indexes = {aid: {s.index: s for s in sentences} for aid, sentences in article_sentences.items()}
    for where, shown in groups:
        reported: set[tuple[str, int]] = set()
        for k, sentence in enumerate(shown):
            by_index = indexes.get(sentence.article_id, {sentence.index: sentence})
            known = by_index.get(sentence.index, sentence)
            before = shown[k - 1] if k else None
            after = shown[k + 1] if k + 1 < len(shown) else None
            joined_before = (
                before is not None
                and before.article_id == sentence.article_id
                and before.index == sentence.index - 1
            )
            first, last = unit_bounds(known.index, by_index)
            if first != last and (sentence.article_id, first) not in reported:
                whole = {(s.article_id, s.index) for s in shown} >= {
                    (sentence.article_id, i) for i in range(first, last + 1)
                }
                if not whole:
                    reported.add((sentence.article_id, first))
                    kind = (
                        "dangling colon"
                        if any(
                            by_index[i].text.rstrip().endswith(":") for i in range(first, last + 1)
                        )
                        else "half quotation"
                    )
                    findings.append(Finding(kind, sentence, where))
                    continue
            joined_after = (
                after is not None
                and after.article_id == sentence.article_id
                and after.index == sentence.index + 1
            )
            if (known.text.rstrip().endswith(":") or known.joins_next) and not joined_after:
                colon = known.text.rstrip().endswith(":")
                findings.append(
                    Finding("dangling colon" if colon else "half quotation", sentence, where)
                )
                continue
            if known.continues and not joined_before:
                findings.append(Finding("half quotation", sentence, where))
                continue
            speaker = speakers_shown and known.speaker is not None
            if _leaning(known, speaker) and not joined_before:
                findings.append(Finding("leaning opener", sentence, where))
                continue
            if (
                needs_speaker(known)
                and not speaker
                and not _named_in_unit(first, last, by_index)
                and not _named_before(shown, k)
            ):
                findings.append(Finding("lost speaker", sentence, where))
    return findings


def _named_in_unit(first: int, last: int, by_index: Mapping[int, Sentence]) -> bool:
    """A quotation whose speaker is named inside it ("... for me, it was out," Rochus said.)."""
    return first != last and any(reports(by_index[i].text) for i in range(first, last + 1))


def _named_before(shown: Sequence[Sentence], k: int) -> bool:
    """A sentence of the same run just before names who speaks."""
    j = k
    while (
        j > 0
        and shown[j - 1].article_id == shown[j].article_id
        and shown[j - 1].index == shown[j].index - 1
    ):
        j -= 1
        if reports(shown[j].text):
            return True
    return False


def rate(findings: Sequence[Finding], shown: int) -> float:
    """Misleading sentences per 100 shown."""
    return (
        100.0 * len({(f.sentence.article_id, f.sentence.index, f.where) for f in findings}) / shown
        if shown
        else 0.0
    )


# --------------------------------------------------------------------------
# Selection.


def candidates_for(count: int, available: int) -> int:
    """How many ranked candidates to ask for so that passed-over ones can be
    replaced by the next best."""
    return min(available, count * 3 + 6)


def alone_ok(sentence: Sentence) -> bool:
    """Can be shown on its own (a key point, a topic sentence): not part of a
    unit, not leaning, its speaker known or not needed. Judged on the
    sentence alone, so an article slimmed for a large run judges the same."""
    if sentence.joins_next or sentence.continues or sentence.text.rstrip().endswith(":"):
        return False
    if _leaning(sentence, sentence.speaker is not None):
        return False
    return not (needs_speaker(sentence) and sentence.speaker is None)


def select(
    ranked: Sequence[Sentence],
    count: int,
    sentences: Sequence[Sentence],
    *,
    excluded: frozenset[int] = frozenset(),
    forced: int = 0,
) -> tuple[list[Sentence], list[list[Sentence]]]:
    """The ``count`` best of ``ranked`` (best first) that can be shown with
    their unit and context, and for each the run of ``sentences`` shown for
    it (document order; the pick's unit, and the context before it).

    A pick whose unit is too long, or that leans on what came before further
    than :data:`MAX_CONTEXT` sentences (or past the section's start), is
    passed over. A sentence already shown as context that is picked later
    counts as a pick. Nothing ``excluded`` (indexes) is shown: a unit or
    context holding one is passed over. The first ``forced`` of ``ranked``
    (pinned by the analyst) are taken with their unit whatever its length.
    """
    by_index = {s.index: s for s in sentences}
    limit = max(count, MAX_UNIT)
    picks: list[Sentence] = []
    runs: list[list[Sentence]] = []
    shown: set[int] = set()
    said: set[str] = set()
    """The text of every sentence shown so far: a line a page repeats is shown once."""
    for n, candidate in enumerate(ranked):
        if len(picks) >= count:
            break
        if candidate.index not in by_index or candidate in picks or candidate.index in excluded:
            continue
        if candidate.index not in shown and candidate.text in said:
            continue
        if n >= forced and not has_words(candidate.text):
            continue
        if candidate.index in shown:
            picks.append(candidate)
            runs.append([])
            continue
        first, last = unit_bounds(candidate.index, by_index)
        if n >= forced and last - first + 1 > limit:
            continue
        context = 0
        while _needs_context(first, by_index) and context < MAX_CONTEXT:
            if first - 1 not in by_index or first - 1 in excluded:
                break
            first = unit_bounds(first - 1, by_index)[0]
            context += 1
        if n >= forced and (
            _needs_context(first, by_index)
            or last - first + 1 > limit + MAX_CONTEXT
            or excluded.intersection(range(first, last + 1))
        ):
            continue
        if n < forced:  # pinned: shown whatever, its context starting after anything excluded
            first = max([first] + [i + 1 for i in excluded if first <= i < candidate.index])
        picks.append(candidate)
        runs.append(
            [by_index[i] for i in range(first, last + 1) if i not in shown and i not in excluded]
        )
        shown.update(range(first, last + 1))
        said.update(by_index[i].text for i in range(first, last + 1))
    return picks, runs


_URL = re.compile(r"\b(?:https?://|www\.)\S+|\S+@\S+\.\w+", re.IGNORECASE)
_REAL_WORD = re.compile(r"[^\W\d_]{2,}")


def has_words(text: str) -> bool:
    """Two real words at least (two letters or more each, outside URLs and
    addresses): OCR noise ("'i, .'"), a bare URL or a lone "Choir!" is not
    a sentence to pick."""
    if "://" in text or "www." in text or "@" in text:
        text = _URL.sub(" ", text)
    found = _REAL_WORD.finditer(text)
    return next(found, None) is not None and next(found, None) is not None


def _needs_context(first: int, by_index: Mapping[int, Sentence]) -> bool:
    """The unit starting at ``first`` leans on what came before, or holds
    words whose speaker is neither known nor named in it."""
    sentence = by_index[first]
    if _leaning(sentence, sentence.speaker is not None):
        return True
    unit = range(first, unit_bounds(first, by_index)[1] + 1)
    lost = any(needs_speaker(by_index[i]) and by_index[i].speaker is None for i in unit)
    return lost and not _named_in_unit(unit.start, unit.stop - 1, by_index)


# --------------------------------------------------------------------------
# What a briefing shows, as runs read together.


def summary_groups(summaries: Iterable[Summary]) -> list[tuple[str, Sequence[Sentence]]]:
    """Each summary section's shown sentences (picks and context) as one run."""
    return [("summary", section.sentences) for summary in summaries for section in summary.sections]


def briefing_groups(briefing: Briefing) -> list[tuple[str, Sequence[Sentence]]]:
    """Key points and topic sentences (each read alone), then the summaries."""
    groups: list[tuple[str, Sequence[Sentence]]] = [
        ("key points", (t.sentence,)) for t in briefing.key_points
    ]
    for topic in briefing.topics:
        groups += [(f"topic: {topic.name}", (t.sentence,)) for t in topic.sentences]
    return groups + summary_groups(briefing.summaries)


def check_briefing(briefing: Briefing) -> tuple[list[Finding], int]:
    """What misleads read alone in ``briefing``, and how many sentences it shows."""
    groups = briefing_groups(briefing)
    every = {a.id: a.sentences for a in briefing.articles}
    return check(groups, every), sum(len(g) for _, g in groups)
