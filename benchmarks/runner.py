"""``python -m benchmarks``: run the suites, print their tables, check their figures against thresholds.toml.

Exit status: 0 when every suite that ran met its thresholds, 1 when a figure failed or a suite could not
run (a skipped suite, one whose inputs were not given, fails nothing). Argument errors exit 2 (argparse).
"""
from __future__ import annotations

import argparse
import dataclasses
import importlib
import math
import pkgutil
import platform
import sys
import time
import traceback
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from types import ModuleType
from typing import Sequence

from benchmarks import suites as suites_package
from benchmarks.errors import SuiteError
from benchmarks.suites import SuiteResult
from benchmarks.thresholds import DEFAULT_THRESHOLDS, Failure, Limits, check_figures, load_thresholds

# Run order; any other suite module found in benchmarks/suites/ runs after these, by name.
PREFERRED_ORDER = ("seed", "news", "polnear", "models", "fuzz", "speed")
SUITE_API = ("NAME", "add_arguments", "run")


@dataclass
class SuiteOutcome:
    name: str
    result: SuiteResult | None = None
    error: str | None = None  # why the suite could not run (import error, bad input, crash)
    failures: list[Failure] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def failed(self) -> bool:
        return self.error is not None or bool(self.failures)


def discover_suites() -> tuple[dict[str, ModuleType], dict[str, str]]:
    """The suite modules of benchmarks/suites/ by NAME, and the modules that failed to import, with why.

    Modules whose name starts with "_" are helpers, not suites.
    """
    modules: dict[str, ModuleType] = {}
    broken: dict[str, str] = {}
    for info in pkgutil.iter_modules(suites_package.__path__):
        if info.name.startswith("_"):
            continue
        try:
            module = importlib.import_module(f"{suites_package.__name__}.{info.name}")
        except Exception as error:  # a suite being written by someone else must not stop the others
            broken[info.name] = f"{type(error).__name__}: {error}"
            continue
        missing = [attribute for attribute in SUITE_API if not hasattr(module, attribute)]
        if missing:
            broken[info.name] = f"module benchmarks/suites/{info.name}.py lacks {', '.join(missing)}"
            continue
        modules[module.NAME] = module
    rank = {name: index for index, name in enumerate(PREFERRED_ORDER)}
    ordered = sorted(modules, key=lambda name: (rank.get(name, len(rank)), name))
    return {name: modules[name] for name in ordered}, broken


def build_parser(modules: dict[str, ModuleType], broken: dict[str, str]) -> argparse.ArgumentParser:
    """The runner's options and each suite's own; a suite whose add_arguments fails moves to ``broken``."""
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks",
        description="Run quoteattr's benchmark suites and compare each figure with benchmarks/thresholds.toml.",
    )
    parser.add_argument("--suite", action="append", metavar="NAME",
                        help=f"suite(s) to run, repeatable or comma-separated: {'|'.join(modules)}|all "
                             "(default: all, i.e. every suite whose inputs are available)")
    parser.add_argument("--json", metavar="FILE", help="write every suite's figures and report to FILE")
    parser.add_argument("--models", metavar="DIR", help="stanza model directory for quoteattr.Attributor")
    parser.add_argument("--parse-all", action="store_true",
                        help="the accuracy suites' Attributor parses every sentence, not only those with a reporting "
                             "cue: every figure should equal the default run's (docs/benchmarks.md)")
    parser.add_argument("--thresholds", metavar="FILE", default=str(DEFAULT_THRESHOLDS),
                        help="floors and ceilings (default: benchmarks/thresholds.toml)")
    for name, module in list(modules.items()):
        try:
            module.add_arguments(parser.add_argument_group(f"{name} suite"))
        except Exception as error:  # e.g. an option another suite already defines
            broken[name] = f"add_arguments failed: {type(error).__name__}: {error}"
            del modules[name]
    return parser


def selected_suites(requested: list[str] | None, available: Sequence[str], broken: Sequence[str]) -> list[str]:
    """The suite names to run, in run order; raises ValueError for an unknown name."""
    names = [part.strip() for item in (requested or ["all"]) for part in item.split(",") if part.strip()]
    if not names:  # --suite "" (an unset variable): running everything would hide the mistake
        raise ValueError(f"--suite names no suite: choose from {', '.join([*available, 'all'])}")
    if "all" in names:
        return [*available, *broken]
    unknown = [name for name in names if name not in available and name not in broken]
    if unknown:
        raise ValueError(f"unknown suite(s) {', '.join(unknown)}: choose from {', '.join([*available, 'all'])}")
    return [name for name in [*available, *broken] if name in names]


def run_suite(module: ModuleType, args: argparse.Namespace) -> SuiteOutcome:
    outcome = SuiteOutcome(name=module.NAME)
    started = time.perf_counter()
    try:
        outcome.result = module.run(args)
    except SuiteError as error:
        outcome.error = str(error)
    except Exception:  # a crash in one suite is reported, and the others still run
        outcome.error = "crashed:\n" + traceback.format_exc()
    outcome.seconds = time.perf_counter() - started
    return outcome


