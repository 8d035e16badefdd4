"""The PyTorch side of benchmarks/compare-pytorch: the same workloads as Lamina's JMH benchmarks.

One invocation is one round of the comparison: each workload warms up, then runs a few timed
stretches; its time for the round is the median, over those stretches, of the mean time per call,
in microseconds. Prints JSON lines on standard output: first what the process ran with (the BLAS
libraries it mapped, PyTorch's build information, the thread settings), then one line per workload.

With --probe it prints only the first line, with the best time of a 512x1024x1024 mm added, so that
the harness can refuse to compare against a reference BLAS before measuring anything.

Usage: /usr/bin/python3 pytorch_bench.py --threads N [--quick] [--only ID,ID] [--probe]
"""
import argparse
import json
import os
import re
import statistics
import sys
import tempfile
import time

import torch
from torch import nn
from torch.nn import functional as F

# The train-mnist models as the PyTorch comparison of the examples builds them.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures",
                                "examples"))
import make_mnist_fixtures as mnist_models  # noqa: E402
from workloads import floor_of  # noqa: E402


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


def training_step(net, optimizer, x, y):
    """One step as Lamina's benchmarks take it: forward, cross-entropy, backward, step, zero grad."""
    def run():
        loss = F.cross_entropy(net(x), y)
        loss.backward()
        optimizer.step()
        optimizer.zero_grad()
        return loss
    return run


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

            return training_step(net, optimizer, x, y)
        return build

    def mlp_fwd():
        net, x = mlp(), torch.rand(64, 784)

        def run():
            with torch.no_grad():
                return net(x)
        return run

    def conv(layer):
        # The cnn model's convolutions at batch 64, as ConvLayers runs them: the output gradient
        # all ones; conv2's input needs a gradient, conv1's does not.
        in_channels, out_channels, size = (1, 8, 28) if layer == "conv1" else (8, 16, 12)

        def build():
            net = nn.Conv2d(in_channels, out_channels, 5)
            x = torch.rand(64, in_channels, size, size, requires_grad=layer == "conv2")
            grad = torch.ones(64, out_channels, size - 4, size - 4)

            def run():
                out = net(x)
                out.backward(grad)
                net.zero_grad()
                x.grad = None
                return out
            return run
        return build

    def conv_floor(layer):
        # ConvFloor.perImageProducts: per image, W[out, K] columns[K, P], G columns^T, and
        # W^T G for conv2.
        out, rows, positions = (8, 25, 24 * 24) if layer == "conv1" else (16, 200, 8 * 8)

        def build():
            w, cols = torch.rand(out, rows), torch.rand(rows, positions)
            y, dw = torch.empty(out, positions), torch.empty(out, rows)
            dcols = torch.empty(rows, positions)

            def run():
                for _ in range(64):
                    torch.mm(w, cols, out=y)
                    torch.mm(y, cols.t(), out=dw)
                    if layer == "conv2":
                        torch.mm(w.t(), y, out=dcols)
                return dw
            return run
        return build

    def mnist_step(name):
        # One train-mnist step at batch 64, as MnistSteps runs it: training mode, Adam at 1e-3.
        def build():
            net = mnist_models.MODELS[name]()
            if name == "cnn":
                net[10] = nn.Dropout(0.25)  # train-mnist trains the cnn with dropout 0.25
            if name == "lstm":
                net = mnist_models.Net(net)
            net.train()
            optimizer = torch.optim.Adam(net.parameters(), lr=1e-3)
            x, y = torch.rand(64, 28, 28), torch.randint(0, 10, (64,))

            return training_step(net, optimizer, x, y)
        return build

    def embedding(backward):
        # 4,096 ids ([64, 64]) into a 10,000 x 64 table, as EmbeddingLookup runs it.
        def build():
            table, ids = nn.Embedding(10_000, 64), torch.randint(0, 10_000, (64, 64))

            def forward():
                with torch.no_grad():
                    return table(ids)

            def step():
                out = table(ids)
                out.sum().backward()
                table.zero_grad()
                return out
            return step if backward else forward
        return build

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
        # PyTorch has no workspace to enter: the same step, its memory from malloc, which reuses
        # the blocks the step before freed.
        "mlp-step-ws-64": mlp_step(64),
        "mlp-step-ws-256": mlp_step(256),
        "mlp-fwd-64": mlp_fwd,
        "conv1-64": conv("conv1"),
        "conv1-floor-64": conv_floor("conv1"),
        "conv2-64": conv("conv2"),
        "conv2-floor-64": conv_floor("conv2"),
        "conv1-ws-64": conv("conv1"),
        "conv2-ws-64": conv("conv2"),
        "cnn-step-64": mnist_step("cnn"),
        "lstm-step-64": mnist_step("lstm"),
        "vit-step-64": mnist_step("vit"),
        "embedding-4096": embedding(False),
        "embedding-step-4096": embedding(True),
        "embedding-ws-4096": embedding(False),
        "embedding-step-ws-4096": embedding(True),
        "save-load": save_load,
        "save": save,
        "load": load,
    }


