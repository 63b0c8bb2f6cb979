"""Generators of a corpus shaped like documents from the world (issue 20),
written with the real libraries (python-docx, pypdf, email, XML, HTML):
German, French and Japanese quotation marks, stray bytes in UTF-8 pages,
mail with wrong or unknown charsets, forward chains and disclaimers in
Italian, Outlook .msg files named .eml, smart tags and content controls in
Word, running headers with page numbers and contents pages in PDF, feed
titles with markup, Atom 0.3 dates, first-person memos, sentences parted
only by tags. The body text comes from the articles given (the dev set or
the seeds); everything else is written here.

    from realworld_corpus import write_corpus
    write_corpus(folder, articles)  # articles: [(title, [paragraph, ...]), ...]
"""

from __future__ import annotations

import io
import os
import sys
from email.message import EmailMessage
from pathlib import Path
from xml.sax.saxutils import escape

GERMAN = (
    "Die „Büssing Werke“ in Braunschweig bauten ab 1903 Lastwagen und Busse. "
    "Die Tradition reicht bis ins 19. Jahrhundert zurück. "
    "Der Bürgermeister sagte am 3. Oktober »Wir bauen die Brücke neu«. "
    "Viele Braunschweiger arbeiteten jahrzehntelang in den Werkshallen."
)
FRENCH = (
    "Le maire a déclaré « nous reconstruirons le pont » lundi soir. "
    "Les travaux commenceront au printemps et dureront deux ans."
)
JAPANESE = "市長は「橋を再建する」と述べた。工事は春に始まる予定だ。"
ITALIAN_TAIL = (
    "\n\nCordiali saluti,\nMario Rossi\nUfficio stampa\n\n"
    "Da: Anna Bianchi\nInviato: lunedì 30 novembre 2026 10:00\nA: Mario Rossi\n"
    "Oggetto: Ponte\n\nNota di riservatezza: questo messaggio è riservato e destinato "
    "solo al destinatario.\nTo unsubscribe from this list, write to the list owner.\n"
)
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)


def write_corpus(folder: Path, articles: list[tuple[str, list[str]]]) -> dict[str, int]:
    """Write every format's files under ``folder/FORMAT/``; return how many
    files each has."""
    made = {}
    for name, writer in (
        ("html", _html),
        ("eml", _eml),
        ("pdf", _pdf),
        ("docx", _docx),
        ("feed", _feed),
        ("txt", _txt),
    ):
        target = folder / name
        target.mkdir(parents=True, exist_ok=True)
        made[name] = writer(target, articles)
    return made


def _html(folder: Path, articles) -> int:  # noqa: ANN001
    for n, (title, body) in enumerate(articles):
        kind = n % 4
        paragraphs = "".join(f"<p>{escape(p)}</p>" for p in body)
        if kind == 0:  # German, nav h1, quotes, a <br>, one stray cp1252 byte in UTF-8
            page = (
                f'<html><head><meta charset="utf-8"><title>{escape(title)} | Beispiel</title>'
                "</head><body><nav><h1>Navigation und Service</h1></nav><article>"
                f"<h1>{escape(title)}</h1><p>{escape(GERMAN)}<br>Aktuelle Zahlen folgen.</p>"
                f"{paragraphs}</article></body></html>"
            )
            data = page.encode("utf-8").replace("Zahlen".encode(), b"Zahlen \x80 5", 1)
        elif kind == 1:  # French and Japanese quotes, sentences parted by spans only
            page = (
                f"<html><head><title>{escape(title)}</title></head><body><article>"
                f"<p><span>{escape(FRENCH)}</span><span>{escape(JAPANESE)}</span></p>"
                f"{paragraphs}</article></body></html>"
            )
            data = page.encode("utf-8")
        elif kind == 2:  # a comment form's heading as <title>, og:title right
            page = (
                f'<html><head><meta property="og:title" content="{escape(title)}">'
                "<title>Write a Reply or Comment</title></head><body><article>"
                f"{paragraphs}</article><h1>Write a Reply or Comment</h1></body></html>"
            )
            data = page.encode("utf-8")
        else:  # a fragment, as mail carries it
            data = paragraphs.encode("utf-8")
        (folder / f"{n:04d}.html").write_bytes(data)
    return len(articles)


