"""Crash safety and resume: a run killed (SIGKILL) at random moments, or stopped with SIGINT or
SIGTERM, leaves a readable file marked incomplete; `--resume` then ends with datasets identical to
an uninterrupted run; `--resume` refuses a file of another run. Also `--compress`."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import time
from pathlib import Path

import h5py
import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[2]
CLI = Path(os.environ.get("MINERALSIM_CLI", ROOT / "build/release/mineralsim"))
SCENARIO = ROOT / "tests/data/scenarios/small.toml"
# Many small batches, so that a kill lands in the middle of the run, and a checkpoint after every
# batch, so that a resumed run has little to do again. On the CPU backend even where there is a GPU
# (auto would take it): a GPU could finish the run before the kill lands.
RUN = ["-n", "3000", "--batch", "100", "--days", "200", "--quiet", "--checkpoint-every", "0",
       "--backend", "cpu"]
# The same with the default checkpoint interval (5 minutes): no periodic checkpoint in a run this
# short.
RUN_DEFAULT_CHECKPOINTS = [a for a in RUN if a not in ("--checkpoint-every", "0")]


def cli(*args: str, **kwargs) -> subprocess.CompletedProcess:
    if not CLI.is_file():
        pytest.skip(f"mineralsim CLI not built at {CLI} (set MINERALSIM_CLI)")
    return subprocess.run([str(CLI), *args], capture_output=True, text=True, timeout=300,
                          **kwargs)


def start(out: Path, *extra: str, run: list[str] = RUN) -> subprocess.Popen:
    return subprocess.Popen([str(CLI), "run", str(SCENARIO), *run, "--out", str(out), *extra],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def wait_for_batches(out: Path, process: subprocess.Popen, batches: int) -> None:
    """Waits until the file has committed at least `batches` batches."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        try:
            with h5py.File(out, "r", swmr=True) as f:
                if int(f["progress"][1]) >= batches:
                    return
        except (OSError, KeyError):
            pass  # not created yet
        time.sleep(0.02)
    pytest.fail(f"the run did not reach {batches} batches (exit {process.poll()})")


def datasets(path: Path) -> dict:
    out = {}
    with h5py.File(path, "r", swmr=True) as f:
        f.visititems(lambda name, obj: out.__setitem__(name, obj[()])
                     if isinstance(obj, h5py.Dataset) else None)
    return out


def assert_same_datasets(a: Path, b: Path) -> None:
    """Every dataset but the internal /checkpoint, whose slots depend on when checkpoints were
    taken, is the same."""
    x, y = datasets(a), datasets(b)
    for d in (x, y):
        for name in [n for n in d if n.startswith("checkpoint/")]:
            del d[name]
    assert_same_values(x, y)


def assert_same_values(x: dict, y: dict) -> None:
    """The same names, each with the same values (NaN equal to NaN)."""
    assert x.keys() == y.keys()
    for name in x:
        left, right = x[name], y[name]
        if isinstance(left, np.ndarray) and left.dtype.kind == "f":
            assert np.array_equal(left, right, equal_nan=True), name
        else:
            assert np.array_equal(left, right), name


