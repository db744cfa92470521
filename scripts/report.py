#!/usr/bin/env python3
"""Turn a mineralsim results file into a static HTML report with PNG figures.

    report.py RESULTS.h5 [-o DIR] [--compare OTHER.h5]

Writes into DIR (default: ``<results stem>_report/`` beside RESULTS.h5):

* one PNG per figure and an ``index.html`` that embeds them by relative path, headed by the
  run's provenance;
* ``report_data.json``: the exact numbers every figure and the table show, so that tests can
  check them against the results file.

Figures: a price fan chart per commodity, the world-vs-exporter price wedge per regime, regime
occupancy over time, the probability of unmet demand per importer x commodity, stockpile levels
(when the scenario has holdings), a table of per-trajectory summary quantiles and, when the
scenario has summary windows, a table of the probability of a shortage within each window. With
``--compare OTHER.h5`` every figure shows both runs and the tables gain a difference column.

The file layout is described in docs/output.md. Files are opened in SWMR read mode, so a file
that a run is still writing, or one left by an interrupted run, can be reported on; only the
first ``/progress[0]`` rows of ``/trajectory`` are used.
"""

from __future__ import annotations

import argparse
import html
import json
import math
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

try:
    import h5py
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
except ImportError as exc:  # pragma: no cover - depends on the environment
    sys.exit(f"report.py: error: {exc}; install the packages in scripts/requirements.txt")

# Colours of the first and second run in comparison figures.
RUN_COLOURS = ("tab:blue", "tab:orange")
# Colours of the regime levels OPEN, LICENSED, RESTRICTED, EMBARGO.
LEVEL_COLOURS = ("#4daf4a", "#ffd92f", "#ff7f00", "#e41a1c")
# Quantile levels the figures and the table use.
FAN_LEVELS = (0.05, 0.25, 0.5, 0.75, 0.95)
TABLE_LEVELS = (0.05, 0.5, 0.95)
DPI = 100


class ReportError(Exception):
    """A problem with the input that ends the program with a message."""


# --------------------------------------------------------------------------------------------
# Reading the results file
# --------------------------------------------------------------------------------------------


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
            raise ReportError(f"{self.path}: quantile level {level} not in /dimensions/quantile")
        return int(hits[0])


