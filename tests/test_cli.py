import json
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner
from conftest import GOLDEN, REPO, SEEDS

from briefing.cli import ExitCode, cli

BUILD_ARGS = [
    "build",
    "--date",
    "2026-11-23",
    "--topic",
    "intelligence sharing",
    "--topic",
    "Manchester Arena",
    "--topic",
    "quantum computing",
    "--marking",
    "OFFICIAL-SENSITIVE",
]
GOLDEN_CASES = {
    "seeds-briefing.md": BUILD_ARGS,
    "seeds-briefing.json": [*BUILD_ARGS, "--format", "json"],
    "seeds-summarize.txt": ["summarize", "--sentences", "2"],
    "seeds-summarize.md": ["summarize", "--format", "markdown", "--algorithm", "lexrank"],
    "seeds-topics.txt": ["topics"],
}


def run(*args, input=None):
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


@pytest.mark.parametrize("name", sorted(GOLDEN_CASES))
def test_golden_output_for_the_seeds(name):
    """Headless output for the seeds is fixed: regenerate on purpose with
    UPDATE_GOLDEN=1 and read the diff."""
    result = run(*GOLDEN_CASES[name])
    assert result.exit_code == 0, result.stderr
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == path.read_text(encoding="utf-8")


def test_golden_briefing_sentences_are_verbatim(seed_texts):
    data = json.loads((GOLDEN / "seeds-briefing.json").read_text(encoding="utf-8"))
    for article in data["articles"]:
        for s in article["sentences"]:
            assert s["text"] in seed_texts[article["id"]]
    for topic in data["topics"]:
        for s in topic["sentences"]:
            assert s["text"] in seed_texts[s["article"]]


@pytest.mark.parametrize("algorithm", ["blend", "lexrank", "kl"])
def test_same_output_whatever_the_hash_seed(algorithm):
    """Byte-identical output in fresh interpreters with different hash seeds."""
    outputs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        proc = subprocess.run(
            [
                sys.executable,
                "-m",
                "briefing",
                *BUILD_ARGS,
                "--algorithm",
                algorithm,
                "--sentences",
                "4",
            ],
            capture_output=True,
            env=env,
            check=True,
        )
        outputs.append(proc.stdout)
    assert outputs[0] == outputs[1]


def test_summarize_json_schema():
    result = run(
        "summarize", str(SEEDS / "001_dbf2762f11d4a2d7.txt"), "--format", "json", "-n", "2"
    )
    data = json.loads(result.stdout)
    (article,) = data["articles"]
    assert len(article["id"]) == 12  # from the content
    assert article["source"] == str(SEEDS / "001_dbf2762f11d4a2d7.txt")
    assert article["title"].startswith("MI5 to share information")
    shown = article["sentences"]
    assert [set(s) for s in shown] == [{"text", "index", "speaker", "role", "stands_alone"}] * len(
        shown
    )
    assert [s["role"] for s in shown].count("summary") == 2
    # Jamieson's quotation runs over four sentences: shown whole, as context,
    # each with his name from the sentence before it.
    quote = [s for s in shown if s["index"] in (12, 13, 14, 15)]
    assert [s["index"] for s in quote] == [12, 13, 14, 15]
    assert {s["speaker"] for s in quote} == {
        "West Midlands Police and Crime Commissioner David Jamieson"
    }


def test_stdin_source_is_dash():
    result = run(
        "summarize", "-", "--format", "json", input=b"A title\n\nOne sentence. Two sentence.\n"
    )
    assert json.loads(result.stdout)["articles"][0]["source"] == "-"


