"""Offline text handling: sentence and word tokenizer, boilerplate filter,
line classification.

Nothing here needs NLTK data files: Punkt runs on parameters built in code
(common English abbreviations) and words come from NLTKWordTokenizer, so the
tool works on a machine that never ran ``nltk.download``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache

from nltk.tokenize import NLTKWordTokenizer
from nltk.tokenize.punkt import PunktLanguageVars, PunktParameters, PunktSentenceTokenizer, PunktToken

# Abbreviations that end with a full stop without ending the sentence.
# Lower case, without the final full stop (Punkt's convention).
ABBREVIATIONS = frozenset(
    """
    mr mrs ms mx dr prof rev sr jr st mt ft gen col lt sgt capt cmdr adm maj
    gov sen rep pres supt insp det cllr hon rt
    vol vols p pp fig figs ch sec art para approx est dept univ
    inc ltd co corp plc bros llc
    jan feb mar apr jun jul aug sep sept oct nov dec
    mon tue tues wed thu thur thurs fri sat sun
    vs etc al e.g i.e cf viz c ca
    u.s u.k u.n u.s.a e.u a.m p.m
    """.split()
)

# What counts as a word: sumy's rule (a letter first, then letters, ' and -)
# widened to allow digits after the first letter, so "MI5" and "G7" count.
_WORD = re.compile(r"^[^\W\d_](?:[^\W_]|['-])*$", re.UNICODE)
_SPACE = re.compile(r"\s+")
_NUMBER_SIGN = re.compile(r"\b(?:[Nn]o|[Nn]os|NO)\.\s*$")
_NUMBER_END = re.compile(r"(?:(?<=[^\s.,]\d[.!?])|(?<=\w\s\d[.!?]))\s+(?=[\"“'‘(]?[a-z])")


def normalize_space(text: str) -> str:
    """Fold runs of white space (line breaks included) into single spaces."""
    return _SPACE.sub(" ", text).strip()


class _StdlibPunktVars(PunktLanguageVars):
    """Punkt's English rules, its patterns compiled by ``re`` (see
    :class:`StdlibWordTokenizer` for why; same spans, 2.4x faster)."""

    __slots__ = ()
    re_boundary_realignment = re.compile(PunktLanguageVars.re_boundary_realignment.pattern, re.MULTILINE)

    def _word_tokenizer_re(self):  # noqa: ANN202
        pattern = super()._word_tokenizer_re()
        if not isinstance(pattern, re.Pattern):
            pattern = self._re_word_tokenizer = re.compile(pattern.pattern, re.UNICODE | re.VERBOSE)
        return pattern

    def period_context_re(self):  # noqa: ANN202
        pattern = super().period_context_re()
        if not isinstance(pattern, re.Pattern):
            pattern = self._re_period_context = re.compile(pattern.pattern, re.UNICODE | re.VERBOSE)
        return pattern


_NON_PUNCT = re.compile(r"[^\W\d]")


class _StdlibPunktToken(PunktToken):
    __slots__ = ()
    _RE_ELLIPSIS = re.compile(PunktToken._RE_ELLIPSIS.pattern)
    _RE_NUMERIC = re.compile(PunktToken._RE_NUMERIC.pattern)
    _RE_INITIAL = re.compile(PunktToken._RE_INITIAL.pattern)
    _RE_ALPHA = re.compile(PunktToken._RE_ALPHA.pattern)

    @property
    def is_non_punct(self):  # noqa: ANN201
        return _NON_PUNCT.search(self.type)


GUARDED_PARAGRAPH = 20_000
"""Paragraphs longer than this go through NLTK's own (guarded) Punkt."""


@lru_cache(maxsize=None)
def _punkt(guarded: bool = False) -> PunktSentenceTokenizer:
    params = PunktParameters()
    params.abbrev_types.update(ABBREVIATIONS)
    if guarded:
        return PunktSentenceTokenizer(params)
    return PunktSentenceTokenizer(params, lang_vars=_StdlibPunktVars(), token_cls=_StdlibPunktToken)


