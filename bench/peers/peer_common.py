"""Shared by the peers (numpy_peer.py, mesa_peer.py): the scenario as `mineralsim validate`
resolves it, the model's enumerations and two scalar formulas (the recycling ramp, the licence
stage pass share), the command line, the ensemble statistics and the output file.

The peers do not read the scenario's TOML parameters themselves: they run
`mineralsim validate SCENARIO` and parse its structural sections (commodities, suppliers,
importers, regimes, stockpile holdings, events) and its "parameters:" section, in which every
default is already filled in. That keeps one source of defaults and resolution rules (the C++
parameter table and loader). validate prints values to 10 significant digits. The one thing it
does not print is the recycling ramp's start and end days (integers, not parameters); they are
read from the TOML's [[demand]] tables with the loader's default of day 0.

Output (.npz): price_mean, price_std [T, C], price_quantiles [T, C, Q]; cover_days_mean,
cover_days_std [T, K, C], cover_days_quantiles [T, K, C, Q]; unmet_mean, unmet_std,
unmet_probability_positive [T, K, C]; quantile_levels [Q] (every percentile); commodity, importer
(names); peer, trajectories, days, seed, wall_seconds, trajectory_days_per_second.

The peers implement the daily step of docs/model.md (include/mineralsim/model/), not every
scenario feature: a scenario with projects, offtakes, origin tariffs, summary windows, price
floors or parameter distributions is refused.
"""

from __future__ import annotations

import argparse
import math
import os
import re
import subprocess
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]

LEVELS = ("OPEN", "LICENSED", "RESTRICTED", "EMBARGO")
OPEN, LICENSED, RESTRICTED, EMBARGO = range(4)

# Every percentile: a superset of mineralsim's levels (0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99),
# fine enough for tests/python/test_peers.py to bound a quantile by the neighbouring levels.
QUANTILE_LEVELS = np.round(np.arange(1, 100) / 100.0, 2)

# Scheduled regime events (include/mineralsim/model/regime_level.hpp, EventAction).
SET_LEVEL, PAUSE, RESUME, BAN, UNBAN = range(5)

# Stockpile modes (include/mineralsim/model/stockpile_mode.hpp).
STOCK_IDLE, STOCK_ACTIVATING, STOCK_RELEASING, STOCK_REFILLING = range(4)

# Price bounds (steps/prices.hpp): a daily log move is clamped to +-0.25, and a price stays
# within a factor 1000 of its initial value.
MAX_DAILY_LOG_MOVE = 0.25
LOG_PRICE_RANGE = math.log(1000.0)


def find_cli() -> Path:
    """The mineralsim CLI: $MINERALSIM_CLI, else build/release/mineralsim, else the CPU build."""
    if "MINERALSIM_CLI" in os.environ:
        return Path(os.environ["MINERALSIM_CLI"])
    for candidate in ("build/release/mineralsim", "build/release-cpu/mineralsim"):
        if (ROOT / candidate).is_file():
            return ROOT / candidate
    raise FileNotFoundError("mineralsim CLI not built (set MINERALSIM_CLI)")


@dataclass(frozen=True)
class Event:
    """One scheduled regime event: on `day`, `action` (SET_LEVEL ...) with its argument (a level,
    a number of days or an importer index) on `regime`."""

    day: int
    regime: int
    action: int
    argument: int


