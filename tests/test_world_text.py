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


# --------------------------------------------------------------------------
# Encodings (#4).


def _read(tmp_path, name: str, data: bytes):
    from briefing.run.loading import load

    (tmp_path / name).write_bytes(data)
    result = load([str(tmp_path / name)])
    return result.articles, result.problems


def test_a_utf8_page_with_a_few_stray_bytes_is_not_mojibake(tmp_path):
    body = "<p>Die Kinder würfeln im Garten und spielen bis zum Abend. Alle sind froh.</p>" * 5
    page = (
        '<html><head><meta charset="utf-8"><title>Würfeln</title></head><body>'
        f"{body}<p>Preis: 5 \x80 pro Spiel, bezahlt am Eingang des Gartens.</p></body></html>"
    )
    data = page.encode("utf-8").replace(b"\xc2\x80", b"\x80")  # one stray cp1252 byte (€)
    (article,), _ = _read(tmp_path, "page.html", data)
    text = " ".join(s.text for s in article.sentences)
    assert "würfeln" in text and "Ã" not in text and "\ufffd" not in text
    assert "5 € pro Spiel" in text


def test_an_email_declaring_gb2312_whose_body_is_utf8_reads_as_utf8(tmp_path):
    body = "你好，这是关于明天会议的通知。请大家准时参加。我们将讨论预算问题。".encode()
    mail = (
        b"From: a@example.org\nSubject: Notice\nDate: Mon, 30 Nov 2026 10:00:00 +0000\n"
        b"Content-Type: text/plain; charset=gb2312\nContent-Transfer-Encoding: 8bit\n\n" + body
    )
    (article,), _ = _read(tmp_path, "notice.eml", mail)
    assert "明天会议" in " ".join(s.text for s in article.sentences)


def test_an_email_with_an_unknown_charset_is_read_not_skipped(tmp_path):
    mail = (
        b"From: a@example.org\nSubject: Budget\nDate: Mon, 30 Nov 2026 10:00:00 +0000\n"
        b"Content-Type: text/plain; charset=X-UNKNOWN\n\n"
        b"The budget review moves to Thursday. The finance team will present the figures.\n"
    )
    articles, problems = _read(tmp_path, "budget.eml", mail)
    assert not problems and "finance team" in " ".join(s.text for s in articles[0].sentences)


def test_an_empty_plain_part_does_not_hide_the_html_part(tmp_path):
    html = "<p>The council approved the new bridge on Monday. Work starts in spring.</p>"
    mail = (
        "From: a@example.org\nSubject: Bridge\nMIME-Version: 1.0\n"
        'Content-Type: multipart/alternative; boundary="b"\n\n'
        "--b\nContent-Type: text/plain; charset=utf-8\n\n\n"
        f"--b\nContent-Type: text/html; charset=utf-8\n\n{html}\n--b--\n"
    ).encode()
    (article,), _ = _read(tmp_path, "bridge.eml", mail)
    assert "approved the new bridge" in " ".join(s.text for s in article.sentences)


def test_a_cp1252_file_is_still_read_as_cp1252(tmp_path):
    data = "Café prices rose – the owner said “not again”. Customers stayed.\n".encode("cp1252")
    (article,), _ = _read(tmp_path, "cafe.txt", b"Cafe\n\n" + data)
    assert "Café prices rose – the owner" in " ".join(s.text for s in article.sentences)


# --------------------------------------------------------------------------
# Binary files and mail without a suffix (#5, #9).

OLE_HEAD = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)


def test_an_outlook_msg_named_eml_is_one_line_not_binary_sentences(tmp_path):
    """An OLE compound file named .eml gave a binary title and 84 binary
    'sentences'."""
    import os

    (tmp_path / "mail.eml").write_bytes(OLE_HEAD + os.urandom(4096))
    (tmp_path / "mail.msg").write_bytes(OLE_HEAD + os.urandom(4096))
    (tmp_path / "good.txt").write_text(MEMO, encoding="utf-8")
    result = briefing("summarize", str(tmp_path), "--format", "json")
    assert result.returncode == 0, result.stderr
    assert [a["source"].rsplit("/", 1)[-1] for a in json.loads(result.stdout)["articles"]] == [
        "good.txt"
    ]
    warned = [line for line in result.stderr.splitlines() if "Outlook .msg" in line]
    assert len(warned) == 2 and all("save a mail as .eml" in line for line in warned)


