"""Independent pieces of work on every core: the build's pages and downloads.

`fork_map(work, items)` is `[work(item) for item in items]`, run on forked worker
processes when there is more than one core and more than one item. The workers inherit
`work` and `items` by fork (nothing is pickled on the way in; only each result comes back),
so a closure over the whole site costs nothing to hand over. Where fork is not available,
or for one core, it runs in this process: the results are the same either way, in order.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

_inherited: tuple[Callable[[Any], Any], Sequence[Any]] | None = None
"""In a worker only: the work and its items, set once by `_inherit` as the worker starts."""


def available_cores() -> int:
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def fork_map(
    work: Callable[[Item], Result],
    items: Sequence[Item],
    workers: int | None = None,
    weights: Sequence[int] | None = None,
) -> list[Result]:
    """`work` of each item, in order; the heaviest (by `weights`) are started first so that
    one big item does not run alone at the end."""
    workers = min(workers or available_cores(), len(items))
    if workers <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        return [work(item) for item in items]
    order = sorted(range(len(items)), key=lambda i: -(weights[i] if weights else 0))
    gc.collect()
    gc.freeze()  # the parent's objects stay out of the workers' collections: fewer copied pages
    try:
        with ProcessPoolExecutor(
            max_workers=workers,
            mp_context=multiprocessing.get_context("fork"),
            initializer=_inherit,
            initargs=(work, items),
        ) as pool:
            futures = {index: pool.submit(_run, index) for index in order}
            try:
                return [futures[index].result() for index in range(len(items))]
            except Exception as error:
                # raised as if here: not chained to the worker's traceback, which is text
                # ("Traceback …") a build must never print for a fault it names in Korean
                raise error.with_traceback(None) from None
    finally:
        gc.unfreeze()


def _inherit(work: Callable[[Any], Any], items: Sequence[Any]) -> None:
    global _inherited
    _inherited = (work, items)


def _run(index: int) -> Any:
    assert _inherited is not None
    work, items = _inherited
    return work(items[index])
