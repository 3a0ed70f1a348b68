"""The monthly studio report's content, from the owner's desk (``report --pdf``, the Studio area's
button): frozen for :mod:`studio.reports.owner_report`, which never reads the database."""

from __future__ import annotations

from pathlib import Path

from studio.reports.owner_report import KpiLine, OwnerReportContent, render, word
from studio.services.figures.compute import KPI_KEYS, Desk, Figure
from studio.store import Studio


def _value(f: Figure, lang: str) -> str:
    if f.value is None:
        return word("no data", lang)
    if f.key == "satisfaction":
        return f"{f.value:.0f} / 100"
    return f"{f.value:.0%}"


def _target(f: Figure, lang: str) -> str:
    if f.target is None:
        return "—"
    shown = f"{f.target:g}" if f.key == "satisfaction" else f"{f.target:.0%}"
    return word("at_most" if f.lower_is_better else "at_least", lang, v=shown)


def content(d: Desk, studio_name: str, lang: str = "en") -> OwnerReportContent:
    """What the report prints for the desk ``d``."""
    trend_periods = [p for p, _f in d.trends["conversion"]]
    labels = tuple(
        p.start.strftime("%Y-%m") if p.is_months() == 1 else p.start.isoformat()
        for p in trend_periods
    )
    kpis = tuple(
        KpiLine(
            key=k,
            value=d.kpis[k].value,
            value_text=_value(d.kpis[k], lang),
            numerator=d.kpis[k].numerator,
            denominator=d.kpis[k].denominator,
            target_text=_target(d.kpis[k], lang),
            status=d.kpis[k].status(),
            previous_text=_value(d.previous_kpis[k], lang),
            trend=tuple(f.value for _p, f in d.trends[k]),
            definition=d.kpis[k].definition_in(lang),
        )
        for k in KPI_KEYS
    )
    by_month: dict[str, list[tuple[str, float, float]]] = {}
    for row in d.money["by_month"]:
        by_month.setdefault(row["currency"], []).append(
            (row["month"], float(row["revenue"]), float(row["cost"]))
        )
    return OwnerReportContent(
        studio_name=studio_name,
        period_label=(
            f"{d.period.start.year}年{d.period.start.month}月"
            if lang == "zh" and d.period.is_months() == 1
            else d.period.label(lang)
        ),
        advisor=d.advisor,
        generated_on=d.today.isoformat(),
        kpis=kpis,
        trend_labels=labels,
        by_advisor=tuple(
            (
                row["advisor"],
                row["clients"],
                {k: _value(f, lang) for k, f in row["kpis"].items()},
            )
            for row in d.by_advisor
        ),
        funnel=tuple((s["status"], s["reached"], s["from_previous"]) for s in d.pipeline["funnel"]),
        cancelled=d.pipeline["cancelled"],
        money=tuple(
            (cur, m["revenue"], m["cost"], m["margin"]) for cur, m in d.money["totals"].items()
        ),
        money_by_month={cur: tuple(rows) for cur, rows in by_month.items()},
        complaints=tuple(
            (c["client"], c["date"], c["age_days"] or 0, c["advisor"], c["summary"])
            for c in d.complaints
        ),
        stale=tuple((r["client"], r["title"], r["days"], r["advisor"]) for r in d.stale),
        overdue=tuple((r["advisor"], r["overdue"]) for r in d.overdue),
        departures=(len(d.departures["30"]), len(d.departures["60"])),
    )


def write_owner_report(
    d: Desk, out: Path, *, lang: str = "en", studio_name: str = "Travel Studio"
) -> int:
    """Write the report of ``d`` to ``out`` as PDF; returns its number of pages."""
    return render(content(d, studio_name, lang), out, lang)


def studio_name(studio: Studio) -> str:
    """The studio's own name as its documents print it."""
    from studio.services.studio_profile import profile

    return profile(studio).display_name
