"""The report's two tables, per-trajectory summary quantiles and shortage within summary windows:
their rows for one or two runs (with the difference when comparing) and their HTML."""

from __future__ import annotations

import html
import math

from .figure_data import TABLE_LEVELS
from .results import Run, ordered_union


def table_diff(base: dict, other: dict) -> list:
    """Rows of both tables matched by (quantity, item), with other - base of each quantile."""
    index_other = {(r["quantity"], r["item"]): r for r in other["rows"]}
    index_base = {(r["quantity"], r["item"]): r for r in base["rows"]}
    order = ("peak_price", "days_above_double", "unmet_total", "stockpile_cost_musd",
             "floor_cost_musd")
    keys = sorted(ordered_union([list(index_base), list(index_other)]),
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


def _fmt(value) -> str:
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return "&ndash;"
    if isinstance(value, float):
        if value != 0 and (abs(value) >= 1e6 or abs(value) < 1e-2):
            return f"{value:.3g}"
        return f"{value:,.2f}" if abs(value) < 1000 else f"{value:,.0f}"
    return html.escape(str(value))


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
    for window in ordered_union(d["window"] for d in present):
        for importer in ordered_union(d["importer"] for d in present):
            for commodity in ordered_union(d["commodity"] for d in present):
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
