"""Floors and ceilings for benchmark figures, read from ``benchmarks/thresholds.toml``.

The file has a section per suite; each ``"figure.name" = value`` in it is a floor (the figure must be at
least that), and each entry of the suite's ``max`` sub-section is a ceiling (seconds, MB: at most that).
"""
from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass
from pathlib import Path

DEFAULT_THRESHOLDS = Path(__file__).with_name("thresholds.toml")


@dataclass(frozen=True)
class Limits:
    floors: dict[str, float]
    ceilings: dict[str, float]


@dataclass(frozen=True)
class Failure:
    suite: str
    figure: str
    value: float | None  # None: the figure has a threshold but was not reported (or is not a number)
    limit: float
    bound: str  # "floor" or "ceiling"

    def describe(self) -> str:
        if self.value is None:
            return f"{self.suite} {self.figure}: not reported or not a number (its {self.bound} is {self.limit:g})"
        relation = "under its floor" if self.bound == "floor" else "over its ceiling"
        return f"{self.suite} {self.figure} = {self.value:.4g} is {relation} of {self.limit:g}"


def load_thresholds(path: str | Path = DEFAULT_THRESHOLDS) -> dict[str, Limits]:
    """Suite name -> its floors and ceilings. A file that is missing or malformed raises ValueError naming
    it: a run without its guard must not pass."""
    path = Path(path)
    if not path.is_file():
        raise ValueError(f"the thresholds file {path} does not exist" + (" (a directory)" if path.is_dir() else ""))
    try:
        data = tomllib.loads(path.read_bytes().decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise ValueError(f"the thresholds file {path} cannot be read: {error}") from error
    limits = {}
    for suite, table in data.items():
        if not isinstance(table, dict):
            raise ValueError(f"{path}: {suite!r} must be a [section] of figures, got {table!r}")
        ceilings = table.get("max", {})
        if not isinstance(ceilings, dict):
            raise ValueError(f"{path}: [{suite}] max must be a [{suite}.max] section of ceilings, got {ceilings!r}")
        floors = {name: value for name, value in table.items() if name != "max"}
        for name, value in [*floors.items(), *ceilings.items()]:
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
                raise ValueError(f"{path}: [{suite}] {name!r} must be a finite number, got {value!r}")
        limits[suite] = Limits(floors={k: float(v) for k, v in floors.items()},
                               ceilings={k: float(v) for k, v in ceilings.items()})
    return limits


def check_figures(suite: str, figures: dict[str, float], limits: Limits | None) -> list[Failure]:
    """Every figure of ``suite`` that is under its floor or over its ceiling.

    A figure with a threshold that the suite did not report, or reported as NaN, fails too: a missing
    figure must not pass silently.
    """
    if limits is None:
        return []
    failures = []
    for bound, table in (("floor", limits.floors), ("ceiling", limits.ceilings)):
        for name, limit in sorted(table.items()):
            value = figures.get(name)
            if not isinstance(value, (int, float)) or isinstance(value, bool) or math.isnan(value):
                failures.append(Failure(suite, name, None, limit, bound))
            elif (bound == "floor" and value < limit) or (bound == "ceiling" and value > limit):
                failures.append(Failure(suite, name, float(value), limit, bound))
    return failures
