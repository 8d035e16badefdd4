"""The workloads benchmarks/compare-pytorch compares: each id, the JMH benchmark that measures it in
Lamina, and the JMH parameters that select it. pytorch_bench.py holds the PyTorch side under the
same ids.
"""
import re

# (workload id, JMH benchmark class.method, JMH parameters that select it or None), in the order of
# the table. A workload "X-floor-Y" is the floor of "X-Y".
WORKLOADS = [
    ("centered", "SmallLayers.centered", None),
    ("mylinear", "SmallLayers.mylinear", None),
    ("seq", "SmallLayers.seq", None),
    ("linear1024", "LargeLinear.linear1024", None),
    ("sgemm1024", "RawSgemm.sgemm1024", None),
    ("mlp-step-64", "MlpTraining.step", {"batch": "64"}),
    ("mlp-step-floor-64", "MlpStepFloor.floor", {"batch": "64"}),
    ("mlp-sgemm-64", "MlpStepFloor.products", {"batch": "64"}),
    ("mlp-update-64", "MlpStepFloor.update", {"batch": "64"}),
    ("mlp-step-256", "MlpTraining.step", {"batch": "256"}),
    ("mlp-step-floor-256", "MlpStepFloor.floor", {"batch": "256"}),
    ("mlp-sgemm-256", "MlpStepFloor.products", {"batch": "256"}),
    ("mlp-update-256", "MlpStepFloor.update", {"batch": "256"}),
    ("mlp-step-ws-64", "MlpTraining.stepInWorkspace", {"batch": "64"}),
    ("mlp-step-ws-256", "MlpTraining.stepInWorkspace", {"batch": "256"}),
    ("mlp-fwd-64", "MlpTraining.forward", {"batch": "64"}),
    ("conv1-64", "ConvLayers.forwardAndBackward", {"layer": "conv1"}),
    ("conv1-floor-64", "ConvFloor.perImageProducts", {"layer": "conv1"}),
    ("conv2-64", "ConvLayers.forwardAndBackward", {"layer": "conv2"}),
    ("conv2-floor-64", "ConvFloor.perImageProducts", {"layer": "conv2"}),
    ("conv1-ws-64", "ConvLayers.forwardAndBackwardInWorkspace", {"layer": "conv1"}),
    ("conv2-ws-64", "ConvLayers.forwardAndBackwardInWorkspace", {"layer": "conv2"}),
    ("cnn-step-64", "MnistSteps.stepInWorkspace", {"model": "cnn"}),
    ("lstm-step-64", "MnistSteps.stepInWorkspace", {"model": "lstm"}),
    ("vit-step-64", "MnistSteps.stepInWorkspace", {"model": "vit"}),
    ("embedding-4096", "EmbeddingLookup.forward", None),
    ("embedding-step-4096", "EmbeddingLookup.forwardAndBackward", None),
    ("embedding-ws-4096", "EmbeddingLookup.forwardInWorkspace", None),
    ("embedding-step-ws-4096", "EmbeddingLookup.forwardAndBackwardInWorkspace", None),
    ("save-load", "SaveLoad.saveAndLoad", None),
    ("save", "SaveLoad.save", None),
    ("load", "SaveLoad.load", None),
]

# The workloads whose benchmark surely multiplies through BLAS, so that Lamina logs its BLAS choice
# in their JVM. centered does no product; the small layers' products may stay in plain loops.
BLAS_WORKLOADS = {"linear1024", "sgemm1024", "mlp-step-64", "mlp-step-floor-64", "mlp-step-256",
                  "mlp-step-floor-256", "mlp-step-ws-64", "mlp-step-ws-256", "mlp-fwd-64", "conv1-64", "conv1-floor-64", "conv2-64",
                  "conv2-floor-64", "conv1-ws-64", "conv2-ws-64", "cnn-step-64", "lstm-step-64", "vit-step-64"}


# The parts a floor is the sum of, measured beside it.
FLOOR_PARTS = {
    "mlp-step-floor-64": ["mlp-sgemm-64", "mlp-update-64"],
    "mlp-step-floor-256": ["mlp-sgemm-256", "mlp-update-256"],
}


def floor_of(wid):
    """The id of the workload's floor ("mlp-step-64" -> "mlp-step-floor-64"), or None. A step in a
    workspace ("mlp-step-ws-64") has the floor of the same step."""
    if "-floor" in wid:
        return None
    head, _, size = wid.rpartition("-")
    head = head.removesuffix("-ws")
    floor = f"{head}-floor-{size}"
    return floor if any(w == floor for w, _, _ in WORKLOADS) else None


def matches(params, entry_params):
    """Whether a JMH result with parameters entry_params is the run a workload selects."""
    return all(entry_params.get(name) == value for name, value in (params or {}).items())


def jmh_arguments(ids):
    """JMH's benchmark regex for the chosen ids (each brings its floor), and one -p name=... per
    parameter the chosen ones select; no ids chooses every workload, so that JMH runs none of the
    jar's other benchmarks. Raises ValueError on an unknown id."""
    known = [wid for wid, _, _ in WORKLOADS]
    wanted = [i for i in ids.split(",") if i] or list(known)
    for wid in wanted:
        if wid not in known:
            raise ValueError(f"unknown workload \"{wid}\"; the workloads are {', '.join(known)}")
    wanted += [f for f in (floor_of(w) for w in wanted) if f]
    wanted += [part for w in wanted for part in FLOOR_PARTS.get(w, [])]
    chosen = [(wid, name, params) for wid, name, params in WORKLOADS if wid in wanted]
    names = sorted({name for _, name, _ in chosen})
    arguments = ["(" + "|".join(re.escape(n) + "$" for n in names) + ")"]
    values = {}
    for _, _, params in chosen:
        for name, value in (params or {}).items():
            values.setdefault(name, set()).add(value)
    for name in sorted(values):
        ordered = sorted(values[name], key=lambda v: (not v.isdigit(), int(v) if v.isdigit() else 0, v))
        arguments += ["-p", f"{name}={','.join(ordered)}"]
    return arguments