@dataclass
class Scenario:
    """A resolved scenario: names, structure and every parameter value as arrays indexed like the
    C++ model (s supplier, k importer, c commodity, x regime, g holding)."""

    name: str
    horizon_days: int
    seed: int
    commodities: list[str]
    suppliers: list[str]
    importers: list[str]
    regime_names: list[str]
    regime_exporter: np.ndarray  # [X] supplier index
    regime_commodity: np.ndarray  # [X]
    regime_initial_level: np.ndarray  # [X]
    license_stages: np.ndarray  # [X]
    restricted_destination: np.ndarray  # [X, K] bool
    regime_of_supply: np.ndarray  # [S, C] regime index or -1
    holding_names: list[str]
    holding_importer: np.ndarray  # [G]
    holding_commodity: np.ndarray  # [G]
    recycling_start_day: np.ndarray  # [K, C]
    recycling_end_day: np.ndarray  # [K, C]
    events: list[Event]
    values: dict[str, float] = field(repr=False)

    @property
    def shape(self) -> tuple[int, int, int, int, int]:
        """(C, S, K, X, G)."""
        return (len(self.commodities), len(self.suppliers), len(self.importers),
                len(self.regime_names), len(self.holding_names))

    def one(self, table: str, key: str) -> float:
        """A scenario-wide value, e.g. one("tension", "initial")."""
        return self.values[f"{table}.{key}"]

    def per_commodity(self, key: str) -> np.ndarray:
        """[C] values of commodity[c].key."""
        return np.array([self.values[f"commodity[{c}].{key}"] for c in self.commodities])

    def per_supply(self, key: str) -> np.ndarray:
        """[S, C] values of supply[s, c].key."""
        return np.array([[self.values[f"supply[{s}, {c}].{key}"] for c in self.commodities]
                         for s in self.suppliers])

    def per_demand(self, key: str) -> np.ndarray:
        """[K, C] values of demand[k, c].key."""
        return np.array([[self.values[f"demand[{k}, {c}].{key}"] for c in self.commodities]
                         for k in self.importers])

    def per_regime(self, key: str) -> np.ndarray:
        """[X] values of regime[x].key."""
        return np.array([self.values[f"regime[{x}].{key}"] for x in self.regime_names])

    def per_regime_level(self, key: str) -> np.ndarray:
        """[X, 4] values of regime[x, LEVEL].key."""
        return np.array([[self.values[f"regime[{x}, {level}].{key}"] for level in LEVELS]
                         for x in self.regime_names])

    def per_holding(self, key: str) -> np.ndarray:
        """[G] values of stockpile[g].key."""
        return np.array([self.values[f"stockpile[{g}].{key}"] for g in self.holding_names])


def _split_output(text: str) -> tuple[dict[str, str], dict[str, list[str]]]:
    """validate's output as one-line entries ("seed: 7" -> {"seed": "7"}) and sections (the
    header "regimes (2):" -> "regimes" maps to its indented lines)."""
    entries: dict[str, str] = {}
    sections: dict[str, list[str]] = {}
    current: list[str] = []
    for line in text.splitlines():
        if line.startswith("  "):
            current.append(line[2:])
        elif line.endswith(":"):
            current = sections.setdefault(line[:-1].split(" (")[0], [])
        elif ": " in line:
            key, value = line.split(": ", 1)
            entries[key] = value
    return entries, sections


def _match_name(text: str, names: list[str], what: str) -> tuple[int, str]:
    """The index of the longest name that `text` starts with, and the rest of `text`."""
    best = -1
    for i, name in enumerate(names):
        if text.startswith(name) and (best < 0 or len(name) > len(names[best])):
            best = i
    if best < 0:
        raise ValueError(f"validate output: no {what} name at the start of {text!r}")
    return best, text[len(names[best]):]


def _parse_event(line: str, regimes: list[str], importers: list[str]) -> Event:
    """One line of validate's "events" section, e.g.
    "day 30 (2025-01-31): China/gallium: ban US defense -- note"."""
    found = re.match(r"day (\d+) \([0-9-]+\): (.*)$", line)
    if found is None:
        raise ValueError(f"validate output: unreadable event {line!r}")
    day = int(found.group(1))
    regime, rest = _match_name(found.group(2), regimes, "regime")
    action_text = rest.removeprefix(": ")
    if action_text.startswith(("ban ", "unban ")):
        action = BAN if action_text.startswith("ban ") else UNBAN
        importer, _ = _match_name(action_text.split(" ", 1)[1], importers, "importer")
        return Event(day, regime, action, importer)
    action_text = action_text.split(" -- ", 1)[0]
    if action_text.startswith("set "):
        return Event(day, regime, SET_LEVEL, LEVELS.index(action_text[4:]))
    if action_text.startswith("pause "):
        return Event(day, regime, PAUSE, int(action_text.split()[1]))
    if action_text == "resume":
        return Event(day, regime, RESUME, 0)
    raise ValueError(f"validate output: unknown event action {action_text!r}")


def _recycling_days(path: Path, importers: list[str], commodities: list[str]
                    ) -> tuple[np.ndarray, np.ndarray]:
    """[K, C] recycling start and end days from the TOML's [[demand]] tables (default day 0)."""
    start = np.zeros((len(importers), len(commodities)), dtype=np.int64)
    end = np.zeros_like(start)
    with open(path, "rb") as handle:
        document = tomllib.load(handle)
    for entry in document.get("demand", []):
        k = importers.index(entry["importer"])
        c = commodities.index(entry["commodity"])
        start[k, c] = entry.get("recycling_start_day", 0)
        end[k, c] = entry.get("recycling_end_day", 0)
    return start, end


