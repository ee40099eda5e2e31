"""Streaming runs (chunks, processes, Dask) write exactly what an in-memory analysis writes."""

from __future__ import annotations

import sys

import pytest

import toolkit
from tests.conftest import MALI, ROOT
from toolkit.io.tables import write_result
from toolkit import analyze_to_dir
from toolkit.io import TABLES as OUTPUTS

sys.path.insert(0, str(ROOT / "benchmarks"))
from synthetic import corpus  # noqa: E402


@pytest.fixture(scope="module")
def shuffled(tmp_path_factory):
    """A corpus whose cases are scattered over the file, so they span chunks."""
    frame = corpus(160, cases=7, seed=5).sample(frac=1, random_state=1).reset_index(drop=True)
    path = tmp_path_factory.mktemp("input") / "shuffled.csv"
    frame.to_csv(path, index=False)
    return path


@pytest.fixture(scope="module")
def in_memory(shuffled, tmp_path_factory):
    directory = tmp_path_factory.mktemp("memory")
    write_result(toolkit.analyze(shuffled), directory)
    return directory


def assert_same_outputs(a, b):
    for table in OUTPUTS:
        assert (a / f"{table}.csv").read_bytes() == (b / f"{table}.csv").read_bytes(), table


def test_streaming_chunks_spanning_cases_equal_in_memory(shuffled, in_memory, tmp_path, monkeypatch):
    monkeypatch.setattr("toolkit.engine.sinks.RANGE", 11)  # results sorted and written in many input-row ranges
    summary = analyze_to_dir(shuffled, tmp_path, chunk_size=17)
    assert_same_outputs(in_memory, tmp_path)
    assert summary.statements == 160
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".toolkit-")]  # temporary files removed


def test_streaming_two_processes_equal_one(shuffled, in_memory, tmp_path):
    analyze_to_dir(shuffled, tmp_path, chunk_size=40, n_process=2)
    assert_same_outputs(in_memory, tmp_path)


def test_streaming_dask_local_cluster_equals_local_engine(shuffled, in_memory, tmp_path):
    pytest.importorskip("dask.distributed")
    analyze_to_dir(shuffled, tmp_path, chunk_size=50, engine="dask", n_process=1)
    assert_same_outputs(in_memory, tmp_path)


def test_streaming_mali_equals_in_memory(tmp_path):
    write_result(toolkit.analyze(MALI / "statements.csv"), tmp_path / "a")
    analyze_to_dir(MALI / "statements.csv", tmp_path / "b", chunk_size=2)
    assert_same_outputs(tmp_path / "a", tmp_path / "b")


def test_streaming_duplicate_across_chunks_names_the_row(tmp_path):
    path = tmp_path / "dup.csv"
    path.write_text(
        "case_id,statement_id,language,text\nc1,s1,en,Our account was hacked.\nc2,s1,en,Hello.\nc1,s1,en,Again.\n",
        encoding="utf-8",
    )
    with pytest.raises(toolkit.InputError, match="row 3, column 'statement_id'"):
        analyze_to_dir(path, tmp_path / "out", chunk_size=1)
    assert not (tmp_path / "out" / "links.csv").exists()


def test_streaming_analyze_accepts_a_dask_dataframe(shuffled):
    dd = pytest.importorskip("dask.dataframe")
    import pandas as pd

    frame = pd.read_csv(shuffled, dtype=str, keep_default_na=False)
    expected = toolkit.analyze(frame)
    got = toolkit.analyze(dd.from_pandas(frame, npartitions=3))
    for table in OUTPUTS:
        pd.testing.assert_frame_equal(getattr(got, table), getattr(expected, table))


def test_dask_runner_keeps_distributed_message_log_short_and_restores_it():
    dask = pytest.importorskip("dask")
    pytest.importorskip("dask.distributed")
    from toolkit.engine.runners import MESSAGE_LOG_LENGTH, DaskRunner

    before = dask.config.get("distributed.admin.low-level-log-length")
    with DaskRunner((), 1) as run:
        # the log of recent messages held chunks of statements: RSS grew with the input
        assert dask.config.get("distributed.admin.low-level-log-length") == MESSAGE_LOG_LENGTH
        on_workers = run.client.run(lambda: dask.config.get("distributed.admin.low-level-log-length"))
        assert set(on_workers.values()) == {MESSAGE_LOG_LENGTH}
    assert dask.config.get("distributed.admin.low-level-log-length") == before


def test_read_result_gives_back_the_in_memory_result_typed(tmp_path):
    import pandas as pd

    expected = toolkit.analyze(MALI / "statements.csv")
    analyze_to_dir(MALI / "statements.csv", tmp_path)
    got = toolkit.read_result(tmp_path)
    for table in OUTPUTS:
        pd.testing.assert_frame_equal(getattr(got, table), getattr(expected, table), check_dtype=False)
    assert got.tags["start_char"].dtype == "int64" and got.statements["corrective"].dtype == "int64"
    assert str(got.links["lag_seconds"].dtype) == "Int64"
    assert got.case("mali-2020").links.equals(got.links)
