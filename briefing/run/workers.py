"""Process pools: the one place that starts them, so every worker is set up
the same way."""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager

PARALLEL_MIN = 40
"""Below this many articles a process pool costs more than it saves."""


def process_pool(jobs: int, *, isolated: bool = False) -> ProcessPoolExecutor:
    """A pool of ``jobs`` worker processes with single-threaded maths.

    ``isolated``: for a caller that runs threads and owns the screen (the
    TUI). Workers are not forked from the caller (forking a process that has
    threads can copy a lock another thread holds, and hang) but from a fork
    server that has imported the pipeline (spawn where there is none), and
    they write nothing to the terminal (a stray warning would break the
    display).
    """
    if isolated:
        _start_resource_tracker()
        context: multiprocessing.context.BaseContext
        if "forkserver" in multiprocessing.get_all_start_methods():
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(["briefing.run.pipeline"])
        else:
            context = multiprocessing.get_context("spawn")
        return ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_quiet_worker)
    return ProcessPoolExecutor(max_workers=jobs, initializer=_worker)


class WorkerDied(Exception):
    """A worker process ended without finishing its work (killed, or out of memory)."""

    def __init__(self) -> None:
        super().__init__(
            "a worker process died (killed, or out of memory?); "
            "try again with fewer --jobs or smaller inputs"
        )


@contextmanager
def running(pool: ProcessPoolExecutor) -> Iterator[ProcessPoolExecutor]:
    """Use ``pool`` and always end it: on an interruption (Ctrl-C, SIGTERM
    raised as an exception) or any error its workers are terminated at once,
    not waited for; a worker that died is :class:`WorkerDied`; when the
    caller simply stops early, queued work is cancelled and running work is
    let finish."""
    try:
        yield pool
    except GeneratorExit:
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    except BrokenProcessPool:
        stop_workers(pool)
        raise WorkerDied() from None
    except BaseException:
        stop_workers(pool)
        raise
    pool.shutdown(wait=True, cancel_futures=True)


def stop_workers(pool: ProcessPoolExecutor) -> None:
    """Terminate every worker of ``pool`` now and reap them."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    for process in processes:
        if process.is_alive():
            process.terminate()
    for process in processes:
        process.join(timeout=5)
        if process.is_alive():
            process.kill()
            process.join(timeout=5)
    pool.shutdown(wait=False, cancel_futures=True)


def _start_resource_tracker() -> None:
    """Start multiprocessing's resource tracker (spawned pools need it)
    against the real stderr: it passes ``sys.stderr.fileno()`` to the new
    process, and under Textual ``sys.stderr`` is a capture whose fileno() is
    -1 ("bad value(s) in fds_to_keep")."""
    from multiprocessing import resource_tracker

    captured = sys.stderr
    sys.stderr = sys.__stderr__ or captured
    try:
        resource_tracker.ensure_running()
    finally:
        sys.stderr = captured


def _worker() -> None:
    """Ctrl-C reaches every process on the terminal: workers leave it to
    the parent, which stops them (no traceback from each worker)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(
        signal.SIGTERM, signal.SIG_DFL
    )  # not the parent's handler: a terminated worker just ends
    single_threaded_maths()


def _quiet_worker() -> None:
    _worker()
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    os.close(devnull)


def single_threaded_maths() -> None:
    """Limit numpy's BLAS to one thread in this process.

    A worker ranks one small article at a time, so BLAS threads gain nothing
    and their spinning takes the cores from the other workers: on 2 cores,
    2 workers x 2 BLAS threads summarised 1,000 files in 1.87 s, with one
    BLAS thread each in 1.43 s.
    """
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1, user_api="blas")
