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
from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

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


@lru_cache(maxsize=None)
def _punkt() -> PunktSentenceTokenizer:
    params = PunktParameters()
    params.abbrev_types.update(ABBREVIATIONS)
    return PunktSentenceTokenizer(params)


_WORD_TOKENIZER = NLTKWordTokenizer()


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
        for a, b in self._sentences.span_tokenize(paragraph):
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


def _rule(name: str, scope: str, pattern: str) -> Rule:
    return Rule(name, re.compile(pattern, re.IGNORECASE), scope)


RULES: tuple[Rule, ...] = (
    _rule("banner", "line", r"^(live( updates?| coverage| blog)?|breaking( news)?|advertisement|skip to (main )?content)$"),
    _rule("load-more", "line", r"^(load|show|see) more( updates| stories| posts)?\W*$"),
    _rule("click-here", "line", r"^click here\b"),
    _rule("photo-credit", "line", r"\b(credit|photo|picture|image)\s*:\s*\S"),
    _rule("caption", "line", r"^(file photo|pictured:|.{0,60}\bpictured (with|at|in|holding)\b[^.]{0,60}\.?$)"),
    _rule("timestamp", "line", r"^((published|last updated|updated|posted)\b\s*(on|at)?\s*:?\s*([\w ,:/.-]{0,30}\d[\w ,:/.-]{0,30})?\s*)+$"),
    _rule("media-intro", "line", r"^[^.]{0,80}\b(reports|explains|has more)\s*:$"),
    _rule("share", "line", r"^(share( this( article| page| story)?)?|subscribe|sign up|follow us|related (topics|stories|articles)|more on this story|copyright\b.*|©.*)\W*$"),
    _rule("call-to-action", "cta", r"\breport (it|them|this|anything suspicious)\b.{0,40}\b(at|on|via)\s+\S+\.\w|\bgov\.uk/act\b|\b(call|dial) 999\b"),
    _rule("podcast", "cta", r"\b(listen to|subscribe to|download) (our|the) (latest )?(podcast|newsletter|app)s?\b"),
    _rule("watch", "cta", r"^watch (this|the|our) (full )?(report|video|clip)\b|\bwatch this full report\b"),
    _rule("newsletter", "cta", r"\bsign up (to|for) (our|the)\b.{0,30}\b(newsletter|alerts|emails?)\b"),
)


SHORT_LINE_WORDS = 30


_ANY = {scope: re.compile("|".join(f"(?:{r.pattern.pattern})" for r in RULES if r.scope == scope), re.IGNORECASE)
        for scope in ("line", "cta")}


def furniture(text: str, scope: str) -> Rule | None:
    """The first boilerplate rule of ``scope`` that ``text`` matches, if any."""
    if not _ANY[scope].search(text):  # one pass for the common case: no rule matches
        return None
    for rule in RULES:
        if rule.scope == scope and rule.pattern.search(text):
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
