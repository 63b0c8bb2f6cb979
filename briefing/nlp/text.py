"""Offline text handling: the sentence and word tokenizer (page furniture
and line classification are in :mod:`briefing.nlp.furniture`).

Nothing here needs NLTK data files: Punkt runs on parameters built in code
(common English abbreviations) and words come from NLTKWordTokenizer, so the
tool works on a machine that never ran ``nltk.download``.
"""

from __future__ import annotations

import re
from functools import lru_cache


from briefing.nlp import load_nltk

load_nltk()  # before NLTK or sumy: without SciPy (see briefing.nlp)

from nltk.tokenize import NLTKWordTokenizer
from nltk.tokenize.punkt import (
    PunktLanguageVars,
    PunktParameters,
    PunktSentenceTokenizer,
    PunktToken,
)

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

TITLES = frozenset(
    "mr mrs ms mx dr prof rev sr jr st mt ft gen col lt sgt capt cmdr adm maj gov sen rep pres supt insp det "
    "cllr hon rt".split()
)
"""Abbreviations that stand before a name: never the end of a sentence."""
LEADING = TITLES | frozenset(
    "e.g i.e cf viz vs c ca p pp vol vols fig figs ch sec art para approx est".split()
)
"""Abbreviations that stand before what they abbreviate a reference to
("p. 5", "e.g. The Times"): in lower case, never the end of a sentence."""
_STARTERS = (
    "The|A|An|He|She|It|They|We|I|You|This|That|These|Those|His|Her|Its|Their|Our|There|But|And|"
    "However|Then|In|On|At|Mr|Mrs|Ms|Dr|Police|Officials|Shares|Prices"
)
_DOT_SPACE = re.compile(r"\.\s")
_ABBREVIATION_END = re.compile(
    rf"(?<![\w.])((?:[A-Za-z]\.)*[A-Za-z]+)\.\s+(?=[\"“‘'(]?(?:{_STARTERS})\b)"
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
    re_boundary_realignment = re.compile(
        PunktLanguageVars.re_boundary_realignment.pattern, re.MULTILINE
    )

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
            return [
                (_stdlib(p), r, _NEEDS_ONE_OF.get(p.pattern), _needs_now(p.pattern))
                for p, r in rules
            ]

        parens, double = self.PARENS_BRACKETS, self.DOUBLE_DASHES
        self._before = plain([*self.STARTING_QUOTES, *self.PUNCTUATION, parens, double])
        self._after = plain(self.ENDING_QUOTES)
        contractions = [*self.CONTRACTIONS2, *self.CONTRACTIONS3]
        self._contractions = [_stdlib(p) for p in contractions]
        # One search for all contractions: each needs its letters (same flags).
        literals = [_literal(p.pattern) for p in contractions]
        known = [x for x in literals if x is not None]
        self._any_contraction = (
            re.compile("(?i)" + "|".join(re.escape(x) for x in known))
            if len(known) == len(literals)
            else None
        )

    def tokenize(
        self, text: str, convert_parentheses: bool = False, return_str: bool = False
    ) -> list[str]:
        if convert_parentheses or return_str or len(text) > self.GUARDED_ABOVE:
            return super().tokenize(text, convert_parentheses, return_str)
        present = frozenset(text)  # rules add only spaces, ` and ', so this stays true of the rest
        for pattern, replacement, needs, now in self._before:
            if (needs is None or not present.isdisjoint(needs)) and (
                now is None or now[0] in text or now[-1] in text
            ):
                text = pattern.sub(replacement, text)
        text = " " + text + " "
        for pattern, replacement, needs, now in self._after:
            if (needs is None or not present.isdisjoint(needs)) and (
                now is None or now[0] in text or now[-1] in text
            ):
                text = pattern.sub(replacement, text)
        if self._any_contraction is None or self._any_contraction.search(text):
            for pattern in self._contractions:
                text = pattern.sub(r" \1 \2 ", text)
        return text.split()


# Rules of NLTKWordTokenizer that cannot match without an apostrophe (or, for
# the first, a double quote). Listed by their exact source: if NLTK changes a
# rule, it is no longer listed and simply always runs.
_NEEDS_APOSTROPHE = frozenset(
    {
        r"(?i)(?<!\w)(\')(?!(?:re|ve|ll|m|t|s|d|n)\b)(?=\w)",
        r"([^'])' ",
        r"''",
        r"([^' ])('[sS]|'[mM]|'[dD]|') ",
        r"([^' ])('ll|'LL|'re|'RE|'ve|'VE|n't|N'T) ",
    }
)
_NEEDS_QUOTE = frozenset({r"^\"", r'"'})
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


def _abbreviation_ends(paragraph: str, a: int, b: int) -> list[tuple[int, int]]:
    """Split ``paragraph[a:b]`` where Punkt took a sentence-final word for an
    abbreviation: one written in capitals ("the SEC. The shares fell"), or an
    abbreviation that does not stand before a name followed by a word that
    opens sentences ("Mr P. The court heard", "at 5 p.m. The meeting",
    "Acme Inc. It said"). Titles (Mr, Dr, Gen ...) never end a sentence."""
    if _DOT_SPACE.search(paragraph, a, b) is None:
        return [(a, b)]  # no full stop inside the span: most sentences
    spans = []
    start = a
    for match in _ABBREVIATION_END.finditer(paragraph, a, b):
        word = match.group(1)
        key = word.lower()
        if key in TITLES or match.end() >= b:
            continue
        capitals = (
            len(word.replace(".", "")) > 1
            and word.replace(".", "").isupper()
            and key in ABBREVIATIONS
        )
        initial = len(word) == 1 and word.isupper() and _after_title(paragraph, match.start())
        if capitals or initial or (key in ABBREVIATIONS and key not in LEADING and len(word) > 1):
            spans.append((start, match.start() + len(word) + 1))
            start = match.end()
    spans.append((start, b))
    return spans


def _after_title(paragraph: str, at: int) -> bool:
    """An initial right after a title: "Mr P." (a name cut short)."""
    before = paragraph[max(0, at - 6) : at].rstrip().rsplit(" ", 1)[-1].rstrip(".").lower()
    return before in TITLES


_ORDINAL_END = re.compile(r"(?<![\d.])\d{1,4}\.$")
ORDINAL_NOUNS = frozenset(
    """
    januar februar märz april mai juni juli august september oktober november dezember
    jahrhundert jahrhunderts jahrhunderte jahrtausend jahrtausends jahrestag jahrestages
    geburtstag geburtstages todestag todestages lebensjahr lebensjahres jubiläum
    platz platzes rang stock stockwerk etage mal klasse runde spieltag minute minuten
    auflage kapitel band weltkrieg weltkriegs weltkrieges quartal quartals halbjahr
    sitzung legislaturperiode amtszeit durchgang bundesliga liga
    """.split()
)
"""German words an ordinal number stands before ("im 19. Jahrhundert", "am
3. Oktober"): a full stop after the number there does not end a sentence.
The splitter is Punkt with English abbreviations; for German it knows these
ordinals and the quotation marks (see :mod:`briefing.nlp.attribution`)."""


def _ordinals_joined(paragraph: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans rejoined where one ended at a German ordinal ("bis ins 19.")
    and the next starts with the word it counts ("Jahrhundert zurück.")."""
    joined: list[tuple[int, int]] = []
    for a, b in spans:
        if joined and _ORDINAL_END.search(paragraph, joined[-1][0], joined[-1][1]):
            word = paragraph[a:b].split(None, 1)[0].strip(".,;:!?") if b > a else ""
            if word.lower() in ORDINAL_NOUNS:
                joined[-1] = (joined[-1][0], b)
                continue
        joined.append((a, b))
    return joined


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
            if (
                spans
                and _NUMBER_SIGN.search(paragraph, spans[-1][0], spans[-1][1])
                and paragraph[a : a + 1].isdigit()
            ):
                spans[-1] = (spans[-1][0], b)
                continue
            start = a
            for match in _NUMBER_END.finditer(paragraph, a, b):
                spans.extend(_abbreviation_ends(paragraph, start, match.start()))
                start = match.end()
            spans.extend(_abbreviation_ends(paragraph, start, b))
        return _ordinals_joined(paragraph, spans)

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        return tuple(paragraph[a:b].strip() for a, b in self.sentence_spans(paragraph))

    def to_words(self, sentence: str) -> tuple[str, ...]:
        return _words_of(sentence)

    def tokens(self, sentence: str) -> list[str]:
        """Every token, punctuation included (for phrase boundaries)."""
        return list(_tokens_of(sentence))


def is_word(token: str) -> bool:
    return _WORD.match(token) is not None
