"""The table of benchmarks/compare-java-peers, from the results folder its runs leave.

Usage: report.py --results DIR [--cpu TEXT --cores N --jdk TEXT --load TEXT --timing TEXT]
                 [--json FILE] [--allow-reference-blas]

The folder holds, for each framework (lamina, djl, dl4j), thread count T and round R, the JSON
lines of its run (NAME-tT-rR.jsonl: one line per workload, with the time of each repetition in
microseconds and what the framework ran on) and the run's log (NAME-tT-rR.log), and a
settings-tT.txt with the thread settings all three ran with.

A framework's time for a workload is the median over every repetition of every round; the table
gives it with the range and the spread (slowest - fastest, over the median), flagged with ! above
15%. The ratio of a peer is its median over Lamina's: above 1, Lamina is faster.

Lamina must multiply on an optimized BLAS (the check of benchmarks/blas_check.py); when it does not,
no table is printed (exit 3) unless --allow-reference-blas, and then its ratios carry a ?.
"""
import argparse
import glob
import json
import os
import re
import statistics
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import blas_check  # noqa: E402  (benchmarks/blas_check.py)

# The frameworks in the order of the table's columns; Lamina last, the one the ratios divide by.
FRAMEWORKS = (("dl4j", "DL4J"), ("djl", "DJL"), ("lamina", "Lamina"))
PEERS = ("dl4j", "djl")

# The workloads in the order of the table's rows: (workload, batch).
WORKLOADS = (("step", 64), ("step", 256), ("forward", 64))

SPREAD_LIMIT_PERCENT = 15.0

REFERENCE_BLAS_EXIT = 3

RUN_FILE = re.compile(r"(lamina|djl|dl4j)-t(\d+)-r(\d+)\.jsonl$")


def summarize(values):
    median = statistics.median(values)
    low, high = min(values), max(values)
    return {
        "median": median,
        "min": low,
        "max": high,
        "spread_percent": 100.0 * (high - low) / median if median else 0.0,
        "count": len(values),
    }


def load(folder):
    """(workload, batch, threads) -> framework -> every repetition's µs, and (framework, threads)
    -> the last description the framework gave of itself there, with the name it ran as."""
    times = {}
    described = {}
    for path in sorted(glob.glob(os.path.join(folder, "*.jsonl"))):
        match = RUN_FILE.search(os.path.basename(path))
        if not match:
            continue
        framework, threads = match.group(1), int(match.group(2))
        with open(path) as f:
            for line in f:
                line = line.strip()
                if not line.startswith("{"):
                    continue
                record = json.loads(line)
                key = (record["workload"], int(record["batch"]), threads)
                times.setdefault(key, {}).setdefault(framework, []).extend(record["us"])
                described[(framework, threads)] = dict(record.get("describe", {}),
                                                       name=record["framework"])
    return times, described


def by_framework(described):
    """framework -> its description at the fewest threads it ran at."""
    chosen = {}
    for (framework, threads) in sorted(described, key=lambda key: key[1], reverse=True):
        chosen[framework] = described[(framework, threads)]
    return chosen


def log_lines(folder, framework, pattern):
    """The distinct matches of pattern (its first group) over a framework's logs."""
    found = []
    for path in sorted(glob.glob(os.path.join(folder, f"{framework}-t*-r*.log"))):
        with open(path, errors="replace") as f:
            for match in re.finditer(pattern, f.read()):
                text = match.group(1).strip()
                if text not in found:
                    found.append(text)
    return found


def lamina_blas_problem(described):
    """The first reference BLAS Lamina ran on, at any thread count; None when all were optimized."""
    for (framework, _), description in sorted(described.items()):
        if framework == "lamina":
            problem = blas_check.lamina_problem(description.get("blas"))
            if problem:
                return problem
    return None


def base_names(libraries):
    """File names of the mapped libraries, without the random suffix of a library that a jar
    extracted to a temporary file (libnetlibblasjni.so1234...)."""
    return " ".join(re.sub(r"\.so\d{6,}$", ".so", os.path.basename(path))
                    for path in libraries.split())


def describe_lines(folder, described):
    """One line for each framework: what it runs on (thread counts are in threads_lines)."""
    described = by_framework(described)
    lines = []
    lamina = described.get("lamina")
    if lamina:
        lines.append(f"Lamina:  {lamina.get('blas', '?')}; maps {base_names(lamina.get('libraries', ''))}")
    djl = described.get("djl")
    if djl:
        lines.append(f"{djl['name']}: {djl.get('engine', '?')} (pytorch-native-cpu, linux-x86_64); "
                     f"{djl.get('capabilities', '?')}; "
                     f"grad mode in forward: {djl.get('grad mode in forward', '?')}; "
                     f"maps {base_names(djl.get('libraries', ''))}")
    dl4j = described.get("dl4j")
    if dl4j:
        vendor = log_lines(folder, "dl4j", r"Blas vendor: \[([^\]]*)\]") or [dl4j.get("blas vendor", "?")]
        level = log_lines(folder, "dl4j", r"Binary level (.*)")
        lines.append(f"{dl4j['name']}: nd4j-native {dl4j.get('backend', '?')} backend, BLAS vendor "
                     f"{', '.join(vendor)} (nd4j's log)"
                     + (f", binary level {', '.join(level)}" if level else "")
                     + "; "
                     f"maps {base_names(dl4j.get('libraries', ''))}")
    return lines


