"""Tests of blas_check: which BLAS each side's evidence shows, and which ones are refused."""
import unittest

import blas_check

OPENBLAS = "/usr/lib/x86_64-linux-gnu/openblas-pthread/libblas.so.3"
REFERENCE = "/usr/lib/x86_64-linux-gnu/blas/libblas.so.3"


def probe(libraries, milliseconds=11.0, blas_info="generic"):
    return {"torch": "1.13.1", "libraries": libraries, "blas_info": blas_info, "mm_ms": milliseconds}


class LaminaTest(unittest.TestCase):
    def test_system_openblas_named_in_the_log_line_passes(self):
        line = f"JNIBLAS (native, system libblas.so.3; {OPENBLAS})"
        self.assertIsNone(blas_check.lamina_problem(line, REFERENCE))

    def test_system_reference_named_in_the_log_line_is_refused(self):
        line = f"JNIBLAS (native, system libblas.so.3; {REFERENCE})"
        self.assertIn(REFERENCE, blas_check.lamina_problem(line, OPENBLAS))

    def test_bundled_openblas_passes(self):
        line = "JNIBLAS (native, bundled OpenBLAS libopenblas.so.0)"
        self.assertIsNone(blas_check.lamina_problem(line, REFERENCE))

    def test_system_library_without_a_path_is_judged_by_the_resolved_file(self):
        line = "JNIBLAS (native, system libblas.so.3; the bundled OpenBLAS did not load: x)"
        self.assertIsNone(blas_check.lamina_problem(line, OPENBLAS))
        self.assertIn("reference BLAS", blas_check.lamina_problem(line, REFERENCE))
        self.assertIn("could not resolve", blas_check.lamina_problem(line, None))

    def test_pure_java_is_refused(self):
        problem = blas_check.lamina_problem("Java11BLAS (Java, pure Java)")
        self.assertIn("pure-Java", problem)

    def test_f2j_is_refused_as_reference(self):
        self.assertIn("reference", blas_check.lamina_problem("F2jBLAS (Java, pure Java)"))

    def test_no_log_line_is_refused(self):
        self.assertIn("no BLAS choice", blas_check.lamina_problem(None))


class PyTorchTest(unittest.TestCase):
    def test_openblas_at_speed_passes(self):
        libraries = [OPENBLAS, "/usr/lib/x86_64-linux-gnu/openblas-pthread/libopenblasp-r0.3.21.so"]
        self.assertIsNone(blas_check.pytorch_problem(probe(libraries)))

    def test_reference_library_is_refused(self):
        problem = blas_check.pytorch_problem(probe([REFERENCE], milliseconds=300.0))
        self.assertIn(REFERENCE, problem)
        self.assertIn("reference BLAS", problem)

    def test_reference_library_mapped_beside_openblas_is_refused(self):
        # What LD_LIBRARY_PATH=/usr/lib/x86_64-linux-gnu/blas gives: OpenBLAS's liblapack.so.3
        # brings libopenblas, but sgemm binds to the reference libblas.so.3.
        libraries = ["/usr/lib/x86_64-linux-gnu/openblas-pthread/libopenblasp-r0.3.21.so",
                     "/usr/lib/x86_64-linux-gnu/blas/libblas.so.3.11.0"]
        problem = blas_check.pytorch_problem(probe(libraries, milliseconds=200.0))
        self.assertIn("reference BLAS /usr/lib/x86_64-linux-gnu/blas/libblas.so.3.11.0 beside", problem)
        self.assertIn("5.4 GFLOP/s", problem)

    def test_no_library_and_a_generic_build_is_refused(self):
        self.assertIn("no BLAS library", blas_check.pytorch_problem(probe([])))

    def test_openblas_below_the_speed_threshold_is_refused(self):
        # 512x1024x1024 is 1.07 GFLOP: 300 ms is 3.6 GFLOP/s.
        problem = blas_check.pytorch_problem(probe([OPENBLAS], milliseconds=300.0))
        self.assertIn("3.6 GFLOP/s", problem)

    def test_statically_linked_mkl_passes_without_a_mapped_library(self):
        self.assertIsNone(blas_check.pytorch_problem(probe([], blas_info="mkl")))

    def test_a_run_record_without_timing_is_judged_by_its_libraries(self):
        record = probe([OPENBLAS])
        del record["mm_ms"]
        self.assertIsNone(blas_check.pytorch_problem(record))
        self.assertIsNotNone(blas_check.pytorch_problem(probe([REFERENCE], milliseconds=None)))

    def test_gflops_of_the_probe_shape(self):
        self.assertAlmostEqual(blas_check.gflops(2 * 512 * 1024 * 1024 / 1e6), 1.0)


if __name__ == "__main__":
    unittest.main()
