#!/usr/bin/env python3
"""Which uncertain parameters drive a shortage: the drawn parameters of a results file ranked by
how much they differ between the trajectories in which an importer ran short of a commodity and
those in which it did not.

    drivers.py RESULTS.h5 --importer NAME --commodity NAME [--window NAME] [--top K] [--json OUT]

A trajectory counts as short when the importer had unmet demand for the commodity on some day of
the run (``/trajectory/first_unmet_day``), or with ``--window`` on some day inside that summary
window (``/trajectory/window_first_unmet_day``). For each parameter the scenario draws per
trajectory (``/trajectory/parameters``, named by ``/dimensions/drawn_parameter``) it prints:

* the mean among short and among other trajectories, and their standardised difference
  ``d = (mean short - mean other) / sd``, with its standard error ``sqrt(1/n_short + 1/n_other)``;
  with P parameters screened at once, the largest of P noise values alone reaches a few standard
  errors, so a parameter is marked as a driver only when |d| exceeds the Bonferroni bound
  ``z(1 - 0.05 / (2 P))`` standard errors (about 3 for 19 parameters);
* the probability of a shortage among the trajectories in the lowest and in the highest third of
  the parameter's draws.

It is a screening of one-at-a-time associations, not a variance decomposition: parameters that
are drawn independently can be read one by one, but a parameter that matters only together with
another may rank low. Only the first ``/progress[0]`` rows are used, so an interrupted run's file
can be screened too.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path
from statistics import NormalDist

import numpy as np

from reporting.results import (ReportError, axis_names, fail, load_run, open_results,
                               trajectory_rows)


def _index(names: list[str], wanted: str, what: str, path: Path) -> int:
    if wanted not in names:
        raise ReportError(f"{path}: no {what} '{wanted}' (the file has: {', '.join(names)})")
    return names.index(wanted)


def shortage_drivers(path: Path, importer: str, commodity: str,
                     window: str | None = None) -> dict:
    """The screening of one results file, as plain lists and numbers."""
    with open_results(path) as f:
        run = load_run(f, path)
        k = _index(run.importer, importer, "importer", path)
        c = _index(run.commodity, commodity, "commodity", path)
        if window is None:
            first = trajectory_rows(f, run, "first_unmet_day")[:, k, c]
        else:
            w = _index(axis_names(f, "window"), window, "window", path)
            first = trajectory_rows(f, run, "window_first_unmet_day")[:, w, k, c]
        names = axis_names(f, "drawn_parameter")
        values = trajectory_rows(f, run, "parameters") if names else None
    short = first >= 0
    n_short = int(short.sum())
    n = short.size
    result = {
        "file": str(path), "importer": importer, "commodity": commodity, "window": window,
        "trajectories": n, "short": n_short,
        "probability": n_short / n if n else math.nan,
        "probability_se": math.sqrt(n_short * (n - n_short) / n**3) if n else math.nan,
        "parameters": [],
    }
    if values is None or n_short == 0 or n_short == n:
        return result
    # The same standard error for every parameter: it depends only on the two group sizes.
    result["d_se"] = math.sqrt(1.0 / n_short + 1.0 / (n - n_short))
    threshold = result["d_se"] * NormalDist().inv_cdf(1 - 0.05 / (2 * len(names)))
    result["driver_threshold"] = threshold
    rows = []
    for j, name in enumerate(names):
        x = values[:, j].astype(float)
        sd = float(x.std(ddof=1))
        mean_short = float(x[short].mean())
        mean_other = float(x[~short].mean())
        low_cut, high_cut = np.quantile(x, [1 / 3, 2 / 3])
        low, high = x <= low_cut, x >= high_cut
        d = (mean_short - mean_other) / sd if sd > 0 else 0.0
        rows.append({
            "parameter": name,
            "mean_short": mean_short,
            "mean_other": mean_other,
            "d": d,
            "driver": abs(d) > threshold,
            "probability_low_third": float(short[low].mean()),
            "probability_high_third": float(short[high].mean()),
        })
    rows.sort(key=lambda r: -abs(r["d"]))
    result["parameters"] = rows
    return result


def describe(result: dict, top: int) -> str:
    where = f"within window '{result['window']}'" if result["window"] else "on some day of the run"
    lines = [
        f"{result['file']}: {result['importer']} short of {result['commodity']} {where}: "
        f"{result['short']} of {result['trajectories']} trajectories "
        f"(probability {result['probability']:.4f} +- {result['probability_se']:.4f})",
    ]
    rows = result["parameters"]
    if not rows:
        reason = ("the scenario draws no parameter per trajectory" if result["short"] not in
                  (0, result["trajectories"]) else "every trajectory has the same outcome")
        return "\n".join(lines + [f"no drivers to rank: {reason}"]) + "\n"
    drivers = sum(r["driver"] for r in rows)
    lines.append(f"standard error of d: {result['d_se']:.3f}; a driver (*) has |d| above "
                 f"{result['driver_threshold']:.3f}, beyond what noise reaches among {len(rows)} "
                 f"parameters; {drivers} of them {'is' if drivers == 1 else 'are'}")
    width = max(len(r["parameter"]) for r in rows[:top])
    lines.append(f"  {'parameter':<{width}}  {'d':>7}  {'mean short':>11}  {'mean other':>11}  "
                 f"{'P(short) low third':>18}  {'high third':>10}")
    for r in rows[:top]:
        lines.append(f"{'*' if r['driver'] else ' '} {r['parameter']:<{width}}  {r['d']:>7.3f}  "
                     f"{r['mean_short']:>11.4g}  {r['mean_other']:>11.4g}  "
                     f"{r['probability_low_third']:>18.4f}  {r['probability_high_third']:>10.4f}")
    return "\n".join(lines) + "\n"


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("results", type=Path, help="results file written by mineralsim run")
    parser.add_argument("--importer", required=True, help="importer name, as in the scenario")
    parser.add_argument("--commodity", required=True, help="commodity name, as in the scenario")
    parser.add_argument("--window", default=None,
                        help="count a shortage only inside this [[window]] of the scenario")
    parser.add_argument("--top", type=int, default=15, help="parameters to print (default 15)")
    parser.add_argument("--json", type=Path, default=None, metavar="OUT",
                        help="also write every number to this JSON file")
    return parser.parse_args(argv)


def main(argv=None) -> int:
    args = parse_args(argv)
    try:
        result = shortage_drivers(args.results, args.importer, args.commodity, args.window)
    except ReportError as exc:
        return fail(exc)
    print(describe(result, args.top), end="")
    if args.json is not None:
        args.json.write_text(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
