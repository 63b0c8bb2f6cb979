"""How reading and summarising grows with a document's paragraphs: one
document of 10,000, 50,000 and 100,000 short paragraphs, as a Word file and
as a text file, through the real command (``briefing summarize``), against
plain sumy (LexRank is too slow at this size: Luhn, with its plaintext
parser and NLTK-free tokenizer) summarising the same text, in the same run.
Growth should be linear: the per-paragraph cost stays flat.

    python benchmarks/paragraphs.py [--sizes 10000 50000 100000]

Issue 18 measured 250 s for the 100,000-paragraph .docx (and 46 s for
the .txt): python-docx looked a paragraph's default style up across every
style, per paragraph. The Word reader now streams document.xml.
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

WORDS = (
    "council police pilot intelligence report officers said the scheme will share data "
    "areas year local security service partners inquiry findings review plans"
).split()


def sentences(count: int) -> list[str]:
    rng = random.Random(count)
    return [
        " ".join(rng.choice(WORDS) for _ in range(7)).capitalize() + f" number {n}."
        for n in range(count)
    ]


def write_docx(path: Path, lines: list[str]) -> None:
    from xml.sax.saxutils import escape

    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    body = "".join(f"<w:p><w:r><w:t>{escape(line)}</w:t></w:r></w:p>" for line in lines)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "_rels/.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/officeDocument" Target="word/document.xml"/></Relationships>',
        )
        archive.writestr(
            "word/document.xml",
            f"<w:document {ns}><w:body><w:p><w:pPr><w:pStyle w:val='Title'/></w:pPr>"
            f"<w:r><w:t>Paragraphs</w:t></w:r></w:p>{body}</w:body></w:document>",
        )


def timed(command: list[str]) -> float:
    """Seconds the command takes, run to the end."""
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


SUMY = """
import sys
from sumy.parsers.plaintext import PlaintextParser
from sumy.summarizers.luhn import LuhnSummarizer
from briefing.nlp.text import OfflineTokenizer
text = open(sys.argv[1], encoding="utf-8").read()
parser = PlaintextParser.from_string(text, OfflineTokenizer())
print(len(LuhnSummarizer()(parser.document, 3)))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 50_000, 100_000])
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for size in args.sizes:
            lines = sentences(size)
            docx, txt = folder / f"p{size}.docx", folder / f"p{size}.txt"
            write_docx(docx, lines)
            txt.write_text("Paragraphs\n\n" + "\n\n".join(lines) + "\n", encoding="utf-8")
            cli = [sys.executable, "-m", "briefing", "summarize", "--max-seconds", "3000"]
            docx_s = timed([*cli, str(docx)])
            txt_s = timed([*cli, str(txt)])
            sumy_s = timed([sys.executable, "-c", SUMY, str(txt)])
            rows.append((size, docx_s, txt_s, sumy_s))
    print(
        f"{'paragraphs':>10} {'docx s':>8} {'txt s':>8} {'sumy s':>8} "
        f"{'docx/sumy':>9} {'txt/sumy':>9} {'docx us/par':>11} {'txt us/par':>10}"
    )
    for size, docx_s, txt_s, sumy_s in rows:
        print(
            f"{size:>10,} {docx_s:>8.1f} {txt_s:>8.1f} {sumy_s:>8.1f} {docx_s / sumy_s:>8.2f}x "
            f"{txt_s / sumy_s:>8.2f}x {docx_s / size * 1e6:>11.0f} {txt_s / size * 1e6:>10.0f}"
        )
    first, last = rows[0], rows[-1]
    growth = (last[1] / last[0]) / (first[1] / first[0])
    print(
        f"\nper-paragraph cost, largest vs smallest (1.00 = linear): docx {growth:.2f}, "
        f"txt {(last[2] / last[0]) / (first[2] / first[0]):.2f}"
    )


if __name__ == "__main__":
    main()
