"""Words and sentences: the tokenizer, page furniture, stems, attribution.

Importing this package first loads NLTK without SciPy (see below):
every module that uses NLTK or sumy's NLTK parts is in this package or in
``briefing.summarizers``, whose ``__init__`` imports this one first."""

from __future__ import annotations

import sys


def load_nltk() -> None:
    """Import NLTK without its optional SciPy imports. ``import nltk`` loads
    its collocation measures and parsers, which import scipy.stats and
    scipy.sparse if SciPy is installed (datasketch installs it): most of a
    second at every start, for a Fisher test and a parser this tool never
    runs. While NLTK loads, SciPy reads as missing (NLTK's own fallbacks
    stand in); SciPy itself is untouched and imports as usual afterwards.
    If either is already loaded, nothing is changed."""
    if "nltk" in sys.modules or "scipy" in sys.modules:
        return
    sys.modules["scipy"] = None  # type: ignore[assignment]  # makes its import fail
    try:
        import nltk  # noqa: F401
    finally:
        del sys.modules["scipy"]
