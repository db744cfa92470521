"""The peers (bench/peers/) as an independent check of mineralsim's model: mineralsim, the NumPy
peer and the Mesa peer simulate bench/peers/peer_scenario.toml with their own random numbers, and
their per-day ensemble statistics must agree within Monte Carlo error.

Tolerances, on the checked days, for each price and each importer's cover and unmet demand:
- means: 4 standard errors of the difference, s sqrt(1 / n_a + 1 / n_b), with s the standard
  deviation of both samples together (from each side's mean and standard deviation). Under the
  hypothesis tested, that the two share one distribution, s estimates its spread better than
  each side's own, and unlike the Welch form sqrt(s_a^2 / n_a + s_b^2 / n_b) it does not
  collapse when the smaller sample happens to hold no rare event (no shortage on a day in 400
  Mesa trajectories while mineralsim's 2,000 hold a few);
- quantiles (levels 0.05, 0.5, 0.95): the sample quantile of rank ceil(q n) is an order
  statistic; F of it (F the common distribution function) is q plus an error with the binomial
  standard deviation sqrt(q (1 - q) / n), whatever F is, atoms included (cover sits at 0 on days
  of shortage). So mineralsim's q-quantile must lie between the peer's quantiles at the levels
  q - delta and q + delta, delta = 4 sqrt(q (1 - q) (1 / n_a + 1 / n_b)) (the peers write every
  percentile; the band is rounded outward to them), widened by mineralsim's histogram
  resolution: its quantiles are bin midpoints within 1/64 relative of the exact sample quantile,
  and values below 1/256 of the variable's scale share one bin (docs/output.md). Unlike a
  tolerance from an estimated density, this holds next to an atom, where the quantile function
  jumps;
- the probability of unmet demand > 0: 4 binomial standard errors of the difference, from the
  pooled probability.
Every source has a fixed seed, so the test is deterministic. It can fail: dropping the
precautionary-buying term from either peer's orders makes the means and quantiles disagree
(checked when the test was written).
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import h5py
import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[2]
CLI = Path(os.environ.get("MINERALSIM_CLI", ROOT / "build/release/mineralsim"))
PEERS = ROOT / "bench/peers"
SCENARIO = PEERS / "peer_scenario.toml"
DAYS = 400
TRAJECTORIES = {"mineralsim": 2000, "numpy": 2000, "mesa": 400}
SEEDS = {"mineralsim": 7, "numpy": 8, "mesa": 9}
CHECK_DAYS = (10, 60, 200, 312, DAYS - 1)
CHECK_LEVELS = (0.05, 0.5, 0.95)
SIGMAS = 4.0
VARIABLES = ("price", "cover_days")

sys.path.insert(0, str(PEERS))
from peer_common import load_scenario  # noqa: E402  (bench/peers is not a package)


@dataclass
class Statistics:
    """One source's per-day statistics: n, and per variable mean, std and quantiles [T, ..., Q]
    at `levels`; unmet's probability of being positive."""

    name: str
    n: int
    commodities: list[str]
    importers: list[str]
    levels: np.ndarray
    mean: dict[str, np.ndarray]
    std: dict[str, np.ndarray]
    quantiles: dict[str, np.ndarray]
    unmet_probability: np.ndarray

    def label(self, variable: str, cell: tuple) -> str:
        """e.g. "cover_days[US defense, gallium]"."""
        index = [int(i) for i in cell]
        names = ([self.commodities[index[0]]] if variable == "price"
                 else [self.importers[index[0]], self.commodities[index[1]]])
        return f"{variable}[{', '.join(names)}]"


def require_cli() -> None:
    if not CLI.is_file():
        pytest.skip(f"mineralsim CLI not built at {CLI} (set MINERALSIM_CLI)")


