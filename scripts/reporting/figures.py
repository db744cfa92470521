"""The report's figures, drawn with matplotlib. Each plot_* takes [(run, data), ...] (one or two
runs, data from figure_data) and writes PNGs into out_dir, returning a list of
(file name, title, caption)."""

from __future__ import annotations

import math
import re
from pathlib import Path

import numpy as np

from . import exit_for_missing_package
from .results import ordered_union, regime_exporter

try:
    import matplotlib

    matplotlib.use("Agg")  # off screen: the figures go to PNG files
    import matplotlib.pyplot as plt
except ImportError as exc:  # pragma: no cover - depends on the environment
    exit_for_missing_package(exc)

# Colours of the first and second run in comparison figures.
RUN_COLOURS = ("tab:blue", "tab:orange")
# Colours of the regime levels OPEN, LICENSED, RESTRICTED, EMBARGO.
LEVEL_COLOURS = ("#4daf4a", "#ffd92f", "#ff7f00", "#e41a1c")
DPI = 100


def slug(text: str) -> str:
    """`text` as a file-name part: letters and digits, runs of anything else as one '_'."""
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



def plot_price_fans(runs: list, out_dir: Path) -> list:
    """One fan chart per commodity: median, 25-75% and 5-95% bands of the world price."""
    available = _available(runs)
    figures = []
    for name in ordered_union(d["commodity"] for _, d in available):
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
    regimes = ordered_union(d["regime"] for _, d in available)
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
    regimes = ordered_union(d["regime"] for _, d in available)
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
    holdings = ordered_union(d["holding"] for _, d in available)
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
