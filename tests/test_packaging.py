"""A plain (non-editable) install ships the templates and the seeds and
works from any folder."""

import os
import subprocess
import sys
import zipfile

import pytest
from conftest import REPO


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(out),
            str(REPO),
        ],
        check=True,
        capture_output=True,
    )
    (path,) = out.glob("briefing-*.whl")
    return path


def test_wheel_contains_templates_and_seeds(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "briefing/templates/briefing.md.j2" in names
    assert "briefing/templates/summary.md.j2" in names
    seeds = sorted(n for n in names if n.startswith("briefing/seeds/"))
    assert seeds == sorted(f"briefing/seeds/{p.name}" for p in (REPO / "seeds").glob("*.txt"))


def test_installed_package_runs_from_another_folder(wheel, tmp_path):
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    env = {**os.environ, "PYTHONPATH": str(target)}
    proc = subprocess.run(
        [sys.executable, "-m", "briefing", "build", "--date", "2026-11-23"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert proc.stdout.startswith("# News briefing\n\n23 November 2026\n")
    assert "`seeds/004_b46c7f9bed759f3b.txt`" in proc.stdout
    where = subprocess.run(
        [sys.executable, "-c", "import briefing, sys; print(briefing.__file__)"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert where.stdout.startswith(str(target))
