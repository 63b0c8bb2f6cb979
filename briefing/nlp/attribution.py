"""Who says each sentence, and which sentences cannot be read apart.

Rules over one section's paragraphs (plain text, no model, no download):

- **Speakers**, always a verbatim piece of the source: an attribution line
  after a quotation ("– David Cameron, Prime Minister") speaks the
  paragraphs before it back to the reporter's own lead-in; reported speech
  names its speaker ("..., Mr Javid said", "Stephen Watson, Chief Constable
  of Greater Manchester Police, said:"); "he said" takes the speaker named
  just before; a quotation continued over sentences and paragraphs keeps the
  speaker of the sentence that opened it; a lead-in ending in ":" lends its
  speaker to what it introduces; first-person text on an organisation's own
  page (one written as "we") is its publisher's.
- **Units**: a quotation that runs over several sentences, and a sentence
  ending in ":" with what it introduces (the next sentence, or the list
  items after it), are joined (``joins_next``): shown whole or not at all.
- **Leaning openers**: a sentence opening with a pronoun subject or a
  connective ("This", "But", "However", ...) leans on the one before.

The same patterns, case-insensitive, drive :mod:`briefing.summarizers.coherence`'s
check, so it also works on lower-case text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

_CAP = r"[A-Z][\w’'.\-]*"
_CONNECTOR = r"(?:of|for|the|and|de|la|van|von|der|al|bin)"
_NAME = (
    rf"(?:[Tt]he\s+(?:[a-z]+\s+){{0,4}}(?:of|for)\s+|[Tt]he\s+)?"
    rf"{_CAP}(?:\s+(?:{_CONNECTOR}\s+)*{_CAP})*"
)
_APPOSITION = r"(?:,\s[^,;:\"“”]{2,80},)?"
VERBS = (
    r"(?:has\s+|had\s+|have\s+)?(?:said|says|say|told|tells|warned|warns|added|adds|announced|"
    r"explained|explains|stated|states|insisted|insists|claimed|claims|argued|argues|wrote|writes|"
    r"vowed|vows|promised|promises|saying|adding|insisting|warning|explaining|arguing|claiming|writing)"
)
# Each pattern opens with a look-ahead for the letters a match can start with: the
# engine then passes over other positions at once (same matches, 2-3x faster).
_NAMED = re.compile(rf"(?=[A-Zt])(?:^|(?<=[\s,(]))({_NAME}){_APPOSITION}\s+{VERBS}\b")
_DOCUMENT = re.compile(
    r"(?=[AITH])(?:^|(?<=[\s,(]))((?:A|An|The|Its|Their|His|Her)\s+(?:new\s+|latest\s+|final\s+|\d[\w-]*\s+)?"
    r"(?:report|statement|review|study|letter|document|strategy|survey|inquiry|paper|guidance)\b"
    r"[^,;:\"“”]{0,80}?)\s+(?:says|said|states|stated|warns|warned|concludes|concluded)\b"
)
_INVERTED = re.compile(rf"(?=[sat])\b(?:said|says|added|told|according to)\s+({_NAME})")
_PRONOUN = re.compile(rf"\b(?:he|she|they)\s+{VERBS}\b", re.IGNORECASE)
_PRONOUN_LOWER = re.compile(rf"\b(?:he|she|they)\s+{VERBS}\b")


def _pronoun_speech(text: str) -> bool:
    """ "he said", "they warned": :data:`_PRONOUN`, searched in lower case (faster)."""
    return _PRONOUN_LOWER.search(text.lower()) is not None


REPORTING = re.compile(rf"\b{VERBS}\b|\baccording to\b|\bspeaking\b", re.IGNORECASE)
"""A sentence holding one of these names its own source (case-insensitive)."""
FIRST_PERSON = re.compile(
    r"\b(?:I|we|our|ours|ourselves|my|me|I'm|I've|we're|we've|we'll|I'll)\b"
    r"|\b(?:we|our|i)[’']",
    re.IGNORECASE,
)
_REPORTING_LOWER = re.compile(rf"\b{VERBS}\b|\baccording to\b|\bspeaking\b")
_FIRST_PERSON_LOWER = re.compile(
    r"\b(?:i(?:'m|'ve|'ll)?|we(?:'re|'ve|'ll)?|ours(?:elves)?|our|my|me)\b|\b(?:we|our|i)[’']"
)


def reports(text: str) -> bool:
    """:data:`REPORTING` holds in ``text`` (searched in lower case: a third of the time)."""
    return _REPORTING_LOWER.search(text.lower()) is not None


_US = re.compile(r"(?<!\bthe )\bus\b")
"""First person "us", written in lower case (so not "US", the country; nor
"the us economy" in lower-case text): an organisation's own page that says
only "help us spot ..." is in its own voice."""


def first_person(text: str) -> bool:
    """:data:`FIRST_PERSON` holds in ``text`` (searched in lower case)."""
    return _FIRST_PERSON_LOWER.search(text.lower()) is not None


LEANING = re.compile(
    r"^[\"“'‘(]?(?:he|she|it|they|him|them|his|her|its|their|this|that|these|those|such|but|and|"
    r"or|nor|so|yet|however|also|meanwhile|moreover|furthermore|nevertheless|instead|therefore|"
    r"thus|still|then|otherwise|besides|likewise|similarly)\b",
    re.IGNORECASE,
)
_NOT_LEANING = re.compile(
    r"^(?:it\s+(?:is|was|has been|had been|will be|would be)\s+\w+\s+(?:that|to|whether|if)\b"
    r"|it\s+(?:is|was|has been|had been)\s+(?:understood|believed|thought|expected|reported|known|"
    r"estimated|feared|alleged|claimed)\b"
    r"|it\s+(?:emerged|comes|came|follows|understood)\b(?=\s+(?:that|as|after)))",
    re.IGNORECASE,
)
_CONNECTIVE = re.compile(
    r"(?:But|And|Or|Nor|So|Yet|However|Also|Meanwhile|Moreover|Furthermore|Nevertheless|Instead|"
    r"Therefore|Thus|Still|Then|Otherwise|Besides|Likewise|Similarly|Now|Earlier|Later|Today|"
    r"Yesterday)\b,?\s+"
)
_STOP_PRONOUN = re.compile(r"^[\"“'‘]?(?:he|she|they|his|her|its|their|it)\b", re.IGNORECASE)
MAX_ATTRIBUTED_PARAGRAPHS = 8
"""An attribution line speaks at most this many paragraphs before it."""
_NOT_NAMES = frozenset(
    "he she they it a an in on some many most others other another several few both all each "
    "such this that these those there".split()
)
_LAST_NAME = re.compile(rf"\b({_CAP}(?:\s+(?:{_CONNECTOR}\s+)*{_CAP})+)[.!?]?[\"”’']?$")
_LOOKBACK = 4
"""Sentences back in which "he said" looks for the speaker's name."""


