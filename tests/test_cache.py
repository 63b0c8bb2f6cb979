"""The summary cache the TUI builds from: each article summarised once per options."""

import dataclasses
from datetime import date

import pytest

import briefing.summarizers.summarize
from briefing.compose.assemble import Request, build
from briefing.model import Options
from briefing.output.render import briefing_data, render_json, render_markdown
from briefing.run.briefs import brief
from briefing.summarizers.cache import SummaryCache

DAY = date(2026, 11, 23)


@pytest.fixture
def counted(monkeypatch):
    """Count the summaries the cache really makes."""
    calls = []
    real = briefing.summarizers.summarize.summarize

    def summarize(article, options, edits=briefing.summarizers.summarize.NO_EDITS):
        calls.append((article.id, options))
        return real(article, options, edits)

    monkeypatch.setattr(briefing.summarizers.summarize, "summarize", summarize)
    return calls


def test_cache_summarises_each_article_once_per_options(seed_articles, counted):
    cache = SummaryCache()
    first = cache.summaries(seed_articles, Options())
    again = cache.summaries(seed_articles, Options())
    assert [a is b for a, b in zip(first, again)] == [True] * len(seed_articles)
    assert len(counted) == len(seed_articles)
    lexrank = cache.summaries(seed_articles[:2], Options(algorithm="lexrank"))
    assert len(counted) == len(seed_articles) + 2
    assert {s.algorithm for s in lexrank} == {"lexrank"}


def test_cache_get_never_summarises(seed_articles, counted):
    cache = SummaryCache()
    article = seed_articles[0]
    assert cache.get(article.id, Options()) is None
    made = cache.summary(article, Options())
    assert cache.get(article.id, Options()) is made
    assert cache.get(article.id, Options(sentences=4)) is None
    assert len(counted) == 1


def test_cache_keeps_only_the_latest_option_sets(seed_articles, counted):
    cache = SummaryCache(keep=2)
    article = seed_articles[0]
    for n in (1, 2, 3):
        cache.summary(article, Options(sentences=n))
    assert cache.get(article.id, Options(sentences=1)) is None
    assert cache.get(article.id, Options(sentences=3)) is not None
    cache.summary(article, Options(sentences=2))
    assert len(counted) == 3


def test_cache_summarises_again_when_the_article_is_replaced(seed_articles, counted):
    cache = SummaryCache()
    article = seed_articles[0]
    cache.summary(article, Options())
    reloaded = dataclasses.replace(article)
    assert cache.summary(reloaded, Options()).article is reloaded
    assert len(counted) == 2


@pytest.mark.parametrize(
    "options", [Options(), Options(algorithm="lexrank", sentences=2), Options(ranked=True)]
)
def test_briefing_from_cached_summaries_is_the_same(seed_articles, options):
    request = Request(today=DAY, topics=("intelligence sharing",), options=options)
    cache = SummaryCache()
    cache.summaries(seed_articles[1:3], options)  # some made before, in another order
    cached = build(seed_articles, request, summaries=cache.summaries(seed_articles, options))
    fresh = brief(seed_articles, request)
    assert render_markdown(cached) == render_markdown(fresh)
    assert render_json(briefing_data(cached)) == render_json(briefing_data(fresh))