def time_workload(run, quick):
    """The mean microseconds per call in each timed stretch of about 0.2 s, after a warm-up."""
    deadline = time.perf_counter() + (0.5 if quick else 1.5)
    calls = 1
    while time.perf_counter() < deadline:  # warm up and size a stretch
        start = time.perf_counter()
        for _ in range(calls):
            run()
        elapsed = time.perf_counter() - start
        if elapsed < 0.05:
            calls *= 2
    per_stretch = max(1, int(calls * 0.2 / max(elapsed, 1e-9)))
    stretches = []
    for _ in range(5 if quick else 9):
        start = time.perf_counter_ns()
        for _ in range(per_stretch):
            run()
        stretches.append((time.perf_counter_ns() - start) / per_stretch / 1000.0)
    return stretches


# The environment variables that decide how many threads OpenBLAS, OpenMP and MKL use and how they
# wait, and the allocator's settings of the tuned run (compare-pytorch records the same for Lamina).
SETTING_PREFIXES = ("OPENBLAS_", "OMP_", "GOMP_", "MKL_", "MALLOC_")


def mapped_blas_libraries():
    """The BLAS libraries this process has mapped, as the kernel names them (links resolved)."""
    torch.mm(torch.rand(4, 4), torch.rand(4, 4))
    found = []
    with open("/proc/self/maps") as maps:
        for line in maps:
            fields = line.split()
            if len(fields) >= 6 and re.search(r"blas|libmkl_|blis|armpl", os.path.basename(fields[5])):
                if fields[5] not in found:
                    found.append(fields[5])
    return found


def environment(threads):
    build = re.search(r"BLAS_INFO=([^,\s]+)", torch.__config__.show())
    return {
        "kind": "environment",
        "torch": torch.__version__,
        "libraries": mapped_blas_libraries(),
        "blas_info": build.group(1) if build else None,
        "settings": {name: value for name, value in sorted(os.environ.items())
                     if name.startswith(SETTING_PREFIXES)},
        "torch_set_num_threads": threads,
        "torch_get_num_threads": torch.get_num_threads(),
    }


def best_mm_milliseconds(tries=5):
    """The fastest of a few 512x1024x1024 products, after one to warm up."""
    a, b, c = torch.rand(512, 1024), torch.rand(1024, 1024), torch.empty(512, 1024)
    torch.mm(a, b, out=c)
    best = float("inf")
    for _ in range(tries):
        start = time.perf_counter()
        torch.mm(a, b, out=c)
        best = min(best, time.perf_counter() - start)
    return best * 1e3


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", type=int, required=True)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--only", default="")
    parser.add_argument("--probe", action="store_true")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    record = environment(args.threads)
    if args.probe:
        record["kind"] = "probe"
        record["mm_ms"] = best_mm_milliseconds()
        print(json.dumps(record), flush=True)
        return 0
    print(json.dumps(record), flush=True)
    chosen = [w for w in args.only.split(",") if w]
    chosen += [f for f in (floor_of(w) for w in chosen) if f]
    for workload_id, build in workloads().items():
        if chosen and workload_id not in chosen:
            continue
        stretches = time_workload(build(), args.quick)
        print(json.dumps({"kind": "time", "id": workload_id, "threads": args.threads,
                          "us": statistics.median(stretches), "stretches_us": stretches}),
              flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