@dataclass(frozen=True)
class Mark:
    speaker: str | None = None
    joins_next: bool = False
    leans: bool = False


@dataclass(frozen=True)
class Paragraph:
    sentences: tuple[str, ...]
    attribution: str | None = None
    """The attribution line that follows the paragraph, without its dash."""
    item: bool = False
    """A list item (a bullet in the source)."""


def attribution_text(line: str) -> str:
    return line.lstrip("–—- \t").strip()


_VERB_HINT = re.compile(rf"\b{VERBS}\b|\baccording to\b|\b(?:concludes|concluded)\b")
"""A part of every verb the speaker patterns look for: a sentence without
one names no speaker (most do not; the full patterns are slow)."""


_VERB_PARTS = (
    "sa", "tol", "tel", "warn", "add", "announc", "explain", "stat", "insist", "claim", "argu",
    "wr", "vow", "promis", "accord", "conclud",
)  # fmt: skip
"""A piece of each of those verbs: a sentence with none of them has no verb
(plain substring tests, several times faster than the pattern)."""


def has_reporting_verb(sentence: str) -> bool:
    """A verb the speaker patterns look for is in the sentence (as written)."""
    return any(part in sentence for part in _VERB_PARTS) and _VERB_HINT.search(sentence) is not None


def named_speaker(sentence: str, verb: bool | None = None) -> str | None:
    """The speaker a sentence names as saying something, verbatim.
    ``verb``: :func:`has_reporting_verb` of it, when known."""
    if not (has_reporting_verb(sentence) if verb is None else verb):
        return None
    document = _DOCUMENT.search(sentence)
    if document is not None:
        return document.group(1)
    found = _NAMED.search(sentence) or _INVERTED.search(sentence)
    if found is None:
        return None
    name = found.group(1).strip()
    if name.split()[0].lower() in _NOT_NAMES or name.lower() == "the":
        return None
    # "Stephen Watson, Chief Constable of ..., said" keeps its apposition.
    whole = found.group(0)
    cut = re.search(rf"\s+{VERBS}\b\s*$", whole)
    speaker = (whole[: cut.start()] if cut else name).strip(" ,").rstrip(".")
    # "But Edward Leigh, ... said": the connective opens the sentence, not the name.
    opener = _CONNECTIVE.match(speaker)
    rest = speaker[opener.end() :] if opener is not None else ""
    if rest[:1].isupper() or rest.startswith("the "):
        speaker = rest
    return speaker or None


