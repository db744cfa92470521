"""Tests of scripts/report.py: runs the CLI on the small test scenario, then the report script,
and checks the report's files and that report_data.json holds exactly the file's numbers."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import h5py
import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[2]
CLI = Path(os.environ.get("MINERALSIM_CLI", ROOT / "build/release/mineralsim"))
REPORT = ROOT / "scripts/report.py"
SCENARIO = ROOT / "tests/data/scenarios/small.toml"
DAYS = 90
TRAJECTORIES = 200


def run_cli(*args: str) -> None:
    if not CLI.is_file():
        pytest.skip(f"mineralsim CLI not built at {CLI} (set MINERALSIM_CLI)")
    result = subprocess.run([str(CLI), "run", *args, "--force", "--quiet"], cwd=ROOT,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr


def run_report(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(REPORT), *map(str, args)], capture_output=True,
                          text=True, timeout=300)


def as_float(values) -> np.ndarray:
    """JSON lists (null for NaN) -> float array."""
    return np.array(values, dtype=float)


def names(f: h5py.File, axis: str) -> list[str]:
    return [v.decode() for v in f[f"dimensions/{axis}"][:]]


@pytest.fixture(scope="module")
def results(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("runs") / "small.h5"
    run_cli(str(SCENARIO), "-n", str(TRAJECTORIES), "--days", str(DAYS), "--out", str(path))
    return path


@pytest.fixture(scope="module")
def other_results(tmp_path_factory) -> Path:
    """A second run: the same scenario renamed 'variant', with another seed."""
    directory = tmp_path_factory.mktemp("other")
    scenario = directory / "variant.toml"
    text = SCENARIO.read_text()
    assert 'name = "small"' in text
    scenario.write_text(text.replace('name = "small"', 'name = "variant"', 1))
    path = directory / "variant.h5"
    run_cli(str(scenario), "-n", str(TRAJECTORIES), "--days", str(DAYS), "--seed", "11",
            "--out", str(path))
    return path


@pytest.fixture(scope="module")
def report(results, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("report") / "out"
    result = run_report(results, "-o", out)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def data(report) -> dict:
    return json.loads((report / "report_data.json").read_text())


@pytest.fixture(scope="module")
def compare_report(results, other_results, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("compare") / "out"
    result = run_report(results, "-o", out, "--compare", other_results)
    assert result.returncode == 0, result.stderr
    return out


def image_sources(index: Path) -> list[str]:
    return re.findall(r"<img src='([^']+)'", index.read_text())


def check_pngs(directory: Path) -> list[str]:
    """index.html exists, references every PNG written, and every PNG is a non-empty PNG."""
    index = directory / "index.html"
    assert index.is_file()
    written = sorted(p.name for p in directory.glob("*.png"))
    referenced = image_sources(index)
    assert written, "no figures written"
    assert sorted(referenced) == written
    for name in written:
        assert "/" not in name  # relative to index.html
        content = (directory / name).read_bytes()
        assert len(content) > 1000
        assert content[:8] == b"\x89PNG\r\n\x1a\n"
    return written


# ----------------------------------------------------------------------------------------------
# Single run
# ----------------------------------------------------------------------------------------------


def test_index_references_every_png(report, data):
    written = check_pngs(report)
    assert sorted(data["figures"]) == written
    for expected in ("price_fan_gallium.png", "price_fan_ndpr_oxide.png", "price_wedge.png",
                     "regime_occupancy.png", "unmet_heatmap.png", "stockpile.png"):
        assert expected in written


def test_header_gives_provenance(report, results):
    text = (report / "index.html").read_text()
    with h5py.File(results, "r", swmr=True) as f:
        attrs = {k: (v.decode() if isinstance(v, bytes) else str(v)) for k, v in f.attrs.items()}
    assert "small" in text
    assert "2025-01-01" in text
    assert f"{TRAJECTORIES} of {TRAJECTORIES} (complete)" in text
    assert attrs["seed"] in text
    assert attrs["mineralsim_version"] in text
    assert attrs["git_revision"] in text
    assert "--days 90" in text  # the command line


def test_price_fan_equals_daily_quantiles(results, data):
    fan = data["price_fan"]
    with h5py.File(results, "r", swmr=True) as f:
        q = f["daily/price/quantiles"][:]
        assert list(f["dimensions/quantile"][:]) == [0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99]
        assert fan["commodity"] == names(f, "commodity")
        np.testing.assert_array_equal(fan["day"], f["dimensions/day"][:])
    assert len(fan["day"]) == DAYS
    np.testing.assert_array_equal(as_float(fan["median"]), q[:, :, 3])
    np.testing.assert_array_equal(as_float(fan["q05"]), q[:, :, 1])
    np.testing.assert_array_equal(as_float(fan["q25"]), q[:, :, 2])
    np.testing.assert_array_equal(as_float(fan["q75"]), q[:, :, 4])
    np.testing.assert_array_equal(as_float(fan["q95"]), q[:, :, 5])
    assert fan["date"][0] == "2025-01-01"
    assert fan["date"][31] == "2025-02-01"


def test_price_wedge_pairs_regime_with_its_commodity(results, data):
    wedge = data["price_wedge"]
    with h5py.File(results, "r", swmr=True) as f:
        regimes = names(f, "regime")
        commodities = names(f, "commodity")
        home = f["daily/home_price/quantiles"][:, :, 3]
        world = f["daily/price/quantiles"][:, :, 3]
    assert wedge["regime"] == regimes
    assert wedge["commodity"] == [r.split("/", 1)[1] for r in regimes]
    np.testing.assert_array_equal(as_float(wedge["home_median"]), home)
    world_plotted = as_float(wedge["world_median"])
    for x, regime in enumerate(regimes):
        c = commodities.index(regime.split("/", 1)[1])
        np.testing.assert_array_equal(world_plotted[:, x], world[:, c])


def test_regime_occupancy_equals_file(results, data):
    occupancy = data["regime_occupancy"]
    with h5py.File(results, "r", swmr=True) as f:
        np.testing.assert_array_equal(as_float(occupancy["probability"]),
                                      f["daily/regime_probability"][:])
        assert occupancy["level"] == names(f, "level")


def test_unmet_heatmap_equals_share_of_trajectories(results, data):
    heat = data["unmet_heatmap"]
    with h5py.File(results, "r", swmr=True) as f:
        n = int(f["progress"][0])
        runs = f["trajectory/unmet_longest_run"][:n]
        assert heat["importer"] == names(f, "importer")
        assert heat["commodity"] == names(f, "commodity")
    share = np.count_nonzero(runs > 0, axis=0) / n
    assert heat["trajectories"] == n == TRAJECTORIES
    np.testing.assert_array_equal(as_float(heat["share"]), share)


@pytest.fixture(scope="module")
def embargo_results(tmp_path_factory) -> Path:
    """The small scenario with China's gallium under EMBARGO from day 0: importers run short
    inside its summary window (days 20-79)."""
    directory = tmp_path_factory.mktemp("embargo")
    scenario = directory / "embargo.toml"
    text = SCENARIO.read_text()
    assert 'initial = "LICENSED"' in text
    scenario.write_text(text.replace('initial = "LICENSED"', 'initial = "EMBARGO"', 1))
    path = directory / "embargo.h5"
    run_cli(str(scenario), "-n", str(TRAJECTORIES), "--days", str(DAYS), "--out", str(path))
    return path


def test_window_shortage_equals_share_of_trajectories(embargo_results, tmp_path):
    result = run_report(embargo_results, "-o", tmp_path)
    assert result.returncode == 0, result.stderr
    data = json.loads((tmp_path / "report_data.json").read_text())
    window = data["window_shortage"]
    with h5py.File(embargo_results, "r", swmr=True) as f:
        n = int(f["progress"][0])
        first = f["trajectory/window_first_unmet_day"][:n]
        assert window["window"] == names(f, "window") == ["days 20-79"]
        importers, commodities = names(f, "importer"), names(f, "commodity")
    share = np.count_nonzero(first >= 0, axis=0) / n
    np.testing.assert_array_equal(as_float(window["share"]), share)
    # The table lists exactly the pairs short in some trajectory, with their shares.
    rows = {(r["window"], r["item"]): r for r in data["window_table"]["rows"]}
    expected = {("days 20-79", f"{importers[k]} / {commodities[c]}"): share[0, k, c]
                for k in range(len(importers)) for c in range(len(commodities))
                if share[0, k, c] > 0}
    assert expected, "the embargo should leave some importer short inside the window"
    assert set(rows) == set(expected)
    for key, value in expected.items():
        assert rows[key]["share"] == [value]
        assert rows[key]["standard_error"][0] == pytest.approx(np.sqrt(value * (1 - value) / n))
    assert "Shortage within summary windows" in (tmp_path / "index.html").read_text()


def test_stockpile_equals_daily_stock(results, data):
    stock = data["stockpile"]
    with h5py.File(results, "r", swmr=True) as f:
        q = f["daily/stock/quantiles"][:]
        assert stock["holding"] == names(f, "holding")
    np.testing.assert_array_equal(as_float(stock["median"]), q[:, :, 3])
    np.testing.assert_array_equal(as_float(stock["q05"]), q[:, :, 1])
    np.testing.assert_array_equal(as_float(stock["q95"]), q[:, :, 5])


def test_summary_table_quantiles(results, data):
    rows = {(r["quantity"], r["item"]): r for r in data["summary_table"]["rows"]}
    with h5py.File(results, "r", swmr=True) as f:
        n = int(f["progress"][0])
        commodities = names(f, "commodity")
        importers = names(f, "importer")
        peak = f["trajectory/peak_price"][:n]
        above = f["trajectory/days_above_double"][:n]
        unmet = f["trajectory/unmet_total"][:n]
        stockpile_cost = f["trajectory/stockpile_cost_musd"][:n]
        floor_cost = f["trajectory/floor_cost_musd"][:n]

    def check(key, values):
        expected = np.quantile(np.asarray(values, dtype=float), [0.05, 0.5, 0.95])
        got = [rows[key][k] for k in ("p05", "p50", "p95")]
        np.testing.assert_array_equal(got, expected)

    for c, name in enumerate(commodities):
        check(("peak_price", name), peak[:, c])
        check(("days_above_double", name), above[:, c])
    check(("stockpile_cost_musd", ""), stockpile_cost)
    check(("floor_cost_musd", ""), floor_cost)
    unmet_rows = {key for key in rows if key[0] == "unmet_total"}
    expected_rows = {("unmet_total", f"{importers[k]} / {commodities[c]}")
                     for k in range(len(importers)) for c in range(len(commodities))
                     if np.any(unmet[:, k, c] != 0)}
    assert unmet_rows == expected_rows
    for key in unmet_rows:
        k = importers.index(key[1].split(" / ")[0])
        c = commodities.index(key[1].split(" / ")[1])
        check(key, unmet[:, k, c])
    assert data["runs"][0]["scenario_name"] == "small"
    assert len(data["runs"]) == 1 and "compare" not in data


def test_default_output_directory(results, tmp_path):
    copy = tmp_path / "copy.h5"
    shutil.copyfile(results, copy)
    result = run_report(copy)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "copy_report" / "index.html").is_file()
    assert (tmp_path / "copy_report" / "report_data.json").is_file()


def test_incomplete_file_uses_completed_trajectories(results, tmp_path):
    """/progress says how many /trajectory rows to trust; the header says incomplete."""
    copy = tmp_path / "partial.h5"
    shutil.copyfile(results, copy)
    with h5py.File(copy, "r+") as f:
        f["progress"][...] = np.array([50, 1, 0], dtype=np.int64)
        runs = f["trajectory/unmet_longest_run"][:50]
    out = tmp_path / "out"
    result = run_report(copy, "-o", out)
    assert result.returncode == 0, result.stderr
    data = json.loads((out / "report_data.json").read_text())
    assert data["runs"][0]["complete"] is False
    assert data["unmet_heatmap"]["trajectories"] == 50
    np.testing.assert_array_equal(as_float(data["unmet_heatmap"]["share"]),
                                  np.count_nonzero(runs > 0, axis=0) / 50)
    assert "incomplete" in (out / "index.html").read_text()


def test_a_partial_merge_of_shards_says_which_shards_it_holds(tmp_path):
    """A shard's file, or a partial merge's, is reported like any run, with its shards named."""
    shards = []
    for i in range(4):
        shards.append(tmp_path / f"shard{i}.h5")
        run_cli(str(SCENARIO), "-n", "400", "--days", "30", "--shard", f"{i}/4", "--out",
                str(shards[-1]))
    merged = tmp_path / "first_two.h5"
    result = subprocess.run([str(CLI), "merge", "--partial", "--quiet", "--out", str(merged),
                             str(shards[0]), str(shards[1])], capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stderr
    out = tmp_path / "out"
    result = run_report(merged, "-o", out)
    assert result.returncode == 0, result.stderr
    text = (out / "index.html").read_text()
    assert "200 of 200 in shards 0-1/4 (trajectories 0 to 199 of the run's 400" in text
    data = json.loads((out / "report_data.json").read_text())
    assert data["runs"][0]["shard_span"] == "2"
    assert data["unmet_heatmap"]["trajectories"] == 200


# ----------------------------------------------------------------------------------------------
# Comparison
# ----------------------------------------------------------------------------------------------


def test_compare_shows_both_runs(compare_report, results, other_results):
    check_pngs(compare_report)
    text = (compare_report / "index.html").read_text()
    assert "<th>small</th>" in text and "<th>variant</th>" in text
    assert "difference" in text
    data = json.loads((compare_report / "report_data.json").read_text())
    assert [r["scenario_name"] for r in data["runs"]] == ["small", "variant"]
    with h5py.File(results, "r", swmr=True) as f:
        np.testing.assert_array_equal(as_float(data["price_fan"]["median"]),
                                      f["daily/price/quantiles"][:, :, 3])
    with h5py.File(other_results, "r", swmr=True) as f:
        np.testing.assert_array_equal(as_float(data["compare"]["price_fan"]["median"]),
                                      f["daily/price/quantiles"][:, :, 3])
        n = int(f["progress"][0])
        share = np.count_nonzero(f["trajectory/unmet_longest_run"][:n] > 0, axis=0) / n
    np.testing.assert_array_equal(as_float(data["compare"]["unmet_heatmap"]["share"]), share)
    for row in data["summary_table_diff"]["rows"]:
        for level in ("p05", "p50", "p95"):
            base, other, diff = (row[f"{w}_{level}"] for w in ("base", "other", "diff"))
            if base is not None and other is not None:
                assert diff == other - base


def test_compare_same_scenario_labels_differ(results, tmp_path):
    other = tmp_path / "seed3.h5"
    run_cli(str(SCENARIO), "-n", "50", "--days", "30", "--seed", "3", "--out", str(other))
    result = run_report(results, "-o", tmp_path / "out", "--compare", other)
    assert result.returncode == 0, result.stderr
    text = (tmp_path / "out" / "index.html").read_text()
    assert "small (seed 7)" in text and "small (seed 3)" in text


def test_compare_of_the_two_precisions_labels_them(results, tmp_path):
    """The same run in float against double: the labels say which is which."""
    in_float = tmp_path / "float.h5"
    run_cli(str(SCENARIO), "-n", str(TRAJECTORIES), "--days", str(DAYS), "--precision", "float",
            "--out", str(in_float))
    result = run_report(results, "-o", tmp_path / "out", "--compare", in_float)
    assert result.returncode == 0, result.stderr
    text = (tmp_path / "out" / "index.html").read_text()
    assert "small (double)" in text and "small (float)" in text


# ----------------------------------------------------------------------------------------------
# Errors
# ----------------------------------------------------------------------------------------------


def test_missing_file(tmp_path):
    missing = tmp_path / "nowhere.h5"
    result = run_report(missing)
    assert result.returncode == 3, result.stderr
    assert result.stderr.startswith("report.py: error: ")
    assert str(missing) in result.stderr
    assert "no such file" in result.stderr


def test_text_file_is_rejected(tmp_path):
    path = tmp_path / "notes.h5"
    path.write_text("not hdf5\n")
    result = run_report(path, "-o", tmp_path / "out")
    assert result.returncode == 3, result.stderr
    assert str(path) in result.stderr
    assert "not a mineralsim results file" in result.stderr
    assert not (tmp_path / "out" / "index.html").exists()


def test_hdf5_without_progress_is_rejected(tmp_path):
    path = tmp_path / "other.h5"
    with h5py.File(path, "w") as f:
        f.attrs["format_version"] = 1
        f["data"] = np.arange(3)
    result = run_report(path)
    assert result.returncode == 3, result.stderr
    assert str(path) in result.stderr
    assert "not a mineralsim results file" in result.stderr


def test_bad_compare_file_is_rejected(results, tmp_path):
    path = tmp_path / "junk.h5"
    path.write_bytes(b"\0" * 64)
    result = run_report(results, "-o", tmp_path / "out", "--compare", path)
    assert result.returncode == 3, result.stderr
    assert str(path) in result.stderr