def open_results(path: Path) -> h5py.File:
    """Opens a results file for reading (SWMR), or raises ReportError saying what is wrong."""
    if not path.exists():
        raise ReportError(f"{path}: no such file")
    if not path.is_file():
        raise ReportError(f"{path}: not a file")
    try:
        is_hdf5 = h5py.is_hdf5(str(path))
    except OSError as exc:
        raise ReportError(f"{path}: cannot read: {exc}") from exc
    if not is_hdf5:
        raise ReportError(f"{path}: not a mineralsim results file (not an HDF5 file)")
    try:
        f = h5py.File(path, "r", swmr=True)
    except OSError as exc:
        raise ReportError(f"{path}: cannot open as HDF5: {exc}") from exc
    if "progress" not in f or "format_version" not in f.attrs:
        f.close()
        raise ReportError(
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


def _names(f: h5py.File, axis: str) -> list[str]:
    key = f"dimensions/{axis}"
    return [_text(v) for v in f[key][:]] if key in f else []


def load_run(f: h5py.File, path: Path) -> Run:
    """Reads provenance, progress and the axis names."""
    attrs = {k: _text(v) for k, v in f.attrs.items()}
    progress = np.asarray(f["progress"][:], dtype=np.int64)
    if progress.size < 3:
        raise ReportError(f"{path}: /progress holds {progress.size} values, expected 3")
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
        commodity=_names(f, "commodity"),
        importer=_names(f, "importer"),
        regime=_names(f, "regime"),
        holding=_names(f, "holding"),
        level=_names(f, "level") or ["OPEN", "LICENSED", "RESTRICTED", "EMBARGO"],
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
    return regime.split("/", 1)[0]


# One loader per figure: each returns plain numpy arrays and lists (or None when the file has
# nothing to show), which are both plotted and written to report_data.json.


def load_price_fan(f: h5py.File, run: Run) -> dict | None:
    """Quantiles of /daily/price per commodity: q05, q25, median, q75, q95, each [T, C]."""
    if "daily/price/quantiles" not in f or not run.commodity:
        return None
    q = f["daily/price/quantiles"][:]
    out = {"commodity": run.commodity, "day": run.day, "date": run.dates(run.day)}
    for level, key in zip(FAN_LEVELS, ("q05", "q25", "median", "q75", "q95")):
        out[key] = q[:, :, run.quantile_index(level)]
    return out


def load_price_wedge(f: h5py.File, run: Run) -> dict | None:
    """Per regime: median world price of its commodity and median exporter home price, [T, X]."""
    if "daily/home_price/quantiles" not in f or not run.regime:
        return None
    mid = run.quantile_index(0.5)
    home = f["daily/home_price/quantiles"][:, :, mid]
    world_all = f["daily/price/quantiles"][:, :, mid] if "daily/price/quantiles" in f else None
    commodities = [regime_commodity(r) for r in run.regime]
    world = np.full(home.shape, np.nan)
    for x, name in enumerate(commodities):
        if world_all is not None and name in run.commodity:
            world[:, x] = world_all[:, run.commodity.index(name)]
    return {
        "regime": run.regime,
        "commodity": commodities,
        "exporter": [regime_exporter(r) for r in run.regime],
        "day": run.day,
        "date": run.dates(run.day),
        "world_median": world,
        "home_median": home,
    }


def load_regime_occupancy(f: h5py.File, run: Run) -> dict | None:
    """/daily/regime_probability [T, X, levels]."""
    if "daily/regime_probability" not in f or not run.regime:
        return None
    return {
        "regime": run.regime,
        "level": run.level,
        "day": run.day,
        "date": run.dates(run.day),
        "probability": f["daily/regime_probability"][:],
    }


def load_unmet_heatmap(f: h5py.File, run: Run) -> dict | None:
    """Share of trajectories with any unmet demand over the horizon, [K, C]."""
    runs = trajectory_rows(f, run, "unmet_longest_run")
    if runs is None or not run.importer or not run.commodity:
        return None
    n = runs.shape[0]
    share = (runs > 0).sum(axis=0) / n if n else np.full(runs.shape[1:], np.nan)
    return {
        "importer": run.importer,
        "commodity": run.commodity,
        "trajectories": n,
        "share": share,
    }


def load_stockpile(f: h5py.File, run: Run) -> dict | None:
    """/daily/stock median and 5-95% band per holding, [T, G]; None without holdings."""
    if "daily/stock/quantiles" not in f or not run.holding:
        return None
    q = f["daily/stock/quantiles"][:]
    return {
        "holding": run.holding,
        "day": run.day,
        "date": run.dates(run.day),
        "q05": q[:, :, run.quantile_index(0.05)],
        "median": q[:, :, run.quantile_index(0.5)],
        "q95": q[:, :, run.quantile_index(0.95)],
    }


def _quantiles(values: np.ndarray) -> list[float]:
    values = np.asarray(values, dtype=float)
    if values.size == 0:
        return [math.nan] * len(TABLE_LEVELS)
    return [float(v) for v in np.quantile(values, TABLE_LEVELS)]


def load_summary_table(f: h5py.File, run: Run) -> dict:
    """5/50/95% quantiles over trajectories of the per-trajectory summaries.

    Rows: peak_price and days_above_double per commodity, unmet_total per importer x commodity
    (only pairs where some trajectory has unmet demand), stockpile_cost_musd, floor_cost_musd.
    """
    rows = []

    def add(quantity: str, item: str, unit: str, values: np.ndarray) -> None:
        p05, p50, p95 = _quantiles(values)
        rows.append({"quantity": quantity, "item": item, "unit": unit,
                     "p05": p05, "p50": p50, "p95": p95})

    for quantity, unit in (("peak_price", "USD/kg"), ("days_above_double", "days")):
        data = trajectory_rows(f, run, quantity)
        if data is not None:
            for c, name in enumerate(run.commodity):
                add(quantity, name, unit, data[:, c])
    unmet = trajectory_rows(f, run, "unmet_total")
    if unmet is not None:
        for k, importer in enumerate(run.importer):
            for c, commodity in enumerate(run.commodity):
                if np.any(unmet[:, k, c] != 0):
                    add("unmet_total", f"{importer} / {commodity}", "t", unmet[:, k, c])
    for quantity in ("stockpile_cost_musd", "floor_cost_musd"):
        data = trajectory_rows(f, run, quantity)
        if data is not None:
            add(quantity, "", "USD million", data)
    return {"levels": list(TABLE_LEVELS), "trajectories": run.completed, "rows": rows}


def load_window_shortage(f: h5py.File, run: Run) -> dict | None:
    """Per summary window: share of trajectories short on some day inside it, [W, K, C]."""
    first = trajectory_rows(f, run, "window_first_unmet_day")
    windows = _names(f, "window")
    if first is None or not windows:
        return None
    n = first.shape[0]
    share = (first >= 0).sum(axis=0) / n if n else np.full(first.shape[1:], np.nan)
    return {
        "window": windows,
        "importer": run.importer,
        "commodity": run.commodity,
        "trajectories": n,
        "share": share,
    }


LOADERS = {
    "price_fan": load_price_fan,
    "price_wedge": load_price_wedge,
    "regime_occupancy": load_regime_occupancy,
    "unmet_heatmap": load_unmet_heatmap,
    "stockpile": load_stockpile,
    "summary_table": load_summary_table,
    "window_shortage": load_window_shortage,
}


def load_all(path: Path) -> tuple[Run, dict]:
    """Reads everything the report needs from one file into plain arrays."""
    with open_results(path) as f:
        run = load_run(f, path)
        data = {name: loader(f, run) for name, loader in LOADERS.items()}
    return run, data


# --------------------------------------------------------------------------------------------
# Figures: each takes [(run, data), ...] (one or two runs) and writes PNGs into out_dir,
# returning a list of (file name, title, caption).
# --------------------------------------------------------------------------------------------


def slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "_", text).strip("_").lower() or "x"


