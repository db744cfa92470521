"""The report's page and data file: index.html (provenance, figures, tables) and the conversion of
the loaded numbers to the JSON of report_data.json."""

from __future__ import annotations

import html
import math
from pathlib import Path

import numpy as np

from .results import Run


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
            "days", "backend", "precision", "format_version", "shard_index", "shard_count",
            "shard_span", "first_trajectory", "shard_trajectories")
    out = {key: run.attrs.get(key) for key in keys}
    out.update({"file": str(run.path), "label": run.label, "trajectories_completed":
                run.completed, "batches_completed": run.batches, "complete": run.complete})
    return out


def html_trajectories(run: Run) -> str:
    """How many trajectories the file holds, of how many; for a shard's file (or a partial
    merge's), which shards and which of the run's trajectories."""
    requested = html.escape(run.attrs.get("trajectories_requested", "?"))
    status = ("(complete)" if run.complete else
              "<strong class='warn'>(incomplete: run in progress or interrupted)</strong>")
    if "shard_count" not in run.attrs:
        return f"{run.completed} of {requested} {status}"
    index, count = int(run.attrs["shard_index"]), int(run.attrs["shard_count"])
    span = int(run.attrs.get("shard_span", 1))
    shards = (f"shard {index}/{count}" if span == 1
              else f"shards {index}-{index + span - 1}/{count}")
    first, size = int(run.attrs["first_trajectory"]), int(run.attrs["shard_trajectories"])
    return (f"{run.completed} of {size} in {shards} (trajectories {first} to {first + size - 1} "
            f"of the run's {requested}; <code>mineralsim merge</code> joins the shards) {status}")


def html_provenance(runs: list[Run]) -> str:
    rows = [
        ("Scenario", lambda r: html.escape(r.scenario_name)),
        ("Scenario file", lambda r: html.escape(r.attrs.get("scenario_file", ""))),
        ("Results file", lambda r: html.escape(str(r.path))),
        ("Start date", lambda r: html.escape(r.attrs.get("start_date", ""))),
        ("Horizon", lambda r: f"{len(r.day)} days"),
        ("Trajectories", html_trajectories),
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
