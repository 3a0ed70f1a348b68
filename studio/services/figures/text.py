"""The owner's desk as lines of text (``travel-studio report`` without ``--json``)."""

from __future__ import annotations

from studio.services.figures.compute import KPI_KEYS, Desk, Figure


def _cell(f: Figure) -> str:
    if f.key == "satisfaction":
        counts = f"{f.denominator} answer{'s' if f.denominator != 1 else ''}"
    else:
        counts = f"{f.numerator:g} of {f.denominator}"
    return f"{f.text()} ({counts})"


def report_lines(d: Desk) -> list[str]:
    """The figures, the previous period beside them, then the lists."""
    who = f" — {d.advisor}'s clients" if d.advisor else ""
    out = [f"Studio figures for {d.period.label()}{who}", ""]
    for key in KPI_KEYS:
        f, before = d.kpis[key], d.previous_kpis[key]
        target = ""
        if f.target is not None:
            sign = "≤" if f.lower_is_better else "≥"
            shown = f"{f.target:g}" if key == "satisfaction" else f"{f.target:.0%}"
            target = f"  target {sign} {shown} [{f.status()}]"
        out.append(f"  {f.title:<22}{_cell(f):<28}previous {before.text():<10}{target}")
    out.append("")
    out.append("By advisor (conversion · satisfaction · churn)")
    for row in d.by_advisor:
        k = row["kpis"]
        out.append(
            f"  {row['advisor']:<24}{k['conversion'].text():<10}{k['satisfaction'].text():<12}"
            f"{k['churn'].text()}"
        )
    p = d.pipeline
    out += ["", f"Pipeline: {p['trips']} trips created in the period"]
    for step in p["funnel"]:
        share = step["from_previous"]
        rate = f"  ({share:.0%} of the step before)" if share is not None else ""
        out.append(f"  {step['status']:<12}{step['reached']:>5}{rate}")
    out.append(f"  {'cancelled':<12}{p['cancelled']:>5}")
    money = d.money
    out += ["", "Money of trips starting in the period (per currency, never converted)"]
    if not money["totals"]:
        out.append("  no data")
    for cur, m in money["totals"].items():
        out.append(f"  {cur}: revenue {m['revenue']}, cost {m['cost']}, margin {m['margin']}")
    if d.destinations:
        top = ", ".join(f"{r['destination']} ({r['trips']})" for r in d.destinations[:5])
        out += ["", f"Top destinations: {top}"]
    out += [
        "",
        f"Departures: {len(d.departures['30'])} in the next 30 days, "
        f"{len(d.departures['60'])} in the next 60",
        f"Open complaints: {len(d.complaints)}"
        + (f" (oldest {d.complaints[0]['age_days']} days)" if d.complaints else ""),
        "Overdue care tasks: "
        + (", ".join(f"{r['advisor']} {r['overdue']}" for r in d.overdue) or "none"),
        f"Stale inquiries (no contact for 14 days): {len(d.stale)}",
    ]
    if d.referrers:
        out.append(
            "Referrers: " + ", ".join(f"{r['name']} ({r['referred']})" for r in d.referrers[:5])
        )
    return out
