"""Runners: the Dask runner closes what it opened and restores distributed's setting, whatever happens."""

from __future__ import annotations

import pytest

LOG_LENGTH = "distributed.admin.low-level-log-length"


def test_runners_dask_unreachable_scheduler_restores_the_setting():
    dask = pytest.importorskip("dask")
    pytest.importorskip("dask.distributed")
    from toolkit.engine.runners import DaskRunner

    before = dask.config.get(LOG_LENGTH)
    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):
        with pytest.raises(OSError):
            DaskRunner((), 1, "tcp://127.0.0.1:9")
    assert dask.config.get(LOG_LENGTH) == before


def test_runners_dask_cluster_failing_to_start_is_closed(monkeypatch):
    dask = pytest.importorskip("dask")
    distributed = pytest.importorskip("dask.distributed")
    from toolkit.engine.runners import DaskRunner

    opened = []

    class Recorded(distributed.LocalCluster):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            opened.append(self)

    def fail(self, *args, **kwargs):
        raise RuntimeError("workers could not load their pipelines")

    monkeypatch.setattr(distributed, "LocalCluster", Recorded)
    monkeypatch.setattr(distributed.Client, "run", fail)
    before = dask.config.get(LOG_LENGTH)
    with pytest.raises(RuntimeError, match="could not load"):
        DaskRunner((), 1)
    assert len(opened) == 1 and opened[0].status.name == "closed"
    assert dask.config.get(LOG_LENGTH) == before