def _use_log_scale(ax, *arrays) -> None:
    """Log y axis when the values are positive and span more than a factor of 50."""
    values = np.concatenate([np.ravel(np.asarray(a, dtype=float)) for a in arrays])
    values = values[np.isfinite(values)]
    positive = values[values > 0]
    if positive.size and positive.size == values.size and positive.max() > 50 * positive.min():
        ax.set_yscale("log")


def _grid(n: int, ncols: int, width: float, height: float):
    ncols = max(1, min(ncols, n))
    nrows = math.ceil(n / ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=(width * ncols, height * nrows),
                             squeeze=False, sharex=False)
    for ax in axes.flat[n:]:
        ax.set_visible(False)
    return fig, list(axes.flat[:n])


def _save(fig, out_dir: Path, name: str) -> str:
    fig.savefig(out_dir / name, dpi=DPI)
    plt.close(fig)
    return name


def _colour(i: int, runs: list) -> str:
    return RUN_COLOURS[i] if len(runs) > 1 else "tab:blue"


def _available(runs: list) -> list:
    """The (run, data) pairs whose run has the data a figure needs."""
    return [(run, d) for run, d in runs if d is not None]


def _union(lists) -> list[str]:
    seen: list[str] = []
    for names in lists:
        for name in names:
            if name not in seen:
                seen.append(name)
    return seen


def plot_price_fans(runs: list, out_dir: Path) -> list:
    """One fan chart per commodity: median, 25-75% and 5-95% bands of the world price."""
    available = _available(runs)
    figures = []
    for name in _union(d["commodity"] for _, d in available):
        fig, ax = plt.subplots(figsize=(9, 4.5))
        arrays = []
        for i, (run, d) in enumerate(available):
            if name not in d["commodity"]:
                continue
            c = d["commodity"].index(name)
            colour = _colour(i, runs)
            ax.fill_between(d["date"], d["q05"][:, c], d["q95"][:, c], color=colour, alpha=0.15,
                            linewidth=0, label=f"{run.label}: 5-95%")
            ax.fill_between(d["date"], d["q25"][:, c], d["q75"][:, c], color=colour, alpha=0.35,
                            linewidth=0, label=f"{run.label}: 25-75%")
            ax.plot(d["date"], d["median"][:, c], color=colour, linewidth=1.6,
                    label=f"{run.label}: median")
            arrays += [d["q05"][:, c], d["q95"][:, c]]
        _use_log_scale(ax, *arrays)
        ax.set_title(f"World price of {name}")
        ax.set_ylabel("USD/kg")
        ax.grid(True, alpha=0.3)
        ax.legend(fontsize="small", loc="upper left")
        fig.autofmt_xdate()
        fig.tight_layout()
        figures.append((_save(fig, out_dir, f"price_fan_{slug(name)}.png"),
                        f"Price fan: {name}",
                        "World price (/daily/price): median line, 25-75% and 5-95% bands."))
    return figures


