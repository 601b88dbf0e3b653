"""Running an ensemble's chunks on a Dask cluster: an existing one or a local one we start.

Every chunk is a range of dyad identities; each dyad draws its parameters and random numbers
from its own streams, so the result is the same bit for bit wherever a chunk runs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager

import numpy as np

from .errors import InputError


@contextmanager
def dask_client(scheduler: str | None = None, workers: int | None = None) -> Iterator:
    """A ``dask.distributed.Client``: to ``scheduler`` if given, else to a new LocalCluster of
    ``workers`` single-threaded worker processes (closed again on exit)."""
    from dask.distributed import Client, LocalCluster

    if scheduler:
        try:
            client = Client(scheduler, timeout="5s")
        except (OSError, TimeoutError, ValueError) as exc:
            raise InputError(f"--scheduler {scheduler!r}: cannot connect ({exc}); allowed: the "
                             "address of a running Dask scheduler, e.g. tcp://127.0.0.1:8786"
                             ) from None
        with client:
            yield client
        return
    if isinstance(workers, bool) or not isinstance(workers, int) or not 1 <= workers <= 256:
        raise InputError(f"--workers = {workers!r}: allowed: a whole number from 1 to 256")
    # one compiled thread per worker process: N processes x 1 thread, never N x all cores
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                      dashboard_address=None, env={"NUMBA_NUM_THREADS": "1"}) as cluster, \
            Client(cluster) as client:
        yield client


def map_chunks(client, fn: Callable[..., np.ndarray], chunks: Sequence[tuple[int, int]],
               *args, on_done: Callable[[int], None] | None = None) -> list[np.ndarray]:
    """Run ``fn(*args, start, stop)`` for every chunk on the cluster; results in chunk order."""
    from dask.distributed import as_completed

    shared = [client.scatter(a, broadcast=True) for a in args]
    futures = [client.submit(fn, *shared, start, stop, pure=False) for start, stop in chunks]
    sizes = {f.key: stop - start for f, (start, stop) in zip(futures, chunks, strict=True)}
    for future in as_completed(futures):
        if on_done:
            on_done(sizes[future.key])
    return client.gather(futures)
