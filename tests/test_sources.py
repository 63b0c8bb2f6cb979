from pathlib import Path

import pytest
from conftest import FIXTURES, SEEDS

from briefing.ingest.inputs import InputError, expand
from briefing.ingest.plaintext import split_front_matter, text_blocks
from briefing.nlp.text import OfflineTokenizer
from briefing.run.loading import load

FURNITURE = (
    "Load more updates",
    "Click here for more information",
    "Credit:",
    "gov.uk/ACT",
    "Listen to our latest podcasts",
    "Live updates",
    "Watch this full report",
    "call 999",
    "dial 999",
    "reports:",
)
FURNITURE_LINES = ("Published", "Last updated", "Live updates")


def write(folder: Path, name: str, text: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return path


def test_seeds_load_in_order_with_titles(seed_articles):
    assert [a.source for a in seed_articles] == [
        f"seeds/{p.name}" for p in sorted(SEEDS.glob("*.txt"))
    ]
    titles = [a.title for a in seed_articles]
    assert titles[0] == "MI5 intelligence to be shared in attempt to stop terror plots earlier"
    assert "Live updates" not in titles
    assert titles[1] == "MI5 to share information on West Midlands terror suspects in new strategy"
    assert titles[3] == "Year In Review 2019 | Police and MI5 Partnership"
    assert seed_articles[3].metadata["source"] == "Counter Terrorism Policing"
    assert all(a.source.startswith("seeds/") for a in seed_articles)


def test_page_furniture_never_reaches_sentences(seed_articles):
    for article in seed_articles:
        for sentence in article.sentences:
            for bit in FURNITURE:
                assert bit.lower() not in sentence.text.lower(), (article.id, sentence.text)
            assert sentence.text not in FURNITURE_LINES


def test_sentences_are_verbatim_and_indexed(seed_articles, seed_texts):
    for article in seed_articles:
        assert [s.index for s in article.sentences] == list(range(len(article.sentences)))
        for s in article.sentences:
            assert s.article_id == article.id
            assert s.text in seed_texts[article.id]


def test_live_pages_split_into_items(seed_articles):
    page = seed_articles[2]
    assert page.is_live_page
    headings = [s.heading for s in page.sections]
    assert headings[:3] == [
        "Counter terror police: 'Several attack plots disrupted'",
        "Kerry: Tackling IS threat is 'the challenge of our lifetime'",
        "Cameron vows to do 'everything' to stop people joining IS",
    ]
    kerry = page.sections[1].sentences
    assert kerry[0].text.startswith("Tackling the threat posed by Islamic State")
    assert all("Khawaja" not in s.text for s in kerry)
    assert seed_articles[0].is_live_page
    lancashire = next(
        sec for sec in seed_articles[0].sections if sec.heading.startswith("Lancashire")
    )
    assert not any(
        s.text.startswith(("Could more have been done", "Report out today"))
        for s in seed_articles[0].sentences
    )
    assert lancashire.sentences[-1].text.startswith('"I want to reassure people')
    assert seed_articles[0].sections[1].heading.startswith("Family of Manchester Arena victim")
    # Ordinary articles stay whole; their subheadings are not sentences.
    article = seed_articles[4]
    assert not article.is_live_page
    assert all(
        "pledged to act quickly on the report's findings" not in s.text for s in article.sentences
    )


def test_quote_attributions_are_not_sentences(seed_articles):
    assert all(not s.text.startswith("–") for a in seed_articles for s in a.sentences)


def test_front_matter_overrides_title_and_adds_metadata(tmp_path):
    write(
        tmp_path,
        "a.txt",
        "---\ntitle: The real title\nsource: ITV News\nurl: https://x.example/a\n"
        "date: 2019-12-20\n---\nA banner line\n\nThe first sentence. The second sentence.\n",
    )
    (article,) = load([str(tmp_path / "a.txt")]).articles
    assert article.title == "The real title"
    assert article.metadata == {
        "title": "The real title",
        "source": "ITV News",
        "url": "https://x.example/a",
        "date": "2019-12-20",
    }
    assert [s.text for s in article.sentences] == ["The first sentence.", "The second sentence."]


@pytest.mark.parametrize(
    ("text", "fields"),
    [
        ("---\ntitle: 'Quoted'\n---\nBody", {"title": "Quoted"}),
        ("---\nnot a field line\n---\nBody", {}),
        ("No front matter\n---\n", {}),
    ],
)
def test_split_front_matter(text, fields):
    assert split_front_matter(text)[0] == fields


def test_title_when_the_file_starts_with_prose(tmp_path):
    write(
        tmp_path,
        "p.txt",
        "This file has no title line at all and starts straight away with a long "
        "sentence that goes on. Then another.\n",
    )
    (article,) = load([str(tmp_path / "p.txt")]).articles
    assert article.title.endswith("…") and len(article.title) <= 81
    assert article.sentences[0].text.startswith("This file has no title line")


def test_hard_wrapped_paragraphs_are_joined(tmp_path):
    blocks = list(
        text_blocks(
            "A title\n\nThe first line of a wrapped paragraph runs on\n"
            "into the second line and ends here. Then more\ntext follows.\n"
        )
    )
    assert [b.text for b in blocks] == [
        "A title",
        "The first line of a wrapped paragraph runs on into the second line and ends here. Then more text follows.",
    ]


def test_markdown_headings_and_inline_markup(tmp_path):
    write(
        tmp_path,
        "m.md",
        "# A markdown title\n\nSome **bold** claim with a [link](https://x.example) here. "
        "Another sentence.\n\n## A subheading\n\n- A list item that is a sentence.\n",
    )
    (article,) = load([str(tmp_path / "m.md")]).articles
    assert article.title == "A markdown title"
    texts = [s.text for s in article.sentences]
    assert texts == [
        "Some bold claim with a link here.",
        "Another sentence.",
        "A list item that is a sentence.",
    ]


def test_html_main_text_without_tags_or_scripts():
    (article,) = load([str(FIXTURES / "article.html")]).articles
    assert article.title == "Police and councils to get MI5 alerts"
    texts = [s.text for s in article.sentences]
    assert texts[0].startswith("MI5 will share information about subjects of interest")
    joined = " ".join(texts)
    for leak in (
        "<",
        ">",
        "SECRET_TRACKER_CODE",
        "injected",
        "color: red",
        "Home |",
        "Sport",
        "Copyright",
        "Share this",
    ):
        assert leak not in joined
    assert any("intelligence held on people" in t for t in texts)


def test_latin1_file_is_read(tmp_path):
    write(
        tmp_path,
        "l.txt",
        "Café society\n\nThe café reopened on Monday. Its façade was restored.\n".encode("latin-1"),
    )
    (article,) = load([str(tmp_path / "l.txt")]).articles
    assert article.title == "Café society"
    assert article.sentences[1].text == "Its façade was restored."


def test_bad_files_are_problems_and_the_rest_goes_on(tmp_path):
    write(tmp_path, "d/a.txt", "Good title\n\nA fine sentence here. Another one.\n")
    write(tmp_path, "d/b.txt", "")
    write(tmp_path, "d/c.txt", b"\x00\x01\x02binary\x00")
    write(tmp_path, "d/e.txt", "Load more updates\n")
    result = load([str(tmp_path / "d")])
    assert [Path(a.source).name for a in result.articles] == ["a.txt"]
    reasons = {Path(p.source).name: p.reason for p in result.problems}
    assert reasons == {
        "b.txt": "empty file",
        "c.txt": "binary file, not text",
        "e.txt": "no sentences found (empty or only page furniture)",
    }


def test_unreadable_file_is_a_problem(tmp_path, monkeypatch):
    good = write(tmp_path, "good.txt", "Title\n\nText here.\n")
    bad = write(tmp_path, "locked.txt", "Title\n\nText here.\n")
    import briefing.ingest.sources

    real = briefing.ingest.sources.read_bytes

    def read_bytes(path, max_bytes):
        if path.name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(path))
        return real(path, max_bytes)

    monkeypatch.setattr(briefing.ingest.sources, "read_bytes", read_bytes)
    result = load([str(bad), str(good)])
    assert [a.source for a in result.articles] == [str(good)]
    assert result.problems[0].source == str(bad)
    assert result.problems[0].reason == "permission denied"


