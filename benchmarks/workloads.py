"""The workloads benchmarks/compare-pytorch compares: each id, the JMH benchmark that measures it in
Lamina, and the JMH arguments that select a few of them. pytorch_bench.py holds the PyTorch side
under the same ids.
"""
import re

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

# The workloads whose benchmark surely multiplies through BLAS, so that Lamina logs its BLAS choice
# in their JVM. centered does no product; the small layers' products may stay in plain loops.
BLAS_WORKLOADS = {"linear1024", "sgemm1024", "mlp-step-64", "mlp-step-floor-64", "mlp-step-256",
                  "mlp-step-floor-256", "mlp-fwd-64"}


def jmh_arguments(ids):
    """JMH's benchmark regex for the chosen ids (a step brings its floor), and -p batch=... when
    only some batch sizes are wanted. Raises ValueError on an unknown id."""
    wanted = [i for i in ids.split(",") if i]
    known = [wid for wid, _, _ in WORKLOADS]
    for wid in wanted:
        if wid not in known:
            raise ValueError(f"unknown workload \"{wid}\"; the workloads are {', '.join(known)}")
    chosen = [(wid, name, batch) for wid, name, batch in WORKLOADS
              if wid in wanted or wid.replace("-floor", "") in wanted]
    names = sorted({name for _, name, _ in chosen})
    arguments = ["(" + "|".join(re.escape(n) + "$" for n in names) + ")"]
    batches = sorted({batch for _, _, batch in chosen if batch}, key=int)
    if batches:
        arguments += ["-p", "batch=" + ",".join(batches)]
    return arguments
