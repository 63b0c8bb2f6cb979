"""Shared fixtures. Every test runs with NLTK able to find no data at all."""

from __future__ import annotations

import functools
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

_EMPTY_NLTK = tempfile.mkdtemp(prefix="nltk-empty-")
os.environ["NLTK_DATA"] = _EMPTY_NLTK

# No test reaches the internet: a fetch of any host but this one (in the tests'
# process or in the processes they start) goes to a proxy that refuses it.
for _name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY"):
    os.environ[_name] = "http://127.0.0.1:9"
os.environ["no_proxy"] = os.environ["NO_PROXY"] = "127.0.0.1,localhost"

# No test reads the developer's own settings, library or mail server: an
# empty config folder, and none of the BRIEFING_* variables that choose them.
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="config-empty-")
for _name in [n for n in os.environ if n.startswith("BRIEFING_")]:
    del os.environ[_name]

import nltk  # noqa: E402

nltk.data.path[:] = [_EMPTY_NLTK]

from hypothesis import HealthCheck, settings  # noqa: E402

from briefing.run.loading import load  # noqa: E402

# Property tests: derandomized (the same examples every run), no deadline,
# a bounded number of examples (hypothesis's "ci" profile, for every test).
settings.register_profile(
    "ci",
    deadline=None,
    max_examples=150,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile("ci")

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
GOLDEN = Path(__file__).resolve().parent / "golden"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def seed_articles():
    result = load([])
    assert not result.problems
    return result.articles


@pytest.fixture(scope="session")
def seed_texts(seed_articles) -> dict[str, str]:
    """Each seed's text with white space folded, keyed by article id (its
    content hash)."""
    return {
        a.id: fold((SEEDS / Path(a.source).name).read_text(encoding="utf-8")) for a in seed_articles
    }


def fold(text: str) -> str:
    return " ".join(text.split())


@functools.cache
def seed_id(prefix: str) -> str:
    """The content id of the seed whose file name starts with ``prefix``
    ("001" → the id of seeds/001_….txt)."""
    ids = {Path(a.source).name[: len(prefix)]: a.id for a in load([]).articles}
    return ids[prefix]


def briefing(
    *args: str, cwd: Path | None = None, timeout: float = 120
) -> subprocess.CompletedProcess:
    """The real command in a process of its own (text out, stdin closed)."""
    return subprocess.run(
        [sys.executable, "-m", "briefing", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
        cwd=cwd,
    )
