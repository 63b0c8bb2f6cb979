"""Templates are sandboxed and fail in one line; nothing a source or a user
supplies changes the Markdown's structure (checked with a CommonMark parser)."""

from __future__ import annotations

import copy
import subprocess
import sys

import pytest
from conftest import SEEDS
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from briefing.model import MADE_BY_LINE
from briefing.output.render import (
    DEFAULT_TEMPLATE,
    SUMMARY_TEMPLATE,
    TemplateProblem,
    _render,
    autolink,
    code_span,
    escape_markdown,
)


def _data(text: str, url: str = "https://example.org/story") -> dict:
    """Build-JSON-shaped data whose every string field is ``text``."""
    speaker = "Said " + text  # shown after the sentence (it is not in the sentence's text)
    note = "Note " + " ".join(text.split())  # one paragraph of the analyst's own words
    sentence = {
        "text": text,
        "article": "a",
        "index": 0,
        "speaker": speaker,
        "ref": 1,
        "score": 1.0,
        "also": [],
    }
    article = {
        "number": 1,
        "id": "a",
        "title": text,
        "source": text,
        "publisher": text,
        "url": url,
        "published": text,
        "extent": text,
        "also_carried_by": text,
        "briefed_before": 2,
        "briefed_on": text,
        "words": 10,
        "sentence_count": 2,
        "sentences": [{"text": text, "index": 0, "speaker": speaker, "role": "summary"}],
        "sections": [
            {"heading": text, "sentences": [{"text": text, "index": 0, "speaker": speaker}]},
            {"heading": text, "sentences": [{"text": text, "index": 1, "speaker": None}]},
        ],
        "loose": False,
        "analyst_note": note,
    }
    return {
        "title": text,
        "date": "2026-11-23",
        "date_long": "23 November 2026",
        "marking": text,
        "algorithm": "blend",
        "generator": "briefing test",
        "assessment": note,
        "key_points": [sentence],
        "topics": [
            {
                "name": text,
                "terms": [text],
                "matched": 1,
                "sentences": [sentence],
                "analyst_note": note,
            },
            {"name": text, "terms": [], "matched": 0, "sentences": [], "analyst_note": None},
        ],
        "stories": [
            {
                "id": "story-x",
                "headline": text,
                "headline_ref": 1,
                "articles": ["a", "b"],
                "refs": [1, 2],
                "sources": [text, "Other " + text],
                "first_source": text,
                "first_published": "2026-11-22",
                "first_long": text,
                "last_published": "2026-11-23",
                "last_long": text,
                "sentences": [sentence],
                "timeline": [
                    {
                        "date": "2026-11-22",
                        "date_long": text,
                        "text": text,
                        "article": "a",
                        "index": None,
                        "ref": 1,
                        "source": text,
                        "date_from": "published",
                    },
                    {
                        "date": None,
                        "date_long": None,
                        "text": text,
                        "article": "a",
                        "index": 0,
                        "ref": 1,
                        "source": text,
                        "date_from": "text",
                    },
                ],  # fmt: skip
            }
        ],
        "articles": [
            dict(article, story="story-x"),
            dict(copy.deepcopy(article), number=2, url=None, analyst_note=None, story=None),
        ],
    }


STRUCTURE = {
    "heading_open",
    "bullet_list_open",
    "ordered_list_open",
    "list_item_open",
    "blockquote_open",
    "hr",
    "code_block",
    "fence",
    "table_open",
    "paragraph_open",
}


def _shape(markdown: str) -> tuple[list[str], list[str]]:
    """Block structure (with heading levels), and every inline token kind
    that could carry markup: HTML, links, images."""
    tokens = MarkdownIt("commonmark").parse(markdown)
    blocks = [t.tag if t.type == "heading_open" else t.type for t in tokens if t.type in STRUCTURE]
    inline = [
        c.type
        for t in tokens
        if t.type == "inline"
        for c in (t.children or [])
        if c.type in {"html_inline", "link_open", "image"}
    ]
    # HTML from the text, not the template's own "made by" line (an HTML comment).
    inline += [
        t.type for t in tokens if t.type == "html_block" and t.content.strip() != MADE_BY_LINE
    ]
    return blocks, inline


PLAIN = _shape(_render(None, DEFAULT_TEMPLATE, _data("plain words")))

PIECES = list("#*_`~[]()<>!&;:/\\-+=|.\n\t 1aZ\"'") + [
    "\u202e",
    "\u200b",
    "http://",
    "<img src=x onerror=alert(1)>",
    "```",
    "---",
    "***",
    "1.",
    "> ",
    "&lt;",
    "&#60;",
    "javascript:",
    "    ",
    "![x](y)",
    "[a]: http://x",
]
hostile = (
    st.lists(st.sampled_from(PIECES) | st.text(max_size=3), max_size=25)
    .map("".join)
    .filter(lambda s: s.strip() != "")
)


@given(hostile)
def test_no_text_or_metadata_changes_the_structure(text):
    blocks, inline = _shape(_render(None, DEFAULT_TEMPLATE, _data(text, url=text)))
    assert blocks == PLAIN[0]
    assert "html_inline" not in inline and "html_block" not in inline and "image" not in inline
    assert inline.count("link_open") <= 1  # only the template's autolink for the one URL


