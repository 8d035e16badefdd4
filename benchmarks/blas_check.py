"""Tells, for each side of benchmarks/compare-pytorch, whether its matrix products ran on an optimized BLAS.

A ratio between Lamina and PyTorch compares the libraries only when both multiply on an optimized
BLAS: Debian's reference BLAS (libblas3, which python3-torch pulls in) is about 30 times slower than
OpenBLAS on the same product, and netlib's pure-Java implementations 2 to 9 times slower.

Each check returns None when the side is fine, else one sentence saying what it ran on and why that
does not count.
"""
import re

# Substrings of a library's real path that name an optimized BLAS (the names Lamina's own
# SystemBlas looks for).
OPTIMIZED_NAMES = ("openblas", "blis", "mkl", "atlas", "armpl")

# PyTorch's BLAS_INFO values for builds that link an optimized BLAS statically (pip wheels: mkl).
OPTIMIZED_BUILD_INFO = ("mkl", "open", "openblas", "blis", "accelerate")

# A 512x1024x1024 product on one thread: OpenBLAS reaches about 95 GFLOP/s on these machines, the
# reference BLAS about 3.6. Below this the numbers are not a comparison of optimized libraries.
MIN_GFLOPS = 20.0

MM_SHAPE = (512, 1024, 1024)

INSTALL_HINT = ("install Debian's OpenBLAS (apt-get install libopenblas0-pthread) and check it is the"
                " active libblas.so.3 (update-alternatives --display libblas.so.3-x86_64-linux-gnu)")


def is_optimized_path(path):
    return any(name in path.lower() for name in OPTIMIZED_NAMES)


def lamina_problem(description, system_library=None):
    """Checks Lamina's log line "matrix products run on <description>".

    system_library is the real path of the libblas.so.3 the dynamic loader resolves, for the case
    where netlib loaded it by name and the log line does not say which file it was.
    """
    if not description:
        return "Lamina logged no BLAS choice (no \"run on\" line in the JMH log)"
    implementation = description.split(" ", 1)[0]
    if implementation.startswith("F2j"):
        return f"Lamina runs on {description}, netlib's reference BLAS translated to Java"
    if not implementation.startswith("JNI"):
        return f"Lamina runs on {description}, a pure-Java BLAS rather than an optimized native one"
    # "JNIBLAS (native, bundled OpenBLAS libopenblas.so.0)"; a system library's reason may also
    # mention the bundled one ("the bundled OpenBLAS did not load"), so only the source counts.
    if re.match(r"\S+ \(native, bundled OpenBLAS", description):
        return None
    named = re.search(r"(/\S*libblas[^\s;,)]*)", description)
    path = named.group(1) if named else system_library
    if path is None:
        return f"Lamina runs on {description}, a system libblas.so.3 this harness could not resolve"
    if not is_optimized_path(path):
        return f"Lamina runs on {description}: libblas.so.3 is {path}, a reference BLAS"
    return None


def gflops(milliseconds, shape=MM_SHAPE):
    m, k, n = shape
    return 2.0 * m * k * n / (milliseconds / 1e3) / 1e9


def pytorch_problem(probe):
    """Checks the probe pytorch_bench.py --probe writes: the BLAS libraries the process mapped (as
    /proc/self/maps names them, links resolved), the build's BLAS_INFO, and the best time of a
    512x1024x1024 mm at one thread.
    """
    libraries = probe.get("libraries", [])
    optimized = [p for p in libraries if is_optimized_path(p)]
    # Debian's liblapack.so.3 from OpenBLAS maps libopenblas beside a reference libblas.so.3 (when
    # LD_LIBRARY_PATH or the alternatives point there); sgemm then binds to the reference one.
    reference = [p for p in libraries if not is_optimized_path(p)]
    build = (probe.get("blas_info") or "").lower()
    speed = probe.get("mm_ms")
    speed_text = "" if speed is None else f" (mm {'x'.join(map(str, MM_SHAPE))}: {gflops(speed):.1f} GFLOP/s)"
    if reference:
        beside = f" beside {', '.join(optimized)}" if optimized else ""
        return (f"PyTorch maps the reference BLAS {', '.join(reference)}{beside};"
                f" BLAS_INFO={build or '?'}{speed_text}")
    if not optimized and build not in OPTIMIZED_BUILD_INFO:
        return (f"PyTorch maps no BLAS library and its build names none (BLAS_INFO={build or '?'})"
                f"{speed_text}")
    if speed is not None and gflops(speed) < MIN_GFLOPS:
        return (f"PyTorch maps {', '.join(optimized) or 'BLAS_INFO=' + build} but its mm reached only"
                f" {gflops(speed):.1f} GFLOP/s, below the {MIN_GFLOPS:.0f} an optimized BLAS reaches")
    return None


def describe_pytorch(probe):
    """One line: the torch version, the libraries mapped, BLAS_INFO and the measured speed."""
    libraries = ", ".join(probe.get("libraries", [])) or "no BLAS library mapped"
    text = f"PyTorch {probe.get('torch', '?')}: {libraries} (BLAS_INFO={probe.get('blas_info') or '?'})"
    if probe.get("mm_ms") is not None:
        text += (f"; mm {'x'.join(map(str, MM_SHAPE))} at one thread {probe['mm_ms']:.1f} ms,"
                 f" {gflops(probe['mm_ms']):.1f} GFLOP/s")
    return text