def run_mineralsim(path: Path) -> Statistics:
    require_cli()
    result = subprocess.run(
        [str(CLI), "run", str(SCENARIO), "-n", str(TRAJECTORIES["mineralsim"]), "--days",
         str(DAYS), "--seed", str(SEEDS["mineralsim"]), "--out", str(path), "--quiet", "--force"],
        cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    with h5py.File(path, "r") as f:
        return Statistics(
            "mineralsim", int(f["progress"][0]),
            [name.decode() for name in f["dimensions/commodity"][:]],
            [name.decode() for name in f["dimensions/importer"][:]], f["dimensions/quantile"][:],
            {v: f[f"daily/{v}/mean"][:] for v in (*VARIABLES, "unmet")},
            {v: f[f"daily/{v}/std"][:] for v in (*VARIABLES, "unmet")},
            {v: f[f"daily/{v}/quantiles"][:] for v in VARIABLES},
            f["daily/unmet/probability_positive"][:])


def run_peer(peer: str, path: Path) -> Statistics:
    require_cli()
    if peer == "mesa" and importlib.util.find_spec("mesa") is None:
        pytest.skip("mesa not installed (scripts/requirements.txt lists it)")
    result = subprocess.run(
        [sys.executable, str(PEERS / f"{peer}_peer.py"), str(SCENARIO), "-n",
         str(TRAJECTORIES[peer]), "--days", str(DAYS), "--seed", str(SEEDS[peer]), "--out",
         str(path), "--cli", str(CLI)],
        cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert f"{peer}: {TRAJECTORIES[peer]} trajectories x {DAYS} days" in result.stdout
    data = np.load(path)
    assert float(data["trajectory_days_per_second"]) > 0.0
    return Statistics(
        peer, int(data["trajectories"]), data["commodity"].tolist(), data["importer"].tolist(),
        data["quantile_levels"],
        {v: data[f"{v}_mean"] for v in (*VARIABLES, "unmet")},
        {v: data[f"{v}_std"] for v in (*VARIABLES, "unmet")},
        {v: data[f"{v}_quantiles"] for v in VARIABLES},
        data["unmet_probability_positive"])


@pytest.fixture(scope="module")
def reference(tmp_path_factory) -> Statistics:
    return run_mineralsim(tmp_path_factory.mktemp("peers") / "mineralsim.h5")


@pytest.fixture(scope="module", params=["numpy", "mesa"])
def peer(request, tmp_path_factory) -> Statistics:
    return run_peer(request.param, tmp_path_factory.mktemp("peers") / f"{request.param}.npz")


@pytest.fixture(scope="module")
def scales() -> dict[str, np.ndarray]:
    """mineralsim's histogram scales (observables.hpp): each commodity's initial price, each
    importer's target cover."""
    require_cli()
    scenario = load_scenario(SCENARIO, CLI)
    target = scenario.per_demand("target_cover_days")
    return {"price": scenario.per_commodity("price"),
            "cover_days": np.where(target > 0.0, target, 1.0)}


def describe(a: Statistics, variable: str, day: int, cell: tuple, what: str, value_a: float,
             value_b: float, tolerance: float) -> str:
    return (f"{a.label(variable, cell)} day {day} {what}: {a.name} {value_a:.6g}, peer "
            f"{value_b:.6g}, difference {abs(value_a - value_b):.3g} > tolerance "
            f"{tolerance:.3g}")


def pooled_std(a: Statistics, b: Statistics, variable: str, day: int) -> np.ndarray:
    """The standard deviation of the two samples taken together, from their counts, means and
    standard deviations."""
    n = a.n + b.n
    mean = (a.n * a.mean[variable][day] + b.n * b.mean[variable][day]) / n
    squares = sum((s.n - 1) * s.std[variable][day] ** 2
                  + s.n * (s.mean[variable][day] - mean) ** 2 for s in (a, b))
    return np.sqrt(squares / (n - 1))


def mean_failures(a: Statistics, b: Statistics) -> list[str]:
    """Means that differ by more than SIGMAS standard errors of the difference."""
    failures = []
    for variable in (*VARIABLES, "unmet"):
        for day in CHECK_DAYS:
            mean_a, mean_b = a.mean[variable][day], b.mean[variable][day]
            error = pooled_std(a, b, variable, day) * np.sqrt(1.0 / a.n + 1.0 / b.n)
            for cell in zip(*np.nonzero(np.abs(mean_a - mean_b) > SIGMAS * error)):
                failures.append(describe(a, variable, day, cell, "mean", mean_a[cell],
                                         mean_b[cell], SIGMAS * error[cell]))
    return failures


def quantile_failures(a: Statistics, b: Statistics, scale: dict[str, np.ndarray]) -> list[str]:
    """a's quantiles (mineralsim's) outside the band that b's quantiles at the levels q -+ delta
    give, widened by a's histogram resolution."""
    failures = []
    for variable in VARIABLES:
        for day in CHECK_DAYS:
            qa, qb = a.quantiles[variable][day], b.quantiles[variable][day]
            for level in CHECK_LEVELS:
                value = qa[..., int(np.argmin(np.abs(a.levels - level)))]
                delta = SIGMAS * np.sqrt(level * (1.0 - level) * (1.0 / a.n + 1.0 / b.n))
                # b's levels just outside [level - delta, level + delta]; none: no bound.
                below = np.searchsorted(b.levels, level - delta + 1e-12, side="right") - 1
                above = np.searchsorted(b.levels, level + delta - 1e-12, side="left")
                lower = qb[..., below] if below >= 0 else np.full_like(value, -np.inf)
                upper = qb[..., above] if above < len(b.levels) else np.full_like(value, np.inf)
                resolution = np.maximum(np.abs(value) / 64.0, scale[variable] / 256.0)
                outside = (value < lower - resolution) | (value > upper + resolution)
                for cell in zip(*np.nonzero(outside)):
                    failures.append(
                        f"{a.label(variable, cell)} day {day} quantile {level}: {a.name} "
                        f"{value[cell]:.6g} outside {b.name}'s band [{lower[cell]:.6g}, "
                        f"{upper[cell]:.6g}] (levels {level - delta:.3f} to {level + delta:.3f}) "
                        f"+- {resolution[cell]:.3g}")
    return failures


def probability_failures(a: Statistics, b: Statistics) -> list[str]:
    """Probabilities of unmet demand that differ by more than SIGMAS binomial standard errors."""
    failures = []
    for day in CHECK_DAYS:
        pa, pb = a.unmet_probability[day], b.unmet_probability[day]
        pooled = (pa * a.n + pb * b.n) / (a.n + b.n)
        tolerance = SIGMAS * np.sqrt(pooled * (1.0 - pooled) * (1.0 / a.n + 1.0 / b.n))
        for cell in zip(*np.nonzero(np.abs(pa - pb) > tolerance)):
            failures.append(describe(a, "unmet", day, cell, "probability > 0", pa[cell], pb[cell],
                                     tolerance[cell]))
    return failures


def report(peer: Statistics, failures: list[str]) -> str:
    return f"{peer.name} peer disagrees with mineralsim:\n" + "\n".join(failures[:20])


def test_peers_write_every_statistic(reference: Statistics, peer: Statistics) -> None:
    assert peer.n == TRAJECTORIES[peer.name]
    # Every percentile, mineralsim's levels among them.
    assert np.allclose(peer.levels, np.arange(1, 100) / 100.0)
    assert set(reference.levels.tolist()) <= set(peer.levels.tolist())
    for variable in VARIABLES:
        assert peer.mean[variable].shape == reference.mean[variable].shape
        assert peer.quantiles[variable].shape == (*peer.mean[variable].shape, 99)
        assert np.all(np.diff(peer.quantiles[variable], axis=-1) >= 0.0)
    assert peer.unmet_probability.shape == reference.unmet_probability.shape
    # The scenario is not trivial on the checked days: shortages happen, prices move.
    assert reference.unmet_probability[list(CHECK_DAYS)].max() > 0.02
    assert peer.unmet_probability[list(CHECK_DAYS)].max() > 0.02


def test_means_agree(reference: Statistics, peer: Statistics) -> None:
    failures = mean_failures(reference, peer)
    assert not failures, report(peer, failures)


def test_quantiles_agree(reference: Statistics, peer: Statistics,
                         scales: dict[str, np.ndarray]) -> None:
    failures = quantile_failures(reference, peer, scales)
    assert not failures, report(peer, failures)


def test_unmet_probabilities_agree(reference: Statistics, peer: Statistics) -> None:
    failures = probability_failures(reference, peer)
    assert not failures, report(peer, failures)
