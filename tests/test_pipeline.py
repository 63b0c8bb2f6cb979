from briefing.model import Options
from briefing.run.loading import load
from briefing.run.pipeline import summarize_all, summarize_paths
from briefing.run.workers import PARALLEL_MIN


def test_one_pass_equals_load_then_summarize(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(PARALLEL_MIN + 3):
        (folder / f"{i:03d}.txt").write_text(
            f"Title {i}\n\nThe first sentence of story {i} is here. Police said story {i} matters. "
            f"A third sentence about {i} follows.\n",
            encoding="utf-8",
        )
    (folder / "bad.txt").write_bytes(b"\x00\x01")
    loaded = load([str(folder)])
    expected = summarize_all(loaded.articles, Options(sentences=2))
    for jobs in (1, 2):
        ticks = []
        summaries, problems = summarize_paths(
            [str(folder)], Options(sentences=2), jobs=jobs, progress=ticks.append
        )
        assert summaries == expected
        assert problems == list(loaded.problems)
        assert len(ticks) == PARALLEL_MIN + 4


def _blas_threads():
    import numpy  # noqa: F401  (loads BLAS)
    from threadpoolctl import threadpool_info

    return [lib["num_threads"] for lib in threadpool_info() if lib["user_api"] == "blas"]


def test_pool_workers_run_blas_on_one_thread():
    import numpy  # noqa: F401
    from threadpoolctl import threadpool_limits

    from briefing.run.workers import process_pool

    with threadpool_limits(limits=2, user_api="blas"):
        assert set(_blas_threads()) == {2}  # what a forked worker would inherit
        with process_pool(1) as pool:
            assert set(pool.submit(_blas_threads).result()) == {1}


def test_slimmed_articles_give_the_same_briefing(seed_articles):
    """`build` keeps only summaries and topic candidates per article; the
    briefing must not change (topic IDF counts every sentence, live-page
    headlines still put their items on topic)."""
    from datetime import date

    from briefing.compose.assemble import Request, build
    from briefing.ingest.inputs import load_tasks
    from briefing.output.render import briefing_data, render_json, render_markdown
    from briefing.run.briefs import brief

    topics = (
        "MI5",
        "IS",
        "intelligence sharing",
        "Manchester Arena attack",
        "counter-terrorism police",
        "the",
    )
    for options in (Options(), Options(algorithm="lexrank", ranked=True)):
        request = Request(today=date(2026, 11, 23), topics=topics, options=options)
        full = brief(seed_articles, request)
        slimmed, problems = summarize_paths([], options, slim_for=topics)
        assert not problems and len(load_tasks([])) == len(slimmed)
        kept = sum(len(s.article.sentences) for s in slimmed)
        assert kept < sum(len(a.sentences) for a in seed_articles)  # something was dropped
        lean = build([s.article for s in slimmed], request, summaries=slimmed)
        assert render_markdown(lean) == render_markdown(full)
        assert render_json(briefing_data(lean)) == render_json(briefing_data(full))
        assert all(t.sentences for t in full.topics[:5])  # the topics found something


def test_slimming_keeps_totals_sections_and_summary():
    from briefing.model import Article, Section, SectionSummary, Sentence
    from briefing.run.pipeline import slim

    s = [
        Sentence(t, "a", i, sec)
        for i, (t, sec) in enumerate(
            [
                ("Police arrested two men.", 0),
                ("Weather was fine.", 0),
                ("Nothing here.", 1),
                ("Or here.", 1),
            ]
        )
    ]
    article = Article(
        "a",
        "T",
        "a.txt",
        (Section(None, ((s[0], s[1]),)), Section("MI5 warns", ((s[2],), (s[3],)))),
    )
    lean = slim(
        article,
        [SectionSummary(None, (s[1],))],
        lambda text: "police" in text.lower() or "MI5" in text,
    )
    assert lean.sentences == (s[0], s[1], s[2], s[3])  # headline matches: its whole item stays
    lean = slim(article, [SectionSummary(None, (s[1],))], lambda text: "police" in text.lower())
    assert lean.sentences == (s[0], s[1])
    assert [sec.heading for sec in lean.sections] == [None, "MI5 warns"]
    assert (lean.words, lean.sentence_count) == (article.words, article.sentence_count) == (11, 4)
