"""briefing eval on a tiny fixture whose scores are worked out by hand.

Article: a title, then "Alpha beta gamma. Delta epsilon zeta. Eta theta
iota." Reference: the first and third sentences. LEAD-2 picks the first
two, so, with every word distinct (stemming changes nothing here):
- sentence precision 1/2, recall 1/2;
- ROUGE-1: 3 of 6 unigrams shared each way, F1 0.5;
- ROUGE-2: reference bigrams (alpha beta)(beta gamma)(gamma eta)(eta theta)
  (theta iota), summary bigrams (alpha beta)(beta gamma)(gamma delta)
  (delta epsilon)(epsilon zeta): 2 of 5 shared, F1 0.4;
- ROUGE-L: longest common subsequence "alpha beta gamma", 3 of 6, F1 0.5.
"""

import json

import pytest
from click.testing import CliRunner

from briefing.cli import ExitCode, cli
from briefing.ingest.sources import parse
from briefing.nlp.text import OfflineTokenizer
from briefing.run.evaluate import (
    EvalInputError,
    algorithm_names,
    evaluate,
    read_pairs,
    reference_sentences,
)

ARTICLE = "Greek letters\n\nAlpha beta gamma. Delta epsilon zeta. Eta theta iota.\n"
REFERENCE = "Alpha beta gamma.Eta theta iota."  # run together, as in the dev set


@pytest.fixture
def jsonl(tmp_path):
    path = tmp_path / "pairs.jsonl"
    path.write_text(
        json.dumps({"id": "g", "article": ARTICLE, "summary": REFERENCE}) + "\n", encoding="utf-8"
    )
    return path


@pytest.fixture
def folder(tmp_path):
    root = tmp_path / "pairs"
    (root / "article" / "sub").mkdir(parents=True)
    (root / "summary" / "sub").mkdir(parents=True)
    (root / "article" / "sub" / "g.txt").write_text(ARTICLE, encoding="utf-8")
    (root / "summary" / "sub" / "g.txt").write_text(REFERENCE, encoding="utf-8")
    (root / "article" / "orphan.txt").write_text(ARTICLE, encoding="utf-8")
    return root


def test_hand_computed_scores(jsonl):
    (row,) = evaluate(read_pairs(jsonl), ["lead"]).rows()
    assert row["articles"] == 1
    assert row["rouge1"] == 50.0
    assert row["rouge2"] == 40.0
    assert row["rougeL"] == 50.0
    assert row["sentence_precision"] == 50.0
    assert row["sentence_recall"] == 50.0


def test_progress_is_reported_per_pair(jsonl):
    ticks = []
    pairs = read_pairs(jsonl) * 3
    evaluate(pairs, ["lead"], progress=ticks.append)
    assert ticks == [1, 1, 1]


def test_folder_layout_gives_the_same_scores(jsonl, folder):
    pairs = read_pairs(folder)
    assert [p.id for p in pairs] == ["sub/g"]
    assert evaluate(pairs, ["lead"]).rows()[0]["rouge2"] == 40.0


def test_fixed_length(jsonl):
    (row,) = evaluate(read_pairs(jsonl), ["lead"], sentences=3).rows()
    # All three sentences: recall 1, precision 2/3; ROUGE-1 P=6/9, R=1 -> F1 0.8.
    assert row["sentence_recall"] == 100.0
    assert row["sentence_precision"] == 66.67
    assert row["rouge1"] == 80.0


def test_reference_that_is_not_an_extract():
    tok = OfflineTokenizer()
    article = parse(ARTICLE.encode(), "g.txt", "g", tok)
    gold, k = reference_sentences(article, "Letters were listed.They ran from alpha to iota.", tok)
    assert gold == [] and k == 2