def plot_price_wedge(runs: list, out_dir: Path) -> list:
    """Per regime: median world price vs the exporter's median home price."""
    available = _available(runs)
    regimes = _union(d["regime"] for _, d in available)
    if not regimes:
        return []
    fig, axes = _grid(len(regimes), 3, 5.2, 3.6)
    for ax, regime in zip(axes, regimes):
        arrays = []
        for i, (run, d) in enumerate(available):
            if regime not in d["regime"]:
                continue
            x = d["regime"].index(regime)
            colour = _colour(i, runs)
            prefix = f"{run.label}: " if len(runs) > 1 else ""
            world, home = d["world_median"][:, x], d["home_median"][:, x]
            ax.plot(d["date"], world, color=colour, linewidth=1.5, label=f"{prefix}world")
            ax.plot(d["date"], home, color=colour, linewidth=1.5, linestyle="--",
                    label=f"{prefix}home ({regime_exporter(regime)})")
            ax.fill_between(d["date"], home, world, color=colour, alpha=0.12, linewidth=0)
            arrays += [world, home]
        _use_log_scale(ax, *arrays)
        ax.set_title(regime, fontsize="medium")
        ax.set_ylabel("USD/kg (median)")
        ax.grid(True, alpha=0.3)
        ax.legend(fontsize="x-small")
        ax.tick_params(axis="x", labelrotation=30, labelsize="small")
    fig.suptitle("World vs exporter home price (medians)")
    fig.tight_layout()
    return [(_save(fig, out_dir, "price_wedge.png"), "World vs exporter price wedge",
             "Median /daily/price of each regime's commodity (solid) and median "
             "/daily/home_price of the controlling exporter (dashed); the shaded area is the wedge.")]


def plot_regime_occupancy(runs: list, out_dir: Path) -> list:
    """Stacked area of the share of trajectories in each regime level, one panel per regime."""
    available = _available(runs)
    regimes = _union(d["regime"] for _, d in available)
    if not regimes:
        return []
    ncols = len(available)
    if ncols == 1:
        fig, axes = _grid(len(regimes), 3, 4.6, 2.8)
        panels = {(regime, 0): ax for regime, ax in zip(regimes, axes)}
    else:
        fig, grid = plt.subplots(len(regimes), ncols, figsize=(5.2 * ncols, 2.6 * len(regimes)),
                                 squeeze=False)
        panels = {(regime, i): grid[r][i] for r, regime in enumerate(regimes) for i in range(ncols)}
    handles = None
    for i, (run, d) in enumerate(available):
        for regime in regimes:
            ax = panels[(regime, i)]
            title = regime if ncols == 1 else f"{run.label}: {regime}"
            ax.set_title(title, fontsize="medium")
            if regime not in d["regime"]:
                ax.text(0.5, 0.5, "not in this run", ha="center", va="center",
                        transform=ax.transAxes)
                ax.set_xticks([])
                ax.set_yticks([])
                continue
            x = d["regime"].index(regime)
            prob = d["probability"][:, x, :]
            handles = ax.stackplot(d["date"], prob.T, labels=d["level"],
                                   colors=LEVEL_COLOURS[: prob.shape[1]], linewidth=0)
            ax.set_ylim(0, 1)
            ax.set_ylabel("share")
            ax.tick_params(axis="x", labelrotation=30, labelsize="small")
    if handles is not None:
        fig.legend(handles, available[0][1]["level"], loc="upper center",
                   ncol=len(available[0][1]["level"]), fontsize="small")
    fig.tight_layout(rect=(0, 0, 1, 0.95))
    return [(_save(fig, out_dir, "regime_occupancy.png"), "Regime occupancy",
             "Share of trajectories in each export-control level (/daily/regime_probability).")]