def cell(summary):
    if summary is None:
        return "-"
    flag = "!" if summary["spread_percent"] > SPREAD_LIMIT_PERCENT else ""
    return (f"{summary['median']:,.1f} ({summary['min']:,.1f}-{summary['max']:,.1f}, "
            f"{summary['spread_percent']:.0f}%{flag})")


def build_rows(times):
    rows = []
    for threads in sorted({key[2] for key in times}):
        for workload, batch in WORKLOADS:
            measured = times.get((workload, batch, threads))
            if not measured:
                continue
            row = {"workload": workload, "batch": batch, "threads": threads}
            for framework, _ in FRAMEWORKS:
                row[framework] = summarize(measured[framework]) if framework in measured else None
            for peer in PEERS:
                if row[peer] and row["lamina"]:
                    row[f"{peer}_over_lamina"] = row[peer]["median"] / row["lamina"]["median"]
                else:
                    row[f"{peer}_over_lamina"] = None
            rows.append(row)
    return rows


def render(rows, header, problem):
    lines = list(header)
    if problem:
        lines.append(f"REFERENCE BLAS (--allow-reference-blas): {problem}; the ratios, marked ?, "
                     "do not compare optimized libraries")
    lines.append("")
    titles = (["workload", "threads"] + [f"{label} µs (min-max, spread)" for _, label in FRAMEWORKS]
              + ["DL4J / Lamina", "DJL / Lamina"])
    table = [titles]
    mark = "?" if problem else ""
    for row in rows:
        ratios = []
        for peer in PEERS:
            ratio = row[f"{peer}_over_lamina"]
            ratios.append("-" if ratio is None else f"{ratio:.2f}{mark}")
        table.append([f"{row['workload']}, batch {row['batch']}", str(row["threads"])]
                     + [cell(row[framework]) for framework, _ in FRAMEWORKS] + ratios)
    lines.append("| " + " | ".join(table[0]) + " |")
    lines.append("|" + "|".join(" --- " if i < 1 else " ---: " for i in range(len(titles))) + "|")
    for cells in table[1:]:
        lines.append("| " + " | ".join(cells) + " |")
    lines.append("")
    lines.append("µs per operation: the median of the repetitions (their range, and the spread"
                 f" (max - min) / median, ! above {SPREAD_LIMIT_PERCENT:.0f}%). A ratio above 1:"
                 " Lamina is faster.")
    return "\n".join(lines)


def threads_lines(folder, described):
    """For each thread count: the settings every framework ran with, and the threads DJL and nd4j
    said they use."""
    lines = []
    for path in sorted(glob.glob(os.path.join(folder, "settings-t*.txt")),
                       key=lambda p: int(re.search(r"settings-t(\d+)\.txt$", p).group(1))):
        threads = int(re.search(r"settings-t(\d+)\.txt$", path).group(1))
        with open(path) as f:
            line = f"threads {threads}: " + " ".join(f.read().split())
        djl = described.get(("djl", threads))
        if djl and "torch threads" in djl:
            line += f"; DJL: torch {djl['torch threads']}"
        dl4j = described.get(("dl4j", threads))
        if dl4j and "nd4j threads" in dl4j:
            line += f"; DL4J: nd4j {dl4j['nd4j threads']}"
        lines.append(line)
    return lines


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--results", required=True)
    parser.add_argument("--cpu", default="?")
    parser.add_argument("--cores", default="?")
    parser.add_argument("--jdk", default="?")
    parser.add_argument("--load", help="the load average when the runs started")
    parser.add_argument("--timing", default="")
    parser.add_argument("--json")
    parser.add_argument("--allow-reference-blas", action="store_true")
    args = parser.parse_args(argv)

    times, described = load(args.results)
    if not times:
        print(f"compare-java-peers: no results in {args.results}", file=sys.stderr)
        return 1
    problem = lamina_blas_problem(described)
    if problem and not args.allow_reference_blas:
        print(f"compare-java-peers: {problem}. {blas_check.INSTALL_HINT}. To print the table "
              "anyway, marked, pass --allow-reference-blas.", file=sys.stderr)
        return REFERENCE_BLAS_EXIT
    header = [f"machine: {args.cpu}, {args.cores} cores; JDK: {args.jdk}"
              + (f"; load average at start: {args.load}" if args.load else "")]
    header += describe_lines(args.results, described)
    header += threads_lines(args.results, described)
    if args.timing:
        header.append(f"timing: {args.timing}")
    rows = build_rows(times)
    print(render(rows, header, problem))
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"machine": {"cpu": args.cpu, "cores": args.cores, "jdk": args.jdk},
                       "frameworks": {f"{name}-t{threads}": description
                                      for (name, threads), description in described.items()}, "reference_blas": problem, "rows": rows}, f,
                      indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
