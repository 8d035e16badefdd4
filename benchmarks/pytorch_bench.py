"""The PyTorch side of benchmarks/compare-pytorch: the same workloads as Lamina's JMH benchmarks.

Each workload is timed as the median, over rounds, of the mean time per call within a round, in
microseconds. Prints one JSON object per workload on standard output.

Usage: /usr/bin/python3 pytorch_bench.py --threads N [--quick] [--only ID,ID]
"""
import argparse
import json
import os
import statistics
import sys
import tempfile
import time

import torch
from torch import nn
from torch.nn import functional as F


class CenteredLayer(nn.Module):
    """The chapter's parameter-free layer."""

    def forward(self, x):
        return x - x.mean()


class MyLinear(nn.Module):
    """The chapter's layer with parameters, exactly as the chapter writes it."""

    def __init__(self, in_units, units):
        super().__init__()
        self.weight = nn.Parameter(torch.randn(in_units, units))
        self.bias = nn.Parameter(torch.randn(units,))

    def forward(self, x):
        linear = torch.matmul(x, self.weight.data) + self.bias.data
        return F.relu(linear)


def mlp():
    return nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 256), nn.ReLU(),
                         nn.Linear(256, 10))


def workloads():
    """id -> a function that builds the state and returns the callable to time."""

    def centered():
        layer, x = CenteredLayer(), torch.tensor([1.0, 2.0, 3.0, 4.0, 5.0])
        return lambda: layer(x)

    def mylinear():
        layer, x = MyLinear(5, 3), torch.rand(2, 5)
        return lambda: layer(x)

    def seq():
        net, x = nn.Sequential(MyLinear(64, 8), MyLinear(8, 1)), torch.rand(2, 64)
        return lambda: net(x)

    def linear1024():
        net, x = nn.Sequential(nn.Linear(1024, 1024), nn.ReLU()), torch.rand(512, 1024)

        def run():
            with torch.no_grad():
                return net(x)
        return run

    def sgemm1024():
        a, b, c = torch.rand(512, 1024), torch.rand(1024, 1024), torch.empty(512, 1024)
        return lambda: torch.mm(a, b, out=c)

    def mlp_step(batch):
        def build():
            net = mlp()
            optimizer = torch.optim.SGD(net.parameters(), lr=0.01)
            x, y = torch.rand(batch, 784), torch.randint(0, 10, (batch,))

            def run():
                loss = F.cross_entropy(net(x), y)
                loss.backward()
                optimizer.step()
                optimizer.zero_grad()
                return loss
            return run
        return build

    def mlp_fwd():
        net, x = mlp(), torch.rand(64, 784)

        def run():
            with torch.no_grad():
                return net(x)
        return run

    def big_model():
        # 25,000,000 float32 parameters: 100 MB, saved with torch.save as users do.
        net = nn.Sequential(*[nn.Linear(2500, 2500, bias=False) for _ in range(4)])
        path = os.path.join(tempfile.mkdtemp(prefix="lamina-bench-"), "model.pt")
        torch.save(net.state_dict(), path)
        return net, path

    def save_load():
        net, path = big_model()

        def run():
            torch.save(net.state_dict(), path)
            net.load_state_dict(torch.load(path))
        return run

    def save():
        net, path = big_model()
        return lambda: torch.save(net.state_dict(), path)

    def load():
        net, path = big_model()
        return lambda: net.load_state_dict(torch.load(path))

    return {
        "centered": centered,
        "mylinear": mylinear,
        "seq": seq,
        "linear1024": linear1024,
        "sgemm1024": sgemm1024,
        "mlp-step-64": mlp_step(64),
        "mlp-step-256": mlp_step(256),
        "mlp-fwd-64": mlp_fwd,
        "save-load": save_load,
        "save": save,
        "load": load,
    }


def time_workload(run, quick):
    """Median over rounds of the mean microseconds per call; rounds last about 0.2 s each."""
    deadline = time.perf_counter() + (0.5 if quick else 2.0)
    calls = 1
    while time.perf_counter() < deadline:  # warm up and size a round
        start = time.perf_counter()
        for _ in range(calls):
            run()
        elapsed = time.perf_counter() - start
        if elapsed < 0.05:
            calls *= 2
    per_round = max(1, int(calls * 0.2 / max(elapsed, 1e-9)))
    rounds = []
    for _ in range(5 if quick else 15):
        start = time.perf_counter_ns()
        for _ in range(per_round):
            run()
        rounds.append((time.perf_counter_ns() - start) / per_round / 1000.0)
    return statistics.median(rounds)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", type=int, required=True)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--only", default="")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    chosen = [w for w in args.only.split(",") if w]
    for workload_id, build in workloads().items():
        if chosen and workload_id not in chosen:
            continue
        median_us = time_workload(build(), args.quick)
        print(json.dumps({"id": workload_id, "threads": args.threads, "us": median_us,
                          "torch": torch.__version__}), flush=True)


if __name__ == "__main__":
    sys.exit(main())
