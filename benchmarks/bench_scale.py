"""Benchmark: streaming analysis at 10k, 100k and 1M statements (not a test).

Run: ``python benchmarks/bench_scale.py [SIZES...] [--configs n1,n2,dask]``
(default sizes 10000 100000 1000000). For each size a seeded synthetic CSV is
generated once under ``benchmarks/out/``; each configuration runs
``toolkit analyze`` in a fresh process and reports statements/s and peak RSS
(the main process plus its largest worker). Bare spaCy ``nlp.pipe`` over the
same texts (the first 10,000) gives the ceiling. Targets: local engine
>= 0.7 of bare spaCy; 2 processes >= 1.6x one; peak RSS at 1M within 1.5x of
10k; time linear in size (the exponent is printed).
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
CONFIGS = {"n1": ["--n-process", "1"], "n2": ["--n-process", "2"], "dask": ["--engine", "dask", "--n-process", "2"]}

RUN = """
import json, resource, sys, time, warnings
warnings.simplefilter("ignore")
from pathlib import Path
from toolkit.cli import app
start = time.perf_counter()
try:
    app(sys.argv[1:], standalone_mode=False)
finally:
    seconds = time.perf_counter() - start
    me = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(json.dumps({"seconds": seconds, "rss_mb": (me + kids) / 1024}), file=sys.stderr)
"""

BARE = """
import json, sys, time, warnings
warnings.simplefilter("ignore")
import pandas as pd
from toolkit.nlp.pipeline import load_model
from toolkit.nlp.tagging import BATCH_SIZE
frame = pd.read_csv(sys.argv[1], dtype=str, keep_default_na=False, nrows=10_000)
models = {lang: load_model(lang) for lang in frame.language.unique()}
start = time.perf_counter()
for lang, part in frame.groupby("language"):
    for _ in models[lang].pipe(part.text, batch_size=BATCH_SIZE):
        pass
print(json.dumps({"rate": len(frame) / (time.perf_counter() - start)}))
"""


def generate(size: int) -> Path:
    sys.path.insert(0, str(HERE))
    from synthetic import corpus

    OUT.mkdir(exist_ok=True)
    path = OUT / f"synthetic-{size}.csv"
    if not path.exists():
        step = 50_000
        for start in range(0, size, step):
            part = corpus(min(step, size - start), cases=max(1, min(step, size - start) // 20), seed=start + 1)
            part["case_id"] = part["case_id"].map(lambda c, s=start: f"{s:08d}-{c}")
            part["statement_id"] = part["statement_id"].map(lambda i, s=start: f"{s:08d}-{i}")
            part.to_csv(path, mode="a", header=start == 0, index=False)
    return path


def run(path: Path, config: str) -> dict:
    target = OUT / f"run-{path.stem}-{config}"
    command = [sys.executable, "-c", RUN, "analyze", str(path), "--out", str(target), "--quiet", *CONFIGS[config]]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return json.loads(done.stderr.strip().splitlines()[-1])


def main(argv: list[str]) -> None:
    configs = list(CONFIGS)
    if "--configs" in argv:
        at = argv.index("--configs")
        configs = argv[at + 1].split(",")
        argv = argv[:at] + argv[at + 2 :]
    sizes = [int(a) for a in argv] or [10_000, 100_000, 1_000_000]
    results: dict[tuple[int, str], dict] = {}
    print(f"{'size':>9} {'config':>6} {'stmts/s':>9} {'x bare':>7} {'peak RSS MB':>12} {'seconds':>9}")
    bare = None
    for size in sizes:
        path = generate(size)
        if bare is None:
            bare = json.loads(subprocess.run([sys.executable, "-c", BARE, str(path)], capture_output=True, text=True, check=True).stdout)["rate"]
            print(f"{'':>9} {'bare':>6} {bare:9.0f} {1:7.2f} {'':>12} {'':>9}")
        for config in configs:
            result = run(path, config)
            rate = size / result["seconds"]
            results[(size, config)] = result
            print(f"{size:9,} {config:>6} {rate:9.0f} {rate / bare:7.2f} {result['rss_mb']:12.0f} {result['seconds']:9.1f}", flush=True)
    for config in configs:
        points = [(s, results[(s, config)]) for s in sizes if (s, config) in results]
        if len(points) >= 2:
            (s0, r0), (s1, r1) = points[0], points[-1]
            exponent = math.log(r1["seconds"] / r0["seconds"]) / math.log(s1 / s0)
            print(f"{config}: time exponent {exponent:.2f}, peak RSS ratio {r1['rss_mb'] / r0['rss_mb']:.2f} ({s1:,} vs {s0:,})")
    for size in sizes:
        if (size, "n1") in results and (size, "n2") in results:
            print(f"{size:,}: 2 processes / 1 process = {results[(size, 'n1')]['seconds'] / results[(size, 'n2')]['seconds']:.2f}x")


if __name__ == "__main__":
    start = time.perf_counter()
    main(sys.argv[1:])
    print(f"total {time.perf_counter() - start:.0f} s")
