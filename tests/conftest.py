"""Shared fixtures. Every test runs with NLTK able to find no data at all."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

_EMPTY_NLTK = tempfile.mkdtemp(prefix="nltk-empty-")
os.environ["NLTK_DATA"] = _EMPTY_NLTK

import nltk  # noqa: E402

nltk.data.path[:] = [_EMPTY_NLTK]

from briefing.run.loading import load  # noqa: E402

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
def seed_texts() -> dict[str, str]:
    """Each seed's text with white space folded, keyed by article id."""
    return {p.stem: " ".join(p.read_text(encoding="utf-8").split()) for p in SEEDS.glob("*.txt")}
