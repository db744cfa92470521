"""Reading a mineralsim results file: the Run type (provenance and axis names), opening the file
with its checks, and reading its axes and the completed rows of /trajectory."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

import h5py
import numpy as np


class ReportError(Exception):
    """A problem with the input that ends the program with a message and, as the mineralsim
    command's invalid input does, exit code 2."""

    exit_code = 2


class UnreadableResults(ReportError):
    """A results file that cannot be read: exit code 3, as the mineralsim command's."""

    exit_code = 3


def fail(exc: ReportError) -> int:
    """Prints the error the way every script does and returns the exit code to end with."""
    print(f"{Path(sys.argv[0]).name}: error: {exc}", file=sys.stderr)
    return exc.exit_code


@dataclass
class Run:
    """Provenance and axis names of one results file."""

    path: Path
    label: str
    attrs: dict
    completed: int
    batches: int
    complete: bool
    commodity: list[str]
    importer: list[str]
    regime: list[str]
    holding: list[str]
    level: list[str]
    quantile: np.ndarray
    day: np.ndarray
    start_date: np.datetime64 | None
    extra: dict = field(default_factory=dict)

    @property
    def scenario_name(self) -> str:
        """The scenario's name, with the variant after a colon when one was run."""
        name = str(self.attrs.get("scenario_name", self.path.stem))
        variant = self.attrs.get("scenario_variant", "")
        return f"{name}:{variant}" if variant else name

    def dates(self, day: np.ndarray) -> np.ndarray:
        """Calendar dates of simulation days (day 0 = start_date); the day numbers if unknown."""
        if self.start_date is None:
            return np.asarray(day)
        return self.start_date + np.asarray(day).astype("timedelta64[D]")

    def quantile_index(self, level: float) -> int:
        hits = np.flatnonzero(np.isclose(self.quantile, level))
        if hits.size == 0:
            raise UnreadableResults(f"{self.path}: quantile level {level} not in /dimensions/quantile")
        return int(hits[0])


def open_results(path: Path) -> h5py.File:
    """Opens a results file for reading (SWMR), or raises UnreadableResults saying what is wrong."""
    if not path.exists():
        raise UnreadableResults(f"{path}: no such file")
    if not path.is_file():
        raise UnreadableResults(f"{path}: not a file")
    try:
        is_hdf5 = h5py.is_hdf5(str(path))
    except OSError as exc:
        raise UnreadableResults(f"{path}: cannot read: {exc}") from exc
    if not is_hdf5:
        raise UnreadableResults(f"{path}: not a mineralsim results file (not an HDF5 file)")
    try:
        f = h5py.File(path, "r", swmr=True)
    except OSError as exc:
        raise UnreadableResults(f"{path}: cannot open as HDF5: {exc}") from exc
    if "progress" not in f or "format_version" not in f.attrs:
        f.close()
        raise UnreadableResults(
            f"{path}: not a mineralsim results file (no /progress dataset or "
            f"format_version attribute)"
        )
    return f


def _text(value) -> str:
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    if isinstance(value, np.ndarray) and value.size == 1:
        return _text(value.reshape(-1)[0])
    if isinstance(value, np.generic):
        return str(value.item())
    return str(value)


def axis_names(f: h5py.File, axis: str) -> list[str]:
    """The names along /dimensions/<axis>; [] when the file has no such axis."""
    key = f"dimensions/{axis}"
    return [_text(v) for v in f[key][:]] if key in f else []


def load_run(f: h5py.File, path: Path) -> Run:
    """Reads provenance, progress and the axis names."""
    attrs = {k: _text(v) for k, v in f.attrs.items()}
    progress = np.asarray(f["progress"][:], dtype=np.int64)
    if progress.size < 3:
        raise UnreadableResults(f"{path}: /progress holds {progress.size} values, expected 3")
    start_date = None
    if attrs.get("start_date"):
        try:
            start_date = np.datetime64(attrs["start_date"], "D")
        except ValueError:
            start_date = None
    day = f["dimensions/day"][:] if "dimensions/day" in f else np.arange(int(attrs.get("days", 0)))
    quantile = f["dimensions/quantile"][:] if "dimensions/quantile" in f else np.array([])
    run = Run(
        path=path,
        label="",
        attrs=attrs,
        completed=int(progress[0]),
        batches=int(progress[1]),
        complete=bool(progress[2] == 1),
        commodity=axis_names(f, "commodity"),
        importer=axis_names(f, "importer"),
        regime=axis_names(f, "regime"),
        holding=axis_names(f, "holding"),
        level=axis_names(f, "level") or ["OPEN", "LICENSED", "RESTRICTED", "EMBARGO"],
        quantile=np.asarray(quantile, dtype=float),
        day=np.asarray(day, dtype=np.int64),
        start_date=start_date,
    )
    run.label = run.scenario_name
    return run


def trajectory_rows(f: h5py.File, run: Run, name: str) -> np.ndarray | None:
    """The first /progress[0] rows of /trajectory/<name> (rows past it may be incomplete)."""
    key = f"trajectory/{name}"
    if key not in f:
        return None
    ds = f[key]
    n = min(run.completed, ds.shape[0])
    return np.asarray(ds[:n])


def regime_commodity(regime: str) -> str:
    """'China/Dy/Tb oxide' -> 'Dy/Tb oxide' (the part after the first '/')."""
    return regime.split("/", 1)[1] if "/" in regime else regime


def regime_exporter(regime: str) -> str:
    """The controlling exporter of a regime named "exporter/commodity"."""
    return regime.split("/", 1)[0]


def ordered_union(lists) -> list[str]:
    """The items of several lists (axis names of one or two runs, table keys), each once, in the
    order they first appear."""
    seen: list[str] = []
    for names in lists:
        for name in names:
            if name not in seen:
                seen.append(name)
    return seen
