"""Key points: the bottom line up front, a few sentences across all articles.

Candidates are the sentences the article summaries picked. Each is scored by
how high its own summary ranked it and how central it is to the selection
(TF-IDF cosine to the centroid of all the summaries' sentences); MMR
then picks them, the best article leads first, near-duplicates are merged
and both sources cited. Shown in source order (articles as listed, then
position) unless ranked order is asked for.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from briefing.compose.redundancy import centroid, cosine, mmr, tfidf_vectors
from briefing.model import Citation, Sentence, Summary, TopicSentence
from briefing.nlp.stems import content_stems
from briefing.summarizers.coherence import alone_ok

DANGLING_PENALTY = 0.3
"""A key point is read out of its article: one that leans on what came
before ("He said: ...", "This approach...") loses this much of its 0..1 score."""
_DANGLING = re.compile(
    r"^[\"“'‘]?(He|She|It|They|This|That|These|Those|His|Her|Its|Their|But|And|So)\b"
)


def summary_picks(summaries: Sequence[Summary]) -> list[tuple[Sentence, float]]:
    """The summaries' picks that stand alone (each is read out of its
    article), each with its rank in its section as a 0..1 score."""
    candidates: list[tuple[Sentence, float]] = []
    for summary in summaries:
        for section in summary.sections:
            alone = [s for s in section.best_first if alone_ok(s)]
            candidates += [(s, 1.0 - r / max(len(alone), 1)) for r, s in enumerate(alone)]
    return candidates


def key_points(
    summaries: Sequence[Summary], count: int, *, ranked: bool = False, language: str = "english"
) -> tuple[TopicSentence, ...]:
    if count <= 0:
        return ()
    candidates = summary_picks(summaries)
    if not candidates:
        return ()
    # TF-IDF over the summaries' sentences: what the selection is mostly about
    # (and cheap at a thousand articles, unlike every sentence of every one).
    chosen_vectors = tfidf_vectors([sorted(content_stems(s.text, language)) for s, _ in candidates])
    center = centroid(chosen_vectors)
    scores = [
        0.5 * own
        + 0.5 * cosine(vec, center)
        - (DANGLING_PENALTY if _DANGLING.match(s.text) else 0.0)
        for (s, own), vec in zip(candidates, chosen_vectors)
    ]
    # The best sentence of each article first, so points spread over sources.
    leads = {i for i, (s, own) in enumerate(candidates) if own == 1.0 and s.section == 0}
    order = sorted(leads) + [i for i in range(len(candidates)) if i not in leads]
    also: dict[int, list[Citation]] = {}

    def duplicate(kept: int, dropped: int) -> None:
        s = candidates[order[dropped]][0]
        also.setdefault(order[kept], []).append(Citation(s.article_id, s.index))

    picked = mmr(
        [scores[i] + (1.0 if i in leads else 0.0) for i in order],
        [chosen_vectors[i] for i in order],
        count,
        on_duplicate=duplicate,
    )
    points = [
        TopicSentence(
            candidates[order[i]][0], round(scores[order[i]], 6), tuple(also.get(order[i], ()))
        )
        for i in picked
    ]
    if not ranked:
        source = {s.article.id: n for n, s in enumerate(summaries)}
        points.sort(key=lambda t: (source[t.sentence.article_id], t.sentence.index))
    return tuple(points)