class StdlibWordTokenizer(NLTKWordTokenizer):
    """NLTKWordTokenizer's own rules and order, run faster, same tokens.

    NLTK 3.10 compiles these rules with the ``regex`` engine behind a
    wall-clock guard (``nltk.redos``), built for patterns a caller supplies.
    These are NLTK's fixed patterns, none with nested repetition, so here
    they run on the standard library's ``re``, and a rule is skipped when
    the text lacks a character every match of it needs (an apostrophe, a
    double quote, one of the eight MacIntyre contractions, or for 13 rules
    one of the characters in ``_NEEDS_ONE_OF``: 1.45x on the dev set's
    sentences over the rules alone). Sentences longer
    than ``GUARDED_ABOVE`` characters go through NLTK's guarded path
    unchanged. Same tokens as NLTK's on 28,714 distinct inputs (dev and
    seed sentences and lines, each cased three ways); the tests check every
    seed sentence and hard cases.
    """

    GUARDED_ABOVE = 5_000

    def __init__(self) -> None:
        def plain(rules):  # noqa: ANN001, ANN202
            return [(_stdlib(p), r, _NEEDS_ONE_OF.get(p.pattern), _needs_now(p.pattern)) for p, r in rules]

        parens, double = self.PARENS_BRACKETS, self.DOUBLE_DASHES
        self._before = plain([*self.STARTING_QUOTES, *self.PUNCTUATION, parens, double])
        self._after = plain(self.ENDING_QUOTES)
        contractions = [*self.CONTRACTIONS2, *self.CONTRACTIONS3]
        self._contractions = [_stdlib(p) for p in contractions]
        # One search for all contractions: each needs its letters (same flags).
        literals = [_literal(p.pattern) for p in contractions]
        self._any_contraction = (
            re.compile("(?i)" + "|".join(re.escape(x) for x in literals)) if all(literals) else None
        )

    def tokenize(self, text: str, convert_parentheses: bool = False, return_str: bool = False) -> list[str]:
        if convert_parentheses or return_str or len(text) > self.GUARDED_ABOVE:
            return super().tokenize(text, convert_parentheses, return_str)
        present = frozenset(text)  # rules add only spaces, ` and ', so this stays true of the rest
        for pattern, replacement, needs, now in self._before:
            if (needs is None or not present.isdisjoint(needs)) and (now is None or now[0] in text or now[-1] in text):
                text = pattern.sub(replacement, text)
        text = " " + text + " "
        for pattern, replacement, needs, now in self._after:
            if (needs is None or not present.isdisjoint(needs)) and (now is None or now[0] in text or now[-1] in text):
                text = pattern.sub(replacement, text)
        if self._any_contraction is None or self._any_contraction.search(text):
            for pattern in self._contractions:
                text = pattern.sub(r" \1 \2 ", text)
        return text.split()


# Rules of NLTKWordTokenizer that cannot match without an apostrophe (or, for
# the first, a double quote). Listed by their exact source: if NLTK changes a
# rule, it is no longer listed and simply always runs.
_NEEDS_APOSTROPHE = frozenset({
    r"(?i)(?<!\w)(\')(?!(?:re|ve|ll|m|t|s|d|n)\b)(?=\w)",
    r"([^'])' ",
    r"''",
    r"([^' ])('[sS]|'[mM]|'[dD]|') ",
    r"([^' ])('ll|'LL|'re|'RE|'ve|'VE|n't|N'T) ",
})
_NEEDS_QUOTE = frozenset({r'^\"', r'"'})
# Rules that cannot match unless the sentence as written holds one of these
# characters, none of which a rule ever adds (rules add spaces, ` and ').
_NEEDS_ONE_OF = {
    "([«“‘„]|[`]+)": frozenset("«“‘„`"),
    r"([:,])([^\d])": frozenset(":,"),
    r"([:,])$": frozenset(":,"),
    r"\.{2,}": frozenset("."),
    r"[;@#$%&]": frozenset(";@#$%&"),
    "[\\u2012-\\u2015]": frozenset("\u2012\u2013\u2014\u2015"),
    r'([^\.])(\.)([\]\)}>"\'»”’ ]*+)\s*$': frozenset("."),
    r'([^\.])(\.)([\]\)}>"\']*)\s*$': frozenset("."),
    r"[?!]": frozenset("?!"),
    r"[*]": frozenset("*"),
    r"[\]\[\(\)\{\}\<\>]": frozenset("][(){}<>"),
    r"--": frozenset("-"),
    "([»”’])": frozenset("»”’"),
}
_NEEDS_EITHER = frozenset({r"([ \(\[{<])(\"|\'{2})"})
_CONTRACTION = re.compile(r"^\(\?i\)( ?)(?:\\b)?((?:\([a-z']+\)(?:\(\?#X\))?)+)(?:\\b|\(\?=\\s\))$")