def load_scenario(path: Path, cli: Path | None = None) -> Scenario:
    """Runs `mineralsim validate` on the scenario and builds the resolved Scenario from its text."""
    result = subprocess.run([str(cli or find_cli()), "validate", str(path)], capture_output=True,
                            text=True, check=False)
    if result.returncode != 0:
        raise ValueError(f"mineralsim validate {path} failed:\n{result.stderr}")
    entries, sections = _split_output(result.stdout)
    for unsupported in ("projects", "offtakes", "origin tariffs", "summary windows"):
        if sections.get(unsupported):
            raise ValueError(f"the peers do not implement {unsupported}")
    if not entries["parameters"].endswith(" 0 drawn per trajectory"):
        raise ValueError("the peers do not implement parameter distributions")

    commodities = [line.rsplit(" (unit ", 1)[0] for line in sections["commodities"]]
    suppliers = [re.sub(r": (produces .*|no capacity at day 0)$", "", line)
                 for line in sections["suppliers"]]
    importers = [re.sub(r": (demands .*|no demand at day 0)$", "", line)
                 for line in sections["importers"]]

    regime_names: list[str] = []
    exporter, commodity, initial, stages = [], [], [], []
    restricted = np.zeros((len(sections["regimes"]), len(importers)), dtype=bool)
    for x, line in enumerate(sections["regimes"]):
        found = re.match(r"(.*): initial (\w+), (\d+) licence stages, restricted destinations: "
                         r"(.*)$", line)
        if found is None:
            raise ValueError(f"validate output: unreadable regime {line!r}")
        name = found.group(1)
        pairs = [(s, c) for s in range(len(suppliers)) for c in range(len(commodities))
                 if f"{suppliers[s]}/{commodities[c]}" == name]
        regime_names.append(name)
        exporter.append(pairs[0][0])
        commodity.append(pairs[0][1])
        initial.append(LEVELS.index(found.group(2)))
        stages.append(int(found.group(3)))
        rest = found.group(4)
        while rest != "none" and rest:
            k, rest = _match_name(rest, importers, "importer")
            restricted[x, k] = True
            rest = rest.removeprefix(", ")
    regime_of_supply = np.full((len(suppliers), len(commodities)), -1)
    for x, (s, c) in enumerate(zip(exporter, commodity)):
        regime_of_supply[s, c] = x

    holding_names: list[str] = []
    holding_importer, holding_commodity = [], []
    for line in sections["stockpile holdings"]:
        found = re.match(r"(.*): releases (.*) to (.*)$", line)
        if found is None:
            raise ValueError(f"validate output: unreadable holding {line!r}")
        holding_names.append(found.group(1))
        holding_commodity.append(commodities.index(found.group(2)))
        holding_importer.append(importers.index(found.group(3)))

    values: dict[str, float] = {}
    for line in sections["parameters"]:
        name, value = line.rsplit(" = ", 1)
        values[name] = float(value)
    for s in suppliers:
        for c in commodities:
            if values[f"supply[{s}, {c}].floor_price"] > 0.0:
                raise ValueError("the peers do not implement price floors")

    start_day, end_day = _recycling_days(path, importers, commodities)
    return Scenario(
        name=entries["scenario"],
        horizon_days=int(entries["horizon"].split(" ", 1)[0]),
        seed=int(entries["seed"]),
        commodities=commodities, suppliers=suppliers, importers=importers,
        regime_names=regime_names,
        regime_exporter=np.array(exporter, dtype=np.int64),
        regime_commodity=np.array(commodity, dtype=np.int64),
        regime_initial_level=np.array(initial, dtype=np.int64),
        license_stages=np.array(stages, dtype=np.int64),
        restricted_destination=restricted,
        regime_of_supply=regime_of_supply,
        holding_names=holding_names,
        holding_importer=np.array(holding_importer, dtype=np.int64),
        holding_commodity=np.array(holding_commodity, dtype=np.int64),
        recycling_start_day=start_day, recycling_end_day=end_day,
        events=[_parse_event(line, regime_names, importers)
                for line in sections.get("events", [])],
        values=values)


