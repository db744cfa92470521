"""Tests of scripts/drivers.py: in a scenario where Korea's gallium demand is drawn per
trajectory, the screening must find that demand first, with more shortages among the high draws,
and must not rank a parameter that cannot matter to Korea's gallium above its noise."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CLI = Path(os.environ.get("MINERALSIM_CLI", ROOT / "build/release/mineralsim"))
DRIVERS = ROOT / "scripts/drivers.py"
SMALL = ROOT / "tests/data/scenarios/small.toml"
KOREA = ["--importer", "Korea semiconductors", "--commodity", "gallium"]
DEMAND = "demand[Korea semiconductors, gallium].quantity"
UNRELATED = "demand[Japan industry, NdPr oxide].elasticity"  # another commodity's demand response


def drivers(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(DRIVERS), *map(str, args)], capture_output=True,
                          text=True, timeout=300)


@pytest.fixture(scope="module")
def results(tmp_path_factory) -> Path:
    if not CLI.is_file():
        pytest.skip(f"mineralsim CLI not built at {CLI} (set MINERALSIM_CLI)")
    folder = tmp_path_factory.mktemp("drivers")
    fixed = "quantity = 0.35             # test value, t/day"
    text = SMALL.read_text()
    assert text.count(fixed) == 1
    scenario = folder / "drawn_demand.toml"
    scenario.write_text(text.replace(fixed, 'quantity = { dist = "uniform", low = 0.1, high = 1.2 }'))
    out = folder / "drawn_demand.h5"
    result = subprocess.run([str(CLI), "run", str(scenario), "-n", "2000", "--days", "400",
                             "--out", str(out), "--quiet"], capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stderr
    return out


def test_the_drawn_demand_ranks_first_and_the_unrelated_parameter_is_noise(results, tmp_path):
    numbers = tmp_path / "drivers.json"
    result = drivers(results, *KOREA, "--json", numbers)
    assert result.returncode == 0, result.stderr
    data = json.loads(numbers.read_text())
    assert 0 < data["short"] < data["trajectories"] == 2000
    rows = {r["parameter"]: r for r in data["parameters"]}
    top = data["parameters"][0]
    assert top["parameter"] == DEMAND
    assert top["driver"] and top["d"] > data["driver_threshold"] > 2 * data["d_se"]
    assert top["mean_short"] > top["mean_other"]
    assert top["probability_high_third"] > 2 * top["probability_low_third"]
    assert not rows[UNRELATED]["driver"]
    assert result.stdout.splitlines()[3].startswith(f"* {DEMAND}")  # the printed table's first row


def test_a_window_counts_only_its_own_shortages(results, tmp_path):
    whole, window = tmp_path / "whole.json", tmp_path / "window.json"
    assert drivers(results, *KOREA, "--json", whole).returncode == 0
    result = drivers(results, *KOREA, "--window", "days 20-79", "--json", window)
    assert result.returncode == 0, result.stderr
    assert "within window 'days 20-79'" in result.stdout
    assert json.loads(window.read_text())["short"] <= json.loads(whole.read_text())["short"]


def test_unknown_names_are_refused_with_the_choices(results):
    result = drivers(results, "--importer", "Korea semiconductors", "--commodity", "galium")
    assert result.returncode == 2
    assert result.stderr.startswith("drivers.py: error: ")
    assert "no commodity 'galium' (the file has: gallium, NdPr oxide)" in result.stderr


def test_a_file_that_cannot_be_read_exits_with_code_three_as_the_command_does(tmp_path):
    missing = tmp_path / "nowhere.h5"
    result = drivers(missing, *KOREA)
    assert result.returncode == 3, result.stderr
    assert result.stderr == f"drivers.py: error: {missing}: no such file\n"
