"""Rendering several clients: one after the other, in worker processes, or on Dask.

One client failing never stops the others; Ctrl-C ends a worker process quietly, its
run unpublished.
"""

from __future__ import annotations

import logging
import os
import signal
from collections.abc import Callable, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor, as_completed
from multiprocessing import get_context

from cxlib.run.publish import RunResult

__all__ = ["default_workers", "run_clients"]

_PER_RENDER = 1_500_000_000


def default_workers(n_clients: int) -> int:
    """Return how many clients to render at once: bounded by cores and by memory.

    Each render needs about 1.5 GB at peak (a kernel with the client's frames); the
    count is the smallest of the number of clients, the cores, and the available memory
    divided by that.
    """
    cores = os.cpu_count() or 1
    try:
        available = os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (ValueError, OSError, AttributeError):
        available = 4 * _PER_RENDER
    return max(1, min(n_clients, cores, available // _PER_RENDER))


def _exit_on_interrupt(_signum: int, _frame: object) -> None:
    raise SystemExit(130)


def _quiet_interrupt() -> None:
    """Make Ctrl-C end a worker process as an exit: its run stops unpublished, no traceback.

    A run stopped while a kernel dies leaves nbclient's pending task failed; asyncio would
    log its traceback when the task is collected: the run's result says it instead.
    """
    # the runner first, and with it polars, whose own SIGINT handler restarts interrupted
    # reads: the handler set here, after it, lets Ctrl-C interrupt a worker waiting for work
    import cxlib.run.runner  # noqa: F401

    signal.signal(signal.SIGINT, _exit_on_interrupt)
    logging.getLogger("papermill").addHandler(logging.NullHandler())
    logging.getLogger("asyncio").setLevel(logging.CRITICAL)


def run_clients(slugs: list[str], notebooks: list[str] | None = None,
                step: Callable[[str], None] | None = None,
                done: Callable[[RunResult], None] | None = None,
                workers: int | None = None,
                executor: Executor | None = None,
                exports: Sequence[str] | None = None, *,
                fresh: bool = False) -> list[RunResult]:
    """Render several clients, in parallel; one failing never stops the others.

    Parameters
    ----------
    slugs : list of str
        Client folder names.
    notebooks : list of str, optional
        Notebook names to run (default: all).
    step : callable, optional
        Progress callback per notebook; used only when rendering one client at a time.
    done : callable, optional
        Called with each client's result as soon as it is known.
    workers : int, optional
        Clients rendered at once on this machine (default: :func:`default_workers`); 1
        renders them one after the other in this process.
    executor : concurrent.futures.Executor, optional
        Run the clients there instead — e.g. a Dask cluster's
        ``Client.get_executor()``. Its workers need this package only: each receives its
        client's folder and returns the run, published here (:mod:`cxlib.run.remote`).
    exports : sequence of str, optional
        As for :func:`run_client`.
    fresh : bool
        As for :func:`run_client`: execute every notebook, reuse nothing.

    Returns
    -------
    list of RunResult
        One per client, in the order given.
    """
    # at call time: the runner imports this module, to offer run_clients beside run_client
    from cxlib.run.runner import run_client

    workers = workers or default_workers(len(slugs))
    if executor is None and workers <= 1:
        results = []
        for slug in slugs:
            results.append(run_client(slug, notebooks, step=step, exports=exports,
                                      fresh=fresh))
            if done:
                done(results[-1])
        return results
    own = executor is None
    pool = executor or ProcessPoolExecutor(workers, mp_context=get_context("spawn"),
                                           initializer=_quiet_interrupt)
    try:
        if own:
            futures = {pool.submit(run_client, slug, notebooks, None, None, exports,
                                   fresh=fresh): slug for slug in slugs}
        else:  # a cluster's workers may share no disk: the folder goes, the run comes back
            from cxlib.run.remote import render_shipped, ship

            futures = {pool.submit(render_shipped, slug, ship(slug), notebooks, exports,
                                   fresh): slug for slug in slugs}
        results: dict[str, RunResult] = {}
        for future in as_completed(futures):
            slug = futures[future]
            try:
                if own:
                    results[slug] = future.result()
                else:
                    from cxlib.run.remote import receive

                    results[slug] = receive(slug, *future.result())
            except Exception as exc:  # a worker died: report it, the others go on
                results[slug] = RunResult(client=slug, run_id="", ok=False,
                                          error=f"{type(exc).__name__}: {exc}")
            if done:
                done(results[slug])
    finally:
        if own:
            pool.shutdown(wait=True, cancel_futures=True)
    return [results[slug] for slug in slugs]