def print_outcome(outcome: SuiteOutcome, limits: Limits | None) -> None:
    rule = "=" * 100
    print(f"\n{rule}\n{outcome.name} suite\n{rule}")
    if outcome.error is not None:
        print(f"{outcome.name} suite FAILED to run: {outcome.error}")
        return
    result = outcome.result
    if result.skipped:
        print(f"{outcome.name} suite skipped: {result.skipped}")
        return
    if result.report:
        print(result.report)
    print(f"\n{outcome.name}: {len(result.figures)} figures in {outcome.seconds:.1f} s (all of them in --json); "
          "thresholds:")
    checked = [(name, "floor", limit) for name, limit in (limits.floors.items() if limits else ())]
    checked += [(name, "ceiling", limit) for name, limit in (limits.ceilings.items() if limits else ())]
    failed = {(failure.figure, failure.bound) for failure in outcome.failures}
    for name, bound, limit in checked:
        value = result.figures.get(name)
        shown = f"{value:.4g}" if isinstance(value, (int, float)) else "not reported"
        verdict = "FAIL" if (name, bound) in failed else "ok"
        print(f"  {verdict:<4}  {name:<36} {shown:>12}   {bound} {limit:g}")
    if not checked:
        print("  (none set in the thresholds file)")


def summary_lines(outcomes: list[SuiteOutcome]) -> list[str]:
    lines = []
    for outcome in outcomes:
        if outcome.error is not None:
            lines.append(f"  {outcome.name:<8} ERROR   {outcome.error.splitlines()[0]}")
        elif outcome.result.skipped:
            lines.append(f"  {outcome.name:<8} skipped ({outcome.result.skipped})")
        elif outcome.failures:
            lines.append(f"  {outcome.name:<8} FAIL    {len(outcome.failures)} figure(s) outside their thresholds")
            lines.extend(f"             {failure.describe()}" for failure in outcome.failures)
        else:
            lines.append(f"  {outcome.name:<8} ok      {len(outcome.result.figures)} figure(s) within thresholds")
    return lines


def _json_number(value):
    """NaN (a figure with an empty denominator) as null: json.dump would write the invalid token NaN."""
    return None if isinstance(value, float) and math.isnan(value) else value


def write_json(path: str, outcomes: list[SuiteOutcome], thresholds_file: str, passed: bool) -> None:
    import quoteattr

    data = {
        "passed": passed,
        "finished": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "quoteattr_version": getattr(quoteattr, "__version__", None),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "thresholds": thresholds_file,
        "suites": {
            outcome.name: {
                "status": ("error" if outcome.error is not None else
                           "skipped" if outcome.result.skipped else "fail" if outcome.failures else "ok"),
                "seconds": round(outcome.seconds, 2),
                "error": outcome.error,
                "skipped": outcome.result.skipped if outcome.result else None,
                "figures": {name: _json_number(value) for name, value in
                            (outcome.result.figures if outcome.result else {}).items()},
                "failures": [dataclasses.asdict(failure) for failure in outcome.failures],
                "report": outcome.result.report if outcome.result else "",
            }
            for outcome in outcomes
        },
    }
    from quoteattr.corpus import json_text

    Path(path).parent.mkdir(parents=True, exist_ok=True)
    Path(path).write_text(json_text(data, indent=2) + "\n", encoding="utf-8")  # a gold text's lone surrogate too


def check_options(args: argparse.Namespace, thresholds: dict, suites: Sequence[str]) -> None:
    """Mistakes in the options found before any suite runs (ValueError): an empty value (an unset
    variable: the suite would be skipped as if not asked for), a thresholds section no suite has (a
    misspelt name guards nothing), a --json path that cannot be written, a model directory that is not one."""
    empty = [name for name, value in vars(args).items() if value == ""]
    if empty:
        raise ValueError(f"empty value for {', '.join('--' + name.replace('_', '-') for name in empty)}")
    unknown = sorted(set(thresholds) - set(suites))
    if unknown:
        raise ValueError(f"the thresholds file has a section for no suite: {', '.join(unknown)} "
                         f"(the suites: {', '.join(suites)})")
    if args.json is not None:
        where = Path(args.json)
        if where.is_dir():
            raise ValueError(f"--json {where} is a directory: name a file")
        parent = next((folder for folder in where.parents if folder.exists()), Path("."))
        if not parent.is_dir():
            raise ValueError(f"--json {where}: {parent} is a file, not a directory")
    if args.models is not None:
        from quoteattr.errors import ModelError
        from quoteattr.parse import resolve_models

        try:
            resolve_models(args.models)
        except ModelError as error:
            raise ValueError(str(error)) from error


def main(argv: Sequence[str] | None = None) -> int:
    modules, broken = discover_suites()
    parser = build_parser(modules, broken)
    args = parser.parse_args(argv)
    try:
        names = selected_suites(args.suite, list(modules), list(broken))
        thresholds = load_thresholds(args.thresholds)
        check_options(args, thresholds, [*modules, *broken])
    except (ValueError, OSError) as error:
        parser.error(str(error))

    outcomes = []
    for name in names:
        if name in broken:
            outcome = SuiteOutcome(name=name, error=f"could not be loaded: {broken[name]}")
        else:
            outcome = run_suite(modules[name], args)
            if outcome.error is None and not outcome.result.skipped:
                outcome.failures = check_figures(name, outcome.result.figures, thresholds.get(name))
        print_outcome(outcome, thresholds.get(name))
        sys.stdout.flush()
        outcomes.append(outcome)

    passed = not any(outcome.failed for outcome in outcomes)
    print(f"\n{'=' * 100}\nsummary ({'passed' if passed else 'FAILED'}):")
    print("\n".join(summary_lines(outcomes)))
    if args.json:
        write_json(args.json, outcomes, args.thresholds, passed)
        print(f"results written to {args.json}")
    return 0 if passed else 1