def test_folders_are_recursive_sorted_and_labelled(tmp_path):
    for name in ("z.txt", "a/b.md", "a/c.html", "skip.png", ".hidden/h.txt"):
        write(tmp_path, name, "T\n\nS.\n")
    labels = [item.label for item in expand([str(tmp_path)])]
    assert labels == [f"{tmp_path.as_posix()}/{n}" for n in ("a/b.md", "a/c.html", "z.txt")]


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda d: str(d / "missing.txt"), "no such file or folder"),
        (
            lambda d: (d / "empty").mkdir() or str(d / "empty"),
            "no .txt, .md, .html, .pdf, .docx, .eml or feed files",
        ),
    ],
)
def test_input_errors(tmp_path, make, message):
    with pytest.raises(InputError, match=message):
        load([make(tmp_path)])


def test_ids_come_from_the_content_not_the_name(tmp_path):
    """Same name, different text: different ids. Same text under another
    name (a rename): the same id, so plans and caches survive renames."""
    a = write(tmp_path, "x/story.txt", "One\n\nFirst text here.\n")
    b = write(tmp_path, "y/story.txt", "Two\n\nSecond text here.\n")
    ids = [art.id for art in load([str(a), str(b)]).articles]
    assert len(set(ids)) == 2 and all(len(i) == 12 and int(i, 16) >= 0 for i in ids)
    renamed = write(tmp_path, "z/renamed.md", "One\n\nFirst text here.\n")
    assert load([str(renamed)]).articles[0].id == ids[0]
    assert load([str(a)], stdin=None).articles[0].id == ids[0]