def test_binary_bytes_named_as_a_feed_or_mail_are_refused(tmp_path):
    import os

    for name in ("x.eml", "x.rss", "x.mbox"):
        (tmp_path / name).write_bytes(b"\x00\x01\x02" + os.urandom(2048))
        result = briefing("summarize", str(tmp_path / name), "--format", "json")
        assert result.returncode == 1 and "binary" in result.stderr, (name, result.stderr)


def test_a_mail_with_a_long_received_chain_and_no_suffix_is_read_as_mail(tmp_path):
    hops = "".join(
        f"Received: from relay{n}.example.org (relay{n}.example.org [192.0.2.{n}])\n"
        f"\tby mx.example.org with ESMTPS id abc{n}; Mon, 30 Nov 2026 10:00:{n:02d} +0000\n"
        for n in range(40)
    )
    mail = (
        f"{hops}From: Press Office <press@example.org>\nSubject: Bridge approved\n"
        "Date: Mon, 30 Nov 2026 10:00:00 +0000\nContent-Type: text/plain; charset=utf-8\n\n"
        "The council approved the new bridge on Monday. Work starts in spring.\n"
    )
    (tmp_path / "message").write_text(mail, encoding="utf-8")
    result = briefing("summarize", str(tmp_path / "message"), "--format", "json")
    (article,) = json.loads(result.stdout)["articles"]
    assert article["title"] == "Bridge approved" and article["publisher"] == "Press Office"


# --------------------------------------------------------------------------
# Sentences glued across tags, German ordinals (#6).


def _page(body: str) -> str:
    return (
        "<html><head><title>Die Lage</title></head><body><article><h1>Die Lage in der Stadt</h1>"
        "<p>Ein langer einleitender Absatz über die Lage in der Stadt, damit die Seite Inhalt hat.</p>"
        f"{body}<p>Ein weiterer Absatz mit genug Text für die Erkennung des Hauptinhalts.</p>"
        "</article></body></html>"
    )


def test_sentences_parted_by_tags_are_not_glued():
    """'betroffen.Aktuelle und detaillierte Zahlen': a <br>, or one inline
    tag's text ending a sentence and the next's starting one."""
    from briefing.ingest.html import extract

    cases = {
        "<p>Viele Menschen sind betroffen.<br>Aktuelle Zahlen folgen morgen.</p>": (
            "betroffen. Aktuelle"
        ),
        "<p><span>Der Zug kam spät.</span><span>Alle warteten lange.</span></p>": "spät. Alle",
        "<p><strong>Achtung.</strong>Die Straße ist gesperrt.</p>": "Achtung. Die",
    }
    for body, parted in cases.items():
        _, blocks = extract(_page(body))
        text = " ".join(b.text for b in blocks)
        assert parted in text, (body, text)


def test_a_german_ordinal_does_not_end_a_sentence():
    from briefing.nlp.text import OfflineTokenizer

    split = OfflineTokenizer().to_sentences
    assert split("Die Tradition reicht bis ins 19. Jahrhundert zurück. Heute lebt sie.") == (
        "Die Tradition reicht bis ins 19. Jahrhundert zurück.",
        "Heute lebt sie.",
    )
    assert split("Am 3. Oktober feiern wir. Das ist gut.") == (
        "Am 3. Oktober feiern wir.",
        "Das ist gut.",
    )
    assert split("The score was 3. Then it rose.") == ("The score was 3.", "Then it rose.")


# --------------------------------------------------------------------------
# Duplicate picks, Atom 0.3 dates (#10).


def test_the_same_sentence_is_never_picked_twice(tmp_path):
    """A page repeating a line ("Visit our home page." x3) had it picked three times."""
    from briefing.model import Options
    from briefing.run.loading import load
    from briefing.summarizers.summarize import summarize

    repeated = "The choir sings at the town hall on Sunday evening!"
    paragraphs = [
        repeated,
        "The town hall was restored last year after a fire damaged its roof.",
        repeated,
        "Tickets cost five pounds and are sold at the library on weekdays.",
        repeated,
        "The mayor thanked the volunteers who raised money for the repairs.",
    ]
    (tmp_path / "choir.txt").write_text(
        "Choir concert\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8"
    )
    (article,) = load([str(tmp_path / "choir.txt")]).articles
    for algorithm in ("blend", "lexrank", "textrank", "lsa", "luhn"):
        shown = [s.text for s in summarize(article, Options(algorithm, sentences=4)).sentences]
        assert len(shown) == len(set(shown)), (algorithm, shown)


