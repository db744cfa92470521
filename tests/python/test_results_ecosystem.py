"""The results file as other tools see it: every axis is an HDF5 dimension scale, so h5py names
the axes and xarray (engine "h5netcdf") opens each group with named dimensions and coordinates,
also while `mineralsim run` is still writing the file."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import h5py
import numpy as np
import pytest
import xarray as xr

ROOT = Path(__file__).resolve().parents[2]
CLI = Path(os.environ.get("MINERALSIM_CLI", ROOT / "build/release/mineralsim"))
SCENARIO = ROOT / "tests/data/scenarios/small.toml"
DAYS = 60
TRAJECTORIES = 100


def cli_command(path: Path, *args: str) -> list[str]:
    if not CLI.is_file():
        pytest.skip(f"mineralsim CLI not built at {CLI} (set MINERALSIM_CLI)")
    return [str(CLI), "run", str(SCENARIO), "--days", str(DAYS), "--out", str(path), "--force",
            "--quiet", *args]


@pytest.fixture(scope="module")
def results(tmp_path_factory) -> Path:
    """A finished run of three batches, with sampled paths."""
    path = tmp_path_factory.mktemp("ecosystem") / "small.h5"
    result = subprocess.run(cli_command(path, "-n", str(TRAJECTORIES), "--batch", "40", "--paths",
                                        "4", "--every", "5"),
                            cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return path


def open_group(source: Path | h5py.File, group: str) -> xr.Dataset:
    # decode_timedelta=False: xarray before 2026.4 turns variables in "days" into timedeltas.
    return xr.open_dataset(source, engine="h5netcdf", group=group, decode_timedelta=False)


def labels(f: h5py.File, axis: str) -> list[str]:
    return [v.decode() for v in f[f"dimensions/{axis}"][:]]


def described_datasets(f: h5py.File) -> dict[str, h5py.Dataset]:
    """Every dataset with a `dimensions` attribute, by path."""
    found = {}

    def visit(name: str, obj) -> None:  # visititems stops at the first value returned
        if isinstance(obj, h5py.Dataset) and "dimensions" in obj.attrs:
            found[name] = obj

    f.visititems(visit)
    return found


def scale_names(dataset: h5py.Dataset) -> list[str]:
    """The NAME of the one dimension scale attached to each axis."""
    names = []
    for axis in dataset.dims:
        assert len(axis) == 1, f"{dataset.name}: {len(axis)} scales on an axis"
        names.append(axis[0].attrs["NAME"].decode())
    return names


# ----------------------------------------------------------------------------------------------
# h5py
# ----------------------------------------------------------------------------------------------


def test_every_axis_has_the_scale_its_dimensions_attribute_names(results):
    with h5py.File(results, "r", swmr=True) as f:
        datasets = described_datasets(f)
        for prefix in ("daily/", "trajectory/", "paths/", "progress"):
            assert any(name.startswith(prefix) for name in datasets), prefix
        for name, dataset in datasets.items():
            axes = dataset.attrs["dimensions"].split(",")
            assert scale_names(dataset) == axes, name
            for axis, length in zip(dataset.dims, dataset.shape):
                assert axis[0].shape == (length,), name


def test_scales_are_the_coordinate_datasets(results):
    with h5py.File(results, "r", swmr=True) as f:
        unmet = f["daily/unmet/mean"]
        assert scale_names(unmet) == ["day", "importer", "commodity"]
        assert unmet.dims[0][0] == f["dimensions/day"]
        assert unmet.dims[1][0] == f["dimensions/importer"]
        assert unmet.dims[2][0] == f["dimensions/commodity"]
        assert f["daily/price/quantiles"].dims[2][0] == f["dimensions/quantile"]
        assert f["daily/regime_probability"].dims[2][0] == f["dimensions/level"]

        peak = f["trajectory/peak_price"]
        assert scale_names(peak) == ["trajectory", "commodity"]
        assert peak.dims[0][0] == f["trajectory/trajectory"]
        np.testing.assert_array_equal(f["trajectory/trajectory"][:], f["trajectory/index"][:])
        assert f["trajectory/trajectory"].shape == (TRAJECTORIES,)

        price = f["paths/price"]
        assert scale_names(price) == ["trajectory", "day", "commodity"]
        assert price.dims[0][0] == f["paths/trajectory"]
        assert price.dims[1][0] == f["paths/day"]
        np.testing.assert_array_equal(f["paths/day"][:], np.arange(0, DAYS, 5))

        assert f["progress"].dims[0][0] == f["dimensions/field"]
        for axis in f["dimensions"]:
            assert f["dimensions"][axis].is_scale, axis


# ----------------------------------------------------------------------------------------------
# xarray
# ----------------------------------------------------------------------------------------------


def test_xarray_opens_daily_groups_with_named_dimensions(results):
    with h5py.File(results, "r", swmr=True) as f:
        commodities, importers = labels(f, "commodity"), labels(f, "importer")
        quantiles, days = f["dimensions/quantile"][:], f["dimensions/day"][:]
        unmet_mean = f["daily/unmet/mean"][:]
        price_quantiles = f["daily/price/quantiles"][:]
    with open_group(results, "daily/unmet") as ds:
        assert ds["mean"].dims == ("day", "importer", "commodity")
        assert list(ds["importer"].values) == importers
        assert list(ds["commodity"].values) == commodities
        np.testing.assert_array_equal(ds["day"].values, days)
        np.testing.assert_array_equal(ds["mean"].values, unmet_mean)
    with open_group(results, "daily/price") as ds:
        assert ds["quantiles"].dims == ("day", "commodity", "quantile")
        np.testing.assert_array_equal(ds["quantile"].values, quantiles)
        np.testing.assert_array_equal(ds["quantiles"].values, price_quantiles)
        median = ds["quantiles"].sel(quantile=0.5, commodity=commodities[0])
        np.testing.assert_array_equal(median.values, price_quantiles[:, 0, 3])
    with open_group(results, "daily") as ds:
        assert ds["regime_probability"].dims == ("day", "regime", "level")
        assert list(ds["level"].values) == ["OPEN", "LICENSED", "RESTRICTED", "EMBARGO"]


def test_xarray_opens_trajectory_and_paths_groups(results):
    with h5py.File(results, "r", swmr=True) as f:
        peak = f["trajectory/peak_price"][:]
        index = f["trajectory/index"][:]
        path_price = f["paths/price"][:]
        path_trajectories, path_days = f["paths/trajectory"][:], f["paths/day"][:]
        commodities = labels(f, "commodity")
    with open_group(results, "trajectory") as ds:
        assert ds["peak_price"].dims == ("trajectory", "commodity")
        assert ds["unmet_total"].dims == ("trajectory", "importer", "commodity")
        assert ds["window_first_unmet_day"].dims == ("trajectory", "window", "importer",
                                                     "commodity")
        assert ds["index"].dims == ("trajectory",)
        np.testing.assert_array_equal(ds["trajectory"].values, index)
        np.testing.assert_array_equal(ds["peak_price"].values, peak)
        assert list(ds["commodity"].values) == commodities
    with open_group(results, "paths") as ds:
        assert ds["price"].dims == ("trajectory", "day", "commodity")
        np.testing.assert_array_equal(ds["trajectory"].values, path_trajectories)
        np.testing.assert_array_equal(ds["day"].values, path_days)
        np.testing.assert_array_equal(ds["price"].values, path_price)


def test_xarray_opens_the_root_with_progress_fields(results):
    with open_group(results, "/") as ds:
        assert ds["progress"].dims == ("field",)
        assert list(ds["field"].values) == ["trajectories_completed", "batches_completed",
                                            "complete"]
        np.testing.assert_array_equal(ds["progress"].values, [TRAJECTORIES, 3, 1])
        assert ds.attrs["scenario_name"] == "small"


@pytest.mark.parametrize("group", ["/", "daily", "daily/price", "daily/unmet", "trajectory",
                                   "paths"])
def test_units_and_descriptions_are_plain_strings(results, group):
    with open_group(results, group) as ds:
        assert ds.data_vars
        for name, variable in ds.data_vars.items():
            for attribute in ("units", "description", "dimensions"):
                assert isinstance(variable.attrs[attribute], str), (name, attribute)
    with h5py.File(results, "r", swmr=True) as f:
        assert f["daily/price/mean"].attrs["units"] == "USD/kg"


def test_each_quantiles_dataset_states_its_own_accuracy(results):
    """Tension's quantiles come from equal bins, the others' from bins relative to a scale."""
    with h5py.File(results, "r", swmr=True) as f:
        assert "within 1/18 absolute" in f["daily/tension/quantiles"].attrs["description"]
        assert "within 1/64 relative" in f["daily/price/quantiles"].attrs["description"]


# ----------------------------------------------------------------------------------------------
# A file still being written
# ----------------------------------------------------------------------------------------------


def wait_for_committed_batch(path: Path, writer: subprocess.Popen, timeout: float) -> h5py.File:
    """Opens `path` in SWMR read mode once /progress vouches for a batch."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert writer.poll() is None, "the run ended before a reader could look"
        try:
            f = h5py.File(path, "r", swmr=True)
        except OSError:  # not created yet, or not yet in SWMR mode
            time.sleep(0.02)
            continue
        if f["progress"][1] >= 1:
            return f
        f.close()
        time.sleep(0.02)
    raise AssertionError(f"no batch committed within {timeout} s")