def _draw_heatmap(ax, share: np.ndarray, importers: list, commodities: list, title: str,
                  cmap: str = "Reds", vmin: float = 0.0, vmax: float = 1.0, signed=False):
    image = ax.imshow(share, cmap=cmap, vmin=vmin, vmax=vmax, aspect="auto")
    ax.set_xticks(range(len(commodities)), commodities, rotation=35, ha="right",
                  fontsize="small")
    ax.set_yticks(range(len(importers)), importers, fontsize="small")
    for (k, c), value in np.ndenumerate(share):
        if not np.isfinite(value):
            text = "-"
        else:
            text = f"{value:+.0%}" if signed else f"{value:.0%}"
        dark = np.isfinite(value) and abs(value) > 0.6 * max(abs(vmin), abs(vmax))
        ax.text(c, k, text, ha="center", va="center", fontsize="x-small",
                color="white" if dark else "black")
    ax.set_title(title, fontsize="medium")
    return image


def plot_unmet_heatmap(runs: list, out_dir: Path) -> list:
    """Probability of any unmet demand over the horizon per importer x commodity."""
    available = _available(runs)
    if not available:
        return []
    same_axes = len(available) == 2 and all(
        available[0][1][k] == available[1][1][k] for k in ("importer", "commodity"))
    panels = len(available) + (1 if same_axes else 0)
    width = 1.1 * max(len(d["commodity"]) for _, d in available) + 3.0
    height = 0.45 * max(len(d["importer"]) for _, d in available) + 2.0
    fig, axes = plt.subplots(1, panels, figsize=(width * panels, height), squeeze=False,
                             layout="constrained")
    image = None
    for ax, (run, d) in zip(axes[0], available):
        image = _draw_heatmap(ax, d["share"], d["importer"], d["commodity"],
                              f"{run.label} ({d['trajectories']} trajectories)")
    fig.colorbar(image, ax=list(axes[0][: len(available)]), label="probability", shrink=0.8)
    if same_axes:
        diff = available[1][1]["share"] - available[0][1]["share"]
        diff_image = _draw_heatmap(axes[0][-1], diff, available[0][1]["importer"],
                                   available[0][1]["commodity"],
                                   f"{available[1][0].label} - {available[0][0].label}",
                                   cmap="RdBu_r", vmin=-1.0, vmax=1.0, signed=True)
        fig.colorbar(diff_image, ax=axes[0][-1], label="difference", shrink=0.8)
    fig.suptitle("Probability of unmet demand over the horizon")
    return [(_save(fig, out_dir, "unmet_heatmap.png"), "Probability of unmet demand",
             "Share of trajectories with at least one day of unmet demand "
             "(/trajectory/unmet_longest_run > 0), per importer and commodity.")]


def plot_stockpile(runs: list, out_dir: Path) -> list:
    """Median and 5-95% band of each stockpile holding."""
    available = _available(runs)
    holdings = _union(d["holding"] for _, d in available)
    if not holdings:
        return []
    fig, axes = _grid(len(holdings), 4, 4.2, 2.9)
    for ax, holding in zip(axes, holdings):
        for i, (run, d) in enumerate(available):
            if holding not in d["holding"]:
                continue
            g = d["holding"].index(holding)
            colour = _colour(i, runs)
            ax.fill_between(d["date"], d["q05"][:, g], d["q95"][:, g], color=colour, alpha=0.25,
                            linewidth=0)
            ax.plot(d["date"], d["median"][:, g], color=colour, linewidth=1.4,
                    label=run.label if len(runs) > 1 else "median")
        ax.set_title(holding, fontsize="medium")
        ax.set_ylabel("t")
        ax.set_ylim(bottom=0)
        ax.grid(True, alpha=0.3)
        ax.tick_params(axis="x", labelrotation=30, labelsize="small")
    axes[0].legend(fontsize="x-small")
    fig.suptitle("Stockpile holdings: median and 5-95% band")
    fig.tight_layout()
    return [(_save(fig, out_dir, "stockpile.png"), "Stockpile levels",
             "/daily/stock per holding: median line and 5-95% band.")]


FIGURES = (
    ("price_fan", plot_price_fans),
    ("price_wedge", plot_price_wedge),
    ("regime_occupancy", plot_regime_occupancy),
    ("unmet_heatmap", plot_unmet_heatmap),
    ("stockpile", plot_stockpile),
)


# --------------------------------------------------------------------------------------------
# Table, JSON and HTML
# --------------------------------------------------------------------------------------------


