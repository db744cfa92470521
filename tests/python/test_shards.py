"""Shards as separate jobs: `run --shard I/M` in separate processes, one of them killed (SIGKILL)
and resumed, then `merge`, gives the datasets of one uninterrupted run of the whole ensemble."""

from __future__ import annotations

import random
import signal
import time

import h5py
import numpy as np
import pytest

from test_resume import (RUN, SCENARIO, assert_same_values, cli, datasets, start,
                         wait_for_batches)


def comparable(path) -> dict:
    """Every dataset but the internal /checkpoint and the batch count of /progress (a merged
    file counts the batches of all its shards)."""
    out = {name: value for name, value in datasets(path).items()
           if not name.startswith("checkpoint/")}
    out["progress"] = out["progress"][[0, 2]]
    return out


@pytest.mark.parametrize("seed", [1, 2])
def test_shards_one_killed_and_resumed_merge_into_the_uninterrupted_run(tmp_path, seed):
    whole = tmp_path / "whole.h5"
    result = cli("run", str(SCENARIO), *RUN, "--out", str(whole))
    assert result.returncode == 0, result.stderr
    shards = [tmp_path / f"shard{i}.h5" for i in range(3)]
    for i in (0, 2):
        result = cli("run", str(SCENARIO), *RUN, "--shard", f"{i}/3", "--out", str(shards[i]),
                     "--threads", str(i + 1))
        assert result.returncode == 0, result.stderr
    process = start(shards[1], "--shard", "1/3")
    wait_for_batches(shards[1], process, 1)
    time.sleep(random.Random(seed).uniform(0.0, 0.3))  # somewhere inside a later batch
    process.send_signal(signal.SIGKILL)
    process.wait()
    if process.returncode == 0:
        pytest.skip("the shard finished before the kill landed")
    with h5py.File(shards[1], "r", swmr=True) as f:
        done = int(f["progress"][0])
        assert int(f["progress"][2]) == 0
        np.testing.assert_array_equal(f["trajectory/index"][:done], np.arange(1000, 1000 + done))
    refused = cli("merge", *map(str, shards), "--out", str(tmp_path / "merged.h5"))
    assert refused.returncode == 2
    assert "shard 1/3 is incomplete" in refused.stderr
    result = cli("run", str(SCENARIO), *RUN, "--shard", "1/3", "--out", str(shards[1]),
                 "--resume", "--threads", "1")
    assert result.returncode == 0, result.stderr

    merged = tmp_path / "merged.h5"
    result = cli("merge", *map(str, reversed(shards)), "--out", str(merged))
    assert result.returncode == 0, result.stderr
    assert_same_values(comparable(whole), comparable(merged))
    with h5py.File(merged, "r") as f:
        assert "shard_index" not in f.attrs
        assert f.attrs["backend"].startswith("merged from 3 shards")


def test_a_shards_file_marks_the_sampled_paths_outside_it_as_not_simulated(tmp_path):
    shard = tmp_path / "shard1.h5"
    result = cli("run", str(SCENARIO), *RUN, "--shard", "1/3", "--out", str(shard))
    assert result.returncode == 0, result.stderr
    with h5py.File(shard, "r") as f:
        trajectories = f["paths/trajectory"][:]
        inside = (trajectories >= 1000) & (trajectories < 2000)
        assert inside.any() and (~inside).any()
        levels = f["paths/regime_level"][:]
        assert (levels[~inside] == -1).all()
        assert ((levels[inside] >= 0) & (levels[inside] <= 3)).all()
        price = f["paths/price"][:]
        assert np.isnan(price[~inside]).all()
        assert np.isfinite(price[inside]).all()