def _stdlib(pattern):  # noqa: ANN001, ANN202
    """``pattern`` compiled by ``re``; NLTK's own if ``re`` cannot (Python < 3.11
    has no possessive ``*+``)."""
    try:
        return re.compile(pattern.pattern)
    except re.error:
        return pattern


def _literal(pattern: str) -> str | None:
    """The letters a MacIntyre contraction rule must find ("cannot", " 'tis")."""
    shape = _CONTRACTION.match(pattern)
    if shape is None:
        return None
    return shape.group(1) + re.sub(r"\(\?#X\)|[()]", "", shape.group(2))


def _needs_now(source: str) -> tuple[str, ...] | None:
    """What the text, as earlier rules left it, must hold for the rule with
    this source to match (one or two needles, either will do), or None: no
    such test. Rules add these characters, so the test is on the current
    text."""
    if source in _NEEDS_APOSTROPHE:
        return ("'",)
    if source in _NEEDS_QUOTE:
        return ('"',)
    if source in _NEEDS_EITHER:
        return ('"', "'")
    if source == "(``)":
        return ("``",)
    return None


_WORD_TOKENIZER = StdlibWordTokenizer()


@lru_cache(maxsize=200_000)
def _tokens_of(sentence: str) -> tuple[str, ...]:
    """Tokenise once per distinct sentence: summarizers and key phrases ask again."""
    return tuple(_WORD_TOKENIZER.tokenize(sentence))


@lru_cache(maxsize=200_000)
def _words_of(sentence: str) -> tuple[str, ...]:
    return tuple(w for w in _tokens_of(sentence) if _WORD.match(w))


class OfflineTokenizer:
    """A drop-in for ``sumy.nlp.tokenizers.Tokenizer`` that needs no data files.

    sumy calls ``to_sentences`` and ``to_words`` and reads ``language``.
    """

    def __init__(self, language: str = "english") -> None:
        if language != "english":
            raise ValueError(f"only English is supported, not {language!r}")
        self._language = language
        self._sentences = _punkt()

    @property
    def language(self) -> str:
        return self._language

    def sentence_spans(self, paragraph: str) -> list[tuple[int, int]]:
        """Punkt's spans, then two English fixes: "No. 10" does not end a
        sentence ("no" is not an abbreviation, or "He said no." would never
        end one), and a number ending a sentence is not an ordinal ("rose in
        2004. the rest..." splits even in lower-case text)."""
        spans: list[tuple[int, int]] = []
        punkt = self._sentences if len(paragraph) <= GUARDED_PARAGRAPH else _punkt(guarded=True)
        for a, b in punkt.span_tokenize(paragraph):
            if spans and _NUMBER_SIGN.search(paragraph, spans[-1][0], spans[-1][1]) and paragraph[a:a + 1].isdigit():
                spans[-1] = (spans[-1][0], b)
                continue
            start = a
            for match in _NUMBER_END.finditer(paragraph, a, b):
                spans.append((start, match.start()))
                start = match.end()
            spans.append((start, b))
        return spans

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        return tuple(paragraph[a:b].strip() for a, b in self.sentence_spans(paragraph))

    def to_words(self, sentence: str) -> tuple[str, ...]:
        return _words_of(sentence)

    def tokens(self, sentence: str) -> list[str]:
        """Every token, punctuation included (for phrase boundaries)."""
        return list(_tokens_of(sentence))


def is_word(token: str) -> bool:
    return _WORD.match(token) is not None


# --------------------------------------------------------------------------
# Boilerplate: page furniture that must never reach a summary.


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: re.Pattern[str]
    scope: str
    """``line``: page structure, drops the whole line. ``cta``: a call to
    action, drops a short line whole, or only the sentence in a long one."""
    cues: tuple[str, ...] = ()
    """Lower-case text every match contains at least one of: a line without
    any is passed over before the (slower) pattern runs. Empty: always run."""


def _rule(name: str, scope: str, pattern: str, cues: tuple[str, ...] = ()) -> Rule:
    return Rule(name, re.compile(pattern, re.IGNORECASE), scope, cues)


