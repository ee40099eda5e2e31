"""Benchmark: claim linking cost, across many cases and as one case grows.

Run: ``python benchmarks/bench_linking.py``. Statements are analysed once (a
seeded synthetic pool); cases are then assembled from the pool's analysed
rows, so only claim extraction and linking are timed. Each case has one
corrective statement in twenty (an accused party's few statements among
many reactions). Prints the time per statement for 1,000 cases x 50
statements, and for single cases of 100, 1,000 and 10,000 statements, with
the exponent of time per statement against case size (<= 1 means the cost
per statement grows at most linearly).
"""

from __future__ import annotations

import math
import sys
import time
import warnings
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import corpus  # noqa: E402

import toolkit  # noqa: E402
from toolkit.evidence.claims import extract_claims  # noqa: E402
from toolkit.evidence.linking import link_claims  # noqa: E402

POOL = 2_000
CORRECTIVE_SHARE = 0.05


def pool() -> toolkit.Result:
    return toolkit.analyze(corpus(POOL, cases=1, seed=29))


def assemble(result: toolkit.Result, cases: int, size: int, seed: int = 3) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Statements and tags of ``cases`` cases of ``size`` statements drawn from the analysed pool."""
    statements = result.statements
    corrective = statements[statements.corrective == 1]
    other = statements[statements.corrective == 0]
    n_corr = max(1, round(size * CORRECTIVE_SHARE))
    parts, tag_parts = [], []
    for case in range(cases):
        picked = pd.concat(
            [corrective.sample(n_corr, replace=True, random_state=seed + case),
             other.sample(size - n_corr, replace=True, random_state=seed + case + 1)]
        ).sample(frac=1, random_state=seed + case + 2)
        new_ids = [f"s{i}" for i in range(size)]
        mapping = pd.DataFrame({"statement_id": picked.statement_id.to_numpy(), "new_id": new_ids})
        stamps = pd.Timestamp("2020-01-01", tz="UTC") + pd.to_timedelta(range(size), unit="min")
        block = picked.assign(
            case_id=f"case{case:05d}", statement_id=new_ids, timestamp=[t.isoformat() for t in stamps]
        )
        tags = mapping.merge(result.tags, on="statement_id").assign(case_id=f"case{case:05d}")
        parts.append(block)
        tag_parts.append(tags.drop(columns="statement_id").rename(columns={"new_id": "statement_id"}))
    return pd.concat(parts, ignore_index=True), pd.concat(tag_parts, ignore_index=True)


def time_linking(result: toolkit.Result, cases: int, size: int) -> tuple[float, int]:
    statements, tags = assemble(result, cases, size)
    start = time.perf_counter()
    links, _, _ = link_claims(statements, extract_claims(statements, tags, result.codebook), result.codebook)
    return time.perf_counter() - start, len(links)


def main() -> None:
    warnings.simplefilter("ignore")
    result = pool()
    seconds, links = time_linking(result, 1_000, 50)
    print(f"1,000 cases x 50 statements: {seconds:.2f} s, {seconds / 50_000 * 1e6:.0f} us/statement, {links:,} links")
    sizes, per_statement = [100, 1_000, 10_000], []
    for size in sizes:
        seconds, links = time_linking(result, 1, size)
        per_statement.append(seconds / size)
        print(f"1 case x {size:>6,} statements: {seconds:7.2f} s, {seconds / size * 1e6:7.0f} us/statement, {links:,} links")
    slope = math.log(per_statement[-1] / per_statement[0]) / math.log(sizes[-1] / sizes[0])
    print(f"exponent of time per statement vs case size: {slope:.2f} (<= 1: at most linear growth)")


if __name__ == "__main__":
    main()