def leans_on_speaker(sentence: str) -> bool:
    """Leans only through the pronoun that says it ("He said there must be
    ..."): read alone, it needs just its speaker."""
    opener = re.match(r"^[\"“'‘]?(he|she|they)\b", sentence, re.IGNORECASE)
    return opener is not None and _PRONOUN.search(sentence) is not None


def leans(sentence: str) -> bool:
    """Opens by leaning on the sentence before it (case-insensitive)."""
    return LEANING.match(sentence) is not None and _NOT_LEANING.match(sentence) is None


# --------------------------------------------------------------------------
# Quotation marks.


_MARKS = re.compile('[“”"„«»「」『』]')
CLOSERS = {"“": "”", "„": "“”", '"': '"', "«": "»", "»": "«", "「": "」", "『": "』", "”": "”"}
"""What closes a quotation each mark opens, in the languages that use it:
English “…”, German „…“ and »…«, Polish and others „…”, French «…»,
Swedish ”…”, Japanese and Chinese 「…」 and 『…』."""
OPENING_MARKS = '"“„«»「『”'
MAX_QUOTATION = 8
"""Sentences a quotation may run at most: a longer 'quotation' is a mark
that never closed (read as no quotation at all, not as the whole text)."""


def _spaced(ch: str) -> bool:
    return ch.isspace() or ch in "([{—–-:/"


def _opens_here(sentence: str, i: int) -> bool:
    """A mark at ``i`` opens a quotation (outside any): after a space or the
    start and before words, or one that only ever opens."""
    ch = sentence[i]
    if ch in "„「『«":
        return True
    before = sentence[i - 1] if i else " "
    after = sentence[i + 1] if i + 1 < len(sentence) else " "
    if ch == "“":  # English opens; German closes („…“), after a word and before a space
        return not (not _spaced(before) and (after.isspace() or after in ".,;:!?)"))
    return _spaced(before) and not after.isspace()  # " and Swedish ” and German »


def _scan(sentence: str, opener: str | None) -> tuple[str | None, bool]:
    """The opening mark of the quotation open at the sentence's end (None:
    none), given the one open at its start; and whether any mark was seen."""
    seen = False
    for match in _MARKS.finditer(sentence):
        seen = True
        i, ch = match.start(), match.group()
        if opener is None:
            if ch in OPENING_MARKS and _opens_here(sentence, i):
                opener = ch
        elif ch in CLOSERS[opener]:
            if opener == '"' and _opens_here(sentence, i):
                continue  # a straight quote opening again stays inside
            opener = None
    return opener, seen


def _opens_with_quote(text: str) -> bool:
    return text[:1] in OPENING_MARKS


