"""Property tests for the readers: whatever bytes arrive, a reader gives
documents or one-line ``ValueError`` (a warning naming the input), never
another exception; and what it reads from text it was given is verbatim."""

from __future__ import annotations

from html import unescape

from email.message import EmailMessage
from xml.sax.saxutils import escape

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.ingest.inputs import Task
from briefing.ingest.sources import documents, load_one
from briefing.model import Article, Problem
from briefing.nlp.text import OfflineTokenizer

PREFIXES = {
    "report.pdf": b"%PDF-1.4\n",
    "memo.docx": b"PK\x03\x04",
    "alert.eml": b"From: desk@example.org\nSubject: Alert\nDate: Tue, 24 Nov 2026 08:15:00 +0000\n\n",
    "alerts.mbox": b"From desk@example.org Tue Nov 24 08:15:00 2026\nFrom: a@b.c\nSubject: x\n\n",
    "desk.rss": b"<?xml version='1.0'?><rss version='2.0'><channel><title>t</title><item>",
    "inquiry.atom": b"<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'><entry>",
    "page.html": b"<!doctype html><html><body><p>",
    "notes.md": b"---\ntitle: x\n---\n# ",
    "notes.txt": b"",
}


@pytest.mark.parametrize("name", sorted(PREFIXES))
@settings(max_examples=60)
@given(tail=st.binary(max_size=3000))
def test_any_bytes_give_documents_or_a_one_line_reason(name, tail):
    data = PREFIXES[name] + tail
    try:
        found = documents(data, name)
    except ValueError as exc:
        assert str(exc) and "\n" not in str(exc).strip()
        return
    for metadata, blocks in found:
        assert all(isinstance(k, str) and isinstance(v, str) for k, v in metadata.items())
        assert all(isinstance(b.text, str) for b in blocks)


@pytest.mark.parametrize("name", sorted(PREFIXES))
@settings(max_examples=30)
@given(tail=st.binary(max_size=3000))
def test_loading_any_bytes_is_articles_or_a_problem(name, tail, tmp_path_factory):
    path = tmp_path_factory.mktemp("fuzz") / name
    path.write_bytes(PREFIXES[name] + tail)
    outcome = load_one(Task(str(path), path), OfflineTokenizer())
    outcomes = outcome if isinstance(outcome, list) else [outcome]
    assert outcomes and all(isinstance(o, (Article, Problem)) for o in outcomes)
    for problem in (o for o in outcomes if isinstance(o, Problem)):
        assert problem.reason and "\n" not in problem.reason and "Traceback" not in problem.reason


WORDS = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Co", "Cn")),
    min_size=1,
    max_size=60,
)
PARAGRAPHS = st.lists(WORDS, min_size=1, max_size=4)


def _folded(text: str) -> str:
    return " ".join(text.split())


@given(title=WORDS, paragraphs=PARAGRAPHS)
def test_a_feed_entry_is_read_verbatim(title, paragraphs):
    html = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    feed = (
        "<?xml version='1.0' encoding='utf-8'?><rss version='2.0' "
        "xmlns:content='http://purl.org/rss/1.0/modules/content/'><channel><title>Desk</title>"
        f"<item><title>{escape(title)}</title><content:encoded><![CDATA[{html}]]></content:encoded>"
        "</item></channel></rss>"
    )
    if "]]>" in html:
        return
    try:
        ((metadata, blocks),) = documents(feed.encode("utf-8"), "desk.rss")
    except ValueError:
        return  # e.g. nothing readable in the entry
    body = _folded(" ".join(paragraphs))
    # An RSS 2.0 title may hold escaped HTML: feedparser takes one with an
    # entity in it ("&gt;") for HTML, and its text is then what it says (">").
    assert metadata.get("title", "") in (_folded(title), _folded(unescape(title)))
    for block in blocks:
        assert _folded(block.text) in body or _folded(block.text) in (
            _folded(title),
            _folded(unescape(title)),
        )


@given(subject=WORDS, paragraphs=PARAGRAPHS)
def test_an_email_is_read_verbatim(subject, paragraphs):
    message = EmailMessage()
    message["Subject"] = subject.replace("\n", " ").replace("\r", " ")
    message["From"] = "Desk <desk@example.org>"
    message.set_content("\n\n".join(paragraphs) + "\n")
    try:
        found = documents(bytes(message), "alert.eml")
    except ValueError:
        return
    body = _folded(" ".join(paragraphs))
    for block in found[0][1]:
        assert (
            _folded(block.text) in body
            or block.heading
            and block.text == _folded(message["Subject"])
        )


SENTENCE = st.lists(
    st.sampled_from(
        "the threat level police partners councils review report said would share "
        "information Manchester London MI5 officials year attack plots arrests".split()
    ),
    min_size=3,
    max_size=12,
).map(lambda words: " ".join(words).capitalize() + ".")


@settings(max_examples=25)
@given(pages=st.lists(st.lists(SENTENCE, min_size=1, max_size=5), min_size=1, max_size=3))
def test_a_pdfs_sentences_are_its_own_words(tmp_path_factory, pages):
    """Whatever a PDF's lines say, every sentence read from it is its text,
    word for word (lines joined with spaces), in order."""
    from test_ingest import write_pdf

    from briefing.run.loading import load

    path = tmp_path_factory.mktemp("pdf") / "report.pdf"
    write_pdf(path, pages, title="Report")
    result = load([str(path)])
    whole = " ".join(line for page in pages for line in page)
    position = 0
    for sentence in (s for a in result.articles for s in a.sentences):
        found = whole.find(sentence.text, position)
        assert found >= 0, (sentence.text, whole)
        position = found + len(sentence.text)


@settings(max_examples=25)
@given(
    parts=st.lists(
        st.tuples(st.sampled_from(["heading", "paragraph", "bullet"]), SENTENCE),
        min_size=1,
        max_size=8,
    )
)
def test_a_word_documents_sentences_are_its_own_words(tmp_path_factory, parts):
    import docx

    from briefing.run.loading import load

    document = docx.Document()
    for kind, text in parts:
        if kind == "heading":
            document.add_heading(text.rstrip("."), level=2)
        elif kind == "bullet":
            document.add_paragraph(text, style="List Bullet")
        else:
            document.add_paragraph(text)
    path = tmp_path_factory.mktemp("docx") / "memo.docx"
    document.save(path)
    result = load([str(path)])
    body = [text for kind, text in parts if kind != "heading"]
    for sentence in (s for a in result.articles for s in a.sentences):
        assert sentence.text in body
