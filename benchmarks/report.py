"""Merges the JMH and PyTorch results of benchmarks/compare-pytorch into one table (and JSON).

The comparison runs in rounds; in each round Lamina's JMH and PyTorch's pytorch_bench.py run once per
thread count, taking turns. A side's time for a round is the median of its iterations in that round;
the table gives the median over rounds, the range of the rounds and the spread (max - min over the
median). A workload whose spread on either side exceeds SPREAD_LIMIT_PERCENT is flagged. The ratio
is PyTorch's time over Lamina's, against the faster of PyTorch's two runs (plain and tuned).

No table is printed when either side multiplied on a reference BLAS, unless allowed; then the table
says so.

Usage:
  report.py --results DIR [--cpu TEXT --cores N --jdk TEXT --system-blas PATH --mode TEXT]
            [--heap FILE] [--json FILE] [--allow-reference-blas]
  report.py --check-blas --results DIR [--system-blas PATH] [--allow-reference-blas]
  report.py --jmh-arguments ID,ID
"""
import argparse
import json
import os
import statistics
import sys

import blas_check
import results as result_files
from workloads import BLAS_WORKLOADS, WORKLOADS, floor_of, jmh_arguments

# The bytes of weights SaveLoad saves and loads (25 million float32 values).
MODEL_BYTES = 4 * 4 * 2500 * 2500

# A workload whose rounds spread by more than this, as a percentage of its median, is flagged.
SPREAD_LIMIT_PERCENT = 15.0

# The settings each run's line shows even when unset.
SHOWN_SETTINGS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "OMP_WAIT_POLICY")

# Exit status when a side ran on a reference BLAS.
REFUSED = 3


def summarize(values):
    """Median, range and spread (max - min, as a percentage of the median) of per-round times."""
    median = statistics.median(values)
    low, high = min(values), max(values)
    return {
        "median": median,
        "min": low,
        "max": high,
        "spread_percent": 100.0 * (high - low) / median if median > 0 else 0.0,
        "rounds": list(values),
    }


def is_flagged(summary):
    return summary is not None and summary["spread_percent"] > SPREAD_LIMIT_PERCENT


def blas_problems(folder, system_library=None):
    """Sentences naming each reference BLAS found in the results so far; empty when both sides ran
    on an optimized one. A side with no results yet is not judged."""
    problems = []
    probe = result_files.read_probe(folder)
    if probe is not None:
        problems.append(blas_check.pytorch_problem(probe))
    for environment in (e for run in result_files.load(folder).values()
                        for records in run["environments"].values() for e in records):
        problems.append(blas_check.pytorch_problem(environment))
    if result_files.has_lamina_logs(folder):
        lines = result_files.lamina_blas_lines(folder)
        if not lines and lamina_multiplied(folder):
            lines = [None]
        problems += [blas_check.lamina_problem(line, system_library) for line in lines]
    unique = []
    for problem in problems:
        if problem is not None and problem not in unique:
            unique.append(problem)
    return unique


def lamina_multiplied(folder):
    """Whether a workload Lamina ran goes through BLAS (and so must have logged its choice)."""
    ran = {wid for run in result_files.load(folder).values() for wid in run["lamina"]}
    return bool(ran & BLAS_WORKLOADS)


def note_for(wid, lamina):
    """The floor, the raw sgemm or the bandwidth a workload is held against."""
    median = lamina[wid]["median"]
    if floor_of(wid):
        floor = lamina.get(floor_of(wid))
        if floor:
            return f"{100 * (median / floor['median'] - 1):+.1f}% vs its floor"
    elif wid == "linear1024" and "sgemm1024" in lamina:
        return f"{100 * (median / lamina['sgemm1024']['median'] - 1):+.1f}% vs raw sgemm"
    elif wid in ("save", "load", "save-load"):
        moved = MODEL_BYTES * (2 if wid == "save-load" else 1)
        return f"{moved / (median / 1e6) / 1e9:.2f} GB/s"
    return ""


