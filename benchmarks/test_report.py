"""Tests of report.py on results folders written here, as compare-pytorch would leave them."""
import contextlib
import io
import json
import os
import tempfile
import unittest

import report
from workloads import BLAS_WORKLOADS, WORKLOADS, floor_of, jmh_arguments, matches

OPENBLAS = "/usr/lib/x86_64-linux-gnu/openblas-pthread/libblas.so.3"
REFERENCE = "/usr/lib/x86_64-linux-gnu/blas/libblas.so.3"


class SpreadTest(unittest.TestCase):
    def test_median_range_and_spread_of_rounds(self):
        summary = report.summarize([12.0, 10.0, 11.0])
        self.assertEqual(summary["median"], 11.0)
        self.assertEqual((summary["min"], summary["max"]), (10.0, 12.0))
        self.assertAlmostEqual(summary["spread_percent"], 100 * 2 / 11)

    def test_one_round_has_no_spread(self):
        self.assertEqual(report.summarize([5.0])["spread_percent"], 0.0)

    def test_flag_only_above_fifteen_percent(self):
        self.assertFalse(report.is_flagged(report.summarize([90.0, 100.0, 105.0])))  # 15.0%
        self.assertTrue(report.is_flagged(report.summarize([90.0, 100.0, 105.1])))
        self.assertFalse(report.is_flagged(None))


class JmhArgumentsTest(unittest.TestCase):
    def test_a_step_brings_its_floor_and_only_its_batch(self):
        self.assertEqual(jmh_arguments("centered,mlp-step-64"),
                         ["(MlpStepFloor\\.floor$|MlpStepFloor\\.products$|MlpStepFloor\\.update$"
                          "|MlpTraining\\.step$|SmallLayers\\.centered$)",
                          "-p", "batch=64"])

    def test_a_convolution_brings_its_floor_and_selects_its_layer(self):
        self.assertEqual(jmh_arguments("conv2-64,cnn-step-64"),
                         ["(ConvFloor\\.perImageProducts$|ConvLayers\\.forwardAndBackward$|MnistSteps\\.stepInWorkspace$)",
                          "-p", "layer=conv2", "-p", "model=cnn"])

    def test_no_ids_select_every_workload_and_no_other_benchmark(self):
        regex = jmh_arguments("")[0]
        for _, name, _ in WORKLOADS:
            self.assertIn(name.replace(".", "\\.") + "$", regex)
        self.assertNotIn("ElementwiseOps", regex)
        self.assertNotIn("MnistSteps\\.step$", regex)

    def test_floors_are_found_by_name_and_only_where_they_exist(self):
        self.assertEqual(floor_of("mlp-step-256"), "mlp-step-floor-256")
        self.assertEqual(floor_of("conv1-64"), "conv1-floor-64")
        self.assertIsNone(floor_of("cnn-step-64"))
        self.assertIsNone(floor_of("conv1-floor-64"))

    def test_heap_line_gives_the_plain_step_and_the_step_in_a_workspace(self):
        with tempfile.TemporaryDirectory() as folder:
            path = os.path.join(folder, "heap.json")
            with open(path, "w") as f:
                f.write('{"steps": 10000, "workspace": false, "bytes_allocated_per_step": 418355,'
                        ' "heap_after_gc_bytes": [8737160, 8738792]}\n')
                f.write('{"steps": 10000, "workspace": true, "bytes_allocated_per_step": 3400,'
                        ' "heap_after_gc_bytes": [9115832, 9117472]}\n')
            lines = report.heap_line(path).splitlines()
        self.assertEqual(lines, [
            "memory: 418,355 bytes allocated per mlp-step-64; heap after GC over 10,000 steps:"
            " 8.74 to 8.74 MB",
            "memory: 3,400 bytes allocated per mlp-step-ws-64; heap after GC over 10,000 steps:"
            " 9.12 to 9.12 MB"])

    def test_a_step_in_a_workspace_has_the_floor_of_the_step(self):
        self.assertEqual(floor_of("mlp-step-ws-64"), "mlp-step-floor-64")
        self.assertEqual(jmh_arguments("mlp-step-ws-256"),
                         ["(MlpStepFloor\\.floor$|MlpStepFloor\\.products$|MlpStepFloor\\.update$"
                          "|MlpTraining\\.stepInWorkspace$)", "-p", "batch=256"])

    def test_a_result_matches_only_the_parameters_its_workload_selects(self):
        self.assertTrue(matches({"model": "lstm"}, {"model": "lstm"}))
        self.assertFalse(matches({"model": "lstm"}, {"model": "vit"}))
        self.assertTrue(matches(None, {"batch": "64"}))
        self.assertFalse(matches({"batch": "64"}, {}))

    def test_workloads_without_batch_pass_no_parameter(self):
        self.assertEqual(jmh_arguments("sgemm1024"), ["(RawSgemm\\.sgemm1024$)"])

    def test_blas_workloads_are_known_ids(self):
        self.assertLessEqual(BLAS_WORKLOADS, {wid for wid, _, _ in WORKLOADS})

    def test_unknown_id_is_refused_with_the_known_ones(self):
        with self.assertRaisesRegex(ValueError, 'unknown workload "step".*mlp-step-64'):
            jmh_arguments("step")