def test_every_algorithm_is_scored(jsonl):
    rows = evaluate(read_pairs(jsonl), algorithm_names(["all"])).rows()
    assert sorted(r["algorithm"] for r in rows) == sorted(
        [
            "lead",
            "blend",
            "lexrank",
            "lsa",
            "textrank",
            "luhn",
            "edmundson",
            "kl",
            "sumbasic",
            "reduction",
            "random",
        ]
    )
    assert all(0 <= r["rouge2"] <= 100 for r in rows)


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (
            ["all"],
            [
                "lead",
                "blend",
                "lexrank",
                "lsa",
                "textrank",
                "luhn",
                "edmundson",
                "kl",
                "sumbasic",
                "reduction",
                "random",
            ],
        ),
        (["lexrank,LEAD", "lexrank"], ["lexrank", "lead"]),
    ],
)
def test_algorithm_names(names, expected):
    assert algorithm_names(names) == expected


@pytest.mark.parametrize(
    "content",
    [
        "not json\n",
        '{"article": "x"}\n',
        "\n",
        "",
        "1\n",
        "null\n",
        "[1, 2]\n",
        '"text"\n',
        '{"article": 1, "summary": 2}\n',
        "[" * 100_000 + "\n",
    ],
)
def test_nothing_usable_is_one_error(tmp_path, content):
    path = tmp_path / "bad.jsonl"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(EvalInputError, match="no usable pairs"):
        read_pairs(path)


GOOD = {
    "id": "g",
    "article": "Title\n\nA first sentence here. A second one here.",
    "summary": "A first sentence here.",
}
BAD_LINES = [
    "not json",
    "1",
    "null",
    "[1, 2]",
    '{"article": null, "summary": "x"}',
    '{"summary": "x"}',
    '{"article": "", "summary": "x"}',
]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "latin-1"])
def test_malformed_lines_are_warnings_naming_the_line(tmp_path, encoding):
    good = dict(GOOD, article=GOOD["article"] + " Café.")
    lines = [json.dumps(good, ensure_ascii=False)] + BAD_LINES
    path = tmp_path / "mixed.jsonl"
    path.write_bytes("\n".join(lines).encode(encoding))
    warnings = []
    pairs = read_pairs(path, warn=warnings.append)
    assert [p.id for p in pairs] == ["g"] and "Café" in pairs[0].article
    assert [w.split(": ")[0] for w in warnings] == [
        f"{path}, line {n}" for n in range(2, len(lines) + 1)
    ]


def test_cli_warns_about_each_bad_line_and_goes_on(tmp_path):
    path = tmp_path / "mixed.jsonl"
    path.write_text("\n".join([json.dumps(GOOD)] + BAD_LINES) + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["eval", str(path), "-a", "lead", "-q"])
    assert result.exit_code == 0
    assert result.stderr.count("briefing: warning: skipped") == len(BAD_LINES)
    assert "Traceback" not in result.stderr
    path.write_text("\n".join(BAD_LINES), encoding="utf-8")
    result = CliRunner().invoke(cli, ["eval", str(path), "-a", "lead", "-q"])
    assert result.exit_code == ExitCode.USAGE
    assert result.stderr.splitlines()[-1].startswith("briefing: error: ")


def test_cli_table_and_json(jsonl):
    runner = CliRunner()
    result = runner.invoke(cli, ["eval", str(jsonl), "-a", "lead"])
    assert result.exit_code == 0
    assert "| lead | 50.00 | 40.00 | 50.00 | 50.00 | 50.00 |" in result.stdout
    result = runner.invoke(cli, ["eval", str(jsonl), "-a", "lead,lexrank", "--format", "json"])
    data = json.loads(result.stdout)
    assert [r["algorithm"] for r in data["results"]][0] in {"lead", "lexrank"}
    assert {r["algorithm"] for r in data["results"]} == {"lead", "lexrank"}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["eval", "no/such.jsonl"], "no such file or folder"),
        (["eval", "PAIRS", "-a", "bogus"], "unknown algorithm 'bogus'"),
    ],
)
def test_cli_errors(jsonl, args, message):
    args = [str(jsonl) if a == "PAIRS" else a for a in args]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == ExitCode.USAGE
    assert message in result.stderr and result.stderr.count("\n") == 1