def test_output_file_is_written(tmp_path):
    out = tmp_path / "briefing-2026-11-23.md"
    result = run("build", "--date", "2026-11-23", "-o", str(out))
    assert result.exit_code == 0 and result.stdout == ""
    assert out.read_text(encoding="utf-8").startswith("# News briefing\n\n23 November 2026\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == [out.name]


@pytest.mark.parametrize("body", ["{{ nope }}", "{{ 1/0 }}", "{% include 'bad.j2' %}"])
def test_failed_run_leaves_no_partial_file(tmp_path, body):
    out = tmp_path / "b.md"
    out.write_text("previous content", encoding="utf-8")
    bad = tmp_path / "bad.j2"
    bad.write_text(body, encoding="utf-8")
    result = run("build", "--template", str(bad), "-o", str(out))
    assert result.exit_code == ExitCode.FAILURE
    assert out.read_text(encoding="utf-8") == "previous content"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.md", "bad.j2"]


def test_interrupted_write_leaves_old_file_and_no_temp(tmp_path, monkeypatch):
    out = tmp_path / "b.md"
    out.write_text("previous content", encoding="utf-8")

    def boom(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", boom)
    result = run("build", "-o", str(out))
    assert result.exit_code == ExitCode.FAILURE
    assert "no space left on device" in result.stderr
    assert out.read_text(encoding="utf-8") == "previous content"
    assert [p.name for p in tmp_path.iterdir()] == ["b.md"]


def test_bad_file_among_good_ones_is_skipped_with_a_warning(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    result = run("summarize", str(tmp_path / "empty.txt"), str(SEEDS / "004_b46c7f9bed759f3b.txt"))
    assert result.exit_code == 0
    assert result.stderr == f"briefing: warning: skipped {tmp_path / 'empty.txt'}: empty file\n"
    assert result.stdout == run("summarize", str(SEEDS / "004_b46c7f9bed759f3b.txt")).stdout


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["build", "no/such/file.txt"], ExitCode.USAGE, "no/such/file.txt: no such file or folder"),
        (
            ["build", "--date", "2026-13-01"],
            ExitCode.USAGE,
            "'2026-13-01' is not a date; write it as YYYY-MM-DD",
        ),
        (["summarize", "--algorithm", "bogus"], ExitCode.USAGE, "unknown algorithm 'bogus'"),
        (["summarize", "--sentences", "0"], ExitCode.USAGE, "0 is not in the range 1<=x<=10000"),
        (["build", "--jobs", "0"], ExitCode.USAGE, "0 is not in the range x>=1"),
        (["summarize", "--sentences", "-2"], ExitCode.USAGE, "-2 is not in the range 1<=x<=10000"),
        (["summarize", "--ratio", "0"], ExitCode.USAGE, "--ratio"),
        (
            ["summarize", "--ratio", "0.2", "--sentences", "2"],
            ExitCode.USAGE,
            "give --sentences or --ratio, not both",
        ),
        (
            ["build", "--template", "no/such.j2"],
            ExitCode.USAGE,
            "template no/such.j2: no such file",
        ),
        (
            ["build", "-o", "/no/such/folder/out.md"],
            ExitCode.FAILURE,
            "folder /no/such/folder does not exist",
        ),
        (["build", "--format", "pdf"], ExitCode.USAGE, "'pdf' is not one of"),
        (["frobnicate"], ExitCode.USAGE, "No such command 'frobnicate'"),
        (["tui", "no/such/folder"], ExitCode.USAGE, "no/such/folder: no such file or folder"),
        (["tui", "--ratio", "0.3"], ExitCode.USAGE, "use --sentences, not --ratio"),
    ],
)
def test_errors_are_one_line_with_exit_codes(args, code, message):
    result = run(*args)
    assert result.exit_code == code
    assert result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith("briefing: error: ")
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_folder_with_nothing_readable(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"\x00\x01")
    result = run("build", str(tmp_path))
    assert result.exit_code == ExitCode.FAILURE
    assert result.stderr.splitlines()[-1].startswith("briefing: error: no readable articles")


def test_folder_with_no_text_files(tmp_path):
    (tmp_path / "a.png").write_bytes(b"\x89PNG")
    result = run("build", str(tmp_path))
    assert result.exit_code == ExitCode.USAGE
    assert "no .txt, .md, .html, .pdf, .docx, .eml or feed files" in result.stderr


