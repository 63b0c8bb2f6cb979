import re
from datetime import date
from pathlib import Path

import pytest

from briefing.compose.assemble import Request
from briefing.model import Options
from briefing.output.render import (
    TemplateProblem,
    briefing_data,
    escape_markdown,
    render_markdown,
    render_text,
)
from briefing.run.briefs import brief
from briefing.run.pipeline import summarize_all

DAY = date(2026, 11, 23)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("# Not a heading", "\\# Not a heading"),
        ("## Neither", "\\## Neither"),
        ("Hash # inside is fine", "Hash # inside is fine"),
        ("<script>alert(1)</script> done", "&lt;script>alert(1)&lt;/script> done"),
        (
            "See [the report](https://evil.example) now",
            "See [the report\\](https://evil.example) now",
        ),
        ("He said *very* _loudly_", "He said \\*very\\* \\_loudly\\_"),
        ("Use `code` and ~~strike~~", "Use \\`code\\` and \\~\\~strike\\~\\~"),
        ("- not a list", "\\- not a list"),
        ("+ not a list", "\\+ not a list"),
        ("> not a quote", "&gt; not a quote"),
        ("1. not a list", "1\\. not a list"),
        ("2019) not a list either", "2019\\) not a list either"),
        ("2019 was a year.", "2019 was a year."),
        ("Tom &amp; Jerry & co", "Tom &amp;amp; Jerry & co"),
        ("everything [it] can", "everything [it] can"),
        ("back\\slash", "back\\\\slash"),
        ("multi\nline  text", "multi line text"),
    ],
)
def test_escape_markdown(text, expected):
    assert escape_markdown(text) == expected


@pytest.fixture(scope="module")
def briefing(seed_articles):
    request = Request(
        today=DAY, topics=("Manchester Arena", "quantum computing"), marking="OFFICIAL-SENSITIVE"
    )
    return brief(seed_articles, request)


def test_markdown_structure(briefing):
    md = render_markdown(briefing)
    lines = md.splitlines()
    assert lines[0] == "**OFFICIAL-SENSITIVE**"
    assert lines[-1] == "**OFFICIAL-SENSITIVE**"
    assert "# Briefing: Manchester Arena, quantum computing" in lines
    assert "23 November 2026" in lines
    assert "### Manchester Arena" in lines
    quantum = lines.index("### quantum computing")
    assert lines[quantum + 2] == "_No sentence in the selected articles matches this topic._"
    assert "## Sources" in lines
    for n, article in enumerate(briefing.articles, start=1):
        assert any(line.startswith(f"{n}. {article.title}") for line in lines)


def test_every_summary_sentence_is_cited(briefing):
    lines = render_markdown(briefing).splitlines()
    for n, summary in enumerate(briefing.summaries, start=1):
        for s in summary.sentences:
            assert any(
                line.startswith(escape_markdown(s.text)) and line.endswith(f" [{n}]")
                for line in lines
            )


def test_no_marking_no_marking_lines(seed_articles):
    md = render_markdown(brief(seed_articles, Request(today=DAY)))
    assert md.startswith("# News briefing\n\n23 November 2026\n")
    assert "## Topics" not in md


def test_hostile_article_cannot_change_structure(tmp_path):
    from briefing.run.loading import load

    (tmp_path / "h.txt").write_text(
        "Hostile\n\n# Injected heading is here. <script>alert('x')</script> is bad. "
        "Click [me](https://evil.example) now please. **Bold** claims are made here.\n",
        encoding="utf-8",
    )
    articles = load([str(tmp_path / "h.txt")]).articles
    md = render_markdown(brief(articles, Request(today=DAY, options=Options(sentences=10))))
    assert "<script>" not in md
    assert "[me](https://evil.example)" not in md and "[me\\](https://evil.example)" in md
    assert "**Bold**" not in md
    assert not any(
        line.startswith("# Injected") or line.startswith("- # ") for line in md.splitlines()
    )


def test_json_schema(briefing):
    data = briefing_data(briefing)
    assert {"title", "date", "topics", "articles"} <= data.keys()
    assert data["date"] == "2026-11-23"
    topic = data["topics"][0]
    assert {"name", "sentences"} <= topic.keys()
    assert {"text", "article", "index"} <= topic["sentences"][0].keys()
    article = data["articles"][0]
    assert {"id", "title", "source", "words", "sentences"} <= article.keys()
    assert {"text", "index"} <= article["sentences"][0].keys()
    assert data["topics"][1]["sentences"] == []


def test_user_template(tmp_path, briefing):
    template = tmp_path / "mine.md.j2"
    template.write_text(
        "{{ title }} / {{ date }} / {{ marking }}\n"
        "{% for a in articles %}{{ a.number }} {{ a.id }} {{ a.words }}\n{% endfor %}"
        "{% for t in topics %}{{ t.name }}: {{ t.sentences | length }}\n{% endfor %}",
        encoding="utf-8",
    )
    out = render_markdown(briefing, template)
    assert (
        out.splitlines()[0]
        == "Briefing: Manchester Arena, quantum computing / 2026-11-23 / OFFICIAL-SENSITIVE"
    )
    assert re.search(r"^1 [0-9a-f]{12} \d+$", out, re.M)
    assert "quantum computing: 0" in out


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("{% for x in articles %}", "line 1"),
        ("{{ no_such_variable }}", "'no_such_variable' is undefined"),
        ("{{ title | nosuchfilter }}", "nosuchfilter"),
    ],
)
def test_broken_templates_say_where(tmp_path, briefing, body, message):
    template = tmp_path / "bad.j2"
    template.write_text(body, encoding="utf-8")
    with pytest.raises(TemplateProblem, match=message):
        render_markdown(briefing, template)


def test_missing_template(briefing):
    with pytest.raises(TemplateProblem, match="no such file"):
        render_markdown(briefing, Path("/no/such/template.j2"))


def test_text_format(seed_articles):
    summaries = summarize_all(seed_articles[:2], Options(sentences=2))
    text = render_text(summaries)
    blocks = text.rstrip("\n").split("\n\n")
    assert len(blocks) == 2
    lines = blocks[1].splitlines()
    assert [line.split(" — ")[0] for line in lines] == [s.text for s in summaries[1].sentences]
    # A quotation over several sentences names its speaker once, after its end.
    assert lines[-1].endswith(" — West Midlands Police and Crime Commissioner David Jamieson")
    assert sum(" — " in line for line in lines) == 1
