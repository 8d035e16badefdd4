"""Merges the JMH and PyTorch results of benchmarks/compare-pytorch into one table (and JSON).

Lamina times are the median of JMH's measurement iterations; PyTorch times the median of rounds.
The ratio is PyTorch's time over Lamina's, against the faster of PyTorch's two runs.
"""
import argparse
import glob
import json
import os
import re
import statistics
import sys

# The bytes of weights SaveLoad saves and loads (25 million float32 values).
MODEL_BYTES = 4 * 4 * 2500 * 2500

# JMH benchmark (class.method, batch param) -> workload id, in the order of the table.
WORKLOADS = [
    ("centered", "SmallLayers.centered", None),
    ("mylinear", "SmallLayers.mylinear", None),
    ("seq", "SmallLayers.seq", None),
    ("linear1024", "LargeLinear.linear1024", None),
    ("sgemm1024", "RawSgemm.sgemm1024", None),
    ("mlp-step-64", "MlpTraining.step", "64"),
    ("mlp-step-floor-64", "MlpStepFloor.products", "64"),
    ("mlp-step-256", "MlpTraining.step", "256"),
    ("mlp-step-floor-256", "MlpStepFloor.products", "256"),
    ("mlp-fwd-64", "MlpTraining.forward", "64"),
    ("save-load", "SaveLoad.saveAndLoad", None),
    ("save", "SaveLoad.save", None),
    ("load", "SaveLoad.load", None),
]


def jmh_regex(ids):
    wanted = set(ids.split(","))
    names = sorted({name for wid, name, _ in WORKLOADS if wid in wanted
                    or wid.replace("-floor", "") in wanted})
    return "(" + "|".join(re.escape(n) + "$" for n in names) + ")"


def lamina_times(path):
    times = {}
    with open(path) as f:
        for entry in json.load(f):
            name = ".".join(entry["benchmark"].split(".")[-2:])
            batch = entry.get("params", {}).get("batch")
            raw = [score for fork in entry["primaryMetric"]["rawData"] for score in fork]
            for wid, bench, want_batch in WORKLOADS:
                if bench == name and (want_batch is None or want_batch == batch):
                    times[wid] = statistics.median(raw)
    return times


def pytorch_times(path):
    times = {}
    if os.path.exists(path):
        with open(path) as f:
            for line in f:
                if line.strip():
                    entry = json.loads(line)
                    times[entry["id"]] = entry["us"]
    return times


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--results")
    parser.add_argument("--blas", default="?")
    parser.add_argument("--jdk", default="?")
    parser.add_argument("--json")
    parser.add_argument("--jmh-regex")
    parser.add_argument("--heap", help="HeapSteadiness's JSON line")
    args = parser.parse_args()
    if args.jmh_regex:
        print(jmh_regex(args.jmh_regex))
        return 0
    rows = []
    for path in sorted(glob.glob(os.path.join(args.results, "lamina-*.json"))):
        threads = int(re.search(r"lamina-(\d+)\.json", path).group(1))
        lamina = lamina_times(path)
        plain = pytorch_times(os.path.join(args.results, f"pytorch-plain-{threads}.jsonl"))
        tuned = pytorch_times(os.path.join(args.results, f"pytorch-tuned-{threads}.jsonl"))
        for wid, _, _ in WORKLOADS:
            if wid not in lamina:
                continue
            floor_of = wid.replace("-floor", "") if "-floor" in wid else None
            candidates = [t for t in (plain.get(wid), tuned.get(wid)) if t is not None]
            best = min(candidates) if candidates else None
            note, floor_us = "", None
            if wid.startswith("mlp-step-") and "-floor" not in wid:
                floor_us = lamina.get(wid.replace("mlp-step-", "mlp-step-floor-"))
                if floor_us:
                    note = f"{100 * (lamina[wid] / floor_us - 1):+.1f}% vs its sgemm floor"
            elif wid == "linear1024" and "sgemm1024" in lamina:
                floor_us = lamina["sgemm1024"]
                note = f"{100 * (lamina[wid] / floor_us - 1):+.1f}% vs raw sgemm"
            elif wid in ("save", "load", "save-load"):
                moved = MODEL_BYTES * (2 if wid == "save-load" else 1)
                note = f"{moved / (lamina[wid] / 1e6) / 1e9:.2f} GB/s"
            rows.append({
                "id": wid,
                "threads": threads,
                "lamina_us": round(lamina[wid], 3),
                "pytorch_us": None if best is None else round(best, 3),
                "pytorch_plain_us": None if plain.get(wid) is None else round(plain[wid], 3),
                "pytorch_tuned_us": None if tuned.get(wid) is None else round(tuned[wid], 3),
                "ratio": None if best is None else round(best / lamina[wid], 3),
                "floor_of": floor_of,
                "floor_us": None if floor_us is None else round(floor_us, 3),
                "note": note,
                "blas": args.blas,
                "jdk": args.jdk,
            })
    print(f"BLAS: {args.blas}    JDK: {args.jdk}")
    header = f"{'workload':<20}{'threads':>8}{'Lamina µs':>14}{'PyTorch µs':>14}" \
             f"{'(plain)':>12}{'(tuned)':>12}{'ratio':>9}  note"
    print(header)
    print("-" * len(header))
    fmt = lambda v: "-" if v is None else (f"{v:.3f}" if v < 10 else f"{v:,.1f}")
    for r in rows:
        ratio = "-" if r["ratio"] is None else f"{r['ratio']:.2f}x"
        print(f"{r['id']:<20}{r['threads']:>8}{fmt(r['lamina_us']):>14}{fmt(r['pytorch_us']):>14}"
              f"{fmt(r['pytorch_plain_us']):>12}{fmt(r['pytorch_tuned_us']):>12}{ratio:>9}  {r['note']}")
    if args.heap and os.path.exists(args.heap):
        with open(args.heap) as f:
            heap = json.loads(f.read().strip().splitlines()[-1])
        samples = heap["heap_after_gc_bytes"]
        print(f"memory: {heap['bytes_allocated_per_step']:,} bytes allocated per mlp-step-64;"
              f" heap after GC over {heap['steps']:,} steps: {min(samples) / 1e6:.2f} to"
              f" {max(samples) / 1e6:.2f} MB")
    if args.json:
        with open(args.json, "w") as f:
            json.dump(rows, f, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
