"""Tests of report.py on results folders written here, as compare-java-peers would leave them."""
import contextlib
import io
import json
import os
import tempfile
import unittest

import report

OPENBLAS_LINE = ("JNIBLAS (native, system libblas.so.3; "
                 "/usr/lib/x86_64-linux-gnu/openblas-pthread/libblas.so.3)")
REFERENCE_LINE = "JNIBLAS (native, system libblas.so.3; /usr/lib/x86_64-linux-gnu/blas/libblas.so.3)"


def record(framework, workload, batch, us, **describe):
    return json.dumps({"framework": framework, "workload": workload, "batch": batch,
                       "parameters": 269322, "warmup_ops": 10, "ops_per_rep": 5, "us": us,
                       "describe": describe})


class Folder:
    def __init__(self):
        self.directory = tempfile.TemporaryDirectory()
        self.path = self.directory.name

    def write(self, name, lines):
        with open(os.path.join(self.path, name), "w") as f:
            f.write("\n".join(lines) + "\n")


class SummaryTest(unittest.TestCase):
    def test_median_range_and_spread(self):
        summary = report.summarize([12.0, 10.0, 11.0])
        self.assertEqual(summary["median"], 11.0)
        self.assertEqual((summary["min"], summary["max"]), (10.0, 12.0))
        self.assertAlmostEqual(summary["spread_percent"], 100 * 2 / 11)

    def test_cell_flags_a_spread_above_fifteen_percent(self):
        self.assertNotIn("!", report.cell(report.summarize([90.0, 100.0, 105.0])))
        self.assertIn("!", report.cell(report.summarize([90.0, 100.0, 105.1])))
        self.assertEqual(report.cell(None), "-")

    def test_temporary_suffix_of_an_extracted_library_is_dropped(self):
        self.assertEqual(report.base_names("/tmp/libnetlibblasjni.so14311876973939389964 /a/libc10.so"),
                         "libnetlibblasjni.so libc10.so")


class LoadTest(unittest.TestCase):
    def setUp(self):
        self.folder = Folder()
        self.addCleanup(self.folder.directory.cleanup)

    def test_rounds_pool_and_ratios_divide_by_lamina(self):
        self.folder.write("lamina-t1-r1.jsonl", [
            "a line Lamina's log let through",
            record("Lamina", "step", 64, [100.0, 110.0], blas=OPENBLAS_LINE),
            record("Lamina", "forward", 64, [20.0], blas=OPENBLAS_LINE)])
        self.folder.write("lamina-t1-r2.jsonl", [record("Lamina", "step", 64, [90.0], blas=OPENBLAS_LINE)])
        self.folder.write("djl-t1-r1.jsonl", [record("DJL 0.36.0", "step", 64, [150.0, 150.0, 150.0])])
        self.folder.write("dl4j-t2-r1.jsonl", [record("DL4J 1.0.0-M2.1", "step", 256, [400.0])])
        times, described = report.load(self.folder.path)
        self.assertEqual(sorted(times[("step", 64, 1)]["lamina"]), [90.0, 100.0, 110.0])
        self.assertEqual(described[("djl", 1)]["name"], "DJL 0.36.0")
        rows = report.build_rows(times)
        self.assertEqual([(r["workload"], r["batch"], r["threads"]) for r in rows],
                         [("step", 64, 1), ("forward", 64, 1), ("step", 256, 2)])
        self.assertAlmostEqual(rows[0]["djl_over_lamina"], 1.5)
        self.assertIsNone(rows[0]["dl4j_over_lamina"])
        self.assertIsNone(rows[2]["dl4j_over_lamina"])  # no Lamina at 2 threads

    def test_dl4j_blas_vendor_comes_from_its_log(self):
        self.folder.write("dl4j-t1-r1.jsonl", [record("DL4J 1.0.0-M2.1", "step", 64, [1.0],
                                                      backend="CPU", **{"blas vendor": "?"})])
        self.folder.write("dl4j-t1-r1.log", [
            "[main] INFO DefaultOpExecutioner - Blas vendor: [OPENBLAS]",
            "[main] INFO CpuNDArrayFactory - Binary level Generic x86 optimization level AVX/AVX2"])
        _, described = report.load(self.folder.path)
        line = report.describe_lines(self.folder.path, described)[0]
        self.assertIn("BLAS vendor OPENBLAS (nd4j's log)", line)
        self.assertIn("Generic x86", line)

    def run_main(self, *extra):
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            status = report.main(["--results", self.folder.path, "--cpu", "CPU", "--cores", "2",
                                  "--jdk", "17", *extra])
        return status, out.getvalue(), err.getvalue()

    def test_table_has_a_row_per_workload_and_the_machine_above(self):
        self.folder.write("lamina-t1-r1.jsonl", [record("Lamina", "step", 64, [100.0], blas=OPENBLAS_LINE)])
        self.folder.write("dl4j-t1-r1.jsonl", [record("DL4J 1.0.0-M2.1", "step", 64, [250.0])])
        self.folder.write("dl4j-t2-r1.jsonl", [record("DL4J 1.0.0-M2.1", "step", 64, [300.0],
                                                      **{"nd4j threads": "max 2"})])
        self.folder.write("settings-t1.txt", ["OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1"])
        self.folder.write("settings-t2.txt", ["OPENBLAS_NUM_THREADS=2 OMP_NUM_THREADS=2"])
        status, out, _ = self.run_main("--load", "0.5 0.4 0.3")
        self.assertEqual(status, 0)
        self.assertIn("machine: CPU, 2 cores; JDK: 17; load average at start: 0.5 0.4 0.3", out)
        self.assertIn("threads 1: OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1\n", out)
        self.assertIn("threads 2: OPENBLAS_NUM_THREADS=2 OMP_NUM_THREADS=2; DL4J: nd4j max 2", out)
        row = [line for line in out.splitlines() if line.startswith("| step, batch 64")][0]
        self.assertIn("| 2.50 | - |", row)

    def test_reference_blas_at_any_thread_count_stops(self):
        self.folder.write("lamina-t1-r1.jsonl", [record("Lamina", "step", 64, [1.0], blas=OPENBLAS_LINE)])
        self.folder.write("lamina-t2-r1.jsonl", [record("Lamina", "step", 64, [1.0], blas=REFERENCE_LINE)])
        status, _, _ = self.run_main()
        self.assertEqual(status, report.REFERENCE_BLAS_EXIT)

    def test_reference_blas_stops_unless_allowed(self):
        self.folder.write("lamina-t1-r1.jsonl", [record("Lamina", "step", 64, [100.0], blas=REFERENCE_LINE)])
        self.folder.write("djl-t1-r1.jsonl", [record("DJL 0.36.0", "step", 64, [100.0])])
        status, out, err = self.run_main()
        self.assertEqual(status, report.REFERENCE_BLAS_EXIT)
        self.assertEqual(out, "")
        self.assertIn("reference BLAS", err)
        status, out, _ = self.run_main("--allow-reference-blas")
        self.assertEqual(status, 0)
        self.assertIn("REFERENCE BLAS", out)
        self.assertIn("1.00?", out)

    def test_no_results_is_an_error(self):
        status, _, err = self.run_main()
        self.assertEqual(status, 1)
        self.assertIn("no results", err)


if __name__ == "__main__":
    unittest.main()