def quote_states(paragraphs: Sequence[Sequence[str]]) -> list[list[tuple[bool, bool]]]:
    """For each sentence: (inside a quotation at its start, at its end).

    Each language's pairs are understood (see :data:`CLOSERS`). A quotation
    left open at a paragraph's end goes on only when the next paragraph
    opens with a quotation mark (the usual way to run a quote over
    paragraphs); otherwise it is taken as closed there. One that runs over
    more than :data:`MAX_QUOTATION` sentences without closing is taken as
    no quotation (a stray mark must not swallow the document).
    """
    states: list[list[tuple[bool, bool]]] = []
    opener: str | None = None
    for sentences in paragraphs:
        if opener is not None and not (sentences and _opens_with_quote(sentences[0])):
            opener = None
        row = []
        for n, sentence in enumerate(sentences):
            start = opener is not None
            text = sentence
            if start and n == 0 and _opens_with_quote(sentence):
                text = sentence[1:]  # the new paragraph's mark re-opens the same quotation
            opener, _ = _scan(text, opener)
            row.append((start, opener is not None))
        states.append(row)
    return _capped(states)


def _capped(states: list[list[tuple[bool, bool]]]) -> list[list[tuple[bool, bool]]]:
    """Runs of more than :data:`MAX_QUOTATION` sentences inside one quotation
    taken as outside any."""
    flat = [(pi, si) for pi, row in enumerate(states) for si in range(len(row))]
    run: list[tuple[int, int]] = []
    for where in [*flat, None]:
        inside = where is not None and any(states[where[0]][where[1]])
        if inside and where is not None:
            run.append(where)
            if not states[where[0]][where[1]][1]:  # closed here: the quotation ends
                inside = False
        if not inside and run:
            if len(run) > MAX_QUOTATION:
                for pi, si in run:
                    states[pi][si] = (False, False)
            run = []
    return states


# --------------------------------------------------------------------------
# Marking a section.


def mark_section(paragraphs: Sequence[Paragraph]) -> list[list[Mark]]:
    """The speaker, unit joins and leaning of every sentence of one section."""
    texts = [p.sentences for p in paragraphs]
    flat = [(pi, si) for pi, p in enumerate(texts) for si in range(len(p))]
    states = quote_states(texts)
    speakers: dict[tuple[int, int], str | None] = {}

    # Reported speech, "he said", continued quotations, colon lead-ins.
    last_named: tuple[int, str] | None = None
    quote_speaker: str | None = None
    lead_speaker: str | None = None
    for n, (pi, si) in enumerate(flat):
        sentence = texts[pi][si]
        start, end = states[pi][si]
        if (
            si == 0
            and lead_speaker is not None
            and (pi == 0 or not texts[pi - 1] or not texts[pi - 1][-1].rstrip().endswith(":"))
        ):
            if _speech(sentence) or paragraphs[pi - 1].attribution:
                lead_speaker = None
        verb = has_reporting_verb(sentence)
        name = named_speaker(sentence, verb)
        # "he said" needs a verb too (one in capitals, "HE SAID", is looked for in full).
        if name is None and (verb or sentence.isupper()) and _pronoun_speech(sentence):
            name = _antecedent(texts, flat, n, last_named)
        if name is not None and _DOCUMENT.search(sentence) is None:
            last_named = (n, name)  # a person or a body: what "he said" may point to
        speaker: str | None
        if start and quote_speaker is not None and name is None:
            speaker = quote_speaker
        else:
            lent = lead_speaker is not None and not _speech(sentence)
            speaker = name or (lead_speaker if lent else None)
        speakers[(pi, si)] = speaker
        quote_speaker = speaker if end else None
        if sentence.rstrip().endswith(":") and si == len(texts[pi]) - 1:
            lead_speaker = name
        if paragraphs[pi].attribution:
            lead_speaker = None

    # Attribution lines speak the paragraphs before them.
    for pi, paragraph in enumerate(paragraphs):
        if not paragraph.attribution:
            continue
        first = pi
        while first > 0 and pi - first + 1 < MAX_ATTRIBUTED_PARAGRAPHS:
            before = texts[first - 1]
            if not before or paragraphs[first - 1].attribution:
                break
            if _reporter_text(" ".join(before), paragraph.attribution):
                break
            first -= 1
        if _reporter_text(" ".join(texts[first]), paragraph.attribution):
            first += 1
        for qi in range(first, pi + 1):
            for si in range(len(texts[qi])):
                speakers[(qi, si)] = paragraph.attribution

    marks: list[list[Mark]] = []
    for pi, sentences in enumerate(texts):
        row = []
        for si, sentence in enumerate(sentences):
            row.append(
                Mark(
                    speakers[(pi, si)],
                    _joins_next(paragraphs, texts, states, pi, si),
                    leans(sentence),
                )
            )
        marks.append(row)
    return marks


