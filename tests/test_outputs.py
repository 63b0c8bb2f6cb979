"""Briefings people can send (issue 22): e-mail-safe HTML and plain text,
read back with real parsers (lxml, nh3), and their words checked against
the briefing's."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

import lxml.html
import nh3
from conftest import SEEDS, briefing
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.compose.assemble import Request
from briefing.model import Article, Edits, Plan, Section, Sentence
from briefing.output.html import render_html
from briefing.output.render import briefing_data
from briefing.output.text import WIDTH, render_text
from briefing.run.briefs import brief

DAY = date(2026, 12, 1)
ALLOWED = {
    "div", "p", "h1", "h2", "h3", "h4", "ul", "ol", "li", "a", "span", "code",
}  # fmt: skip
ATTRIBUTES = {"*": {"class", "style", "id"}, "a": {"href"}}


def _briefing(articles, **plan):
    edits = plan.pop("edits", Edits())
    return brief(articles, Request.of(Plan(**plan), DAY), edits=edits)


def _seeds_briefing(seed_articles):
    first = seed_articles[0].id
    edits = Edits(
        assessment='Sharing is widening.\n\nExpect <more> pilots & "reviews".',
        notes=((first, "Check the dates <b>here</b>."),),
        topic_notes=(("intelligence sharing", "Follows the 2017 review."),),
    )
    return _briefing(
        seed_articles,
        topics=("intelligence sharing",),
        title="Counter-terrorism: <sharing> & plans",
        marking="OFFICIAL-SENSITIVE",
        edits=edits,
    )


def _fold(text: str) -> str:
    return " ".join(text.split())


def _sentences(data) -> list[str]:
    found = [s["text"] for s in data["key_points"]]
    found += [s["text"] for t in data["topics"] for s in t["sentences"]]
    found += [s["text"] for a in data["articles"] for s in a["sentences"]]
    return found


def _article_of(sentences: list[list[str]], title: str) -> Article:
    """An article of these sentences (words joined, each ending in a full stop)."""
    texts = [_fold(" ".join(words)) + "." for words in sentences]
    texts = [t for t in dict.fromkeys(texts) if len(t) > 1]
    paragraph = tuple(Sentence(t, "a1", i) for i, t in enumerate(texts))
    return Article(
        id="a1",
        title=_fold(title) or "Untitled",
        source="a.txt",
        sections=(Section(heading=None, paragraphs=(paragraph,)),),
    )


def _body(html: str) -> str:
    return html[html.index("<body") : html.rindex("</body>")].split(">", 1)[1]


def test_the_html_briefing_is_whole_safe_and_self_contained(seed_articles):
    made = _seeds_briefing(seed_articles)
    html = render_html(made)
    data = briefing_data(made)
    doc = lxml.html.document_fromstring(html)
    page = doc.find_class("page")[0]
    # The marking opens and closes the page; the title and date follow it.
    assert page[0].get("class") == "marking" and page[0].text_content() == "OFFICIAL-SENSITIVE"
    assert page[-1].get("class") == "marking marking-end"
    assert doc.findtext(".//h1") == "Counter-terrorism: <sharing> & plans"
    assert [h.text_content() for h in doc.iter("h2")] == [
        "Assessment", "Key points", "Topics", "Articles", "Sources",
    ]  # fmt: skip
    # Nothing fetched from elsewhere, no script, no style left to be dropped.
    for tag in ("script", "link", "img", "iframe", "style", "object", "embed", "form"):
        assert not list(doc.iter(tag)), tag
    assert not doc.xpath("//@src") and not doc.xpath("//@srcset")
    assert "url(" not in html and "@import" not in html
    # Every citation goes to a numbered source there; other links are sources' web pages.
    ids = {e.get("id") for e in doc.iter() if e.get("id")}
    for link in doc.iter("a"):
        href = link.get("href")
        assert (href.startswith("#") and href[1:] in ids) or re.match(r"https?://", href)
    cites = doc.find_class("cite")
    assert cites and all(c.text_content() == f"[{c.get('href').split('-')[1]}]" for c in cites)
    # Every sentence the briefing shows is there, verbatim.
    text = _fold(doc.text_content())
    for sentence in _sentences(data):
        assert _fold(sentence) in text
    # The analyst's words are labelled, apart, and escaped (their "<b>" is text).
    blocks = doc.find_class("analyst")
    assert len(blocks) == 3
    assert all("the analyst's own words" in b.text_content() for b in blocks)
    assert "Check the dates <b>here</b>." in text and not list(doc.iter("b"))
    # An HTML sanitiser finds nothing to change.
    body = _body(html)
    assert nh3.clean(body, tags=ALLOWED, attributes=ATTRIBUTES, link_rel=None) == body


def test_the_html_is_one_column_with_inlined_css(seed_articles):
    html = render_html(_briefing(seed_articles[:2]))
    doc = lxml.html.document_fromstring(html)
    page = doc.find_class("page")[0]
    assert "max-width: 640px" in page.get("style") and "width: 100%" in page.get("style")
    assert all(e.get("style") for e in doc.iter("p", "h1", "h2", "li"))
    assert '<meta name="viewport"' in html


def test_a_source_url_is_a_link_only_when_it_is_http(seed_articles):
    good, bad = seed_articles[:2]
    good = replace(good, metadata={**good.metadata, "url": "https://example.org/a?b=1&c=2"})
    bad = replace(bad, metadata={**bad.metadata, "url": 'javascript:alert("x")'})
    doc = lxml.html.document_fromstring(render_html(_briefing([good, bad])))
    hrefs = [a.get("href") for a in doc.iter("a") if not a.get("href").startswith("#")]
    assert hrefs == ["https://example.org/a?b=1&c=2"]


def test_the_text_briefing_wraps_at_72_and_keeps_every_sentence(seed_articles):
    made = _seeds_briefing(seed_articles)
    text = render_text(made)
    for line in text.splitlines():
        assert len(line) <= WIDTH or " " not in line.strip(" -|"), line
    folded = _fold(text)
    for sentence in _sentences(briefing_data(made)):
        assert _fold(sentence) in folded
    assert text.startswith("OFFICIAL-SENSITIVE\n") and text.rstrip().endswith("OFFICIAL-SENSITIVE")
    assert "Analyst comment (the analyst's own words, not from the sources):" in text
    assert "<" in text and "&lt;" not in text  # plain: nothing escaped
    assert render_text(made) == text


_WORDS = st.text(
    alphabet=st.characters(whitelist_categories=("L", "N", "P", "S", "Zs")), min_size=1, max_size=40
)


@settings(max_examples=60)  # each example renders a briefing
@given(st.lists(st.lists(_WORDS, min_size=4, max_size=12), min_size=3, max_size=6), _WORDS)
def test_any_article_text_gives_valid_html_with_the_text_intact(sentences, title):
    article = _article_of(sentences, title)
    made = _briefing([article], marking='<OFFICIAL> & "x"', title=title)
    html = render_html(made)
    body = _body(html)
    assert nh3.clean(body, tags=ALLOWED, attributes=ATTRIBUTES, link_rel=None) == body
    doc = lxml.html.document_fromstring(html)
    shown = _fold(doc.text_content())
    for s in made.summaries[0].sentences:
        assert _fold(s.text) in shown
    assert not list(doc.iter("script")) and len(list(doc.iter("h1"))) == 1


def test_build_writes_html_and_text_and_warns_when_gmail_would_clip(tmp_path):
    out = tmp_path / "b.html"
    made = briefing(
        "build", str(SEEDS), "--topic", "intelligence sharing", "--format", "html",
        "--date", "2026-12-01", "-o", str(out),
    )  # fmt: skip
    assert made.returncode == 0 and made.stderr == "", made.stderr
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    text = briefing("build", str(SEEDS), "--format", "text", "--date", "2026-12-01")
    assert text.returncode == 0 and "Sources\n-------" in text.stdout
    mixed = briefing("build", str(SEEDS), "--format", "text", "--template", str(out))
    assert mixed.returncode == 2 and "--template" in mixed.stderr
    folder = tmp_path / "many"
    folder.mkdir()
    for n in range(12):
        body = " ".join(
            f"Report {n} finds that the council number {k} approved plan {k * n} on day {k}."
            for k in range(80)
        )
        (folder / f"{n}.txt").write_text(f"Report {n}\n\n{body}\n", encoding="utf-8")
    big = briefing("build", str(folder), "--format", "html", "--sentences", "60",
                   "-o", str(tmp_path / "big.html"))  # fmt: skip
    assert big.returncode == 0
    assert (tmp_path / "big.html").stat().st_size > 100_000
    assert "Gmail clips" in big.stderr and len(big.stderr.strip().splitlines()) == 1


def test_a_real_browser_draws_the_html_at_phone_and_desktop_widths(tmp_path, seed_articles):
    """Headless Chromium (Debian's package, when installed: CI does not
    install it, and says so as a skip) draws the briefing; each screenshot
    has the width asked for and is not blank."""
    import shutil
    import struct
    import subprocess

    import pytest

    browser = shutil.which("chromium")
    if browser is None:
        pytest.skip("no Chromium here (apt-get install chromium) to draw the HTML")
    page = tmp_path / "b.html"
    page.write_text(render_html(_seeds_briefing(seed_articles)), encoding="utf-8")
    for width in (360, 700):
        shot = tmp_path / f"{width}.png"
        subprocess.run(
            [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
             "--no-first-run", "--disable-background-networking", "--disable-component-update",
             "--disable-sync", f"--user-data-dir={tmp_path / 'profile'}", "--hide-scrollbars",
             f"--window-size={width},900", f"--screenshot={shot}", page.as_uri()],
            capture_output=True, timeout=120, check=True,
        )  # fmt: skip
        head = shot.read_bytes()[:24]
        assert head[:8] == b"\x89PNG\r\n\x1a\n"
        assert struct.unpack(">II", head[16:24]) == (width, 900)
        assert shot.stat().st_size > 20_000  # words on the page, not a blank one


# --------------------------------------------------------------------------
# Word.


def _docx(data: bytes):
    import io

    import docx

    return docx.Document(io.BytesIO(data))


def test_the_word_briefing_reads_back_whole(seed_articles):
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml.ns import qn

    from briefing.output.docx import ANALYST_STYLE, render_docx

    good = replace(
        seed_articles[1],
        metadata={**seed_articles[1].metadata, "url": "https://example.org/report?id=2&x=1"},
    )
    bad = replace(
        seed_articles[2], metadata={**seed_articles[2].metadata, "url": "file:///etc/passwd"}
    )
    articles = [seed_articles[0], good, bad, *seed_articles[3:]]
    made = _seeds_briefing(articles)
    data = render_docx(made)
    assert render_docx(made) == data  # the same briefing, the same bytes
    doc = _docx(data)
    styles = [(p.style.name, p.text) for p in doc.paragraphs]
    assert styles[0] == ("Title", "Counter-terrorism: <sharing> & plans")
    assert styles[1] == ("Subtitle", "1 December 2026")
    assert [t for s, t in styles if s == "Heading 1"] == [
        "Assessment", "Key points", "Topics", "Articles", "Sources",
    ]  # fmt: skip
    assert [t for s, t in styles if s == "Heading 2"][0] == "intelligence sharing"
    section = doc.sections[0]
    assert section.header.paragraphs[0].text == "OFFICIAL-SENSITIVE"
    assert section.footer.paragraphs[0].text == "OFFICIAL-SENSITIVE"
    props = doc.core_properties
    assert props.title == "Counter-terrorism: <sharing> & plans"
    assert props.created.date() == DAY and props.author.startswith("briefing ")
    # Every sentence, with its citation; key points as a list.
    text = _fold(" ".join(t for _, t in styles))
    for sentence in _sentences(briefing_data(made)):
        assert _fold(sentence) in text
    bullets = [t for s, t in styles if s == "List Bullet"]
    assert len(bullets) >= len(made.key_points) and all(re.search(r"\[\d+\]$", b) for b in bullets)
    # The analyst's words in their own style, labelled.
    analyst = [t for s, t in styles if s == ANALYST_STYLE]
    assert analyst.count("Analyst comment (the analyst's own words, not from the sources)") == 3
    # Links: citations to bookmarks that exist; web links only for http(s) sources.
    body = doc.element.body
    anchors = {h.get(qn("w:anchor")) for h in body.iter(qn("w:hyperlink")) if h.get(qn("w:anchor"))}
    marks = {b.get(qn("w:name")) for b in body.iter(qn("w:bookmarkStart"))}
    assert anchors and anchors <= marks
    targets = [
        r.target_ref for r in doc.part.rels.values() if r.reltype == RELATIONSHIP_TYPE.HYPERLINK
    ]
    assert targets == ["https://example.org/report?id=2&x=1"]


@settings(max_examples=40)  # each example writes and reads a Word document
@given(st.lists(st.lists(_WORDS, min_size=4, max_size=12), min_size=3, max_size=5), _WORDS)
def test_any_article_text_gives_a_word_document_with_the_text_intact(sentences, title):
    from briefing.output.docx import render_docx

    article = _article_of(sentences, title)
    made = _briefing([article], marking=title, title=title)
    doc = _docx(render_docx(made))
    shown = _fold(" ".join(p.text for p in doc.paragraphs))
    for s in made.summaries[0].sentences:
        assert _fold(s.text) in shown


def test_build_writes_a_word_document(tmp_path):
    out = tmp_path / "b.docx"
    made = briefing(
        "build", str(SEEDS), "--topic", "intelligence sharing", "--format", "docx",
        "--marking", "OFFICIAL", "--date", "2026-12-01", "-o", str(out),
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    doc = _docx(out.read_bytes())
    assert doc.sections[0].header.paragraphs[0].text == "OFFICIAL"
    mixed = briefing("build", str(SEEDS), "--format", "docx", "--template", str(out), "-o",
                     str(tmp_path / "x.docx"))  # fmt: skip
    assert mixed.returncode == 2 and not (tmp_path / "x.docx").exists()


def test_a_section_heading_that_is_the_articles_title_is_not_shown_twice(seed_articles):
    """The first seed is a live page whose first section is headed with its
    own title: every format showed the title twice, one under the other."""
    import io

    import docx

    from briefing.output.docx import render_docx
    from briefing.output.render import render_markdown

    made = _seeds_briefing(seed_articles)
    title = made.summaries[0].article.title
    assert made.summaries[0].sections[0].heading == title and len(made.summaries[0].sections) > 1
    markdown = render_markdown(made)
    assert [line for line in markdown.splitlines() if line.startswith("#") and title in line] == [
        f"### {title} [1]"
    ]
    doc = lxml.html.document_fromstring(render_html(made))
    assert [h.tag for h in doc.iter("h3", "h4") if title in h.text_content()] == ["h3"]
    text = " ".join(render_text(made).split())  # (wrapped at 72 columns)
    assert text.count(title.upper()) == 0 and text.count(title) >= 1
    word = docx.Document(io.BytesIO(render_docx(made)))
    styles = [p.style.name for p in word.paragraphs if p.text.strip().startswith(title)]
    assert [s for s in styles if s.startswith("Heading")] == ["Heading 2"]
    # The other sections keep their headings.
    other = made.summaries[0].sections[1].heading
    assert other and f"#### {other}" in markdown
