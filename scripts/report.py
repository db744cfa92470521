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
import json
import sys
from pathlib import Path

from reporting.figure_data import load_all
from reporting.figures import FIGURES
from reporting.page import jsonable, provenance, write_html
from reporting.results import ReportError, Run, fail
from reporting.tables import html_table, html_window_table, table_diff, window_rows


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
        return fail(exc)
    print(f"wrote {index}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