def load_live_group(path: Path, group: str, attempts: int = 5) -> xr.Dataset:
    """xarray's view of a group of a file still being written, loaded into memory. xarray opens
    the group's datasets one by one: a batch landing meanwhile can leave the growing ones of
    different lengths, which xarray refuses (ValueError); a second look is consistent."""
    for attempt in range(attempts):
        with h5py.File(path, "r", swmr=True) as f:
            try:
                with open_group(f, group) as ds:
                    return ds.load()
            except ValueError:
                if attempt == attempts - 1:
                    raise
    raise AssertionError("unreachable")


def test_file_being_written_opens_in_swmr_mode(tmp_path):
    path = tmp_path / "live.h5"
    # Far more trajectories than the test waits for; it stops the run once it has looked.
    writer = subprocess.Popen(cli_command(path, "-n", "10000000", "--batch", "20"), cwd=ROOT,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        with wait_for_committed_batch(path, writer, timeout=60) as f:
            committed = int(f["progress"][0])
            assert committed >= 20 and f["progress"][2] == 0
            peak = f["trajectory/peak_price"]
            assert scale_names(peak) == ["trajectory", "commodity"]
            assert peak.maxshape[0] is None and peak.shape[0] >= committed
            np.testing.assert_array_equal(f["trajectory/trajectory"][:committed],
                                          np.arange(committed))
            assert np.all(np.isfinite(peak[:committed]))
        # xarray reads it through an h5py handle opened in SWMR mode.
        ds = load_live_group(path, "trajectory")
        assert ds["peak_price"].dims == ("trajectory", "commodity")
        assert ds.sizes["trajectory"] >= committed
        np.testing.assert_array_equal(ds["trajectory"].values[:committed], np.arange(committed))
    finally:
        writer.terminate()
        writer.wait(timeout=60)