def build_rows(runs):
    rows = []
    for threads in sorted(runs):
        run = runs[threads]
        lamina = {wid: summarize(v) for wid, v in run["lamina"].items()}
        for wid, _, _ in WORKLOADS:
            if wid not in lamina:
                continue
            plain = summarize(run["plain"][wid]) if wid in run["plain"] else None
            tuned = summarize(run["tuned"][wid]) if wid in run["tuned"] else None
            candidates = [s for s in (plain, tuned) if s is not None]
            best = min(candidates, key=lambda s: s["median"]) if candidates else None
            notes = [n for n in [note_for(wid, lamina)] if n]
            flagged = is_flagged(lamina[wid]) or is_flagged(best)
            if flagged:
                notes.append(f"spread over {SPREAD_LIMIT_PERCENT:.0f}%")
            rows.append({
                "id": wid,
                "threads": threads,
                "lamina": lamina[wid],
                "pytorch": best,
                "pytorch_variant": None if best is None else ("plain" if best is plain else "tuned"),
                "pytorch_plain_us": None if plain is None else plain["median"],
                "pytorch_tuned_us": None if tuned is None else tuned["median"],
                "ratio": None if best is None else best["median"] / lamina[wid]["median"],
                "flagged": flagged,
                "note": "; ".join(notes),
                "lamina_settings": run["lamina_settings"],
                "pytorch_settings": {variant: records[0]["settings"]
                                     for variant, records in run["environments"].items()},
            })
    return rows


def number(v):
    return "-" if v is None else (f"{v:.3f}" if v < 10 else f"{v:,.1f}")


def span(s):
    return "-" if s is None else f"{number(s['min'])}-{number(s['max'])}"


def spread(s):
    if s is None:
        return "-"
    return f"{s['spread_percent']:.1f}%" + ("!" if is_flagged(s) else "")


def settings_text(settings, extra=()):
    shown = [f"{name}={settings.get(name) or 'unset'}" for name in SHOWN_SETTINGS]
    shown += [f"{name}={value}" for name, value in sorted(settings.items())
              if name not in SHOWN_SETTINGS and value is not None]
    return " ".join(shown + list(extra))


def render(rows, runs, machine, lamina_blas, probe, problems):
    lines = []
    if problems:
        lines.append("REFERENCE BLAS (--allow-reference-blas): the ratios, marked ?, do not compare"
                     " optimized libraries")
        lines += [f"  {p}" for p in problems]
    rounds = max((len(r["lamina"]["rounds"]) for r in rows), default=0)
    lines.append(f"Lamina against PyTorch: {rounds} rounds taking turns, {machine.get('mode', '?')} runs")
    lines.append(f"CPU: {machine.get('cpu', '?')}, {machine.get('cores', '?')} cores (nproc)"
                 f"    JDK: {machine.get('jdk', '?')}")
    lines.append("Lamina BLAS:  " + ("; ".join(lamina_blas)
                                     or "none logged: these workloads make no BLAS call"))
    lines.append("PyTorch BLAS: " + (blas_check.describe_pytorch(probe) if probe else "not probed"))
    for threads in sorted(runs):
        run = runs[threads]
        lines.append(f"threads {threads}:")
        lines.append(f"  {'Lamina':<14}{settings_text(run['lamina_settings'])}")
        for variant in ("plain", "tuned"):
            records = run["environments"].get(variant)
            if records:
                record = records[0]
                torch_threads = (f"torch.set_num_threads({record['torch_set_num_threads']})"
                                 f" get_num_threads()={record['torch_get_num_threads']}")
                lines.append(f"  {'PyTorch ' + variant:<14}"
                             f"{settings_text(record['settings'], [torch_threads])}")
    header = (f"{'workload':<20}{'threads':>8}{'Lamina µs':>12}{'range':>21}{'spread':>8}"
              f"{'PyTorch µs':>12}{'range':>21}{'spread':>8}{'(plain)':>11}{'(tuned)':>11}"
              f"{'ratio':>9}  note")
    lines.append(header)
    lines.append("-" * len(header))
    for r in rows:
        ratio = "-" if r["ratio"] is None else f"{r['ratio']:.2f}x" + ("?" if problems else "")
        best = r["pytorch"]
        lines.append(
            f"{r['id']:<20}{r['threads']:>8}{number(r['lamina']['median']):>12}"
            f"{span(r['lamina']):>21}{spread(r['lamina']):>8}"
            f"{number(None if best is None else best['median']):>12}{span(best):>21}{spread(best):>8}"
            f"{number(r['pytorch_plain_us']):>11}{number(r['pytorch_tuned_us']):>11}{ratio:>9}"
            f"  {r['note']}")
    lines.append(f"range: the fastest and slowest round; spread: (slowest - fastest) / median,"
                 f" ! above {SPREAD_LIMIT_PERCENT:.0f}%. PyTorch's columns are its faster run.")
    return "\n".join(lines)


