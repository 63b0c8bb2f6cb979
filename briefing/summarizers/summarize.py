"""Extractive summaries with sumy (with adapters.py and nlp/stems.py, the only
modules that import sumy).

Every sumy summarizer is available by name. Documents are built from the
article's own sentences (sumy's document model, fed by the offline
tokenizer), and what sumy picks is mapped back to those sentences by
identity, so every summary sentence is verbatim and keeps its position.
Long documents are ranked in windows (see :func:`rank`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from itertools import zip_longest
from operator import attrgetter

from briefing.nlp import load_nltk

load_nltk()  # before NLTK or sumy: without SciPy (see briefing.nlp)

from sumy.models.dom import ObjectDocumentModel
from sumy.models.dom import Paragraph as SumyParagraph
from sumy.models.dom import Sentence as SumySentence
from sumy.summarizers._summarizer import SentenceInfo

from briefing.model import (
    NO_EDITS,
    Article,
    ArticleEdits,
    Options,
    SectionSummary,
    Sentence,
    Summary,
)
from briefing.nlp.stems import language_kit
from briefing.summarizers.adapters import (
    ALGORITHMS,
    Algorithm,
)
from briefing.summarizers.algorithms import WINDOWS, check
from briefing.summarizers.coherence import candidates_for, has_words, select


def get(name: str) -> Algorithm:
    return ALGORITHMS[check(name)]


def rank(
    sentences: Sequence[Sentence],
    count: int,
    algorithm: str,
    *,
    language: str = "english",
    headings: Sequence[str] = (),
    paragraphs: Sequence[Sequence[Sentence]] | None = None,
) -> list[Sentence]:
    """The ``count`` sentences ``algorithm`` picks, best first.

    ``paragraphs`` (default: one paragraph) and ``headings`` give sumy the
    structure its position- and title-aware methods use. A document longer
    than the algorithm ranks whole (:data:`briefing.summarizers.algorithms.WINDOWS`) is
    ranked in windows: see :func:`_rank_in_windows`.
    """
    algo = get(algorithm)
    if count <= 0 or not sentences:
        return []
    groups = [list(p) for p in paragraphs] if paragraphs is not None else [list(sentences)]
    window = WINDOWS.get(algo.name)
    if window is not None and len(sentences) > window.whole:
        return _rank_in_windows(groups, count, algo.name, language, headings, window.size)
    return _rank_whole(groups, count, algo, language, headings)


def _rank_whole(
    groups: Sequence[Sequence[Sentence]],
    count: int,
    algo: Algorithm,
    language: str,
    headings: Sequence[str],
) -> list[Sentence]:
    tokenizer, stemmer, stop_words = language_kit(language)
    by_id: dict[int, Sentence] = {}
    sumy_paragraphs = []
    for i, group in enumerate(groups):
        items = [SumySentence(h, tokenizer, is_heading=True) for h in headings] if i == 0 else []
        for sentence in group:
            sumy_sentence = SumySentence(sentence.text, tokenizer)
            by_id[id(sumy_sentence)] = sentence
            items.append(sumy_sentence)
        sumy_paragraphs.append(SumyParagraph(items))
    document = ObjectDocumentModel(sumy_paragraphs)
    title_words = [w for h in headings for w in tokenizer.to_words(h)]
    summarizer = algo.factory(stemmer, stop_words, title_words)
    ranked = _ranked(summarizer, document, count)
    return [by_id[id(s)] for s in ranked if id(s) in by_id]


def _rank_in_windows(
    groups: list[list[Sentence]],
    count: int,
    algorithm: str,
    language: str,
    headings: Sequence[str],
    size: int,
) -> list[Sentence]:
    """Rank a long document window by window, so the cost grows with its
    length, not its square.

    Windows are runs of whole paragraphs of at most ``size`` sentences. For
    a short summary, each window's best ``count`` go on to a second round
    where they are ranked together (itself windowed if still too long). For
    a long one (more than half the document would go on), each window gives
    its share of ``count`` and the shares, best first, are interleaved.
    """
    windows = _windows(groups, size)
    total = sum(len(p) for p in groups)
    if count * len(windows) <= total // 2:
        winners: list[Sentence] = []
        for window in windows:
            winners += rank(
                [s for p in window for s in p],
                count,
                algorithm,
                language=language,
                headings=headings,
                paragraphs=window,
            )
        winners.sort(key=lambda s: s.index)
        return rank(
            winners,
            count,
            algorithm,
            language=language,
            headings=headings,
            paragraphs=_regroup(winners, groups),
        )
    shares = _shares(count, [sum(len(p) for p in w) for w in windows])
    picks = [
        rank(
            [s for p in w for s in p],
            share,
            algorithm,
            language=language,
            headings=headings,
            paragraphs=w,
        )
        for w, share in zip(windows, shares)
    ]
    return [s for turn in zip_longest(*picks) for s in turn if s is not None]


def _windows(groups: Sequence[Sequence[Sentence]], size: int) -> list[list[list[Sentence]]]:
    """Consecutive paragraphs in windows of at most ``size`` sentences (a
    longer paragraph is cut)."""
    windows: list[list[list[Sentence]]] = []
    current: list[list[Sentence]] = []
    held = 0
    for paragraph in groups:
        for start in range(0, len(paragraph), size):
            piece = list(paragraph[start : start + size])
            if current and held + len(piece) > size:
                windows.append(current)
                current, held = [], 0
            current.append(piece)
            held += len(piece)
    if current:
        windows.append(current)
    return windows


def _regroup(
    sentences: Sequence[Sentence], groups: Sequence[Sequence[Sentence]]
) -> list[list[Sentence]]:
    """``sentences`` (in document order) in the paragraphs they came from."""
    paragraph_of = {id(s): n for n, p in enumerate(groups) for s in p}
    regrouped: list[list[Sentence]] = []
    last = None
    for sentence in sentences:
        n = paragraph_of.get(id(sentence))
        if n != last or not regrouped:
            regrouped.append([])
            last = n
        regrouped[-1].append(sentence)
    return regrouped


def _shares(count: int, sizes: Sequence[int]) -> list[int]:
    """``count`` split in proportion to ``sizes`` (largest remainders, the
    earlier window first on a tie)."""
    total = sum(sizes)
    exact = [count * size / total for size in sizes]
    shares = [int(x) for x in exact]
    by_remainder = sorted(range(len(sizes)), key=lambda i: (-(exact[i] - shares[i]), i))
    for i in by_remainder[: count - sum(shares)]:
        shares[i] += 1
    return shares


def _ranked(summarizer: object, document: ObjectDocumentModel, count: int) -> list[SumySentence]:
    """Best ``count`` sentences, best first.

    sumy's summarizers hand their ratings to ``_get_best_sentences``, which
    returns the winners in document order; we stand in for it with the same
    selection (stable sort by rating, best first) and keep the ranking too.
    Ratings are read once: LSA's rating function is a one-pass iterator.
    """
    captured: list[SumySentence] = []

    def best(sentences, count, rating, *args, **kwargs):  # noqa: ANN001
        rate = (
            (lambda s: rating[s])
            if isinstance(rating, dict)
            else (lambda s: rating(s, *args, **kwargs))
        )
        infos = [SentenceInfo(s, o, rate(s)) for o, s in enumerate(sentences)]
        infos = sorted(infos, key=attrgetter("rating"), reverse=True)
        captured.extend(i.sentence for i in infos[:count])
        return tuple(i.sentence for i in sorted(infos[:count], key=attrgetter("order")))

    summarizer._get_best_sentences = best  # type: ignore[attr-defined]
    summarizer(document, count)  # type: ignore[operator]
    return captured


def summarize(article: Article, options: Options, edits: ArticleEdits = NO_EDITS) -> Summary:
    """Summarise each section of ``article`` on its own (a live page's items
    are separate stories), sentences in document order unless ``ranked``.

    The ranking's best sentences are taken as units that read alone
    (:func:`briefing.summarizers.coherence.select`): a quotation over several sentences
    whole, a lead-in with what it introduces, and a sentence that leans on
    the one before with that one as context (listed in ``context``).
    ``edits``: sentences the analyst excluded are never shown (nor a unit
    holding one); pinned ones are shown first and count toward the length.
    """
    check(options.algorithm)
    sections = []
    best: list[tuple[list[Sentence], int]] = []
    for section in article.sections:
        available = section.sentences
        count = options.length_for(len(available))
        pinned = [s for s in available if s.index in edits.pinned and s.index not in edits.excluded]
        headings = [h for h in (section.heading or article.title,) if h] + list(section.subheadings)
        ranked = rank(
            available,
            candidates_for(count, len(available))
            + _repeats(available)
            + len(edits.excluded & {s.index for s in available}),
            options.algorithm,
            language=options.language,
            headings=headings,
            paragraphs=section.paragraphs,
        )
        best.append((ranked, count))
        picked, runs = select(
            pinned + [s for s in ranked if s not in pinned],
            max(count, len(pinned)),
            available,
            excluded=edits.excluded,
            forced=len(pinned),
        )
        if options.ranked:
            shown = [s for run in runs for s in run]
            for sentence in picked:  # a pick shown earlier as context stays where it was
                if sentence not in shown:
                    shown.append(sentence)
        else:
            shown = sorted({s for run in runs for s in run} | set(picked), key=lambda s: s.index)
        context = frozenset(s.index for s in shown) - {s.index for s in picked}
        sections.append(
            SectionSummary(
                section.heading,
                tuple(shown),
                tuple(picked),
                context,
                frozenset(s.index for s in pinned),
            )
        )
    if not any(sec.sentences for sec in sections):
        # Every candidate failed the stand-alone rules (a short memo in the first
        # person, a one-line reply): the best are shown as they are, marked loose.
        sections = [
            _loose(
                sec, ([s for s in ranked if has_words(s.text)] or ranked)[:count], options.ranked
            )
            for sec, (ranked, count) in zip(sections, best, strict=True)
        ]
    return Summary(article, tuple(sections), options.algorithm.lower())


def _repeats(sentences: Sequence[Sentence]) -> int:
    """How many sentences repeat an earlier one's text: the selection shows
    each text once (a line a page repeats, "Visit our home page."), so as
    many more candidates are ranked, or the repeats crowd out the rest."""
    return len(sentences) - len({s.text for s in sentences})


def _best_loose(ranked: Sequence[Sentence], excluded: frozenset[int]) -> list[Sentence]:
    """The ranked sentences that may be shown loose: not excluded, and with
    words if any has them."""
    allowed = [s for s in ranked if s.index not in excluded]
    return [s for s in allowed if has_words(s.text)] or allowed


def _loose(section: SectionSummary, best: list[Sentence], ranked: bool) -> SectionSummary:
    """``section`` showing ``best`` (best first) although they may not read alone."""
    shown = best if ranked else sorted(best, key=lambda s: s.index)
    return replace(
        section,
        sentences=tuple(shown),
        best_first=tuple(best),
        loose=frozenset(s.index for s in best),
    )
