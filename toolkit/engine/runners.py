"""Where tagging and linking run: this process, a pool of processes, or a Dask cluster.

Each runner takes work in order and gives results back in the same order,
keeping only a few batches in flight, so memory stays bounded whatever the
input size. Workers load each language's pipeline once and reuse it, and
send back plain rows (codes and tags), never ``Doc`` objects.
"""

from __future__ import annotations

import gc
import math
import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from typing import Any

import pandas as pd

from ..errors import Errors, ToolkitError
from ..nlp.pipeline import available_languages, load_pipeline
from ..nlp.tagging import TaggedBatch, tag_batch


def _warm(codebook: tuple[str, ...], model: str | None = None) -> None:
    """Load every language's pipeline once, then freeze the garbage collector's view of it.

    The pipelines live as long as the process: ``gc.freeze`` keeps the
    collector from rescanning their objects at every full collection, and
    forked workers from copying their pages by touching them.
    """
    for lang in available_languages(codebook):
        load_pipeline(lang, codebook, model)
    gc.freeze()


def _pool_worker(codebook: tuple[str, ...], model: str | None) -> None:
    """A pool worker ignores Ctrl-C (the terminal sends it to the whole process group): the parent stops it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _warm(codebook, model)


def split(frame: pd.DataFrame, parts: int) -> list[pd.DataFrame]:
    """Contiguous slices of a chunk, one per worker."""
    step = -(-len(frame) // parts)
    return [frame.iloc[i : i + step] for i in range(0, len(frame), step)]


def merge(batches: list[TaggedBatch]) -> TaggedBatch:
    """Join the tagged slices of one chunk back together, positions shifted."""
    if len(batches) == 1:
        return batches[0]
    merged = TaggedBatch([], {column: [] for column in batches[0].codes})
    offset = 0
    for batch in batches:
        merged.corrective.extend(batch.corrective)
        for column, values in batch.codes.items():
            merged.codes[column].extend(values)
        merged.tags.extend((offset + position, tag) for position, tag in batch.tags)
        offset += len(batch.corrective)
    return merged


class Runner:
    """Runs tagging and linking in this process, in order."""

    parallelism = 1

    def __init__(self, codebook: tuple[str, ...], model: str | None = None):
        self.codebook = codebook
        self.model = model

    def __enter__(self) -> "Runner":
        return self

    def __exit__(self, kind: object, *exc: object) -> None:
        self.close(abort=kind is not None)

    def close(self, abort: bool = False) -> None:
        """Release workers (nothing to do in-process); ``abort``: drop unfinished work at once."""

    def submit(self, function: Callable, *args: Any):
        """Run now; return an object with ``.result()``."""
        return _Done(function(*args))

    def ordered(self, start: Callable, items: Iterable[tuple]) -> Iterator[tuple[tuple, Any]]:
        """``(item, start(*item).result())`` in order, with a bounded number of items in flight."""
        window: deque = deque()
        for item in items:
            window.append((item, start(*item)))
            if len(window) > 2 * self.parallelism:
                done, future = window.popleft()
                yield done, future.result()
        while window:
            done, future = window.popleft()
            yield done, future.result()

    def tag(self, chunks: Iterable[pd.DataFrame]) -> Iterator[tuple[pd.DataFrame, TaggedBatch]]:
        """Each chunk with its tags, in input order; a chunk is split across the workers."""
        parts = ((chunk, split(chunk, self.parallelism)) for chunk in chunks)
        for (chunk, _), batches in self.ordered(self._tag_parts, parts):
            yield chunk, batches

    def map(self, function: Callable, items: Iterable[tuple]) -> Iterator[Any]:
        """``function(*item)`` for each item, on the workers, in order."""
        for _, value in self.ordered(lambda *item: self.submit(function, *item), items):
            yield value

    def _tag_parts(self, chunk: pd.DataFrame, slices: list[pd.DataFrame]):
        futures = [self.submit(tag_batch, piece, self.codebook, None, self.model) for piece in slices]
        return _Gathered(futures)


class _Done:
    def __init__(self, value: Any):
        self.value = value

    def result(self) -> Any:
        return self.value


class _Gathered:
    """The tagged slices of one chunk, merged when asked for."""

    def __init__(self, futures: list):
        self.futures = futures

    def result(self) -> TaggedBatch:
        return merge([future.result() for future in self.futures])


class PoolRunner(Runner):
    """A pool of ``n`` processes (forked, so each starts with the parent's loaded pipelines: see :func:`runner`)."""

    def __init__(self, codebook: tuple[str, ...], n_process: int, model: str | None = None):
        super().__init__(codebook, model)
        self.parallelism = n_process
        context = multiprocessing.get_context("fork")
        self.pool: Executor = ProcessPoolExecutor(n_process, mp_context=context, initializer=_pool_worker, initargs=(codebook, model))

    def submit(self, function: Callable, *args: Any):
        return self.pool.submit(function, *args)

    def close(self, abort: bool = False) -> None:
        if not abort:
            self.pool.shutdown()
            return
        # stop now: waiting for the chunks in flight took 20 s after Ctrl-C (no public API kills workers before 3.14)
        workers = list(getattr(self.pool, "_processes", {}).values())
        self.pool.shutdown(wait=False, cancel_futures=True)
        for worker in workers:
            worker.terminate()
        for worker in workers:
            worker.join()


MESSAGE_LOG_LENGTH = 10


class DaskRunner(Runner):
    """A Dask cluster: the scheduler at ``address``, or a local cluster of ``n`` worker processes."""

    def __init__(self, codebook: tuple[str, ...], n_process: int, address: str | None = None, model: str | None = None):
        try:
            import dask
            from dask.distributed import Client, LocalCluster, get_client
        except ImportError:
            raise ToolkitError(Errors.E040) from None

        super().__init__(codebook, model)
        # distributed keeps the last `low-level-log-length` messages of every batched stream for
        # debugging (1,000 by default); ours carry whole chunks of statements, so that log alone
        # grew with the input (peak RSS 2.07x from 10k to 1M statements). Keep a few.
        self._config = dask.config.set({"distributed.admin.low-level-log-length": MESSAGE_LOG_LENGTH})
        self.cluster = self.client = None
        self._own_client = True
        try:
            if address:
                self.client = Client(address)
            elif (current := _current_client(get_client)) is not None:
                self.client, self._own_client = current, False
            else:
                self.cluster = LocalCluster(n_workers=n_process, threads_per_worker=1, processes=True, dashboard_address=None)
                self.client = Client(self.cluster)
            self.parallelism = max(1, len(self.client.scheduler_info()["workers"]))
            self.client.run(_warm, codebook, model)
        except BaseException:
            self.close(abort=True)  # a cluster that fails to start leaves no client open and the setting restored
            raise

    def submit(self, function: Callable, *args: Any):
        return self.client.submit(function, *args, pure=False)

    def close(self, abort: bool = False) -> None:
        """Close the client and cluster this runner opened (a client the user had stays open); restore the setting."""
        try:
            if self.client is not None and self._own_client:
                self.client.close()
            if self.cluster is not None:
                self.cluster.close()
        finally:
            self.client = self.cluster = None
            if self._config is not None:
                self._config.__exit__(None, None, None)
                self._config = None


def _current_client(get_client):
    """The Dask client the user already has, if any."""
    try:
        return get_client()
    except ValueError:
        return None


MIN_PER_PROCESS = 500


def runner(
    engine: str, codebook: tuple[str, ...], n_process: int | None, scheduler: str | None = None, statements: int = 0,
    model: str | None = None,
) -> Runner:
    """The runner for ``--engine`` (``local`` or ``dask``) and ``--n-process``.

    ``n_process=None``: every core (local Dask workers), or for the local
    engine every core but at most one per ``MIN_PER_PROCESS`` of the
    ``statements`` to tag. Local engines load every pipeline here, up front
    (before forking, and so that progress and ETA do not include a model
    load); Dask workers load their own.
    """
    cores = os.cpu_count() or 1
    if engine == "dask":
        return DaskRunner(codebook, n_process or cores, scheduler, model)
    n_process = n_process or max(1, min(cores, math.ceil(statements / MIN_PER_PROCESS)))
    _warm(codebook, model)
    if n_process > 1:
        return PoolRunner(codebook, n_process, model)
    return Runner(codebook, model)
