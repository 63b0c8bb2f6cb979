"""Readers for PDF, Word and e-mail (issue 13): fixtures written here with
the real libraries; every shown sentence verbatim; titles, publishers and
dates right; bad files are one-line warnings."""

from __future__ import annotations

import json
from datetime import datetime
from email.message import EmailMessage
from pathlib import Path

import pytest
from conftest import briefing

from briefing.ingest.docx import read as read_docx
from briefing.ingest.pdf import drop_running_lines, paragraphs
from briefing.ingest.pdf import read as read_pdf
from briefing.ingest.readers import reader_for
from briefing.run.loading import load

PARAGRAPHS = [
    "MI5 will share information about subjects of interest with local police and councils.",
    "The scheme follows a review of the attacks of 2017. It will run in three areas at first.",
    "Ministers said the number of cases would be small in the first year.",
]


def write_docx(path: Path) -> None:
    import docx

    document = docx.Document()
    document.core_properties.title = "Intelligence sharing pilot"
    document.core_properties.author = "Home Office"
    document.core_properties.created = datetime(2023, 4, 5, 9, 30)
    document.add_heading("Intelligence sharing pilot", level=1)
    document.add_paragraph(PARAGRAPHS[0])
    document.add_heading("Background", level=2)
    document.add_paragraph(PARAGRAPHS[1])
    document.add_paragraph("The pilot areas are:")
    for area in ("Greater Manchester", "West Midlands", "London"):
        document.add_paragraph(area, style="List Bullet")
    document.add_paragraph(PARAGRAPHS[2])
    document.save(path)


def write_eml(
    path: Path, html: bool = False, subject: str = "Alert: intelligence sharing pilot"
) -> None:
    message = EmailMessage()
    message["Subject"] = subject
    message["From"] = "Press Office <press@example.org>"
    message["To"] = "desk@example.org"
    message["Date"] = "Tue, 24 Nov 2026 08:15:00 +0000"
    if html:
        message.set_content(
            "<html><body>" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS) + "</body></html>",
            subtype="html",
        )
    else:
        message.set_content("\n\n".join(PARAGRAPHS) + "\n")
    path.write_bytes(bytes(message))


def write_pdf(path: Path, pages: list[list[str]], title: str = "Annual report") -> None:
    """A PDF with these lines on its pages (10 pt, 14 pt apart) and a title
    and author in its metadata."""
    contents = []
    for lines in pages:
        body = "".join(f"({line.replace('(', '[').replace(')', ']')}) Tj T* " for line in lines)
        contents.append(f"BT /F1 10 Tf 14 TL 72 740 Td {body}ET".encode("latin-1"))
    write_raw_pdf(
        path, *contents, metadata={"/Title": title, "/Author": "Counter Terrorism Policing"}
    )


def write_raw_pdf(path: Path, *contents: bytes, metadata: dict[str, str] | None = None) -> None:
    """A PDF with a page drawn by each content stream (font /F1 is
    Helvetica)."""
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    writer = PdfWriter()
    font = writer._add_object(
        DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Font"),
                NameObject("/Subtype"): NameObject("/Type1"),
                NameObject("/BaseFont"): NameObject("/Helvetica"),
            }
        )
    )
    for content in contents:
        page = writer.add_blank_page(612, 792)
        page[NameObject("/Resources")] = DictionaryObject(
            {NameObject("/Font"): DictionaryObject({NameObject("/F1"): font})}
        )
        stream = DecodedStreamObject()
        stream.set_data(content)
        page[NameObject("/Contents")] = writer._add_object(stream)
    if metadata:
        writer.add_metadata(metadata)
    with path.open("wb") as handle:
        writer.write(handle)


def test_a_word_document_keeps_headings_list_items_and_properties(tmp_path):
    write_docx(tmp_path / "memo.docx")
    (article,) = load([str(tmp_path / "memo.docx")]).articles
    assert article.title == "Intelligence sharing pilot"
    assert article.metadata["source"] == "Home Office" and article.metadata["date"] == "2023-04-05"
    texts = [s.text for s in article.sentences]
    assert texts[0] == PARAGRAPHS[0] and "Background" in article.sections[0].subheadings
    lead = next(s for s in article.sentences if s.text == "The pilot areas are:")
    assert lead.joins_next  # a lead-in with its list items
    assert [s.text for s in article.sentences if s.continues] == [
        "Greater Manchester",
        "West Midlands",
        "London",
    ]