class Results:
    """A results folder with Lamina and PyTorch rounds of given times."""

    def __init__(self, folder):
        self.folder = folder

    def lamina(self, threads, round_, times, blas_line=f"JNIBLAS (native, system libblas.so.3; {OPENBLAS})"):
        entries = []
        for (benchmark, batch), iterations in times.items():
            entry = {"benchmark": "dev.lamina.benchmarks." + benchmark,
                     "primaryMetric": {"rawData": [iterations]}}
            if batch:
                entry["params"] = {"batch": batch}
            entries.append(entry)
        self.write(f"lamina-t{threads}-r{round_}.json", json.dumps(entries))
        log = "# JMH version: 1.37\n" + (f"INFO: Lamina matrix products run on {blas_line}\n" if blas_line else "")
        self.write(f"lamina-t{threads}-r{round_}.log", log)
        self.write(f"lamina-t{threads}.env", f"OPENBLAS_NUM_THREADS={threads}\n")

    def pytorch(self, variant, threads, round_, times, library=OPENBLAS):
        settings = {"OPENBLAS_NUM_THREADS": str(threads)}
        if variant == "tuned":
            settings["MALLOC_TRIM_THRESHOLD_"] = "4294967296"
        lines = [json.dumps({"kind": "environment", "torch": "1.13.1", "libraries": [library],
                             "blas_info": "generic", "settings": settings,
                             "torch_set_num_threads": threads, "torch_get_num_threads": threads})]
        lines += [json.dumps({"kind": "time", "id": wid, "threads": threads, "us": us})
                  for wid, us in times.items()]
        self.write(f"pytorch-{variant}-t{threads}-r{round_}.jsonl", "\n".join(lines) + "\n")

    def probe(self, library=OPENBLAS, milliseconds=11.0):
        self.write("pytorch-probe.json", json.dumps(
            {"kind": "probe", "torch": "1.13.1", "libraries": [library], "blas_info": "generic",
             "mm_ms": milliseconds, "settings": {}}))

    def write(self, name, text):
        with open(os.path.join(self.folder, name), "w") as f:
            f.write(text)


def run_report(*arguments):
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = report.main(list(arguments))
    return status, out.getvalue(), err.getvalue()