def test_an_atom_0_3_created_date_is_the_published_date(tmp_path):
    feed = (
        '<?xml version="1.0"?><feed version="0.3" xmlns="http://purl.org/atom/ns#">'
        "<title>Town news</title><entry><title>Choir concert</title>"
        '<link rel="alternate" href="https://example.org/choir"/>'
        "<created>2004-05-30T12:00:00Z</created>"
        '<content type="text/html" mode="escaped">&lt;p&gt;The choir sings at the town hall '
        "on Sunday. Tickets are sold at the library.&lt;/p&gt;</content></entry></feed>"
    )
    assert _feed_article(tmp_path, feed)["published"] == "2004-05-30"


def _feed_article(tmp_path, feed: str) -> dict:
    """The one article of this feed, as summarize's JSON gives it."""
    (tmp_path / "news.atom").write_text(feed, encoding="utf-8")
    result = briefing("summarize", str(tmp_path / "news.atom"), "--format", "json", "--no-fetch")
    (article,) = json.loads(result.stdout)["articles"]
    return article


# --------------------------------------------------------------------------
# PDF text and titles (#7, #8).


def test_ligatures_and_control_characters_never_reach_a_sentence(tmp_path):
    text = (
        "Topology notes\n\nThe de\ufb01nition of an open set comes \ufb01rst. "
        "A U \x12X hei\u00dft Umgebung in the German text. The \ufb02ow of the argument follows.\n"
    )
    (tmp_path / "notes.txt").write_text(text, encoding="utf-8")
    (article,) = _read(tmp_path, "notes.txt", text.encode("utf-8"))[0]
    joined = " ".join(s.text for s in article.sentences)
    assert "definition" in joined and "first" in joined and "flow" in joined
    assert not any(0xFB00 <= ord(c) <= 0xFB06 or ord(c) < 32 for c in joined)


def _pdf(tmp_path, name, pages, title="Annual report"):
    from test_ingest import write_pdf

    write_pdf(tmp_path / name, pages, title=title)
    from briefing.run.loading import load

    (article,) = load([str(tmp_path / name)]).articles
    return article


BODY = [
    "The army moved south along the river in the spring of that year.",
    "Supplies came by boat from the north, and the roads were poor.",
    "The siege lasted many weeks before the town finally surrendered.",
]


def test_running_headers_with_their_page_numbers_are_dropped(tmp_path):
    """'50 THE SIEGE OF VICKSBURG.' changes its number on every page, so it
    was never seen as a running header and ran into sentences."""
    words = ["north", "south", "east", "west"]
    pages = [
        [
            f"{50 + n} THE SIEGE OF VICKSBURG.",
            f"The army moved {w} along the river on the {w} bank that week.",
            f"Supplies came by boat from the {w}, and the {w} roads were poor.",
            f"The {w} camp waited many days for orders from the general.",
        ]
        for n, w in enumerate(words)
    ]
    article = _pdf(tmp_path, "siege.pdf", pages)
    assert not any("VICKSBURG" in s.text for s in article.sentences)


def test_contents_and_index_pages_are_not_read(tmp_path):
    contents = [
        "Contents",
        "Introduction .......... 3",
        "The march south .......... 7",
        "The river crossing .......... 12",
        "The siege .......... 19",
        "Surrender .......... 27",
    ]
    index = ["Index", "army, 3, 7, 12", "boats, 7", "river, 12, 19", "roads, 7, 27", "siege, 19"]
    article = _pdf(tmp_path, "book.pdf", [contents, BODY, index])
    shown = " ".join(s.text for s in article.sentences)
    assert "...." not in shown and "army, 3" not in shown and "Contents" not in shown


def test_made_up_pdf_titles_are_not_titles(tmp_path):
    for n, junk in enumerate(
        ("Microsoft Word - Test Orient PDF.docx", "Binder1.pdf", "untitled", "Document1")
    ):
        article = _pdf(tmp_path, f"t{n}.pdf", [["The siege of the river town.", *BODY]], junk)
        assert article.title == "The siege of the river town.", junk