def recycled_share(start_share: float, end_share: float, start_day: int, end_day: int,
                   day: int) -> float:
    """The recycled share of demand on `day`: a linear ramp (steps/orders.hpp, recycled_share)."""
    if day <= start_day:
        return start_share if day < end_day else end_share
    if day >= end_day:
        return end_share
    return start_share + (end_share - start_share) * (day - start_day) / (end_day - start_day)


def license_stage_pass_share(stages: int, mean_delay_days: float) -> float:
    """Share of a licence stage's content passed on each day (steps/exports.hpp)."""
    return min(1.0, stages / mean_delay_days)


def parse_arguments(description: str) -> argparse.Namespace:
    """The peers' common command line: SCENARIO -n N --days T --seed S --out OUT.npz."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("scenario", type=Path, help="scenario TOML file")
    parser.add_argument("-n", "--trajectories", type=int, default=1000,
                        help="number of trajectories (default 1000)")
    parser.add_argument("--days", type=int, default=None,
                        help="days to simulate (default: the scenario's horizon)")
    parser.add_argument("--seed", type=int, default=None,
                        help="random seed (default: the scenario's seed)")
    parser.add_argument("--out", type=Path, required=True, help="output .npz file")
    parser.add_argument("--cli", type=Path, default=None,
                        help="mineralsim CLI to run `validate` with "
                             "(default: $MINERALSIM_CLI or the build)")
    return parser.parse_args()


@dataclass
class EnsembleStatistics:
    """Per-day ensemble statistics of the three compared observables, filled day by day:
    price [T, C], cover_days [T, K, C] (inventory / that day's demand, 0 when demand is 0, as
    observables.hpp) and unmet [T, K, C]."""

    days: int
    commodities: int
    importers: int
    arrays: dict[str, np.ndarray] = field(init=False)

    def __post_init__(self) -> None:
        shapes = {"price": (self.commodities,),
                  "cover_days": (self.importers, self.commodities),
                  "unmet": (self.importers, self.commodities)}
        self.arrays = {}
        for name, shape in shapes.items():
            for statistic in ("mean", "std"):
                self.arrays[f"{name}_{statistic}"] = np.zeros((self.days, *shape))
            if name == "unmet":
                self.arrays["unmet_probability_positive"] = np.zeros((self.days, *shape))
            else:
                self.arrays[f"{name}_quantiles"] = np.zeros(
                    (self.days, *shape, len(QUANTILE_LEVELS)))

    def record(self, day: int, price: np.ndarray, cover_days: np.ndarray,
               unmet: np.ndarray) -> None:
        """Adds one day's values over the ensemble: arrays with the trajectory as first axis."""
        for name, values in (("price", price), ("cover_days", cover_days), ("unmet", unmet)):
            self.arrays[f"{name}_mean"][day] = values.mean(axis=0)
            self.arrays[f"{name}_std"][day] = values.std(axis=0, ddof=1) if len(values) > 1 else 0
            if name == "unmet":
                self.arrays["unmet_probability_positive"][day] = (values > 0.0).mean(axis=0)
            else:
                self.arrays[f"{name}_quantiles"][day] = sample_quantiles(values)


def sample_quantiles(values: np.ndarray) -> np.ndarray:
    """[N, ...] -> [..., Q]: at each level q the value of rank max(1, ceil(q N)), the definition
    of mineralsim's histogram quantiles (src/engine/daily_statistics.cpp) without their binning."""
    n = len(values)
    ranks = np.maximum(1, np.ceil(QUANTILE_LEVELS * n)).astype(np.int64) - 1
    return np.moveaxis(np.sort(values, axis=0)[ranks], 0, -1)


def write_results(path: Path, statistics: EnsembleStatistics, scenario: Scenario, peer: str,
                  trajectories: int, seed: int, wall_seconds: float) -> float:
    """Writes the statistics and the run's figures to an .npz file, prints the summary line and
    returns the throughput in trajectory-days per second."""
    rate = trajectories * statistics.days / wall_seconds
    np.savez(path, **statistics.arrays, quantile_levels=QUANTILE_LEVELS,
             commodity=np.array(scenario.commodities), importer=np.array(scenario.importers),
             peer=peer, trajectories=trajectories, days=statistics.days, seed=seed,
             wall_seconds=wall_seconds, trajectory_days_per_second=rate)
    print(f"{peer}: {trajectories} trajectories x {statistics.days} days in {wall_seconds:.2f} s "
          f"({rate:.3g} trajectory-days/s), wrote {path}")
    return rate