class ReportTest(unittest.TestCase):
    def setUp(self):
        self.temporary = tempfile.TemporaryDirectory()
        self.folder = self.temporary.name
        self.results = Results(self.folder)

    def tearDown(self):
        self.temporary.cleanup()

    def three_rounds(self, lamina_library_line=None, pytorch_library=OPENBLAS):
        # centered steady on both sides; the step's Lamina rounds spread by 30%.
        step_rounds = [1000.0, 1300.0, 1100.0]
        for r in range(3):
            times = {("SmallLayers.centered", None): [0.12, 0.12, 0.13],
                     ("MlpTraining.step", "64"): [step_rounds[r]] * 3,
                     ("MlpStepFloor.floor", "64"): [850.0, 850.0, 850.0]}
            if lamina_library_line is None:
                self.results.lamina(1, r + 1, times)
            else:
                self.results.lamina(1, r + 1, times, blas_line=lamina_library_line)
            self.results.pytorch("plain", 1, r + 1, {"centered": 5.4 + 0.01 * r, "mlp-step-64": 1150.0},
                                 library=pytorch_library)
            self.results.pytorch("tuned", 1, r + 1, {"centered": 5.6, "mlp-step-64": 1120.0 + r},
                                 library=pytorch_library)

    def test_table_gives_medians_spreads_ratios_and_flags(self):
        self.results.probe()
        self.three_rounds()
        status, out, _ = run_report("--results", self.folder, "--cpu", "AMD EPYC", "--cores", "2",
                                    "--jdk", "openjdk 17.0.15", "--mode", "quick")
        self.assertEqual(status, 0)
        self.assertIn("3 rounds", out)
        self.assertIn("CPU: AMD EPYC, 2 cores", out)
        self.assertIn("JDK: openjdk 17.0.15", out)
        self.assertIn(OPENBLAS, out.split("Lamina BLAS:")[1].splitlines()[0])
        self.assertIn("OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=unset OMP_WAIT_POLICY=unset", out)
        self.assertIn("torch.set_num_threads(1)", out)
        rows = {line.split()[0]: line for line in out.splitlines()
                if line.split() and line.split()[0] in ("centered", "mlp-step-64", "mlp-step-floor-64")}
        self.assertIn("1,100.0", rows["mlp-step-64"])
        self.assertIn("1,000.0-1,300.0", rows["mlp-step-64"])
        self.assertIn("27.3%!", rows["mlp-step-64"])
        self.assertIn("1.02x", rows["mlp-step-64"])  # tuned's 1,121 over 1,100
        self.assertIn("spread over 15%", rows["mlp-step-64"])
        self.assertIn("+29.4% vs its floor", rows["mlp-step-64"])
        self.assertNotIn("!", rows["centered"])
        self.assertIn("45.08x", rows["centered"])  # plain's 5.41 over 0.12
        self.assertNotIn("REFERENCE", out)

    def test_json_rows_carry_spread_flag_and_settings(self):
        self.results.probe()
        self.three_rounds()
        path = os.path.join(self.folder, "out.json")
        status, _, _ = run_report("--results", self.folder, "--json", path)
        self.assertEqual(status, 0)
        with open(path) as f:
            rows = {row["id"]: row for row in json.load(f)}
        self.assertTrue(rows["mlp-step-64"]["flagged"])
        self.assertFalse(rows["centered"]["flagged"])
        self.assertEqual(rows["mlp-step-64"]["lamina"]["rounds"], [1000.0, 1300.0, 1100.0])
        self.assertEqual(rows["mlp-step-64"]["pytorch_variant"], "tuned")
        self.assertEqual(rows["centered"]["lamina_settings"], {"OPENBLAS_NUM_THREADS": "1"})
        self.assertEqual(rows["centered"]["reference_blas"], [])

    def test_rounds_are_kept_in_round_order_past_nine(self):
        for r in range(1, 12):
            self.results.lamina(1, r, {("RawSgemm.sgemm1024", None): [float(r)]})
        self.results.probe()
        path = os.path.join(self.folder, "out.json")
        self.assertEqual(run_report("--results", self.folder, "--json", path)[0], 0)
        with open(path) as f:
            self.assertEqual(json.load(f)[0]["lamina"]["rounds"], [float(r) for r in range(1, 12)])

    def test_refuses_when_pytorch_runs_on_the_reference_blas(self):
        self.results.probe(library=REFERENCE, milliseconds=300.0)
        self.three_rounds(pytorch_library=REFERENCE)
        status, out, err = run_report("--results", self.folder)
        self.assertEqual(status, report.REFUSED)
        self.assertEqual(out, "")
        self.assertIn(REFERENCE, err)
        self.assertIn("--allow-reference-blas", err)

    def test_refuses_when_lamina_runs_on_a_pure_java_blas(self):
        self.results.probe()
        self.three_rounds(lamina_library_line="Java11BLAS (Java, pure Java)")
        status, out, err = run_report("--results", self.folder)
        self.assertEqual(status, report.REFUSED)
        self.assertEqual(out, "")
        self.assertIn("Java11BLAS", err)

    def test_refuses_when_lamina_logged_no_blas(self):
        self.results.probe()
        self.three_rounds(lamina_library_line="")
        status, _, err = run_report("--results", self.folder)
        self.assertEqual(status, report.REFUSED)
        self.assertIn("no BLAS choice", err)

    def test_no_blas_line_is_fine_when_no_workload_multiplies(self):
        self.results.probe()
        self.results.lamina(1, 1, {("SmallLayers.centered", None): [0.12]}, blas_line="")
        self.results.pytorch("plain", 1, 1, {"centered": 5.4})
        status, out, _ = run_report("--results", self.folder)
        self.assertEqual(status, 0)
        self.assertIn("Lamina BLAS:  none logged", out)

    def test_allowed_reference_blas_marks_the_table_and_its_ratios(self):
        self.results.probe(library=REFERENCE, milliseconds=300.0)
        self.three_rounds(pytorch_library=REFERENCE)
        status, out, _ = run_report("--results", self.folder, "--allow-reference-blas")
        self.assertEqual(status, 0)
        self.assertTrue(out.startswith("REFERENCE BLAS"))
        self.assertIn(REFERENCE, out.splitlines()[1])
        self.assertIn("45.08x?", out)

    def test_check_before_measuring_judges_only_the_probe(self):
        self.results.probe()
        self.assertEqual(run_report("--check-blas", "--results", self.folder)[0], 0)
        self.results.probe(library=REFERENCE, milliseconds=300.0)
        status, _, err = run_report("--check-blas", "--results", self.folder)
        self.assertEqual(status, report.REFUSED)
        self.assertIn("3.6 GFLOP/s", err)

    def test_lamina_without_a_path_is_judged_by_the_system_library(self):
        self.results.probe()
        self.three_rounds(lamina_library_line="JNIBLAS (native, system libblas.so.3; no bundled one)")
        self.assertEqual(run_report("--check-blas", "--results", self.folder,
                                    "--system-blas", OPENBLAS)[0], 0)
        self.assertEqual(run_report("--check-blas", "--results", self.folder,
                                    "--system-blas", REFERENCE)[0], report.REFUSED)


if __name__ == "__main__":
    unittest.main()