def test_noise_and_bare_urls_are_never_picked(tmp_path):
    """OCR noise ("'i, .'", "• ki ., ,") and a bare URL line were picked as
    summary sentences."""
    from briefing.model import Options
    from briefing.summarizers.summarize import summarize

    lines = [
        "The council approved the new bridge on Monday after a long debate.",
        "'i, .'",
        "• ki ., ,",
        "https://example.org/news/bridge-approved-council-vote",
        "Work on the bridge starts in spring and should take two years.",
        "Residents will be told about road closures well in advance.",
    ]
    text = "Bridge approved\n\n" + "\n\n".join(lines) + "\n"
    (article,) = _read(tmp_path, "bridge.txt", text.encode("utf-8"))[0]
    for algorithm in ("blend", "lexrank", "luhn"):
        shown = [s.text for s in summarize(article, Options(algorithm, sentences=5)).sentences]
        assert not any(t.startswith(("'i", "•", "https")) for t in shown), (algorithm, shown)


def test_a_feed_title_of_type_html_is_text(tmp_path):
    """An html title kept its markup: '## &lt;div>Example &lt;a href=...'."""
    feed = (
        '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Town news</title>'
        '<entry><title type="html">&lt;div&gt;Bridge &lt;a href="https://example.org"&gt;approved'
        "&lt;/a&gt; &amp;amp; funded&lt;/div&gt;</title><updated>2026-11-30T10:00:00Z</updated>"
        "<content>The council approved the new bridge on Monday. Work starts in spring.</content>"
        "</entry></feed>"
    )
    assert _feed_article(tmp_path, feed)["title"] == "Bridge approved & funded"


def test_a_page_is_not_titled_by_its_navigation():
    """Pages titled 'Navigation und Service' or 'Write a Reply or Comment'
    (58 of 820): the title agrees with the text."""
    from briefing.ingest.html import extract

    body = (
        "<article><p>Die neue Brücke über den Fluss wird im Frühjahr gebaut, sagte der "
        "Bürgermeister am Montag.</p><p>Die Brücke soll zwei Jahre Bauzeit brauchen und "
        "den Verkehr in der Innenstadt entlasten.</p></article>"
    )
    pages = {
        "nav h1": (
            "<html><head><title>Neue Brücke für die Innenstadt | Stadt Beispiel</title></head>"
            f"<body><nav><h1>Navigation und Service</h1></nav>{body}</body></html>"
        ),
        "reply": (
            '<html><head><meta property="og:title" content="Neue Brücke für die Innenstadt">'
            "<title>Write a Reply or Comment</title></head>"
            f"<body>{body}<h1>Write a Reply or Comment</h1></body></html>"
        ),
    }
    for name, page in pages.items():
        metadata, _ = extract(page)
        assert metadata.get("title") == "Neue Brücke für die Innenstadt", (name, metadata)


# --------------------------------------------------------------------------
# E-mail leftovers (#9).


def test_mail_leftovers_in_other_languages_are_left_out(tmp_path):
    body = (
        "Il consiglio comunale ha approvato il nuovo ponte lunedì sera. "
        "I lavori inizieranno in primavera e dureranno due anni.\n\n"
        "Cordiali saluti,\nMario Rossi\nUfficio stampa\n\n"
        "Da: Anna Bianchi\nInviato: lunedì 30 novembre 2026 10:00\nA: Mario Rossi\n"
        "Oggetto: Ponte\n\nQuando inizia il cantiere del ponte nuovo?\n\n"
        "Nota di riservatezza: questo messaggio è riservato e destinato solo al destinatario.\n"
        "To unsubscribe from this list, write to the list owner.\n"
    )
    mail = (
        "From: Mario Rossi <m@example.org>\nSubject: Ponte approvato\n"
        "Date: Mon, 30 Nov 2026 10:00:00 +0000\nContent-Type: text/plain; charset=utf-8\n\n" + body
    )
    (article,), _ = _read(tmp_path, "ponte.eml", mail.encode("utf-8"))
    text = " ".join(s.text for s in article.sentences)
    assert "approvato il nuovo ponte" in text
    for leftover in ("Cordiali", "Inviato", "Oggetto", "riservatezza", "unsubscribe", "Ufficio"):
        assert leftover not in text, leftover


def test_a_disclaimer_in_german_is_furniture():
    from briefing.nlp.furniture import line_furniture

    assert line_furniture(
        "Diese E-Mail enthält vertrauliche Informationen. Wenn Sie nicht der richtige Adressat "
        "sind, informieren Sie bitte sofort den Absender."
    )
    assert line_furniture("The council approved the bridge on Monday.") is None
