"""Run the per-article stages on a Dask cluster, for corpora beyond one machine.

Each task reads its own batch of article files on the worker (the corpus folder must be
reachable at the same path from every worker, e.g. a shared file system) and returns the
batch's partial tables: sentences with tone, quotes, term counts and frame hits. The client
merges them exactly as the local engine does, so both engines write identical tables.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from dask.distributed import Client, LocalCluster, as_completed
from tqdm.auto import tqdm

from framing.pipeline import (
    PARTITIONS_PER_WORKER,
    Resources,
    Row,
    Tables,
    analyze_rows,
    partitions,
    show_progress,
)

#: Workers of the cluster started when no scheduler address is given.
LOCAL_WORKERS = 2


@contextmanager
def dask_client(scheduler: str | None = None) -> Iterator[Client]:
    """A client of the scheduler at `scheduler`, or of a two-worker LocalCluster started here."""
    if scheduler:
        with Client(scheduler) as client:
            yield client
        return
    cluster = LocalCluster(
        n_workers=LOCAL_WORKERS,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        silence_logs=logging.ERROR,
    )
    with cluster, Client(cluster) as client:
        yield client


def run_partitions_dask(
    root: Path,
    rows: Sequence[Row],
    resources: Resources,
    scheduler: str | None = None,
    strict: bool = False,
) -> list[Tables]:
    """Run the per-article stages as Dask tasks, one per batch of manifest rows, in order."""
    with dask_client(scheduler) as client:
        n_workers = max(1, len(client.scheduler_info(n_workers=-1)["workers"]))
        batches = partitions(rows, n_workers * PARTITIONS_PER_WORKER)
        shared = client.scatter(resources, broadcast=True)
        futures = [
            client.submit(analyze_rows, root, batch, shared, strict, pure=False)
            for batch in batches
        ]
        bar = tqdm(total=len(rows), desc="articles", unit="article", disable=not show_progress())
        with bar:
            sizes = {future.key: len(batch) for future, batch in zip(futures, batches, strict=True)}
            for future in as_completed(futures):
                bar.update(sizes[future.key])
        return client.gather(futures)