def table_diff(base: dict, other: dict) -> list:
    """Rows of both tables matched by (quantity, item), with other - base of each quantile."""
    index_other = {(r["quantity"], r["item"]): r for r in other["rows"]}
    index_base = {(r["quantity"], r["item"]): r for r in base["rows"]}
    order = ("peak_price", "days_above_double", "unmet_total", "stockpile_cost_musd",
             "floor_cost_musd")
    keys = sorted(_union([list(index_base), list(index_other)]),
                  key=lambda key: order.index(key[0]) if key[0] in order else len(order))
    rows = []
    for key in keys:
        a, b = index_base.get(key), index_other.get(key)
        row = {"quantity": key[0], "item": key[1], "unit": (a or b)["unit"]}
        for level in ("p05", "p50", "p95"):
            row[f"base_{level}"] = a[level] if a else math.nan
            row[f"other_{level}"] = b[level] if b else math.nan
            row[f"diff_{level}"] = (b[level] - a[level]) if (a and b) else math.nan
        rows.append(row)
    return rows


def jsonable(value):
    """numpy arrays, scalars and dates -> JSON values; NaN and infinities -> null."""
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    if isinstance(value, np.ndarray):
        if np.issubdtype(value.dtype, np.datetime64):
            return [str(v) for v in value.astype("datetime64[D]")]
        return jsonable(value.tolist())
    if isinstance(value, np.generic):
        return jsonable(value.item())
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def provenance(run: Run) -> dict:
    keys = ("scenario_name", "scenario_variant", "scenario_file", "start_date", "seed", "mineralsim_version",
            "git_revision", "git_tree", "command_line", "created_utc", "trajectories_requested",
            "days", "backend", "precision", "format_version")
    out = {key: run.attrs.get(key) for key in keys}
    out.update({"file": str(run.path), "label": run.label, "trajectories_completed":
                run.completed, "batches_completed": run.batches, "complete": run.complete})
    return out


def _fmt(value) -> str:
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return "&ndash;"
    if isinstance(value, float):
        if value != 0 and (abs(value) >= 1e6 or abs(value) < 1e-2):
            return f"{value:.3g}"
        return f"{value:,.2f}" if abs(value) < 1000 else f"{value:,.0f}"
    return html.escape(str(value))


def html_provenance(runs: list[Run]) -> str:
    rows = [
        ("Scenario", lambda r: html.escape(r.scenario_name)),
        ("Scenario file", lambda r: html.escape(r.attrs.get("scenario_file", ""))),
        ("Results file", lambda r: html.escape(str(r.path))),
        ("Start date", lambda r: html.escape(r.attrs.get("start_date", ""))),
        ("Horizon", lambda r: f"{len(r.day)} days"),
        ("Trajectories", lambda r: (
            f"{r.completed} of {html.escape(r.attrs.get('trajectories_requested', '?'))} "
            + ("(complete)" if r.complete else
               "<strong class='warn'>(incomplete: run in progress or interrupted)</strong>"))),
        ("Seed", lambda r: html.escape(r.attrs.get("seed", ""))),
        ("mineralsim", lambda r: html.escape(
            f"{r.attrs.get('mineralsim_version', '?')} (git {r.attrs.get('git_revision', '?')}"
            f", {r.attrs.get('git_tree', '?')})")),
        ("Command line", lambda r: f"<code>{html.escape(r.attrs.get('command_line', ''))}</code>"),
        ("Created (UTC)", lambda r: html.escape(r.attrs.get("created_utc", ""))),
    ]
    head = "".join(f"<th>{html.escape(r.label)}</th>" for r in runs) if len(runs) > 1 else ""
    body = "".join(
        f"<tr><th>{name}</th>" + "".join(f"<td>{cell(r)}</td>" for r in runs) + "</tr>"
        for name, cell in rows)
    header = f"<tr><th></th>{head}</tr>" if head else ""
    return f"<table class='prov'>{header}{body}</table>"


