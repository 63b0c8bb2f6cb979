from briefing.models import Options
from briefing.pipeline import summarize_paths
from briefing.sources import PARALLEL_MIN, load
from briefing.summarize import summarize_all


def test_one_pass_equals_load_then_summarize(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(PARALLEL_MIN + 3):
        (folder / f"{i:03d}.txt").write_text(
            f"Title {i}\n\nThe first sentence of story {i} is here. Police said story {i} matters. "
            f"A third sentence about {i} follows.\n", encoding="utf-8")
    (folder / "bad.txt").write_bytes(b"\x00\x01")
    loaded = load([str(folder)])
    expected = summarize_all(loaded.articles, Options(sentences=2))
    for jobs in (1, 2):
        ticks = []
        summaries, problems = summarize_paths([str(folder)], Options(sentences=2), jobs=jobs, progress=ticks.append)
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

    from briefing.workers import process_pool

    with threadpool_limits(limits=2, user_api="blas"):
        assert set(_blas_threads()) == {2}  # what a forked worker would inherit
        with process_pool(1) as pool:
            assert set(pool.submit(_blas_threads).result()) == {1}