@given(hostile)
def test_the_analysts_words_stay_paragraphs_inside_their_labelled_block(text):
    data = _data("plain words")
    data["assessment"] = text
    blocks, inline = _shape(_render(None, DEFAULT_TEMPLATE, data))
    without = _shape(_render(None, DEFAULT_TEMPLATE, dict(data, assessment=None)))[0]
    if blocks == without:  # nothing visible to say: no block at all
        assert not escape_markdown(" ".join(text.split())).strip()
        return
    assert blocks[:3] == ["paragraph_open", "h1", "paragraph_open"]  # marking, title, date
    assert blocks[3:5] == ["h2", "blockquote_open"]  # "Assessment", then the labelled block
    end = 5 + blocks[5:].index("h2")  # the next section
    assert set(blocks[5:end]) == {"paragraph_open"} and end - 5 >= 2  # the label, then the words
    assert blocks[:3] + blocks[end:] == without
    assert "html_inline" not in inline and "image" not in inline


@given(hostile)
def test_summary_markdown_structure_holds(text):
    plain = _shape(_render(None, SUMMARY_TEMPLATE, _data("plain words")))
    assert _shape(_render(None, SUMMARY_TEMPLATE, _data(text))) == (plain[0], [])


@given(st.text(max_size=40))
def test_code_span_shows_exactly_its_text(text):
    tokens = MarkdownIt("commonmark").parseInline(code_span(text))[0].children
    flat = " ".join(text.split())
    if not flat.strip():
        return
    assert [t.type for t in tokens] == ["code_inline"]
    assert "\u202e" not in tokens[0].content and "\u200b" not in tokens[0].content


def test_the_reported_attacks_are_inert():
    url = "http://ok/> <img src=x onerror=alert(1)>"
    assert "<img" not in autolink(url) and autolink(url).startswith("http")
    assert autolink("javascript:alert(1)") == "javascript:alert(1)"
    name = "seeds/a`b<img src=x onerror=alert(1)>.txt"
    span = code_span(name)
    assert span == "``seeds/a`b<img src=x onerror=alert(1)>.txt``"
    assert escape_markdown("evil\u202etxt.exe\u200b") == "eviltxt.exe"
    assert code_span("evil\u202etxt") == "`evil\\u202etxt`"


def test_invisible_characters_never_reach_a_sentence(tmp_path):
    from briefing.run.loading import load

    (tmp_path / "a.txt").write_text(
        "Title\u200b here\n\nThe minister \u202esaid\u202c the plan works. "
        "It starts\u2066 today.\n",
        encoding="utf-8",
    )
    (article,) = load([str(tmp_path / "a.txt")]).articles
    assert article.title == "Title here"
    assert [s.text for s in article.sentences] == [
        "The minister said the plan works.",
        "It starts today.",
    ]


# --------------------------------------------------------------------------
# Templates.


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("{{ 1/0 }}", "t.j2, line 1: ZeroDivisionError: division by zero"),
        ("ok\n{{ title.nope() }}", "t.j2, line 2: "),
        ("{% include 't.j2' %}", "includes or calls itself without end"),
        ("{{ self.__init__.__globals__ }}", "t.j2"),
        ("{{ ''.__class__.__mro__[1].__subclasses__() }}", "not allowed in a template"),
        (
            "{% for i in range(100000) %}{% for j in range(100000) %}{{ 'x' * 1000 }}{% endfor %}{% endfor %}",
            "writes more than",
        ),
        ("{{ articles.append(1) }}", "not allowed in a template"),
    ],
)
def test_template_failures_are_one_line(tmp_path, body, message):
    template = tmp_path / "t.j2"
    template.write_text(body, encoding="utf-8")
    with pytest.raises(TemplateProblem) as caught:
        _render(template, DEFAULT_TEMPLATE, _data("x"))
    assert message in str(caught.value) and "\n" not in str(caught.value)


def test_a_template_cannot_run_commands(tmp_path):
    marker = tmp_path / "pwned"
    template = tmp_path / "t.j2"
    template.write_text(
        "{{ self.__init__.__globals__.__builtins__.__import__('os').system('touch "
        + str(marker)
        + "') }}",
        encoding="utf-8",
    )
    proc = subprocess.run(
        [sys.executable, "-m", "briefing", "build", str(SEEDS), "--template", str(template)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 1
    assert not marker.exists()
    assert proc.stderr.startswith("briefing: error: template ") and proc.stderr.count("\n") == 1


def test_a_fact_repeated_in_one_source_is_cited_once():
    data = _data("A fact")
    data["key_points"][0]["also"] = [
        {"article": "a", "index": 5, "ref": 1},
        {"article": "b", "index": 2, "ref": 2},
        {"article": "a", "index": 9, "ref": 1},
    ]
    out = _render(None, DEFAULT_TEMPLATE, data)
    assert "- A fact — Said A fact [1] [2]\n" in out
