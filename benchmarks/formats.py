"""Reading speed per format: the same news text as plain text, PDF pages,
Word documents, e-mails, feed entries (carried whole, and followed by link
from a local server on 127.0.0.1), each read into articles by the real
readers. The ratio is against reading the same text as .txt files, in the
same run.

    python benchmarks/formats.py [--articles N] [PAIRS.jsonl]

Nothing leaves this machine: the pages behind the feed's links are served
by a server this script starts on 127.0.0.1.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import threading
import time
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from xml.sax.saxutils import escape

from briefing.run.loading import load

DEFAULT = Path(__file__).resolve().parents[2] / "shared/data/bbc-dev/pairs.jsonl"
SEED_FALLBACK = Path(__file__).resolve().parents[1] / "seeds"


def texts(pairs: Path, count: int) -> list[tuple[str, list[str]]]:
    """(title, paragraphs) of ``count`` articles: the dev set, else the seeds."""
    found = []
    if pairs.is_file():
        for line in pairs.read_text(encoding="utf-8").splitlines():
            article = json.loads(line)["article"]
            title, *body = [p.strip() for p in article.split("\n") if p.strip()]
            found.append((title, body))
    else:
        for path in sorted(SEED_FALLBACK.glob("*.txt")):
            title, *body = [
                p.strip() for p in path.read_text(encoding="utf-8").split("\n") if p.strip()
            ]
            found.append((title, body))
    return [found[n % len(found)] for n in range(count)]


def write_txt(folder: Path, articles) -> int:  # noqa: ANN001
    for n, (title, body) in enumerate(articles):
        (folder / f"{n:04d}.txt").write_text(
            title + "\n\n" + "\n\n".join(body) + f"\n\nNumber {n}.\n", encoding="utf-8"
        )
    return len(articles)


def write_pdf(folder: Path, articles) -> int:  # noqa: ANN001
    """One PDF, a page per article (lines of about 90 characters)."""
    import textwrap

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
    for n, (title, body) in enumerate(articles):
        page = writer.add_blank_page(612, 792)
        page[NameObject("/Resources")] = DictionaryObject(
            {NameObject("/Font"): DictionaryObject({NameObject("/F1"): font})}
        )
        lines = [title, ""] + [
            ln for p in body + [f"Number {n}."] for ln in textwrap.wrap(p, 90) + [""]
        ]
        safe = (
            ln.encode("latin-1", "replace")
            .decode("latin-1")
            .replace("\\", "/")
            .replace("(", "[")
            .replace(")", "]")
            for ln in lines[:52]
        )
        stream = DecodedStreamObject()
        stream.set_data(
            (
                "BT /F1 9 Tf 12 TL 40 760 Td " + "".join(f"({ln}) Tj T* " for ln in safe) + "ET"
            ).encode("latin-1")
        )
        page[NameObject("/Contents")] = writer._add_object(stream)
    with (folder / "report.pdf").open("wb") as handle:
        writer.write(handle)
    return len(articles)


def write_docx(folder: Path, articles) -> int:  # noqa: ANN001
    import docx

    for n, (title, body) in enumerate(articles):
        document = docx.Document()
        document.add_heading(title, level=1)
        for paragraph in body + [f"Number {n}."]:
            document.add_paragraph(paragraph)
        document.save(folder / f"{n:04d}.docx")
    return len(articles)


def write_eml(folder: Path, articles) -> int:  # noqa: ANN001
    for n, (title, body) in enumerate(articles):
        message = EmailMessage()
        message["Subject"] = title
        message["From"] = "Desk <desk@example.org>"
        message["Date"] = "Tue, 24 Nov 2026 08:15:00 +0000"
        message.set_content("\n\n".join(body + [f"Number {n}."]) + "\n")
        (folder / f"{n:04d}.eml").write_bytes(bytes(message))
    return len(articles)


def feed(articles, base: str | None) -> str:  # noqa: ANN001
    """An RSS feed: each entry's whole text in content:encoded, or (with
    ``base``) only a teaser and a link to its page."""
    items = []
    for n, (title, body) in enumerate(articles):
        html = "".join(f"<p>{escape(p)}</p>" for p in body + [f"Number {n}."])
        text = (
            f"<description>{escape(body[0][:80])}</description>"
            if base
            else f"<content:encoded><![CDATA[{html}]]></content:encoded>"
        )
        link = f"{base}/{n}.html" if base else f"https://example.org/{n}"
        items.append(
            f"<item><title>{escape(title)}</title><link>{link}</link>"
            f"<pubDate>Mon, 23 Nov 2026 09:00:00 GMT</pubDate>{text}</item>"
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Desk</title>'
        + "".join(items)
        + "</channel></rss>"
    )


def serve(articles):  # noqa: ANN001, ANN201
    pages = {
        f"/{n}.html": (
            "<!doctype html><html><head><title>" + escape(title) + "</title></head><body>"
            "<article><h1>"
            + escape(title)
            + "</h1>"
            + "".join(f"<p>{escape(p)}</p>" for p in body + [f"Number {n}."])
            + "</article></body></html>"
        ).encode()
        for n, (title, body) in enumerate(articles)
    }

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:  # noqa: ANN002
            pass

        def do_GET(self) -> None:  # noqa: N802
            body = pages.get(self.path)
            if body is None:
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd


def timed(paths: list[str], fetch: bool = False) -> tuple[float, int]:
    start = time.perf_counter()
    result = load(paths, fetch=fetch)
    return time.perf_counter() - start, len(result.articles)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pairs", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument(
        "--articles",
        type=int,
        default=50,
        help="articles per format (default 50; 50 links is the most followed per feed)",
    )
    args = parser.parse_args()
    articles = texts(args.pairs, args.articles)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for name, unit, writer in (
            ("plain text", "files", write_txt),
            ("PDF", "pages", write_pdf),
            ("Word .docx", "files", write_docx),
            ("e-mail .eml", "files", write_eml),
        ):
            folder = root / name.split()[0].lower()
            folder.mkdir()
            units = writer(folder, articles)
            if writer is write_txt:
                timed([str(folder)])  # warm up: the tokenizer, imports
            seconds, loaded = timed([str(folder)])
            rows.append((name, unit, units, loaded, seconds))
        (root / "whole.xml").write_text(feed(articles, None), encoding="utf-8")
        seconds, loaded = timed([str(root / "whole.xml")])
        rows.append(("feed, text in the feed", "entries", len(articles), loaded, seconds))
        httpd = serve(articles)
        try:
            base = f"http://127.0.0.1:{httpd.server_address[1]}"
            (root / "links.xml").write_text(feed(articles, base), encoding="utf-8")
            seconds, loaded = timed([str(root / "links.xml")], fetch=True)
            rows.append(
                ("feed, links followed (127.0.0.1)", "entries", len(articles), loaded, seconds)
            )
        finally:
            httpd.shutdown()
    plain = rows[0][2] / rows[0][4]
    print(
        f"{'format':<34} {'read':>12} {'articles':>9} {'seconds':>8} {'per second':>16} {'vs .txt':>8}"
    )
    for name, unit, units, loaded, seconds in rows:
        rate = units / seconds
        print(
            f"{name:<34} {units:>6} {unit:<5} {loaded:>9} {seconds:>8.2f} {rate:>10.0f} {unit:<5} "
            f"{(units / seconds) / plain:>7.2f}x"
        )
    sys.stdout.flush()


if __name__ == "__main__":
    main()
