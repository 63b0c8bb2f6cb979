"""The pipeline's data: articles → sentences → summaries → briefing.

Plain frozen dataclasses, no behaviour beyond small derived views, so every
stage can be tested on its own and the TUI can hold them without surprises.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property

from briefing import __version__


@dataclass(frozen=True)
class Sentence:
    """One sentence, verbatim from its article.

    ``index`` is the sentence's position among all sentences of the article
    (0-based, counting every section), so ``(article_id, index)`` cites it.
    """

    text: str
    article_id: str
    index: int
    section: int = 0
    speaker: str | None = field(default=None, compare=False)
    """Who says it, verbatim from the source (briefing.nlp.attribution), or None."""
    joins_next: bool = field(default=False, compare=False)
    """Cannot be shown without the next sentence: an open quotation, or a
    lead-in ending in ":" (a unit is shown whole or not at all)."""
    continues: bool = field(default=False, compare=False)
    """Continues the sentence before (that one ``joins_next``)."""
    leans: bool = field(default=False, compare=False)
    """Opens by leaning on the sentence before ("He", "This", "But" ...)."""


@dataclass(frozen=True)
class Section:
    """A run of paragraphs under one heading.

    Ordinary articles have one section; a live-updates page has one section
    per story on the page, each with its own heading.
    """

    heading: str | None
    paragraphs: tuple[tuple[Sentence, ...], ...]
    subheadings: tuple[str, ...] = ()

    @property
    def sentences(self) -> tuple[Sentence, ...]:
        return tuple(s for p in self.paragraphs for s in p)


@dataclass(frozen=True)
class Article:
    id: str
    title: str
    source: str
    sections: tuple[Section, ...]
    metadata: dict[str, str] = field(default_factory=dict, compare=False)
    totals: tuple[int, int] | None = None
    """(words, sentences) of the whole article when ``sections`` keep only
    some of its sentences (an article slimmed for a large run); else None."""

    # Cached on first use (sections never change): rendering a briefing of
    # 1,000 articles asked for them 40,000 times.
    @cached_property
    def sentences(self) -> tuple[Sentence, ...]:
        return tuple(s for sec in self.sections for s in sec.sentences)

    @cached_property
    def words(self) -> int:
        if self.totals is not None:
            return self.totals[0]
        return sum(len(s.text.split()) for s in self.sentences)

    @property
    def sentence_count(self) -> int:
        if self.totals is not None:
            return self.totals[1]
        return sum(len(p) for sec in self.sections for p in sec.paragraphs)

    @property
    def is_live_page(self) -> bool:
        return len(self.sections) > 1


@dataclass(frozen=True)
class Problem:
    """An input that could not be used, and why (shown as a warning); with
    ``skipped`` False, a note on one that was used, and how (its feed's
    summary where its page could not be fetched)."""

    source: str
    reason: str
    skipped: bool = True


DEFAULT_ALGORITHM = "blend"
"""Reduction plus a tenth for reported speech: +0.95 ROUGE-2 over plain
Reduction on the dev set, 95% interval [+0.40, +1.52] (README, "Quality")."""
DEFAULT_SENTENCES = 3
DEFAULT_KEY_POINTS = 4
DEFAULT_TOPIC_SENTENCES = 5
"""Sentences per topic section (``--topic-sentences``, a plan's ``topic_sentences``)."""
DEFAULT_MAX_BYTES = 50_000_000
"""Bytes read from one input at most (``--max-bytes``): a larger input is
skipped with a warning, and nothing endless (``/dev/zero``, a pipe that
never closes) is ever held whole."""
DEFAULT_MAX_SECONDS = 300.0
"""Seconds one input may take to read, clean and summarise (``--max-seconds``);
a slower one is skipped with a warning. A 50,000-sentence book takes ~10 s."""


MADE_BY = "<!-- made by briefing"
"""How a briefing this tool wrote ends (an HTML comment, unseen when the
Markdown is shown): such a file found among the inputs is not read back as
an article."""
MADE_BY_LINE = f"{MADE_BY} {__version__}; not read back as an article -->"


DEFAULT_FETCH_TIMEOUT = 20.0
"""Seconds one URL may take, connecting and reading (``--timeout``)."""


@dataclass(frozen=True)
class InputLimits:
    """How much of one input is read, and for how long it may be worked on."""

    max_bytes: int = DEFAULT_MAX_BYTES
    max_seconds: float | None = DEFAULT_MAX_SECONDS
    timeout: float | None = None
    """Seconds one URL may take to fetch (None: the default, 20 s)."""
    fetch: bool = False
    """Follow a feed entry's link when the feed carries only its summary
    (the CLI and the TUI do unless --no-fetch; the core only when told)."""

    @property
    def fetch_timeout(self) -> float | None:
        """What a :class:`~briefing.ingest.inputs.Task` is given: None when
        links are not followed."""
        return (self.timeout or DEFAULT_FETCH_TIMEOUT) if self.fetch else None


class SpecError(ValueError):
    """A value of a briefing's spec that is not allowed, wherever it came
    from (the command line, a plan, the TUI): one line saying what is."""


MAX_SENTENCES = 10_000
"""The most sentences per article (``--sentences``)."""
MAX_TOPIC_SENTENCES = 1_000
MAX_KEY_POINTS = 100


def check_count(name: str, value: object, low: int, high: int) -> int:
    """``value`` as a whole number from ``low`` to ``high``, or :class:`SpecError`."""
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise SpecError(f"{name} must be a whole number from {low} to {high:,}, not {value!r}")
    return value


def check_ratio(value: object) -> float:
    """``value`` as a share above 0 and at most 1, or :class:`SpecError`."""
    if (
        not isinstance(value, (int, float))
        or isinstance(value, bool)
        or not math.isfinite(value)
        or not 0 < value <= 1
    ):
        raise SpecError(f"ratio must be a share above 0 and at most 1 (e.g. 0.2), not {value!r}")
    return float(value)


@dataclass(frozen=True)
class Options:
    """Everything that shapes a summary or a briefing; passed in, never global.
    Checked when made (:class:`SpecError`), whoever makes it; the algorithm's
    name is checked by :func:`briefing.summarizers.algorithms.check`."""

    algorithm: str = DEFAULT_ALGORITHM
    sentences: int | None = DEFAULT_SENTENCES
    ratio: float | None = None
    language: str = "english"
    ranked: bool = False

    def __post_init__(self) -> None:
        if self.sentences is not None:
            check_count("sentences", self.sentences, 1, MAX_SENTENCES)
        if self.ratio is not None:
            check_ratio(self.ratio)

    def length_for(self, available: int) -> int:
        """How many sentences to pick from ``available``."""
        if self.ratio is not None:
            return min(available, max(1, round(available * self.ratio))) if available else 0
        return min(self.sentences or 0, available)


@dataclass(frozen=True)
class ArticleEdits:
    """The analyst's corrections to one article's summary: sentences (by
    index) never shown, and sentences always shown."""

    excluded: frozenset[int] = frozenset()
    pinned: frozenset[int] = frozenset()


NO_EDITS = ArticleEdits()


@dataclass(frozen=True)
class Edits:
    """Everything the analyst changed by hand: excluded and pinned sentences
    as (article id, index), and their own words, which are never cited and
    never mixed with source sentences."""

    excluded: frozenset[tuple[str, int]] = frozenset()
    pinned: frozenset[tuple[str, int]] = frozenset()
    assessment: str = ""
    """The overall assessment that opens the briefing."""
    notes: tuple[tuple[str, str], ...] = ()
    """(article id, note) pairs."""
    topic_notes: tuple[tuple[str, str], ...] = ()
    """(topic, note) pairs."""

    def for_article(self, article_id: str) -> ArticleEdits:
        excluded = frozenset(i for a, i in self.excluded if a == article_id)
        pinned = frozenset(i for a, i in self.pinned if a == article_id)
        return ArticleEdits(excluded, pinned) if excluded or pinned else NO_EDITS

    def note(self, article_id: str) -> str:
        return dict(self.notes).get(article_id, "")

    def topic_note(self, topic: str) -> str:
        return dict(self.topic_notes).get(topic, "")


@dataclass(frozen=True)
class SectionSummary:
    heading: str | None
    sentences: tuple[Sentence, ...]
    """As shown: document order, or best first when ranked."""
    best_first: tuple[Sentence, ...] = ()
    """The picked sentences, best first (what key points are drawn from)."""
    context: frozenset[int] = frozenset()
    """Indexes of sentences shown only as context for a pick: the rest of a
    quotation or list, or the sentence a pick leans on."""
    pinned: frozenset[int] = frozenset()
    """Indexes of picks the analyst pinned (always shown)."""
    loose: frozenset[int] = frozenset()
    """Indexes of picks shown although they do not read alone: every
    candidate of the article failed the stand-alone rules, and an article
    never silently becomes empty (see :func:`briefing.summarizers.summarize.summarize`)."""

    @property
    def picks(self) -> tuple[Sentence, ...]:
        """The picked sentences as shown, without their context."""
        return tuple(s for s in self.sentences if s.index not in self.context)

    def stands_alone(self, sentence: Sentence) -> bool:
        return sentence.index not in self.loose

    def role(self, sentence: Sentence) -> str:
        """ "summary" for a pick, "pinned" for one the analyst pinned,
        "context" for a sentence shown with one."""
        if sentence.index in self.context:
            return "context"
        return "pinned" if sentence.index in self.pinned else "summary"


@dataclass(frozen=True)
class Summary:
    article: Article
    sections: tuple[SectionSummary, ...]
    algorithm: str

    @property
    def sentences(self) -> tuple[Sentence, ...]:
        """Every sentence shown: picks and their context."""
        return tuple(s for sec in self.sections for s in sec.sentences)

    @property
    def picks(self) -> tuple[Sentence, ...]:
        """The picked sentences as shown, without their context."""
        return tuple(s for sec in self.sections for s in sec.picks)

    @property
    def loose(self) -> int:
        """How many picks are shown although they do not read alone."""
        return sum(len(sec.loose) for sec in self.sections)


@dataclass(frozen=True)
class Citation:
    article_id: str
    index: int


@dataclass(frozen=True)
class TopicSentence:
    """A sentence in a topic section; ``also`` cites near-duplicates elsewhere."""

    sentence: Sentence
    score: float
    also: tuple[Citation, ...] = ()


@dataclass(frozen=True)
class Topic:
    name: str
    terms: tuple[str, ...]
    sentences: tuple[TopicSentence, ...]
    matched: int = 0
    """How many sentences matched the topic before summarising."""


@dataclass(frozen=True)
class SuggestedTopic:
    phrase: str
    score: float
    articles: int
    mentions: int


@dataclass(frozen=True)
class TimelineEntry:
    """One dated line of a story's timeline: an article (its title, dated
    by publication, else by a date its opening states) or a sentence of it
    that states a date (``sentence``)."""

    day: date | None
    article_id: str
    date_from: str
    """``published`` (the article's date) or ``text`` (stated in the text)."""
    sentence: Sentence | None = None


@dataclass(frozen=True)
class Story:
    """Articles from several sources about one event (see
    :mod:`briefing.compose.grouping`): the most central one's title as its
    headline, sentences drawn across them (cited, none repeated) and a timeline."""

    id: str
    headline_article: str
    """The article whose title is the headline (the most central)."""
    articles: tuple[str, ...]
    """Its articles' ids, first reported first."""
    sentences: tuple[TopicSentence, ...]
    timeline: tuple[TimelineEntry, ...]
    first_published: date | None
    last_published: date | None


@dataclass(frozen=True)
class Briefing:
    title: str
    date: date
    marking: str | None
    topics: tuple[Topic, ...]
    summaries: tuple[Summary, ...]
    algorithm: str
    key_points: tuple[TopicSentence, ...] = ()
    edits: Edits = Edits()
    """The analyst's corrections and own words (assessment, notes)."""
    stories: tuple[Story, ...] = ()
    """With ``--stories``: the articles about one event, grouped (the
    briefing opens with them; the articles in none follow as before)."""

    @property
    def articles(self) -> tuple[Article, ...]:
        return tuple(s.article for s in self.summaries)


# --------------------------------------------------------------------------
# The plan: what the analyst decided (read and written by briefing.output.plan).


@dataclass(frozen=True)
class PlanInput:
    path: str
    """As stored: relative to the plan's folder, or absolute."""
    id: str
    sha256: str = ""


@dataclass(frozen=True)
class SentenceRef:
    """One sentence the analyst excluded or pinned, with its text, so that a
    changed source is noticed rather than the wrong sentence edited."""

    article: str
    index: int
    text: str = ""


@dataclass(frozen=True)
class Plan:
    inputs: tuple[PlanInput, ...] = ()
    articles: tuple[str, ...] = ()
    """The chosen articles' ids, in briefing order."""
    topics: tuple[str, ...] = ()
    title: str = ""
    marking: str = ""
    day: date | None = None
    options: Options = field(default_factory=Options)
    topic_sentences: int = DEFAULT_TOPIC_SENTENCES
    key_points: int = DEFAULT_KEY_POINTS
    excluded: tuple[SentenceRef, ...] = ()
    pinned: tuple[SentenceRef, ...] = ()
    assessment: str = ""
    notes: tuple[tuple[str, str], ...] = ()
    topic_notes: tuple[tuple[str, str], ...] = ()
    tool: str = f"briefing {__version__}"
    from_library: bool = False
    """The articles are documents of the reader's library (by id), not
    inputs; the plan never names the library's file: whoever opens it reads
    their own (``--library``, else BRIEFING_LIBRARY, else the default)."""
    stories: bool = False
    """Group the articles about one event into stories (``build --stories``)."""
    dismissed: tuple[str, ...] = ()
    """Suggested topics the analyst dismissed in the TUI: not offered again."""

    def __post_init__(self) -> None:
        check_count("topic_sentences", self.topic_sentences, 1, MAX_TOPIC_SENTENCES)
        check_count("key_points", self.key_points, 0, MAX_KEY_POINTS)

    def edits(self) -> Edits:
        return Edits(
            excluded=frozenset((r.article, r.index) for r in self.excluded),
            pinned=frozenset((r.article, r.index) for r in self.pinned),
            assessment=self.assessment,
            notes=tuple((a, n) for a, n in self.notes if n.strip()),
            topic_notes=tuple((t, n) for t, n in self.topic_notes if n.strip()),
        )


def with_edit(plan: Plan, kind: str, ref: SentenceRef) -> Plan:
    """Toggle ``ref`` in the plan's ``kind`` ("excluded" or "pinned"); a
    sentence is never both."""
    other = "pinned" if kind == "excluded" else "excluded"
    key = (ref.article, ref.index)
    mine = tuple(r for r in getattr(plan, kind) if (r.article, r.index) != key)
    if len(mine) == len(getattr(plan, kind)):
        mine = tuple(sorted(mine + (ref,), key=lambda r: (r.article, r.index)))
    theirs = tuple(r for r in getattr(plan, other) if (r.article, r.index) != key)
    if kind == "excluded":
        return replace(plan, excluded=mine, pinned=theirs)
    return replace(plan, pinned=mine, excluded=theirs)