def test_unwritable_output_in_a_real_process(tmp_path):
    target = tmp_path / "is-a-folder"
    target.mkdir()
    proc = subprocess.run(
        [sys.executable, "-m", "briefing", "build", "-o", str(target)],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == ExitCode.FAILURE
    assert (
        proc.stderr.strip()
        == f"briefing: error: cannot write {target}: it is a folder; give a file name"
    )


def test_algorithms_lists_every_algorithm_once():
    result = run("algorithms")
    names = [line.split()[0] for line in result.stdout.splitlines() if not line.startswith(" ")]
    assert result.stdout.count("Long documents: ") == len(names)
    assert names == [
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
    assert "(default)" in next(
        line for line in result.stdout.splitlines() if line.startswith("blend")
    )


def test_help_and_version():
    assert run("--help").exit_code == 0
    result = run("--version")
    assert result.exit_code == 0 and "briefing" in result.stdout


def test_streamed_text_equals_rendered_text_and_fails_cleanly(tmp_path):
    from briefing.model import Options
    from briefing.output.render import render_text
    from briefing.run.loading import load
    from briefing.run.pipeline import summarize_all

    out = tmp_path / "out.txt"
    result = run("summarize", str(SEEDS), "-o", str(out))
    assert result.exit_code == 0
    assert out.read_text(encoding="utf-8") == render_text(
        summarize_all(load([str(SEEDS)]).articles, Options())
    )
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "x.txt").write_bytes(b"\x00\x01")
    result = run("summarize", str(bad), "-o", str(tmp_path / "none.txt"))
    assert result.exit_code == ExitCode.FAILURE
    assert not (tmp_path / "none.txt").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad", "out.txt"]


def test_the_command_runs_maths_on_one_thread_unless_the_user_says_otherwise():
    code = (
        "import os, sys\nfrom briefing import cli\nsys.argv = ['briefing', 'algorithms']\n"
        "try:\n    cli.main()\nexcept SystemExit:\n    pass\n"
        "print(os.environ['OPENBLAS_NUM_THREADS'], os.environ['MKL_NUM_THREADS'], file=sys.stderr)"
    )
    env = {k: v for k, v in os.environ.items() if not k.endswith("_NUM_THREADS")}
    env["MKL_NUM_THREADS"] = "3"
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert done.stderr.split() == ["1", "3"]


def test_build_over_a_pool_equals_one_process(tmp_path):
    """``build --jobs 2`` over enough files for the pool writes what one
    process writes (order, citations and topics included)."""
    seeds = sorted(SEEDS.glob("*.txt"))
    for i in range(45):
        seed = seeds[i % len(seeds)]
        (tmp_path / f"{i:02d}-{seed.name}").write_bytes(
            seed.read_bytes() + f"\n\nCopy number {i}.\n".encode()
        )
    args = ["build", str(tmp_path), "--date", "2026-11-23", "--topic", "MI5", "--format", "json"]
    one, pool = run(*args, "--jobs", "1"), run(*args, "--jobs", "2")
    assert one.exit_code == pool.exit_code == 0
    assert pool.stdout == one.stdout
    assert len(json.loads(pool.stdout)["articles"]) == 45


def test_the_readmes_usage_names_every_option():
    """The usage block at the top of the README lists every option of every
    command (it drifted once: --timeout and --no-fetch were missing)."""
    import re

    from briefing.cli import cli

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    usage = readme[readme.index("## Usage") :]
    usage = usage[usage.index("```sh") : usage.index("```\n", usage.index("```sh") + 5)]
    named: dict[str, set[str]] = {}
    command = ""
    for line in usage.splitlines():
        if line.startswith("briefing "):
            command = line.split()[1]
        named.setdefault(command, set()).update(re.findall(r"(?<![\w-])--?[a-zA-Z][a-z-]*", line))
    for opts in [p.opts for p in cli.params]:  # the group's own (--config)
        assert any(set(opts) & found for found in named.values()), opts
    for name, cmd in cli.commands.items():
        options = [p.opts for p in cmd.params if any(o.startswith("-") for o in p.opts)]
        missing = [max(opts, key=len) for opts in options if not set(opts) & named.get(name, set())]
        refused = {"tui": ["--ratio"]}  # shared with summarize; the TUI refuses it, saying why
        assert missing == refused.get(name, []), (name, missing)