def _eml(folder: Path, articles) -> int:  # noqa: ANN001
    for n, (title, body) in enumerate(articles):
        kind = n % 6
        text = "\n\n".join(body)
        head = f"From: Press Office <press@example.org>\nSubject: {title}\n"
        head += "Date: Mon, 30 Nov 2026 10:00:00 +0000\nMIME-Version: 1.0\n"
        name = f"{n:04d}.eml"
        if kind == 0:  # declares GB2312, is UTF-8
            data = (head + "Content-Type: text/plain; charset=gb2312\n\n").encode() + (
                text + "\n" + JAPANESE
            ).encode("utf-8")
        elif kind == 1:  # an unknown charset
            data = (head + "Content-Type: text/plain; charset=X-UNKNOWN\n\n" + text).encode()
        elif kind == 2:  # an empty plain part hiding the HTML part
            html = "".join(f"<p>{escape(p)}</p>" for p in body)
            data = (
                head + 'Content-Type: multipart/alternative; boundary="b"\n\n--b\n'
                "Content-Type: text/plain; charset=utf-8\n\n\n--b\n"
                f"Content-Type: text/html; charset=utf-8\n\n{html}\n--b--\n"
            ).encode()
        elif kind == 3:  # Italian closing, forward headers, disclaimer, list footer
            message = EmailMessage()
            message["From"], message["Subject"] = "m@example.org", title
            message["Date"] = "Mon, 30 Nov 2026 10:00:00 +0000"
            message.set_content(text + ITALIAN_TAIL)
            data = bytes(message)
        elif kind == 4:  # an Outlook .msg named .eml
            data = OLE + os.urandom(2048)
        else:  # a long Received chain and no suffix
            hops = "".join(
                f"Received: from relay{h}.example.org ([192.0.2.{h}])\n"
                f"\tby mx.example.org; Mon, 30 Nov 2026 10:00:{h:02d} +0000\n"
                for h in range(40)
            )
            data = (hops + head + "Content-Type: text/plain; charset=utf-8\n\n" + text).encode()
            name = f"{n:04d}-message"
        (folder / name).write_bytes(data)
    return len(articles)


def _pdf(folder: Path, articles) -> int:  # noqa: ANN001
    """Books of a few articles: a contents page, then pages with a running
    header carrying the page number."""
    import textwrap

    from test_ingest import write_raw_pdf  # the tests' PDF writer (pypdf, Helvetica)

    count = 0
    for start in range(0, len(articles), 4):
        chunk = articles[start : start + 4]
        pages = [
            ["Contents"]
            + [f"{t[:50]} .......... {3 + 2 * k}" for k, (t, _) in enumerate(chunk)]
            + ["Index .......... 40"]
        ]
        for k, (title, body) in enumerate(chunk):
            lines = textwrap.wrap(" ".join(body), 90)
            for p in range(0, len(lines), 40):
                number = len(pages) + 1
                pages.append([f"{number} ANNUAL REVIEW OF THE YEAR", *lines[p : p + 40]])
        contents = [
            f"BT /F1 9 Tf 12 TL 50 760 Td {''.join(f'({_pdf_text(x)}) Tj T* ' for x in lines)}ET".encode(
                "latin-1", "replace"
            )
            for lines in pages
        ]
        write_raw_pdf(
            folder / f"{start // 4:04d}.pdf",
            *contents,
            metadata={"/Title": "Microsoft Word - Annual review.docx"},
        )
        count += 1
    return count


