"""The shape of the package: the core never imports Textual, only
summarize.py imports sumy, modules stay small, "today" is passed in."""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO

PACKAGE = REPO / "briefing"
CORE = sorted(p for p in PACKAGE.glob("*.py"))


def imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_core_does_not_import_textual():
    modules = [f"briefing.{p.stem}" for p in CORE if p.stem != "__main__"]
    code = (
        "import sys\n"
        + "".join(f"import {m}\n" for m in modules)
        + "from briefing.cli import cli\n"
        + "from click.testing import CliRunner\n"
        + "r = CliRunner().invoke(cli, ['build', '--date', '2026-11-23', '--topic', 'MI5'])\n"
        + "assert r.exit_code == 0, r.output\n"
        + "print(sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.')))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert proc.stdout.strip() == "[]"


@pytest.mark.parametrize("path", CORE, ids=lambda p: p.name)
def test_only_summarize_imports_sumy(path):
    uses_sumy = any(name.split(".")[0] == "sumy" for name in imports(path))
    assert uses_sumy == (path.name in ("summarize.py", "adapters.py"))


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: p.name)
def test_modules_stay_small(path):
    assert len(path.read_text(encoding="utf-8").splitlines()) < 400


@pytest.mark.parametrize("path", [p for p in CORE if p.name != "cli.py"], ids=lambda p: p.name)
def test_core_never_reads_the_clock(path):
    source = path.read_text(encoding="utf-8")
    for call in ("date.today(", "datetime.now(", "datetime.today(", "time.time("):
        assert call not in source


def test_ci_runs_the_readme_test_command():
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    command = next(line for line in ci.splitlines() if "pytest" in line)
    assert command in (REPO / "README.md").read_text(encoding="utf-8")


def test_tui_first_paint_imports_nothing_heavy():
    """The app paints before sumy, NLTK or numpy load (they load in a worker)."""
    code = (
        "import sys\n"
        "import briefing.tui.app, briefing.cli\n"
        "print(sorted(m for m in ('sumy', 'nltk', 'numpy', 'trafilatura', 'rouge_score') if m in sys.modules))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert proc.stdout.strip() == "[]"