def test_the_same_text_twice_is_used_once_with_a_warning(tmp_path):
    a = write(tmp_path, "x/story.txt", "One\n\nFirst text here.\n")
    copy = write(tmp_path, "y/copy.txt", "One\n\nFirst text here.\n")
    result = load([str(a), str(copy), str(a)])
    assert [art.source for art in result.articles] == [str(a)]
    assert [(p.source, p.reason) for p in result.problems] == [
        (str(copy), f"the same text as {a}; used once"),
        (str(a), "given more than once; used once"),
    ]


def test_stdin(tmp_path):
    import io

    result = load(["-"], stdin=io.BytesIO(b"Piped title\n\nPiped sentence one. Piped two.\n"))
    (article,) = result.articles
    assert (article.source, article.title) == ("-", "Piped title")
    assert (
        article.id
        == load(
            [
                write(
                    tmp_path, "piped.txt", "Piped title\n\nPiped sentence one. Piped two.\n"
                ).as_posix()
            ]
        )
        .articles[0]
        .id
    )
    assert len(article.sentences) == 2


def test_tokenizer_is_reusable():
    tok = OfflineTokenizer()
    assert load([], tokenizer=tok).articles


def test_parallel_load_equals_serial(tmp_path):
    from briefing.run.workers import PARALLEL_MIN

    for i in range(PARALLEL_MIN + 2):
        write(
            tmp_path, f"d/{i:03d}.txt", f"Title {i}\n\nSentence one of {i}. Sentence two of {i}.\n"
        )
    write(tmp_path, "d/empty.txt", "")
    serial = load([str(tmp_path / "d")])
    parallel = load([str(tmp_path / "d")], jobs=2)
    assert serial == parallel
    assert len(parallel.articles) == PARALLEL_MIN + 2 and len(parallel.problems) == 1
