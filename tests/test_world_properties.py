"""Issue 20's promises as properties: no control character or U+FFFD beside
a letter that could be decoded, and no article of three or more sentences
of prose with an empty summary, whatever quotation marks, first person or
stray bytes it holds."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.ingest.decode import decode, strip_invisible
from briefing.model import Options
from briefing.nlp.text import OfflineTokenizer
from briefing.ingest.structure import Block, build
from briefing.summarizers.summarize import summarize

WORDS = (
    "council bridge river town mayor spring work road budget report police school "
    "Brücke Straße café résumé naïve Zürich Ærø façade"
).split()

word = st.sampled_from(WORDS)
phrase = st.lists(word, min_size=4, max_size=12).map(" ".join)


@given(
    st.lists(phrase, min_size=3, max_size=8),
    st.lists(st.tuples(st.integers(0, 10_000), st.integers(0x80, 0xFF)), max_size=4),
)
def test_stray_bytes_never_leave_a_replacement_character_or_mojibake(phrases, strays):
    text = "Report\n\n" + " ".join(p.capitalize() + "." for p in phrases) + "\n"
    data = bytearray(text.encode("utf-8"))
    for where, byte in strays:  # each stray before a space, as a paste from cp1252 leaves "5 €"
        spaces = [n for n in range(len(data)) if data[n] == 0x20]
        data.insert(spaces[where % len(spaces)], byte)
    decoded = strip_invisible(decode(bytes(data))[0])
    assert "\ufffd" not in decoded
    assert not any(ord(c) < 32 and c not in "\n\t" or 0x7F <= ord(c) < 0xA0 for c in decoded)
    for w in {w for p in phrases for w in p.split()}:
        assert (
            w.lower() in decoded.lower()
        )  # every word of the text survives: nothing re-decoded as cp1252


MARKS = ("", "", '"', "“", "„", "«", "»", "「", "I think ", "We said ", "He added that ")


@given(
    st.lists(
        st.tuples(st.sampled_from(MARKS), phrase, st.sampled_from(MARKS)), min_size=3, max_size=10
    ),
    st.sampled_from(["blend", "lexrank", "luhn", "textrank", "lsa"]),
)
@settings(max_examples=60)
def test_three_sentences_of_prose_never_give_an_empty_summary(sentences, algorithm):
    paragraph = " ".join(f"{a}{p.capitalize()}.{b.strip()}" for a, p, b in sentences)
    article = build(
        [Block("Report", heading=True), Block(paragraph)], {}, "x.txt", None, OfflineTokenizer()
    )
    if len(article.sentences) < 3:
        return
    assert summarize(article, Options(algorithm)).sentences