@pytest.mark.parametrize("html", [False, True])
def test_an_email_gives_subject_sender_and_date(tmp_path, html):
    write_eml(tmp_path / "alert.eml", html=html)
    (article,) = load([str(tmp_path / "alert.eml")]).articles
    assert article.title == "Alert: intelligence sharing pilot"
    assert article.metadata["source"] == "Press Office" and article.metadata["date"] == "2026-11-24"
    whole = " ".join(PARAGRAPHS)
    assert article.sentences and all(s.text in whole for s in article.sentences)


def test_a_pdf_report_is_read_page_by_page(tmp_path):
    header, long = "Annual Report 2019 | Counter Terrorism Policing", "x" * 60
    pages = [
        [
            header,
            "The threat from terrorism remains substantial across the whole of the United",
            "Kingdom, and the police and MI5 continue to work closely with local partners to",
            "keep the public safe.",
            "Partners now receive more information than ever be-",
            "fore about people who may pose a risk.",
            "1",
        ],
        [
            header,
            "Several plots were disrupted during the year, and the number of arrests rose",
            "again compared with the year before.",
            "2",
        ],
        [
            header,
            "The review of the attacks found ways to share intelligence more widely with",
            "councils and health services.",
            "3",
        ],
    ]
    write_pdf(tmp_path / "report.pdf", pages)
    (article,) = load([str(tmp_path / "report.pdf")]).articles
    assert (
        article.title == "Annual report"
        and article.metadata["source"] == "Counter Terrorism Policing"
    )
    texts = [s.text for s in article.sentences]
    assert all(
        header not in t and not t.isdigit() for t in texts
    )  # running header and page numbers gone
    assert (
        "Partners now receive more information than ever before about people who may pose a risk."
        in texts
    )
    assert texts[0].startswith(
        "The threat from terrorism remains substantial across the whole of the United Kingdom"
    )
    assert long not in texts


def test_pdf_footnote_markers_and_footnotes_are_left_out(tmp_path):
    """A raised small "12" after a word is a footnote marker, and a small
    line opening with its number at the foot of the page a footnote: neither
    reaches a sentence."""
    write_raw_pdf(
        tmp_path / "report.pdf",
        b"BT /F1 10 Tf 72 700 Td (The threat level remains substantial.) Tj /F1 6 Tf 4 Ts (12) Tj "
        b"0 Ts /F1 10 Tf ( It was raised in May after the attack on the arena.) Tj ET "
        b"BT /F1 10 Tf 72 686 Td (Officials said the review would report to ministers in spring.) Tj ET "
        b"BT /F1 7 Tf 72 80 Td (12 Home Office, Annual report on the threat, 2019.) Tj ET",
    )
    (article,) = load([str(tmp_path / "report.pdf")]).articles
    assert [s.text for s in article.sentences] == [
        "The threat level remains substantial.",
        "It was raised in May after the attack on the arena.",
        "Officials said the review would report to ministers in spring.",
    ]


def test_pdf_headings_come_from_the_layout(tmp_path):
    """A short line set clearly larger than the body is a heading; with no
    title in the metadata, the first heading is the title."""
    write_raw_pdf(
        tmp_path / "assessment.pdf",
        b"BT /F1 18 Tf 72 740 Td (Threat assessment 2026) Tj ET "
        b"BT /F1 10 Tf 14 TL 72 700 Td (The threat level remains substantial, officials said on "
        b"Monday. It was) Tj T* (raised in May after the attack.) Tj T* ET "
        b"BT /F1 14 Tf 72 640 Td (Background) Tj ET "
        b"BT /F1 10 Tf 72 620 Td (The review began in 2017 and reported a year later.) Tj ET",
    )
    metadata, blocks = read_pdf((tmp_path / "assessment.pdf").read_bytes(), "assessment.pdf")
    assert [(b.text, b.heading) for b in blocks] == [
        ("Threat assessment 2026", True),
        (
            "The threat level remains substantial, officials said on Monday. It was raised in May after the attack.",
            False,
        ),
        ("Background", True),
        ("The review began in 2017 and reported a year later.", False),
    ]
    (article,) = load([str(tmp_path / "assessment.pdf")]).articles
    assert article.title == "Threat assessment 2026" and "Background" not in [
        s.text for s in article.sentences
    ]