def _pdf_text(line: str) -> str:
    line = line.encode("latin-1", "replace").decode("latin-1")
    return line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def _docx(folder: Path, articles) -> int:  # noqa: ANN001
    """Word documents whose place names sit in smart tags and whose second
    paragraph is a content control: words a reader must not drop."""
    from docx import Document
    from docx.oxml import parse_xml

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    for n, (title, body) in enumerate(articles):
        document = Document()
        document.core_properties.title = title
        document.add_heading(title, level=1)
        for k, paragraph in enumerate(body):
            p = document.add_paragraph()
            words = paragraph.split(" ")
            half = len(words) // 2
            p.add_run(" ".join(words[:half]) + " ")
            wrapper = 'w:smartTag w:element="place"' if k % 2 == 0 else 'w:customXml w:element="x"'
            tag = wrapper.split()[0]
            p._p.append(
                parse_xml(
                    f'<{wrapper} {w}><w:r><w:t xml:space="preserve">'
                    f"{escape(' '.join(words[half:]))}</w:t></w:r></{tag}>"
                )
            )
        buffer = io.BytesIO()
        document.save(buffer)
        (folder / f"{n:04d}.docx").write_bytes(buffer.getvalue())
    return len(articles)


def _feed(folder: Path, articles) -> int:  # noqa: ANN001
    """Feeds of ten entries: Atom 1.0 with html titles, Atom 0.3 dated by
    <created>, and RSS 2.0."""
    count = 0
    for start in range(0, len(articles), 10):
        chunk = articles[start : start + 10]
        kind = (start // 10) % 3
        entries = []
        for k, (title, body) in enumerate(chunk):
            html = escape("".join(f"<p>{escape(p)}</p>" for p in body))
            if kind == 0:
                entries.append(
                    f'<entry><title type="html">{escape("<b>" + escape(title) + "</b>")}</title>'
                    f"<id>urn:x:{start + k}</id><updated>2026-11-30T10:00:00Z</updated>"
                    f'<content type="html">{html}</content></entry>'
                )
            elif kind == 1:
                entries.append(
                    f"<entry><title>{escape(title)}</title><created>2004-05-30T12:00:00Z</created>"
                    f'<content type="text/html" mode="escaped">{html}</content></entry>'
                )
            else:
                entries.append(
                    f"<item><title>{escape(title)}</title><guid>x{start + k}</guid>"
                    f"<pubDate>Mon, 30 Nov 2026 10:00:00 +0000</pubDate>"
                    f"<description>{html}</description></item>"
                )
        if kind == 0:
            xml = '<feed xmlns="http://www.w3.org/2005/Atom"><title>News</title>'
            xml += "".join(entries) + "</feed>"
        elif kind == 1:
            xml = '<feed version="0.3" xmlns="http://purl.org/atom/ns#"><title>News</title>'
            xml += "".join(entries) + "</feed>"
        else:
            xml = '<rss version="2.0"><channel><title>News</title>'
            xml += "".join(entries) + "</channel></rss>"
        (folder / f"{start // 10:04d}.xml").write_text(
            '<?xml version="1.0" encoding="utf-8"?>' + xml, encoding="utf-8"
        )
        count += 1
    return count


def _txt(folder: Path, articles) -> int:  # noqa: ANN001
    """Short first-person memos and replies, and the articles as text."""
    for n, (title, body) in enumerate(articles):
        if n % 3 == 0:  # a first-person memo, its figures with a PDF's ligature
            text = (
                "Memo\n\nWe will meet on Tuesday to review this. I think the numbers are too "
                "high. We need your \ufb01gures before then.\n"
            )
        else:
            text = title + "\n\n" + "\n\n".join(body) + "\n"
        (folder / f"{n:04d}.txt").write_text(text, encoding="utf-8")
    return len(articles)


def main() -> None:
    """Write the corpus to a folder, to look at or to read with any tool:
    python benchmarks/realworld_corpus.py FOLDER [--articles N]."""
    import argparse

    from formats import DEFAULT, texts

    parser = argparse.ArgumentParser(description=main.__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--articles", type=int, default=120)
    args = parser.parse_args()
    made = write_corpus(args.folder, texts(DEFAULT, args.articles))
    print(", ".join(f"{kind}: {n} files" for kind, n in made.items()))


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    main()
