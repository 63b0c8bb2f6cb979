"""The settings file (issue 22, #3 and #4): defaults a user keeps, the
command line over the environment over the file over the built-in
defaults, ``briefing config`` showing each value's origin, a user's
template folder, and a bad file as one line (exit 2)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from conftest import SEEDS, briefing


def _run(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None):
    return subprocess.run(
        [sys.executable, "-m", "briefing", *args],
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
        env={**os.environ, **(env or {})},
        cwd=cwd,
    )


def _config(folder: Path, text: str, name: str = "config.toml") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _shown(made: subprocess.CompletedProcess) -> dict:
    assert made.returncode == 0, made.stderr
    return json.loads(made.stdout)["settings"]


def test_config_shows_defaults_then_the_file_then_the_environment(tmp_path):
    none = _shown(briefing("config", "--format", "json"))
    assert none["algorithm"] == {"value": "blend", "origin": "default"}
    assert none["sentences"] == {"value": 3, "origin": "default"}
    assert none["library"]["value"].endswith("library.sqlite3")
    config = _config(tmp_path, 'algorithm = "LSA"\nsentences = 2\nlibrary = "desk/lib.sqlite3"\n'
                               '[smtp]\nhost = "mail.example.org"\nport = 2525\n')  # fmt: skip
    mine = _shown(briefing("--config", str(config), "config", "--format", "json"))
    origin = f"config {config}"
    assert mine["algorithm"] == {"value": "lsa", "origin": origin}
    assert mine["sentences"] == {"value": 2, "origin": origin}
    assert mine["library"] == {"value": str(tmp_path / "desk" / "lib.sqlite3"), "origin": origin}
    assert mine["smtp.port"] == {"value": 2525, "origin": origin}
    assert mine["key_points"]["origin"] == "default"
    # The environment over the file; the file named by BRIEFING_CONFIG.
    over = _shown(_run("config", "--format", "json",
                       env={"BRIEFING_CONFIG": str(config), "BRIEFING_SMTP_PORT": "465"}))  # fmt: skip
    assert over["smtp.port"] == {"value": 465, "origin": "environment BRIEFING_SMTP_PORT"}
    assert over["smtp.host"]["origin"] == origin
    text = briefing("--config", str(config), "config")
    assert text.returncode == 0 and f"# settings file: {config}" in text.stdout
    assert "smtp.password      (not set)" in text.stdout
    path = briefing("config", "--path")
    assert path.stdout.strip() == str(
        Path(os.environ["XDG_CONFIG_HOME"]) / "briefing" / "config.toml"
    )


def test_the_default_file_is_read_when_there(tmp_path):
    folder = tmp_path / "briefing"
    folder.mkdir()
    _config(folder, 'marking = "OFFICIAL"\n')
    made = _run("config", "--format", "json", env={"XDG_CONFIG_HOME": str(tmp_path)})
    assert _shown(made)["marking"] == {
        "value": "OFFICIAL",
        "origin": f"config {folder / 'config.toml'}",
    }


def test_the_files_values_are_defaults_the_command_line_overrides(tmp_path):
    config = _config(tmp_path, 'marking = "OFFICIAL"\nsentences = 1\nkey_points = 0\n'
                               'format = "json"\n')  # fmt: skip
    seeds = [str(p) for p in sorted(SEEDS.glob("*.txt"))[:2]]
    made = briefing("--config", str(config), "build", *seeds, "--date", "2026-12-01")
    assert made.returncode == 0, made.stderr
    doc = json.loads(made.stdout)  # format = "json"
    assert doc["marking"] == "OFFICIAL" and doc["key_points"] == []
    spelled = briefing("build", *seeds, "--date", "2026-12-01", "--marking", "OFFICIAL",
                       "--sentences", "1", "--key-points", "0", "--format", "json")  # fmt: skip
    assert made.stdout == spelled.stdout  # the file's values as if given
    assert (
        made.stdout != briefing("build", *seeds, "--date", "2026-12-01", "--format", "json").stdout
    )
    over = briefing("--config", str(config), "build", *seeds, "--date", "2026-12-01",
                    "--sentences", "2", "--marking", "OFFICIAL-SENSITIVE", "--format", "markdown")  # fmt: skip
    assert over.returncode == 0, over.stderr
    assert over.stdout.startswith("**OFFICIAL-SENSITIVE**") and "## Key points" not in over.stdout
    # --ratio is not "both" with the file's sentence count: the command line's choice stands.
    ratio = briefing("--config", str(config), "build", *seeds, "--ratio", "0.5")
    assert ratio.returncode == 0, ratio.stderr
    assert "ratio" in ratio.stdout and len(ratio.stdout) > len(made.stdout)
    # summarize takes the algorithm and count too.
    summary = briefing("--config", str(config), "summarize", seeds[1], "--format", "json")
    spelled = briefing("summarize", seeds[1], "--format", "json", "--sentences", "1")
    assert summary.stdout == spelled.stdout


def test_a_plan_is_not_overridden_by_the_files_defaults(tmp_path):
    from test_plan import make_plan

    plan = make_plan(tmp_path)
    config = _config(tmp_path, 'marking = "SECRET"\nsentences = 1\n', name="settings.toml")
    made = briefing("--config", str(config), "build", "--plan", str(plan))
    assert made.returncode == 0, made.stderr  # not "--marking cannot be given with --plan"
    assert made.stdout.startswith("**OFFICIAL**")  # the plan's marking


def test_a_bad_file_is_one_line_naming_it_exit_2(tmp_path):
    cases = {
        'algoritm = "lsa"\n': "unknown setting 'algoritm'",
        "sentences = 0\n": "sentences: 0 is not from 1 to",
        'sentences = "three"\n': "is not a whole number",
        'algorithm = "magic"\n': "'magic' is not one of",
        'format = "pdf"\n': "'pdf' is not one of markdown, json, html, text, docx",
        '[smtp]\npassword = "hunter2"\n': "keep it in an environment variable",
        "[colours]\nx = 1\n": "unknown table [colours]",
        "sentences = [\n": "not TOML",
        '[smtp]\nsecurity = "tls"\n': "'tls' is not one of starttls, ssl, none",
    }
    for text, says in cases.items():
        config = _config(tmp_path, text)
        made = briefing("--config", str(config), "build")
        assert made.returncode == 2, (text, made.stderr)
        assert says in made.stderr and str(config) in made.stderr, (text, made.stderr)
        assert len(made.stderr.strip().splitlines()) == 1 and "Traceback" not in made.stderr
    (tmp_path / "latin1.toml").write_bytes(b'marking = "\xe9"\n')
    latin = briefing("--config", str(tmp_path / "latin1.toml"), "config")
    assert latin.returncode == 2 and "not UTF-8" in latin.stderr
    missing = briefing("--config", str(tmp_path / "nope.toml"), "config")
    assert missing.returncode == 2 and "no such file" in missing.stderr
    fifo = tmp_path / "fifo.toml"
    os.mkfifo(fifo)
    special = briefing("--config", str(fifo), "config", timeout=30)  # refused, never waited on
    assert special.returncode == 2 and len(special.stderr.strip().splitlines()) == 1
    bad_env = _run("config", env={"BRIEFING_SMTP_PORT": "many"})
    assert bad_env.returncode == 2 and "environment BRIEFING_SMTP_PORT" in bad_env.stderr


def test_the_library_from_the_file_and_the_environment_over_it(tmp_path):
    config = _config(tmp_path, 'library = "desk.sqlite3"\n')
    seed = str(sorted(SEEDS.glob("*.txt"))[0])
    added = briefing("--config", str(config), "add", seed, "--quiet")
    assert added.returncode == 0, added.stderr
    assert (tmp_path / "desk.sqlite3").is_file()
    listed = briefing("--config", str(config), "list", "--format", "json")
    assert len(json.loads(listed.stdout)) == 1
    elsewhere = tmp_path / "other.sqlite3"
    over = _run("--config", str(config), "add", seed, "--quiet",
                env={"BRIEFING_LIBRARY": str(elsewhere)})  # fmt: skip
    assert over.returncode == 0 and elsewhere.is_file()


def test_a_template_folder_overrides_each_format_by_name(tmp_path):
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "briefing.md.j2").write_text(
        "MINE {{ title }} ({{ articles | length }} articles)\n{% include 'summary_line.j2' %}\n"
    )
    (folder / "summary_line.j2").write_text("an include from the same folder\n")
    (folder / "summary.md.j2").write_text("SUMMARIES {{ articles | length }}\n")
    config = _config(tmp_path, 'templates = "templates"\n')
    seeds = [str(p) for p in sorted(SEEDS.glob("*.txt"))[:2]]
    made = briefing("--config", str(config), "build", *seeds, "--title", "Desk")
    assert made.stdout == "MINE Desk (2 articles)\nan include from the same folder\n", made.stderr
    summary = briefing("--config", str(config), "summarize", *seeds, "--format", "markdown")
    assert summary.stdout == "SUMMARIES 2\n"
    # No html template there: the bundled one; --template still wins for one run.
    html = briefing("--config", str(config), "build", *seeds, "--format", "html")
    assert html.stdout.startswith("<!DOCTYPE html>")
    one = tmp_path / "one.j2"
    one.write_text("ONE\n")
    assert (
        briefing("--config", str(config), "build", *seeds, "--template", str(one)).stdout == "ONE\n"
    )
    # Sandboxed as every template: reaching Python's internals is one line, exit 1.
    (folder / "briefing.md.j2").write_text("{{ ''.__class__.__mro__[1].__subclasses__() }}\n")
    escape = briefing("--config", str(config), "build", *seeds)
    assert escape.returncode == 1 and "Traceback" not in escape.stderr
    assert "template" in escape.stderr and "object" not in escape.stdout


async def test_the_tui_export_offers_the_settings_format_first(tmp_path):
    from datetime import date

    from test_tui import settle
    from textual.widgets import Input, RadioButton

    from briefing.tui import create_app
    from briefing.tui.screens.export import ExportScreen

    app = create_app((), today=date(2026, 11, 23), export_dir=tmp_path, export_format="html")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        assert app.screen.query_one("#export-name", Input).value == "briefing-2026-11-23.html"
        assert app.screen.query_one("#fmt-html", RadioButton).value is True
        assert app.screen.query_one("#fmt-markdown", RadioButton).value is False
        await pilot.press("enter")
        await settle(app, pilot)
    assert (tmp_path / "briefing-2026-11-23.html").read_text().startswith("<!DOCTYPE html>")