def test_pdf_paragraphs_join_lines_and_undo_hyphens():
    pages = [
        [
            "A long first line of the paragraph that goes on and on and on,",
            "then ends here.",
            "Another para-",
            "graph follows on the next line and ends.",
        ]
    ]
    assert paragraphs(drop_running_lines(pages)) == [
        "A long first line of the paragraph that goes on and on and on, then ends here.",
        "Another paragraph follows on the next line and ends.",
    ]


def test_a_hyphen_the_document_writes_elsewhere_is_kept_at_a_line_end():
    """ "counter-" + "terrorism" is not "counterterrorism" when the report
    writes "counter-terrorism" elsewhere; a soft break still joins."""
    pages = [
        [
            "Counter-terrorism policing works closely with its partners across the country, and the counter-",
            "terrorism network grew again. Partners now receive more information than ever be-",
            "fore.",
        ]
    ]
    assert paragraphs(pages) == [
        "Counter-terrorism policing works closely with its partners across the country, and the "
        "counter-terrorism network grew again. Partners now receive more information than ever before."
    ]


def test_folders_pick_up_every_format_and_the_briefing_has_dates(tmp_path):
    write_docx(tmp_path / "memo.docx")
    write_eml(tmp_path / "alert.eml")
    write_pdf(
        tmp_path / "report.pdf",
        [["The threat level remains substantial, officials said on Monday."]],
    )
    result = briefing("build", str(tmp_path), "--date", "2026-11-24", "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert sorted(a["source"].rsplit("/", 1)[-1] for a in data["articles"]) == [
        "alert.eml",
        "memo.docx",
        "report.pdf",
    ]
    dated = {a["source"].rsplit("/", 1)[-1]: a["published"] for a in data["articles"]}
    assert dated["memo.docx"] == "2023-04-05" and dated["alert.eml"] == "2026-11-24"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("scan.pdf", None, "no text layer"),
        ("broken.pdf", b"%PDF-1.4\n%garbage that is not a PDF\n", "not a readable PDF"),
        (
            "broken.docx",
            b"PK\x03\x04word/ not really a zip",
            "not a valid .docx (a damaged zip archive)",
        ),
        (
            "empty.eml",
            b"From: a@b.c\nSubject: x\nContent-Type: image/png\n\n\x89PNG",
            "no text or HTML part",
        ),
    ],
)
def test_a_bad_file_of_a_known_format_is_a_one_line_warning(tmp_path, name, content, message):
    path = tmp_path / name
    if content is None:
        write_pdf(path, [[]])
    else:
        path.write_bytes(content)
    (tmp_path / "good.txt").write_text(
        "A title\n\nOne good sentence here. And another one.\n", encoding="utf-8"
    )
    result = briefing("summarize", str(tmp_path))
    assert result.returncode == 0 and "One good sentence here." in result.stdout
    assert message in result.stderr and "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1


def test_a_zip_bomb_docx_is_refused(tmp_path):
    import zipfile

    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"\0" * 50_000_000)
    (article_or_problem,) = load([str(path)]).problems
    assert "zip bomb" in article_or_problem.reason


def test_the_reader_is_chosen_by_content_before_suffix(tmp_path):
    write_docx(tmp_path / "memo.docx")
    data = (tmp_path / "memo.docx").read_bytes()
    assert reader_for(data, "misnamed.txt").name == "docx"
    assert reader_for(b"%PDF-1.7 ...", "x.docx").name == "pdf"
    assert reader_for(b"Just some text", "notes.txt") is None


def test_since_and_until_choose_by_published_date(tmp_path):
    write_docx(tmp_path / "memo.docx")  # 2023-04-05
    write_eml(tmp_path / "alert.eml")  # 2026-11-24
    (tmp_path / "undated.txt").write_text(
        "A note\n\nSomething happened today. It was noted.\n", encoding="utf-8"
    )
    result = briefing(
        "build", str(tmp_path), "--date", "2026-11-24", "--since", "2026-01-01", "--format", "json"
    )
    assert result.returncode == 0, result.stderr
    kept = sorted(a["source"].rsplit("/", 1)[-1] for a in json.loads(result.stdout)["articles"])
    assert kept == ["alert.eml", "undated.txt"]
    assert "1 article has no published date; kept" in result.stderr
    assert "1 article published outside the dates left out" in result.stderr
    markdown = briefing("build", str(tmp_path / "alert.eml"), "--date", "2026-11-24").stdout
    assert (
        "Press Office · 2026-11-24 · " in markdown
        and "Alert: intelligence sharing pilot, Press Office, 2026-11-24." in markdown
    )


