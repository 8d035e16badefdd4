"""Reads the files benchmarks/compare-pytorch leaves in its results folder.

Per thread count T and round R: lamina-tT-rR.json (JMH's results) and .log (its output, with the
BLAS line Lamina logs), pytorch-plain-tT-rR.jsonl and pytorch-tuned-tT-rR.jsonl (pytorch_bench.py's
lines); per thread count, lamina-tT.env (the settings Lamina's JVM ran with); once,
pytorch-probe.json (pytorch_bench.py --probe).
"""
import glob
import json
import os
import re
import statistics

from workloads import WORKLOADS, matches


def lamina_round(path):
    """workload id -> median of the JMH measurement iterations in one JMH result file."""
    times = {}
    with open(path) as f:
        for entry in json.load(f):
            name = ".".join(entry["benchmark"].split(".")[-2:])
            params = entry.get("params", {})
            raw = [score for fork in entry["primaryMetric"]["rawData"] for score in fork]
            for wid, bench, want in WORKLOADS:
                if bench == name and matches(want, params):
                    times[wid] = statistics.median(raw)
    return times


def pytorch_round(path):
    """(environment record, workload id -> median time) of one pytorch_bench.py output."""
    environment, times = None, {}
    with open(path) as f:
        for line in f:
            if line.strip():
                entry = json.loads(line)
                if entry.get("kind") == "environment":
                    environment = entry
                else:
                    times[entry["id"]] = entry["us"]
    return environment, times


def has_lamina_logs(results):
    return bool(glob.glob(os.path.join(results, "lamina-t*-r*.log")))


def lamina_blas_lines(results):
    """The distinct BLAS descriptions Lamina logged over every JMH run."""
    found = []
    for path in sorted(glob.glob(os.path.join(results, "lamina-t*-r*.log"))):
        with open(path, errors="replace") as f:
            for match in re.finditer(r"matrix products run on (.+)", f.read()):
                if match.group(1).strip() not in found:
                    found.append(match.group(1).strip())
    return found


def read_settings(path):
    """NAME=value lines the harness wrote for a Lamina run."""
    settings = {}
    if os.path.exists(path):
        with open(path) as f:
            for line in f:
                if "=" in line:
                    name, value = line.rstrip("\n").split("=", 1)
                    settings[name] = value
    return settings


def load(results):
    """threads -> per-side lists of per-round times, and what each run ran with."""
    runs = {}
    for path in in_round_order(glob.glob(os.path.join(results, "lamina-t*-r*.json"))):
        threads = int(re.search(r"lamina-t(\d+)-r\d+\.json$", path).group(1))
        run = runs.setdefault(threads, new_run(results, threads))
        for wid, us in lamina_round(path).items():
            run["lamina"].setdefault(wid, []).append(us)
    for path in in_round_order(glob.glob(os.path.join(results, "pytorch-*-t*-r*.jsonl"))):
        variant, threads = re.search(r"pytorch-(\w+)-t(\d+)-r\d+\.jsonl$", path).groups()
        run = runs.setdefault(int(threads), new_run(results, int(threads)))
        environment, times = pytorch_round(path)
        if environment is not None:
            run["environments"].setdefault(variant, []).append(environment)
        for wid, us in times.items():
            run[variant].setdefault(wid, []).append(us)
    return runs


def in_round_order(paths):
    """Sorted by round number, so that round 10 comes after round 9."""
    return sorted(paths, key=lambda p: (int(re.search(r"-r(\d+)\.\w+$", p).group(1)), p))


def new_run(results, threads):
    return {"lamina": {}, "plain": {}, "tuned": {}, "environments": {},
            "lamina_settings": read_settings(os.path.join(results, f"lamina-t{threads}.env"))}


def read_probe(results):
    path = os.path.join(results, "pytorch-probe.json")
    if not os.path.exists(path):
        return None
    with open(path) as f:
        return json.loads(f.read().strip().splitlines()[-1])