def html_table(runs: list[Run], data: list[dict], diff_rows: list | None) -> str:
    pct = [f"{int(round(level * 100))}%" for level in TABLE_LEVELS]
    if diff_rows is None:
        head = ("<tr><th>quantity</th><th>item</th><th>unit</th>"
                + "".join(f"<th>{p}</th>" for p in pct) + "</tr>")
        body = "".join(
            f"<tr><td>{html.escape(r['quantity'])}</td><td>{html.escape(r['item'])}</td>"
            f"<td>{html.escape(r['unit'])}</td>"
            + "".join(f"<td class='num'>{_fmt(r[k])}</td>" for k in ("p05", "p50", "p95"))
            + "</tr>" for r in data[0]["rows"])
    else:
        a, b = (html.escape(r.label) for r in runs)
        head = ("<tr><th rowspan=2>quantity</th><th rowspan=2>item</th><th rowspan=2>unit</th>"
                f"<th colspan=3>{a}</th><th colspan=3>{b}</th>"
                f"<th colspan=3>difference ({b} &minus; {a})</th></tr><tr>"
                + "".join(f"<th>{p}</th>" for p in pct * 3) + "</tr>")
        columns = ([f"base_{k}" for k in ("p05", "p50", "p95")]
                   + [f"other_{k}" for k in ("p05", "p50", "p95")]
                   + [f"diff_{k}" for k in ("p05", "p50", "p95")])
        body = "".join(
            f"<tr><td>{html.escape(r['quantity'])}</td><td>{html.escape(r['item'])}</td>"
            f"<td>{html.escape(r['unit'])}</td>"
            + "".join(f"<td class='num{' diff' if c.startswith('diff') else ''}'>{_fmt(r[c])}</td>"
                      for c in columns)
            + "</tr>" for r in diff_rows)
    return f"<table class='summary'>{head}{body}</table>"


def window_rows(runs: list[Run], data: list[dict | None]) -> list[dict]:
    """One row per window and importer/commodity pair that is short in some run: the share of
    trajectories short inside the window, per run, and its binomial standard error."""
    present = [d for d in data if d is not None]
    if not present:
        return []
    rows = []
    for window in _union(d["window"] for d in present):
        for importer in _union(d["importer"] for d in present):
            for commodity in _union(d["commodity"] for d in present):
                shares, errors = [], []
                for d in data:
                    share = math.nan
                    if (d is not None and window in d["window"] and importer in d["importer"]
                            and commodity in d["commodity"]):
                        share = float(d["share"][d["window"].index(window),
                                                 d["importer"].index(importer),
                                                 d["commodity"].index(commodity)])
                    n = d["trajectories"] if d is not None else 0
                    shares.append(share)
                    errors.append(math.sqrt(share * (1 - share) / n) if n and share == share
                                  else math.nan)
                if any(x > 0 for x in shares):
                    rows.append({"window": window, "item": f"{importer} / {commodity}",
                                 "share": shares, "standard_error": errors})
    return rows


def html_window_table(runs: list[Run], rows: list[dict]) -> str:
    labels = [html.escape(r.label) for r in runs]
    head = "<tr><th>window</th><th>importer / commodity</th>" + "".join(
        f"<th>{label}</th>" for label in labels)
    if len(runs) == 2:
        head += f"<th>difference ({labels[1]} &minus; {labels[0]})</th>"
    head += "</tr>"

    def percent(value: float) -> str:
        return f"{100 * value:.2f}" if math.isfinite(value) else "&ndash;"

    def cell(share: float, error: float) -> str:
        return f"<td class='num'>{percent(share)}% &plusmn; {percent(error)}</td>"

    body = ""
    for r in rows:
        body += (f"<tr><td>{html.escape(r['window'])}</td><td>{html.escape(r['item'])}</td>"
                 + "".join(cell(s, e) for s, e in zip(r["share"], r["standard_error"])))
        if len(runs) == 2:
            body += f"<td class='num diff'>{percent(r['share'][1] - r['share'][0])} points</td>"
        body += "</tr>"
    return f"<table class='summary'>{head}{body}</table>"


STYLE = """
body { font-family: sans-serif; margin: 2em; max-width: 1500px; color: #222; }
table { border-collapse: collapse; margin: 1em 0; font-size: 0.9em; }
th, td { border: 1px solid #ccc; padding: 0.25em 0.6em; text-align: left; vertical-align: top; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
td.diff { background: #f4f4f4; }
table.prov th { background: #f0f0f0; }
.warn { color: #b00; }
figure { margin: 1.5em 0; }
figure img { max-width: 100%; border: 1px solid #ddd; }
figcaption { font-size: 0.9em; color: #555; }
"""


