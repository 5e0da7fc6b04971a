"""Each run writes its own hil-results/<UTC time>-<board>/ with a `latest`
link: two runners started at once (same board, same second) produce two
intact directories, each with all three reports of its own run; relative
paths are taken from where the user ran ./rig ($TIDEMARK_HIL_CWD), not from
the runner's working directory; --out keeps meaning exactly that directory
and loses a previous run's reports before anything runs."""

import json
import os
import subprocess
import sys
import tempfile
import unittest
import xml.etree.ElementTree as ET

from hil.tests.runner_process import RUNNER, run_runner, runner_env

AGENT = os.path.abspath(next(p for p in sys.argv[1:] if p.endswith(".elf")))
del sys.argv[1:]


def suite_text(name, cases):
    return "name: %s\ncases:\n%s" % (name, "".join(
        "  - {name: c%d, command: ping, args: {a1: %d}, limits: {echo_ok: 1}}\n" % (i, i) for i in range(cases)))


class ResultDirectories(unittest.TestCase):
    def setUp(self):
        self.user_dir = tempfile.mkdtemp()
        self.sub = os.path.join(self.user_dir, "sub")
        os.mkdir(self.sub)

    def test_two_concurrent_runs_keep_their_own_directories(self):
        runners = []
        for name, cases in (("one", 1), ("two", 5)):
            with open(os.path.join(self.sub, "%s.yaml" % name), "w") as f:
                f.write(suite_text(name, cases))
            # Relative suite path, runner started in "/": only $TIDEMARK_HIL_CWD finds it.
            runners.append(subprocess.Popen(
                RUNNER + ["--board", "emulated", "--suite", "%s.yaml" % name, "--firmware", AGENT, "--quiet"],
                cwd="/", env=runner_env({"TIDEMARK_HIL_CWD": self.sub}),
                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
        answers = []
        try:
            for proc in runners:
                answers.append(proc.communicate(timeout=60))
        finally:
            for proc in runners:
                if proc.poll() is None:
                    proc.kill()
                    proc.communicate()
        for proc, (_, stderr) in zip(runners, answers):
            self.assertEqual(proc.returncode, 0, stderr)
        root = os.path.join(self.sub, "hil-results")
        run_dirs = sorted(d for d in os.listdir(root) if d != "latest")
        self.assertEqual(len(run_dirs), 2, run_dirs)
        suites = set()
        for run_dir in run_dirs:
            self.assertRegex(run_dir, r"^\d{8}T\d{6}Z-emulated(-\d+)?$")
            path = os.path.join(root, run_dir)
            self.assertEqual(sorted(os.listdir(path)), ["junit.xml", "report.html", "results.json"])
            with open(os.path.join(path, "results.json")) as f:
                results = json.load(f)
            testsuite = ET.parse(os.path.join(path, "junit.xml")).getroot().find("testsuite")
            with open(os.path.join(path, "report.html")) as f:
                page = f.read()
            # All three files come from the same run.
            self.assertEqual(testsuite.get("name"), "hil.%s" % results["suite"])
            self.assertEqual(int(testsuite.get("tests")), len(results["cases"]))
            self.assertIn("<title>HIL %s on emulated</title>" % results["suite"], page)
            suites.add((results["suite"], len(results["cases"])))
        self.assertEqual(suites, {("one", 1), ("two", 5)})
        latest = os.readlink(os.path.join(root, "latest"))
        self.assertIn(latest, run_dirs)
        self.assertEqual([n for n in os.listdir(root) if n.startswith(".")], [])   # no temporary links

    def test_out_is_exactly_that_directory_and_loses_old_reports(self):
        out = os.path.join(self.user_dir, "exact")
        os.mkdir(out)
        stale = os.path.join(out, "report.html")
        with open(stale, "w") as f:
            f.write("stale PASS")
        suite = os.path.join(self.sub, "bad.yaml")
        with open(suite, "w") as f:
            f.write("cases:\n  - {name: p, command: ping, args: {a0: 0x48414E47}, timeout_s: 0.5}\n")
        proc = run_runner("--board", "emulated", "--suite", suite, "--firmware", AGENT, "--out", out, "--quiet")
        self.assertEqual(proc.returncode, 1, proc.stderr)
        self.assertEqual(sorted(os.listdir(out)), ["junit.xml", "report.html", "results.json"])
        with open(stale) as f:
            self.assertNotIn("stale PASS", f.read())
        self.assertFalse(os.path.exists(os.path.join(self.user_dir, "hil-results")))


if __name__ == "__main__":
    unittest.main()