async def test_the_tui_lists_articles_with_their_dates(tmp_path):
    from test_tui import SIZE, settle

    from briefing.tui import create_app
    from briefing.tui.widgets.article_list import ArticleList

    write_docx(tmp_path / "memo.docx")
    write_eml(tmp_path / "alert.eml")
    app = create_app([str(tmp_path)], today=datetime(2026, 11, 24).date(), export_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        listed = app.query_one(ArticleList)
        prompts = [str(listed.get_option_at_index(n).prompt) for n in range(listed.option_count)]
    assert any("2026-11-24 Alert: intelligence sharing pilot" in p for p in prompts)
    assert any("2023-04-05 Intelligence sharing pilot" in p for p in prompts)


async def test_the_tui_says_which_feed_entry_kept_its_summary(tmp_path, monkeypatch):
    """A link that cannot be fetched is a notice, not an unreadable entry:
    the entry is listed with the feed's summary."""
    from test_tui import SIZE, settle

    from briefing.tui import create_app
    from briefing.tui.widgets.article_list import ArticleList

    (tmp_path / "desk.rss").write_text(
        RSS.replace("https://news.example.org/arrests", "http://127.0.0.1:9/arrests"),
        encoding="utf-8",
    )
    from briefing.model import InputLimits

    app = create_app(
        [str(tmp_path / "desk.rss")],
        today=datetime(2026, 11, 24).date(),
        export_dir=tmp_path,
        limits=InputLimits(fetch=True),  # as the CLI gives it without --no-fetch
    )
    seen: list[str] = []
    monkeypatch.setattr(app, "notify", lambda message, **kw: seen.append(message))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        listed = app.query_one(ArticleList)
        assert listed.option_count == 2 and not app.problems
        assert str(app.query_one("#article-info").render()).endswith("21 words · 2 sentences")
    from briefing.tui.widgets.article_view import count

    assert (count(1, "sentence"), count(1204, "word")) == ("1 sentence", "1,204 words")
    (notice,) = seen
    assert notice.startswith(
        f"{tmp_path / 'desk.rss'}#2: its page http://127.0.0.1:9/arrests gave no text "
        "(not fetched: an internal address (127.0.0.1), not one you named)"
    )
    assert notice.endswith("; the feed's summary is used")


RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Security Desk</title><link>https://news.example.org/</link>
<item><title>Pilot to share intelligence with councils</title>
<link>https://news.example.org/pilot</link><pubDate>Mon, 23 Nov 2026 09:00:00 GMT</pubDate>
<content:encoded><![CDATA[<p>MI5 will share information about subjects of interest with councils.</p>
<p>The scheme will run in three areas at first, officials said.</p>]]></content:encoded></item>
<item><title>Arrests rise again</title><link>https://news.example.org/arrests</link>
<pubDate>Sun, 22 Nov 2026 18:30:00 GMT</pubDate>
<description>Counter-terrorism arrests rose for a third year. Police said plots had been disrupted.</description></item>
</channel></rss>
"""
ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Inquiry updates</title>
<entry><title>Inquiry report published</title><link href="https://example.org/report"/>
<updated>2023-03-02T10:00:00Z</updated>
<content type="html">&lt;p&gt;The inquiry found a missed chance to act.&lt;/p&gt;&lt;p&gt;MI5 said it was sorry.&lt;/p&gt;</content>
</entry></feed>
"""


def test_a_feed_gives_one_dated_article_per_entry(tmp_path):
    (tmp_path / "desk.rss").write_text(RSS, encoding="utf-8")
    (tmp_path / "inquiry.atom").write_text(ATOM, encoding="utf-8")
    result = load([str(tmp_path)])
    assert not result.problems
    by_title = {a.title: a for a in result.articles}
    pilot = by_title["Pilot to share intelligence with councils"]
    assert pilot.metadata == {
        "title": pilot.title,
        "source": "Security Desk",
        "url": "https://news.example.org/pilot",
        "date": "2026-11-23",
    }
    assert [s.text for s in pilot.sentences] == [
        "MI5 will share information about subjects of interest with councils.",
        "The scheme will run in three areas at first, officials said.",
    ]
    assert pilot.source.endswith("desk.rss#1")
    assert by_title["Arrests rise again"].metadata["date"] == "2026-11-22"
    report = by_title["Inquiry report published"]
    assert (
        report.metadata["source"] == "Inquiry updates" and report.metadata["date"] == "2023-03-02"
    )
    assert [s.text for s in report.sentences] == [
        "The inquiry found a missed chance to act.",
        "MI5 said it was sorry.",
    ]


def test_a_feed_entry_keeps_its_id_as_the_feed_moves_on(tmp_path):
    """Entry ids come from their content: a new entry at the top of the
    feed moves the old ones down (#1 → #2) but not their ids."""
    (tmp_path / "desk.rss").write_text(RSS, encoding="utf-8")
    before = {a.title: (a.id, a.source) for a in load([str(tmp_path / "desk.rss")]).articles}
    newer = RSS.replace(
        "<item>",
        "<item><title>Newest</title><link>https://news.example.org/new</link>"
        "<description>A brand new story about MI5 was published.</description></item><item>",
        1,
    )
    (tmp_path / "desk.rss").write_text(newer, encoding="utf-8")
    after = {a.title: (a.id, a.source) for a in load([str(tmp_path / "desk.rss")]).articles}
    assert after["Newest"][1].endswith("#1")
    for title, (article_id, source) in before.items():
        assert after[title][0] == article_id and after[title][1] != source


def test_a_feed_builds_checks_and_rebuilds_from_its_entries(tmp_path):
    (tmp_path / "desk.rss").write_text(RSS, encoding="utf-8")
    out = tmp_path / "b.json"
    made = briefing(
        "build",
        str(tmp_path / "desk.rss"),
        "--date",
        "2026-11-24",
        "--format",
        "json",
        "-o",
        str(out),
        "--no-fetch",
    )
    assert made.returncode == 0 and made.stderr == "", made.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [a["publisher"] for a in data["articles"]] == ["Security Desk", "Security Desk"]
    assert [a["url"] for a in data["articles"]] == [
        "https://news.example.org/pilot",
        "https://news.example.org/arrests",
    ]
    checked = briefing("check", str(out), "--no-fetch")
    assert "judged from the JSON alone" not in checked.stderr, checked.stderr


def test_a_feed_that_declares_entities_is_refused(tmp_path):
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>'
        '<rss version="2.0"><channel><title>x</title><item><title>&b;</title>'
        "<description>Words here. More words.</description></item></channel></rss>"
    )
    (tmp_path / "bomb.rss").write_text(bomb, encoding="utf-8")
    (problem,) = load([str(tmp_path / "bomb.rss")]).problems
    assert "declares XML entities" in problem.reason