RULES: tuple[Rule, ...] = (
    _rule("banner", "line", r"^(live( updates?| coverage| blog)?|breaking( news)?|advertisement|skip to (main )?content)$"),
    _rule("load-more", "line", r"^(load|show|see) more( updates| stories| posts)?\W*$"),
    _rule("click-here", "line", r"^click here\b"),
    _rule("photo-credit", "line", r"\b(credit|photo|picture|image)\s*:\s*\S", (":",)),
    _rule("caption", "line", r"^(file photo|pictured:|.{0,60}\bpictured (with|at|in|holding)\b[^.]{0,60}\.?$)", ("pictured", "file photo")),
    _rule("timestamp", "line", r"^((published|last updated|updated|posted)\b\s*(on|at)?\s*:?\s*([\w ,:/.-]{0,30}\d[\w ,:/.-]{0,30})?\s*)+$"),
    _rule("media-intro", "line", r"^[^.]{0,80}\b(reports|explains|has more)\s*:$", (":",)),
    _rule("share", "line", r"^(share( this( article| page| story)?)?|subscribe|sign up|follow us|related (topics|stories|articles)|more on this story|copyright\b.*|©.*)\W*$"),
    _rule("call-to-action", "cta", r"\breport (it|them|this|anything suspicious)\b.{0,40}\b(at|on|via)\s+\S+\.\w|\bgov\.uk/act\b|\b(call|dial) 999\b", ("report ", "gov.uk/act", " 999")),
    _rule("podcast", "cta", r"\b(listen to|subscribe to|download) (our|the) (latest )?(podcast|newsletter|app)s?\b", ("listen to", "subscribe to", "download")),
    _rule("watch", "cta", r"^watch (this|the|our) (full )?(report|video|clip)\b|\bwatch this full report\b", ("watch ",)),
    _rule("newsletter", "cta", r"\bsign up (to|for) (our|the)\b.{0,30}\b(newsletter|alerts|emails?)\b", ("sign up",)),
)


SHORT_LINE_WORDS = 30


def furniture(text: str, scope: str) -> Rule | None:
    """The first boilerplate rule of ``scope`` that ``text`` matches, if any."""
    lowered = text.lower()
    for rule in RULES:
        if rule.scope != scope or (rule.cues and not any(cue in lowered for cue in rule.cues)):
            continue
        if rule.pattern.search(text):
            return rule
    return None


def line_furniture(line: str) -> Rule | None:
    """The rule that makes a whole line furniture: page structure, or a call
    to action on a short line of its own."""
    rule = furniture(line, "line")
    if rule is None and len(line.split()) <= SHORT_LINE_WORDS:
        rule = furniture(line, "cta")
    return rule


# --------------------------------------------------------------------------
# Line classification.


class LineKind(Enum):
    BODY = "body"
    HEADING = "heading"
    ATTRIBUTION = "attribution"
    ITEM = "item"
    """A list item: body text that was a bullet in the source."""
    FURNITURE = "furniture"


_TERMINAL = ".!?…:;\"”’)]'"
_ATTRIBUTION = re.compile(r"^[–—-]\s*\w")
_HEADING_MAX_WORDS = 16


def classify(line: str) -> LineKind:
    """What one non-empty, space-normalised line of an article is."""
    if line_furniture(line):
        return LineKind.FURNITURE
    if _ATTRIBUTION.match(line) and len(line.split()) <= 15:
        return LineKind.ATTRIBUTION
    if looks_like_heading(line):
        return LineKind.HEADING
    return LineKind.BODY


def looks_like_heading(line: str) -> bool:
    """A short line that starts with a capital and does not end like a sentence.

    Headlines end with a letter, digit or a closing quote after a quoted
    phrase ("... 'Several attack plots disrupted'"), never a full stop.
    """
    words = line.split()
    if not 2 <= len(words) <= _HEADING_MAX_WORDS:
        return False
    if not (line[0].isupper() or line[0].isdigit() or line[0] in "'‘\"“"):
        return False
    last = line.rstrip()[-1]
    if last in "'’\"”":
        # A quoted headline ends with the quote; a sentence ends ." or .'
        return line.rstrip()[-2] not in ".!?,"
    return last not in _TERMINAL and last != ","
