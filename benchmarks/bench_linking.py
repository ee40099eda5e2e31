"""Benchmark: claim linking cost, across many cases and as one case grows.

Run: ``python benchmarks/bench_linking.py [--rules-only]``. Statements are
analysed once (a seeded synthetic pool); cases are then assembled from the
pool's analysed rows, so only claim extraction and linking are timed — with
the bundled pair model (which encodes each case's sentences and scores a
bounded set of candidates per claim) unless ``--rules-only``. Each case has one
corrective statement in twenty (an accused party's few statements among
many reactions). Prints the time per statement for 1,000 cases x 50
statements, and for single cases of 100, 1,000 and 10,000 statements the
rules alone and the rules with the pair model, with the exponent of the pair
model's time per statement against case size (0: flat; its candidates per
claim are bounded). The rules' own time per statement grows with a case,
because their links do: every later statement with a matching claim is
linked.
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


def time_linking(result: toolkit.Result, cases: int, size: int, model: str | None) -> tuple[float, int]:
    statements, tags = assemble(result, cases, size)
    start = time.perf_counter()
    links, _, _ = link_claims(statements, extract_claims(statements, tags, result.codebook), result.codebook, model)
    return time.perf_counter() - start, len(links)


def main() -> None:
    from threadpoolctl import threadpool_limits

    from toolkit.nlp.learned.model import bundled_model

    warnings.simplefilter("ignore")
    model = None if "--rules-only" in sys.argv else bundled_model()
    result = pool()
    with threadpool_limits(1):
        seconds, links = time_linking(result, 1_000, 50, model)
        mode = "rules alone" if model is None else "rules + pair model"
        print(f"1,000 cases x 50 statements ({mode}): {seconds:.2f} s, {seconds / 50_000 * 1e6:.0f} us/statement, {links:,} links")
        sizes, extra = [100, 1_000, 10_000], []
        for size in sizes:
            rules, rule_links = time_linking(result, 1, size, None)
            line = f"1 case x {size:>6,} statements: rules {rules / size * 1e6:6.0f} us/statement ({rule_links:,} links)"
            if model is not None:
                both, links = time_linking(result, 1, size, model)
                extra.append((both - rules) / size)
                line += f"; with the pair model {both / size * 1e6:6.0f} us/statement ({links:,} links), the model's share {extra[-1] * 1e6:6.0f}"
            print(line)
    if extra:
        slope = math.log(extra[-1] / extra[0]) / math.log(sizes[-1] / sizes[0])
        print(f"exponent of the pair model's time per statement vs case size: {slope:.2f} (0: flat)")
    print("(rule links grow with the square of a case's size: every later statement with a matching claim is linked)")


if __name__ == "__main__":
    main()
