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


MEMO = (
    "Memo\n\nWe will meet on Tuesday to review the budget. I think the numbers are too high. "
    "We need your figures before then.\n"
)
REPLY = (
    "From: a@example.org\nTo: b@example.org\nSubject: Re: hello\n"
    "Date: Mon, 30 Nov 2026 10:00:00 +0000\nContent-Type: text/plain; charset=utf-8\n\n"
    "This is a reply to your hello.\n"
)


def test_a_short_text_whose_sentences_do_not_read_alone_is_never_empty(tmp_path):
    """A first-person memo and a one-line reply: `sentences: []`, exit 0 and
    no warning (or 'no readable articles' in text format)."""
    (tmp_path / "memo.txt").write_text(MEMO, encoding="utf-8")
    (tmp_path / "reply.eml").write_text(REPLY, encoding="utf-8")
    for name in ("memo.txt", "reply.eml"):
        path = str(tmp_path / name)
        result = briefing("summarize", path, "--format", "json")
        assert result.returncode == 0, result.stderr
        (article,) = json.loads(result.stdout)["articles"]
        assert article["sentences"] and article["loose"], name
        assert all(s["stands_alone"] is False for s in article["sentences"])
        assert "no sentence reads alone" in result.stderr and name in result.stderr
        text = briefing("summarize", path, "--format", "text")
        assert text.returncode == 0 and text.stdout.strip(), text.stderr
        md = briefing("summarize", path, "--format", "markdown")
        assert "reads alone" in md.stdout and "*briefing:" in md.stdout
    built = briefing("build", str(tmp_path / "memo.txt"), "--date", "2026-11-30")
    assert "We will meet on Tuesday" in built.stdout and "*briefing: no sentence" in built.stdout


def test_sentences_that_read_alone_are_marked_so(tmp_path):
    result = briefing("summarize", "--format", "json")
    data = json.loads(result.stdout)
    assert all(s["stands_alone"] for a in data["articles"] for s in a["sentences"])
    assert not any(a["loose"] for a in data["articles"]) and "reads alone" not in result.stderr


def test_no_readable_articles_names_the_reason_and_the_formats_read(tmp_path):
    (tmp_path / "empty.txt").write_text("\n\n", encoding="utf-8")
    result = briefing("summarize", str(tmp_path / "empty.txt"))
    assert result.returncode == 1
    last = result.stderr.splitlines()[-1]
    assert ".pdf" in last or "skipped" in last, last
    assert "give .txt, .md or .html" not in result.stderr
