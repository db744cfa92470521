"""The numbers behind each figure and table of the report: one loader per figure reads a results
file into plain numpy arrays and lists (or None when the file has nothing to show), which are both
plotted and written to report_data.json."""

from __future__ import annotations

import math
from pathlib import Path

import h5py
import numpy as np

from .results import (Run, axis_names, load_run, open_results, regime_commodity, regime_exporter,
                      trajectory_rows)

# Quantile levels the figures and the table use.
FAN_LEVELS = (0.05, 0.25, 0.5, 0.75, 0.95)
TABLE_LEVELS = (0.05, 0.5, 0.95)


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
    windows = axis_names(f, "window")
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