def test_a_mailbox_gives_one_article_per_message(tmp_path):
    write_eml(tmp_path / "one.eml")
    write_eml(tmp_path / "two.eml", html=True, subject="Alert: pilot update")
    box = b"".join(
        b"From press@example.org Tue Nov 24 08:15:00 2026\n" + (tmp_path / n).read_bytes() + b"\n"
        for n in ("one.eml", "two.eml")
    )
    (tmp_path / "alerts.mbox").write_bytes(box)
    result = load([str(tmp_path / "alerts.mbox")])
    assert not result.problems and len(result.articles) == 2
    assert [a.source.rsplit("/", 1)[-1] for a in result.articles] == [
        "alerts.mbox#1",
        "alerts.mbox#2",
    ]
    assert [a.title for a in result.articles] == [
        "Alert: intelligence sharing pilot",
        "Alert: pilot update",
    ]
    assert all(a.metadata["date"] == "2026-11-24" for a in result.articles)


def test_the_same_alert_as_text_and_as_html_is_one_article(tmp_path):
    """One story, one id, whatever the format it came in: the second copy
    is a warning naming the first."""
    write_eml(tmp_path / "one.eml")
    write_eml(tmp_path / "two.eml", html=True)
    result = load([str(tmp_path)])
    assert [a.source for a in result.articles] == [str(tmp_path / "one.eml")]
    assert [(p.source, p.reason) for p in result.problems] == [
        (str(tmp_path / "two.eml"), f"the same text as {tmp_path / 'one.eml'}; used once")
    ]