def write_html(out_dir: Path, runs: list[Run], figures: list, table_html: str,
               window_html: str) -> Path:
    title = "mineralsim report: " + " vs ".join(r.label for r in runs)
    parts = [
        "<!DOCTYPE html>", "<html lang='en'><head><meta charset='utf-8'>",
        f"<title>{html.escape(title)}</title><style>{STYLE}</style></head><body>",
        f"<h1>{html.escape(title)}</h1>", "<h2>Provenance</h2>", html_provenance(runs),
    ]
    if any(not r.complete for r in runs):
        parts.append("<p class='warn'>At least one run is incomplete: per-trajectory summaries "
                     "use the completed trajectories only, and daily statistics may include a "
                     "batch in flight.</p>")
    for name, title_, caption in figures:
        parts.append(
            f"<figure><h2>{html.escape(title_)}</h2><img src='{html.escape(name)}' "
            f"alt='{html.escape(title_)}'><figcaption>{html.escape(caption)}</figcaption></figure>")
    parts += ["<h2>Per-trajectory summaries</h2>",
              "<p>Sample quantiles over the completed trajectories of /trajectory; unmet_total "
              "only for importer/commodity pairs with unmet demand in some trajectory.</p>",
              table_html]
    if window_html:
        parts += ["<h2>Shortage within summary windows</h2>",
                  "<p>Share of trajectories with unmet demand on at least one day of the window "
                  "(the scenario's [[window]] tables), &plusmn; its binomial standard error; "
                  "pairs short in no trajectory are left out.</p>", window_html]
    parts.append("</body></html>")
    path = out_dir / "index.html"
    path.write_text("\n".join(parts), encoding="utf-8")
    return path


# --------------------------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------------------------


def distinct_labels(runs: list[Run]) -> None:
    """Makes run labels unique. Same scenario name twice: add what tells the runs apart (the
    seed, else the precision), else the file name, else its path."""
    if len(runs) != 2 or runs[0].label != runs[1].label:
        return
    for attribute, shown in (("seed", "seed {}"), ("precision", "{}")):
        values = [r.attrs.get(attribute) for r in runs]
        if values[0] != values[1]:
            for r, value in zip(runs, values):
                r.label = f"{r.scenario_name} ({shown.format(value)})"
            return
    for r in runs:
        r.label = f"{r.scenario_name} ({r.path.name})"
    if runs[0].label == runs[1].label:
        for r in runs:
            r.label = f"{r.scenario_name} ({r.path})"


def make_report(results: Path, out_dir: Path | None = None, compare: Path | None = None) -> Path:
    """Writes the report for `results` (and optionally `compare`); returns index.html's path."""
    loaded = [load_all(results)]
    if compare is not None:
        loaded.append(load_all(compare))
    runs = [run for run, _ in loaded]
    distinct_labels(runs)
    out_dir = out_dir or results.with_name(results.stem + "_report")
    out_dir.mkdir(parents=True, exist_ok=True)

    figures = []
    for name, plot in FIGURES:
        figures += plot([(run, data[name]) for run, data in loaded], out_dir)

    tables = [data["summary_table"] for _, data in loaded]
    diff_rows = table_diff(tables[0], tables[1]) if len(tables) == 2 else None
    table_html = html_table(runs, tables, diff_rows)
    windows = window_rows(runs, [data["window_shortage"] for _, data in loaded])
    window_html = html_window_table(runs, windows) if windows else ""

    report_data = {"runs": [provenance(r) for r in runs],
                   "figures": [name for name, _, _ in figures]}
    report_data.update(loaded[0][1])
    report_data["window_table"] = {"rows": windows}
    if len(loaded) == 2:
        report_data["compare"] = loaded[1][1]
        report_data["summary_table_diff"] = {"rows": diff_rows}
    (out_dir / "report_data.json").write_text(
        json.dumps(jsonable(report_data), allow_nan=False), encoding="utf-8")
    return write_html(out_dir, runs, figures, table_html, window_html)


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Write an HTML report with figures for a mineralsim results file.")
    parser.add_argument("results", type=Path, help="results file written by mineralsim run")
    parser.add_argument("-o", "--out", type=Path, default=None, metavar="DIR",
                        help="output directory (default: <results stem>_report/ beside the file)")
    parser.add_argument("--compare", type=Path, default=None, metavar="OTHER.h5",
                        help="second results file to show side by side")
    return parser.parse_args(argv)


def main(argv=None) -> int:
    args = parse_args(argv)
    try:
        index = make_report(args.results, args.out, args.compare)
    except ReportError as exc:
        print(f"report.py: error: {exc}", file=sys.stderr)
        return 1
    print(f"wrote {index}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
