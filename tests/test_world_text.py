"""Documents from the world read right (issue 20): quotation marks of other
languages, short texts, encodings, binary files, glued sentences, PDF text,
titles, e-mail leftovers and duplicate picks. Each fixture is written here."""

from __future__ import annotations

import json

from conftest import briefing

from briefing.nlp.attribution import quote_states

GERMAN = (
    "Die Geschichte der Büssing Werke\n\n"
    "Die „Büssing Werke“ in Braunschweig bauten ab 1903 Lastwagen und Busse. "
    "Heinrich Büssing gründete das Unternehmen mit seinen Söhnen. "
    "Die Firma wurde später ein Teil des MAN-Konzerns. "
    "Viele Braunschweiger arbeiteten jahrzehntelang in den Werkshallen. "
    "Heute erinnert ein Denkmal in der Stadt an den Gründer.\n"
)


def _sentences(result) -> list[str]:
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    return [s["text"] for a in data["articles"] for s in a["sentences"]]


def test_german_quotation_marks_do_not_blank_a_summary(tmp_path):
    """„Büssing Werke“: the closing “ was read as an opening one and the
    whole text as one quotation; the summary was empty."""
    (tmp_path / "de.txt").write_text(GERMAN, encoding="utf-8")
    (tmp_path / "straight.txt").write_text(
        GERMAN.replace("„", '"').replace("“", '"'), encoding="utf-8"
    )
    curly = _sentences(briefing("summarize", str(tmp_path / "de.txt"), "--format", "json"))
    straight = _sentences(briefing("summarize", str(tmp_path / "straight.txt"), "--format", "json"))
    assert len(curly) == len(straight) == 3


def test_each_languages_quotation_pairs_open_and_close():
    cases = {
        "Er sagte „Ja“ und ging.": False,  # German „…“
        "Sie schrieb »Nein« und ging.": False,  # German »…«
        "Il a dit « oui » et il est parti.": False,  # French «…»
        "Powiedział „tak” i wyszedł.": False,  # Polish „…”
        "彼は「はい」と言った。": False,  # Japanese 「…」
        "He said “yes” and left.": False,  # English “…”
        "Han sa ”ja” och gick.": False,  # Swedish ”…”
        "Er sagte „Ja und ging.": True,  # left open
    }
    for sentence, open_at_end in cases.items():
        ((state,),) = quote_states([[sentence]])
        assert state == (False, open_at_end), sentence


def test_a_quotation_that_never_closes_does_not_swallow_the_document():
    """One stray opening mark made every later sentence 'inside a quotation'."""
    for mark in '„“"«':
        paragraph = [f"{mark}Das ist der Anfang."] + [f"Satz {n} geht weiter." for n in range(30)]
        states = quote_states([paragraph])[0]
        assert sum(1 for start, end in states if start or end) == 0, mark


def test_a_long_german_article_with_quotes_gives_a_summary(tmp_path):
    paragraphs = []
    for n in range(40):
        paragraphs.append(
            f"Der Bürgermeister sagte am Tag {n + 1} „Wir bauen die Brücke neu“. "
            f"Die Arbeiten im Abschnitt {n + 1} beginnen im Frühjahr und dauern zwei Jahre. "
            "Anwohner sollen über die Umleitungen rechtzeitig informiert werden."
        )
    (tmp_path / "lang.txt").write_text(
        "Neue Brücke für die Stadt\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8"
    )
    result = briefing("summarize", str(tmp_path / "lang.txt"), "--format", "json")
    assert len(_sentences(result)) == 3