def heap_line(path):
    """One line per HeapSteadiness run in the file (one JSON object per line): the bytes a step
    allocates, and the heap after GC, for the plain step and the step in a workspace."""
    lines = []
    with open(path) as f:
        for text in f.read().strip().splitlines():
            heap = json.loads(text)
            samples = heap["heap_after_gc_bytes"]
            step = "mlp-step-ws-64" if heap.get("workspace") else "mlp-step-64"
            lines.append(f"memory: {heap['bytes_allocated_per_step']:,} bytes allocated per {step};"
                         f" heap after GC over {heap['steps']:,} steps: {min(samples) / 1e6:.2f} to"
                         f" {max(samples) / 1e6:.2f} MB")
    return "\n".join(lines)


def refusal(problems):
    return ("compare-pytorch: no ratios printed, a side did not run on an optimized BLAS:\n"
            + "".join(f"  {p}\n" for p in problems)
            + f"To fix it, {blas_check.INSTALL_HINT}.\n"
            + "To print the table anyway, marked, pass --allow-reference-blas.")


def main(argv=None):
    parser = argparse.ArgumentParser(description="Merges compare-pytorch's results into one table.")
    parser.add_argument("--results")
    parser.add_argument("--cpu", default="?")
    parser.add_argument("--cores", default="?")
    parser.add_argument("--jdk", default="?")
    parser.add_argument("--mode", default="?")
    parser.add_argument("--system-blas", help="real path of the libblas.so.3 the loader resolves")
    parser.add_argument("--json")
    parser.add_argument("--heap", help="HeapSteadiness's JSON line")
    parser.add_argument("--allow-reference-blas", action="store_true")
    parser.add_argument("--check-blas", action="store_true")
    parser.add_argument("--jmh-arguments", metavar="IDS")
    args = parser.parse_args(argv)
    if args.jmh_arguments is not None:
        try:
            print("\n".join(jmh_arguments(args.jmh_arguments)))
        except ValueError as e:
            print(f"compare-pytorch: --only: {e}", file=sys.stderr)
            return 2
        return 0
    problems = blas_problems(args.results, args.system_blas)
    if problems and not args.allow_reference_blas:
        print(refusal(problems), file=sys.stderr)
        return REFUSED
    if args.check_blas:
        if problems:
            print("compare-pytorch: going on with a reference BLAS, as allowed:\n"
                  + "".join(f"  {p}\n" for p in problems), end="", file=sys.stderr)
        return 0
    runs = result_files.load(args.results)
    rows = build_rows(runs)
    machine = {"cpu": args.cpu, "cores": args.cores, "jdk": args.jdk, "mode": args.mode}
    lamina_blas = result_files.lamina_blas_lines(args.results)
    probe = result_files.read_probe(args.results)
    print(render(rows, runs, machine, lamina_blas, probe, problems))
    if args.heap and os.path.exists(args.heap):
        print(heap_line(args.heap))
    if args.json:
        for row in rows:
            row.update(machine, lamina_blas=lamina_blas,
                       pytorch_blas=blas_check.describe_pytorch(probe) if probe else None,
                       reference_blas=problems)
        with open(args.json, "w") as f:
            json.dump(rows, f, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
