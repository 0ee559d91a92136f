"""The fuzz suite (``--suite fuzz``): the input properties of tests/test_properties.py with many times the
examples of the normal test run, on fresh random draws each time.

The properties: on random Unicode, soups of quotation marks of every style, news-like word soup and long
paragraphs without punctuation, only documented exceptions are raised, every span is true to the text,
quote contents never overlap, and the same input gives the same output. A failing property fails the
suite, with hypothesis's smallest failing example in the report.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ElementTree
from pathlib import Path

from benchmarks.errors import SuiteError
from benchmarks.suites import SuiteResult

NAME = "fuzz"
REPO_ROOT = Path(__file__).resolve().parents[2]
PROPERTIES = REPO_ROOT / "tests" / "test_properties.py"
SELECTION = "any_text or long_paragraphs or same_input"  # the input properties, not the decoder's
EXAMPLES_AT_SCALE_1 = 3 * 150 + 10 + 40  # as in tests/test_properties.py
DEFAULT_SCALE = 10


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--fuzz-scale", type=int, metavar="N", default=DEFAULT_SCALE,
                        help=f"examples per property, as a multiple of the test run's (default {DEFAULT_SCALE}: "
                             f"{DEFAULT_SCALE * EXAMPLES_AT_SCALE_1:,} examples, a few minutes)")


def run(args: argparse.Namespace) -> SuiteResult:
    if not PROPERTIES.is_file():
        return SuiteResult(name=NAME, skipped=f"{PROPERTIES} is not there (a checkout of the repository has it)")
    scale = args.fuzz_scale
    if scale < 1:
        raise SuiteError(f"--fuzz-scale must be at least 1, got {scale}")
    environment = {**os.environ, "QUOTEATTR_PROPERTY_SCALE": str(scale)}
    environment.pop("CI", None)  # fresh draws: CI's derandomised profile would repeat the test run's examples
    with tempfile.TemporaryDirectory(prefix="quoteattr-fuzz-") as scratch:
        report = Path(scratch) / "junit.xml"
        completed = subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(PROPERTIES), "-k", SELECTION,
             f"--junitxml={report}"],
            cwd=REPO_ROOT, env=environment, capture_output=True, text=True,
        )
        if not report.is_file():
            raise SuiteError(f"pytest did not run the properties (exit {completed.returncode}):\n"
                             + "\n".join(completed.stdout.strip().splitlines()[-15:]))
        suite = ElementTree.parse(report).getroot()
    suite = suite if suite.tag == "testsuite" else suite.find("testsuite")
    tests, failed = int(suite.get("tests", 0)), int(suite.get("failures", 0)) + int(suite.get("errors", 0))
    lines = [f"{tests} properties, {scale * EXAMPLES_AT_SCALE_1:,} examples at most (scale {scale}), "
             f"{failed} failed, in {float(suite.get('time', 0)):.0f} s"]
    if failed or tests == 0:
        lines += ["", *completed.stdout.strip().splitlines()[-40:]]
    figures = {"fuzz.properties": float(tests), "fuzz.failed": float(failed),
               "fuzz.examples": float(scale * EXAMPLES_AT_SCALE_1)}
    return SuiteResult(name=NAME, figures=figures, report="\n".join(lines))