@pytest.fixture(scope="module")
def uninterrupted(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("full") / "full.h5"
    result = cli("run", str(SCENARIO), *RUN, "--out", str(out))
    assert result.returncode == 0, result.stderr
    return out


def check_incomplete_file(out: Path) -> int:
    """The file opens, is marked incomplete, and holds the trajectories 0..done-1 in order."""
    with h5py.File(out, "r", swmr=True) as f:
        done, batches, complete = (int(v) for v in f["progress"][:])
        assert complete == 0
        assert done == 100 * batches
        index = f["trajectory/index"][:done]
        np.testing.assert_array_equal(index, np.arange(done))
        assert np.isfinite(f["trajectory/peak_price"][:done]).all()
    info = cli("info", str(out)).stdout
    assert "INCOMPLETE" in info
    assert "the same command with --resume restarts from" in info
    return done


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_kill_at_a_random_moment_then_resume_equals_uninterrupted(tmp_path, uninterrupted, seed):
    out = tmp_path / "killed.h5"
    process = start(out)
    wait_for_batches(out, process, 1)
    time.sleep(random.Random(seed).uniform(0.0, 0.6))  # somewhere inside a later batch
    process.send_signal(signal.SIGKILL)
    process.wait()
    if process.returncode == 0:
        pytest.skip("the run finished before the kill landed")
    check_incomplete_file(out)
    result = cli("run", str(SCENARIO), *RUN, "--out", str(out), "--resume")
    assert result.returncode == 0, result.stderr
    assert "resumed after" in result.stdout
    assert_same_datasets(uninterrupted, out)
    assert not Path(str(out) + ".resuming").exists()


@pytest.mark.parametrize("sig, code", [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_signal_commits_the_batch_in_flight_and_exits_non_zero(tmp_path, uninterrupted, sig,
                                                               code):
    out = tmp_path / "stopped.h5"
    process = start(out)
    wait_for_batches(out, process, 2)
    process.send_signal(sig)
    _, stderr = process.communicate(timeout=120)
    if process.returncode == 0:
        pytest.skip("the run finished before the signal landed")
    assert process.returncode == code, stderr
    assert "--resume" in stderr
    done = check_incomplete_file(out)
    assert 0 < done < 3000
    result = cli("run", str(SCENARIO), *RUN, "--out", str(out), "--resume")
    assert result.returncode == 0, result.stderr
    assert_same_datasets(uninterrupted, out)


def test_a_signal_writes_a_checkpoint_so_resume_continues_after_the_last_batch(tmp_path,
                                                                                uninterrupted):
    """With the default interval (5 minutes) a short run writes no periodic checkpoint; a stop by
    SIGTERM writes one with the batch in flight, and --resume continues from there."""
    out = tmp_path / "stopped.h5"
    process = start(out, run=RUN_DEFAULT_CHECKPOINTS)
    wait_for_batches(out, process, 2)
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=120)
    if process.returncode == 0:
        pytest.skip("the run finished before the signal landed")
    assert process.returncode == 143, stderr
    assert "with a checkpoint" in stderr
    done = check_incomplete_file(out)
    result = cli("run", str(SCENARIO), *RUN_DEFAULT_CHECKPOINTS, "--out", str(out), "--resume")
    assert result.returncode == 0, result.stderr
    assert f"resumed after {done} trajectories" in result.stdout
    assert_same_datasets(uninterrupted, out)


def test_a_float_run_killed_and_resumed_equals_the_uninterrupted_float_run(tmp_path):
    """Resuming replays the sampled paths and continues the statistics in the run's precision."""
    full = tmp_path / "full_float.h5"
    result = cli("run", str(SCENARIO), *RUN, "--precision", "float", "--out", str(full))
    assert result.returncode == 0, result.stderr
    out = tmp_path / "killed_float.h5"
    process = start(out, "--precision", "float")
    wait_for_batches(out, process, 2)
    process.send_signal(signal.SIGKILL)
    process.wait()
    if process.returncode == 0:
        pytest.skip("the run finished before the kill landed")
    result = cli("run", str(SCENARIO), *RUN, "--precision", "float", "--out", str(out), "--resume")
    assert result.returncode == 0, result.stderr
    assert_same_datasets(full, out)
    with h5py.File(out, "r") as f:
        assert f.attrs["precision"] == "float"


def test_resume_refuses_another_run(tmp_path, uninterrupted):
    out = tmp_path / "other.h5"
    process = start(out)
    wait_for_batches(out, process, 1)
    process.send_signal(signal.SIGKILL)
    process.wait()
    for extra, reason in ((["--seed", "99"], "another seed"),
                          (["--precision", "float"], "another precision ('double', this run: "
                                                     "'float')"),
                          (["-n", "4000"], "another ensemble size (-n) (3000, this run: 4000)")):
        args = [a for a in RUN if a not in ("-n", "3000")] if "-n" in extra else RUN
        result = cli("run", str(SCENARIO), *args, *extra, "--out", str(out), "--resume")
        assert result.returncode == 2, result.stderr
        assert reason in result.stderr
    other = tmp_path / "renamed.toml"
    other.write_text(SCENARIO.read_text().replace('name = "small"', 'name = "renamed"', 1))
    result = cli("run", str(other), *RUN, "--out", str(out), "--resume")
    assert result.returncode == 2
    assert "another scenario" in result.stderr
    result = cli("run", str(SCENARIO), *RUN, "--out", str(uninterrupted), "--resume")
    assert result.returncode == 2
    assert "already complete" in result.stderr


def test_compression_keeps_the_data_and_shrinks_the_summaries(tmp_path, uninterrupted):
    sizes = {}
    for level in ("none", "small"):
        out = tmp_path / f"{level}.h5"
        result = cli("run", str(SCENARIO), *RUN, "--out", str(out), "--compress", level)
        assert result.returncode == 0, result.stderr
        assert_same_datasets(uninterrupted, out)
        with h5py.File(out, "r") as f:
            assert f.attrs["compression"] == level
            ds = f["trajectory/peak_price"]
            assert (ds.compression == "gzip") == (level == "small")
            sizes[level] = ds.id.get_storage_size()
    assert sizes["small"] < sizes["none"]
    result = cli("run", str(SCENARIO), *RUN, "--out", str(tmp_path / "x.h5"), "--compress", "max")
    assert result.returncode == 2


def test_without_a_checkpoint_resume_starts_again_and_still_matches(tmp_path, uninterrupted):
    """With the default interval (5 minutes) a short run writes no checkpoint: the resumed run
    simulates everything again, and ends the same."""
    out = tmp_path / "no_checkpoint.h5"
    process = start(out, run=RUN_DEFAULT_CHECKPOINTS)
    wait_for_batches(out, process, 2)
    process.send_signal(signal.SIGKILL)
    process.wait()
    with h5py.File(out, "r", swmr=True) as f:
        assert (f["checkpoint/slot0/progress"][:] == -1).all()
        assert (f["checkpoint/slot1/progress"][:] == -1).all()
    result = cli("run", str(SCENARIO), *RUN_DEFAULT_CHECKPOINTS, "--out", str(out), "--resume")
    assert result.returncode == 0, result.stderr
    assert "resumed after 0 trajectories" in result.stdout
    assert_same_datasets(uninterrupted, out)


def test_many_batches_do_not_bloat_the_file(tmp_path):
    """Rewriting compressed checkpoints leaves dead space in an SWMR file; with the default
    interval a run of 200 batches is about as large as a run of one."""
    sizes = {}
    for batch in ("20000", "100"):
        out = tmp_path / f"batch{batch}.h5"
        result = cli("run", str(SCENARIO), "-n", "20000", "--batch", batch, "--days", "100",
                     "--quiet", "--out", str(out))
        assert result.returncode == 0, result.stderr
        sizes[batch] = out.stat().st_size
    assert sizes["100"] < 1.5 * sizes["20000"], sizes


def test_info_counts_only_the_committed_rows(tmp_path, uninterrupted):
    """A killed run's file may hold summary rows past /progress; `info` must not count them."""
    out = tmp_path / "edited.h5"
    out.write_bytes(uninterrupted.read_bytes())
    with h5py.File(out, "r+") as f:
        f["progress"][:] = [1000, 10, 0]
        runs = f["trajectory/unmet_longest_run"]
        runs[:1000] = 0
        runs[1000:] = 5  # rows written but never committed
    info = cli("info", str(out)).stdout
    assert "Share of trajectories with any unmet demand over the horizon\n  none" in info, info
