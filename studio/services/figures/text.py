"""The owner's desk as lines of text (``travel-studio report`` without ``--json``)."""

from __future__ import annotations

import unicodedata

from studio.domain.i18n import tr
from studio.services.figures.compute import KPI_KEYS, Desk, Figure


def _pad(text: str, width: int) -> str:
    """``text`` padded to ``width`` columns, a wide (Chinese) character taking two."""
    used = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
    return text + " " * max(0, width - used)


def _cell(f: Figure) -> str:
    if f.key == "satisfaction":
        n = f.denominator
        counts = tr("{count} answer", count=n) if n == 1 else tr("{count} answers", count=n)
    else:
        counts = tr("{part} of {whole}", part=f"{f.numerator:g}", whole=f.denominator)
    return f"{f.text()} ({counts})"


def report_lines(d: Desk) -> list[str]:
    """The figures, the previous period beside them, then the lists."""
    period = d.period.label()
    if d.advisor:
        head = tr(
            "Studio figures for {period} — {advisor}'s clients", period=period, advisor=d.advisor
        )
    else:
        head = tr("Studio figures for {period}", period=period)
    out = [head, ""]
    for key in KPI_KEYS:
        f, before = d.kpis[key], d.previous_kpis[key]
        target = ""
        if f.target is not None:
            sign = "≤" if f.lower_is_better else "≥"
            shown = f"{f.target:g}" if key == "satisfaction" else f"{f.target:.0%}"
            target = "  " + tr(
                "target {sign} {shown} [{status}]", sign=sign, shown=shown, status=f.status()
            )
        previous = tr("previous {value}", value=_pad(before.text(), 10))
        out.append(f"  {_pad(f.title, 22)}{_pad(_cell(f), 28)}{previous}{target}")
    n = d.nps
    if n.answers:
        out.append(
            "  "
            + _pad(tr("NPS"), 22)
            + tr(
                "{score:+g} ({promoters} promoters, {detractors} detractors of {answers} surveys)",
                score=n.score,
                promoters=n.promoters,
                detractors=n.detractors,
                answers=n.answers,
            )
        )
    out.append("")
    out.append(tr("By advisor (conversion · satisfaction · churn)"))
    for row in d.by_advisor:
        k = row["kpis"]
        out.append(
            f"  {_pad(row['advisor'], 24)}{_pad(k['conversion'].text(), 10)}"
            f"{_pad(k['satisfaction'].text(), 12)}{k['churn'].text()}"
        )
    p = d.pipeline
    out += ["", tr("Pipeline: {trips} trips created in the period", trips=p["trips"])]
    for step in p["funnel"]:
        share = step["from_previous"]
        rate = (
            "  " + tr("({share} of the step before)", share=f"{share:.0%}")
            if share is not None
            else ""
        )
        out.append(f"  {step['status']:<12}{step['reached']:>5}{rate}")
    out.append(f"  {'cancelled':<12}{p['cancelled']:>5}")
    money = d.money
    out += ["", tr("Money of trips starting in the period (per currency, never converted)")]
    if not money["totals"]:
        out.append("  " + tr("no data"))
    for cur, m in money["totals"].items():
        out.append(
            "  "
            + tr(
                "{currency}: revenue {revenue}, cost {cost}, margin {margin}",
                currency=cur,
                revenue=m["revenue"],
                cost=m["cost"],
                margin=m["margin"],
            )
        )
    if d.destinations:
        top = ", ".join(f"{r['destination']} ({r['trips']})" for r in d.destinations[:5])
        out += ["", tr("Top destinations: {list}", list=top)]
    if d.complaints:
        complaints = tr(
            "Open complaints: {count} (oldest {days} days)",
            count=len(d.complaints),
            days=d.complaints[0]["age_days"],
        )
    else:
        complaints = tr("Open complaints: {count}", count=0)
    overdue = ", ".join(f"{r['advisor']} {r['overdue']}" for r in d.overdue) or tr("none")
    out += [
        "",
        tr(
            "Departures: {soon} in the next 30 days, {later} in the next 60",
            soon=len(d.departures["30"]),
            later=len(d.departures["60"]),
        ),
        complaints,
        tr("Overdue care tasks: {list}", list=overdue),
        tr("Stale inquiries (no contact for 14 days): {count}", count=len(d.stale)),
    ]
    if d.referrers:
        out.append(
            tr(
                "Referrers: {list}",
                list=", ".join(f"{r['name']} ({r['referred']})" for r in d.referrers[:5]),
            )
        )
    return out