def _speech(text: str) -> bool:
    """Reported speech with a named or pronoun speaker ("Some say" is not)."""
    outside = _outside_quotes(text)
    return named_speaker(outside) is not None or _pronoun_speech(outside)


def _antecedent(
    texts: Sequence[Sequence[str]],
    flat: Sequence[tuple[int, int]],
    n: int,
    last_named: tuple[int, str] | None,
) -> str | None:
    """Who "he said" is: the name that ends the sentence just before ("...
    Commissioner David Jamieson."), or else the speaker named in the last
    few sentences."""
    if n > 0:
        pi, si = flat[n - 1]
        found = _LAST_NAME.search(texts[pi][si].rstrip())
        if found:
            return found.group(1).rstrip(".")
    if last_named is not None and n - last_named[0] <= _LOOKBACK:
        return last_named[1]
    return None


def _reporter_text(paragraph: str, speaker: str) -> bool:
    """A paragraph in the reporter's voice: a lead-in (ends in ":"),
    reported speech, or one that speaks of the speaker in the third person."""
    if paragraph.rstrip().endswith(":") or _speech(paragraph):
        return True
    if _STOP_PRONOUN.match(paragraph):
        return True
    name = speaker.split(",")[0].split()
    return bool(name) and name[-1] in paragraph


def _joins_next(
    paragraphs: Sequence[Paragraph],
    texts: Sequence[Sequence[str]],
    states: list[list[tuple[bool, bool]]],
    pi: int,
    si: int,
) -> bool:
    last = si == len(texts[pi]) - 1
    following = pi + 1 < len(texts) and bool(texts[pi + 1])
    if not last:
        return states[pi][si][1] or texts[pi][si].rstrip().endswith(":")
    if not following:
        return False
    if texts[pi][si].rstrip().endswith(":"):
        return True
    if states[pi][si][1] and states[pi + 1][0][0]:
        return True
    # A list introduced by a colon runs to its last item.
    return paragraphs[pi].item and paragraphs[pi + 1].item and _in_list(paragraphs, texts, pi)


def _in_list(paragraphs: Sequence[Paragraph], texts: Sequence[Sequence[str]], pi: int) -> bool:
    while pi > 0 and paragraphs[pi].item:
        pi -= 1
    return not paragraphs[pi].item and bool(texts[pi]) and texts[pi][-1].rstrip().endswith(":")


_QUOTED = re.compile(r"[“\"„«»「『”][^”\"“«»」』]*[”\"“«»」』]")


def _outside_quotes(text: str) -> str:
    return _QUOTED.sub(" ", text)


def in_own_voice(sentence: str) -> bool:
    """First person outside quotation marks, with no one said to say it."""
    return (
        not _opens_with_quote(sentence)
        and (first_person(outside := _outside_quotes(sentence)) or _US.search(outside) is not None)
        and not reports(sentence)
    )


def publisher_voice(marked: Sequence[tuple[str, Mark]], publisher: str | None) -> list[Mark]:
    """An organisation's own page is written as "we": when a fifth of its
    sentences (and at least 3) are first person with no speaker, those are
    its publisher's. ``marked`` is every sentence of the article."""
    marks = [mark for _, mark in marked]
    if not publisher or len(marked) < 3:
        return marks  # no one to lend the "we" to: nothing to look for
    unspoken = [
        n for n, (text, mark) in enumerate(marked) if mark.speaker is None and in_own_voice(text)
    ]
    if publisher and len(unspoken) >= 3 and len(unspoken) * 5 >= len(marked):
        for n in unspoken:
            marks[n] = Mark(publisher, marks[n].joins_next, marks[n].leans)
    return marks