def test_an_emails_readable_attachments_become_articles_of_their_own(tmp_path):
    write_docx(tmp_path / "memo.docx")
    message = EmailMessage()
    message["Subject"] = "Memo attached"
    message["From"] = "Desk <desk@example.org>"
    message["Date"] = "Tue, 24 Nov 2026 08:15:00 +0000"
    message.set_content(
        "Please read the memo attached before the meeting. It sets out the pilot.\n"
    )
    message.add_attachment(
        (tmp_path / "memo.docx").read_bytes(),
        maintype="application",
        subtype="vnd.openxmlformats-officedocument.wordprocessingml.document",
        filename="memo.docx",
    )
    message.add_attachment(b"\x89PNG....", maintype="image", subtype="png", filename="logo.png")
    (tmp_path / "with.eml").write_bytes(bytes(message))
    result = load([str(tmp_path / "with.eml")])
    assert not result.problems
    assert [a.title for a in result.articles] == ["Memo attached", "Intelligence sharing pilot"]
    assert [a.source.rsplit("/", 1)[-1] for a in result.articles] == ["with.eml#1", "with.eml#2"]
    assert result.articles[1].metadata["source"] == "Home Office"


def test_a_word_memo_laid_out_in_a_table_keeps_its_prose_in_order(tmp_path):
    """Prose in table cells is read in document order; label and data cells
    ("To:", "Desk", figures) are left out; a merged cell is read once."""
    import docx

    document = docx.Document()
    document.add_paragraph("The memo below sets out the changes agreed on Monday.")
    table = document.add_table(rows=3, cols=2)
    table.cell(0, 0).text = "To:"
    table.cell(0, 1).text = "Regional desks"
    table.cell(1, 0).text = "Arrests"
    table.cell(1, 1).text = "1,204"
    merged = table.cell(2, 0).merge(table.cell(2, 1))
    merged.text = "The pilot will share intelligence with councils in three areas from January."
    document.add_paragraph("Questions go to the press office before Friday, as usual.")
    document.save(tmp_path / "memo.docx")
    _, blocks = read_docx((tmp_path / "memo.docx").read_bytes(), "memo.docx")
    assert [b.text for b in blocks] == [
        "The memo below sets out the changes agreed on Monday.",
        "The pilot will share intelligence with councils in three areas from January.",
        "Questions go to the press office before Friday, as usual.",
    ]


FORWARDED = """Please read the alert below before the meeting on Friday morning.

---------- Forwarded message ---------
From: Press Office <press@example.org>
Date: Mon, 23 Nov 2026 at 09:00
Subject: Alert: intelligence sharing pilot
To: desk@example.org

MI5 will share information about subjects of interest with councils.

This email and any attachments are confidential and intended solely for the addressee.

-- 
Jane Smith
Analyst, Home Office
"""
REPLY = """I agree with the assessment and will raise the pilot at the meeting on Friday. The
councils in the second wave have asked for training first, so the dates may move.

On Mon, 23 Nov 2026, Press Office <press@example.org> wrote:
> MI5 will share information about subjects of interest with councils.
"""


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            FORWARDED,
            [
                "Please read the alert below before the meeting on Friday morning.",
                "MI5 will share information about subjects of interest with councils.",
            ],
        ),
        (
            REPLY,
            [
                "I agree with the assessment and will raise the pilot at the meeting on Friday.",
                "The councils in the second wave have asked for training first, so the dates may move.",
            ],
        ),
        (
            "FYI, see below.\n\nOn Mon, 23 Nov 2026, Desk wrote:\n> The pilot starts in May.\n",
            ["FYI, see below.", "The pilot starts in May."],
        ),
    ],
)
def test_an_emails_own_words_without_signature_forward_headers_or_disclaimer(
    tmp_path, body, expected
):
    message = EmailMessage()
    message["Subject"] = "Pilot"
    message["From"] = "Jane Smith <jane@example.org>"
    message.set_content(body)
    (tmp_path / "mail.eml").write_bytes(bytes(message))
    (article,) = load([str(tmp_path / "mail.eml")]).articles
    assert [s.text for s in article.sentences] == expected
