"""The monthly studio report: the owner's desk on paper, in English or Chinese.

A pure function of :class:`OwnerReportContent` (built by ``services/figures/report.py``): the
four targets with their numbers, previous period and a 12-period trend, the figures by advisor,
the pipeline as a funnel, money per currency (never converted), and the lists that need someone
(open complaints, stale inquiries, overdue care tasks). Charts are reportlab graphics; every
font is embedded (``fonts.py``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from studio.fileio import atomic_path
from studio.reports import fonts

WORDS: dict[str, dict[str, str]] = {
    "title": {"en": "Studio report", "zh": "工作室月度报告"},
    "for": {"en": "Figures for {period}", "zh": "统计期间：{period}"},
    "advisor": {"en": "Clients of {name}", "zh": "{name} 的客户"},
    "generated": {"en": "Prepared on {day}", "zh": "生成日期：{day}"},
    "targets": {"en": "The studio's targets", "zh": "工作室目标"},
    "figure": {"en": "Figure", "zh": "指标"},
    "value": {"en": "Value", "zh": "数值"},
    "counts": {"en": "Counted", "zh": "计数"},
    "target": {"en": "Target", "zh": "目标"},
    "at_least": {"en": "at least {v}", "zh": "不低于 {v}"},
    "at_most": {"en": "at most {v}", "zh": "不高于 {v}"},
    "previous": {"en": "Previous period", "zh": "上一期"},
    "status": {"en": "Status", "zh": "状态"},
    "green": {"en": "on target", "zh": "达标"},
    "amber": {"en": "close", "zh": "接近"},
    "red": {"en": "off target", "zh": "未达标"},
    "none": {"en": "—", "zh": "—"},
    "no data": {"en": "no data", "zh": "无数据"},
    "trends": {"en": "The last 12 periods", "zh": "近 12 期走势"},
    "by_advisor": {"en": "By advisor", "zh": "按顾问"},
    "clients": {"en": "Clients", "zh": "客户数"},
    "advisor_col": {"en": "Advisor", "zh": "顾问"},
    "client": {"en": "Client", "zh": "客户"},
    "since": {"en": "Since", "zh": "日期"},
    "age": {"en": "Age", "zh": "时长"},
    "summary": {"en": "What", "zh": "内容"},
    "trip": {"en": "Trip", "zh": "行程"},
    "without_contact": {"en": "No contact for", "zh": "未联系"},
    "pipeline": {"en": "Pipeline: trips created in the period", "zh": "销售漏斗：本期新建行程"},
    "step": {"en": "Step", "zh": "阶段"},
    "reached": {"en": "Reached", "zh": "到达"},
    "of_previous": {"en": "Of the step before", "zh": "上一阶段转化"},
    "money": {
        "en": "Money of trips starting in the period (per currency, never converted)",
        "zh": "本期出发行程的收支（按币种，不换算）",
    },
    "currency": {"en": "Currency", "zh": "币种"},
    "revenue": {"en": "Revenue", "zh": "收入"},
    "cost": {"en": "Cost", "zh": "成本"},
    "margin": {"en": "Margin", "zh": "毛利"},
    "attention": {"en": "Needs someone", "zh": "待跟进"},
    "complaints": {"en": "Open complaints", "zh": "未解决投诉"},
    "stale": {"en": "Stale inquiries (no contact for 14 days)", "zh": "停滞询价（14 天未联系）"},
    "overdue": {"en": "Overdue care tasks", "zh": "逾期关怀任务"},
    "departures": {"en": "Departures in the next 30 / 60 days", "zh": "未来 30 / 60 天出发"},
    "days": {"en": "{n} days", "zh": "{n} 天"},
    "definitions": {"en": "Definitions", "zh": "指标定义"},
    "page": {"en": "Page {n}", "zh": "第 {n} 页"},
    "completeness": {"en": "Profile completeness", "zh": "档案完整度"},
    "conversion": {"en": "Conversion", "zh": "转化率"},
    "churn": {"en": "Churn", "zh": "流失率"},
    "satisfaction": {"en": "Satisfaction", "zh": "满意度"},
    "repeat_rate": {"en": "Repeat rate", "zh": "复购率"},
    "referral_share": {"en": "Referral share", "zh": "转介绍占比"},
    "inquiry": {"en": "Inquiry", "zh": "询价"},
    "drafting": {"en": "Drafting", "zh": "方案制作"},
    "proposed": {"en": "Proposed", "zh": "已提案"},
    "confirmed": {"en": "Confirmed", "zh": "已确认"},
    "travelling": {"en": "Travelling", "zh": "出行中"},
    "completed": {"en": "Completed", "zh": "已完成"},
    "followed-up": {"en": "Followed up", "zh": "已回访"},
    "cancelled": {"en": "Cancelled", "zh": "已取消"},
}

DEFINITIONS_ZH = {
    "completeness": "期末在册客户中，偏好档案完整（每个必填部分至少一条记录）的比例。目标 ≥ 90%。",
    "conversion": "本期新建的行程中，目前状态为已确认、出行中、已完成或已回访的比例；取消和仍在进行的行程计入分母。目标 ≥ 15%。",
    "churn": "期末有已完成行程的在册客户中，最近一次行程结束已超过挽回月数、且没有进行中行程的比例。目标 ≤ 10%。",
    "satisfaction": "本期反馈的平均满意度（0–100），并列出回答数。目标 ≥ 80。",
    "repeat_rate": "期末完成两次及以上行程的客户 ÷ 至少完成一次的客户。",
    "referral_share": "本期新建客户中有推荐人或来源为“转介绍”的比例。",
}


def word(key: str, lang: str, **kw: object) -> str:
    entry = WORDS.get(key)
    text = entry.get(lang, entry["en"]) if entry else key
    return text.format(**kw) if kw else text


@dataclass(frozen=True)
class KpiLine:
    key: str
    value: float | None
    value_text: str
    numerator: float
    denominator: int
    target_text: str
    status: str
    previous_text: str
    trend: tuple[float | None, ...]
    definition: str


@dataclass(frozen=True)
class OwnerReportContent:
    studio_name: str
    period_label: str
    advisor: str | None
    generated_on: str
    kpis: tuple[KpiLine, ...]
    trend_labels: tuple[str, ...]
    #: (advisor, clients, {kpi key: value text})
    by_advisor: tuple[tuple[str, int, dict[str, str]], ...]
    #: (status key, reached, share of the step before or None)
    funnel: tuple[tuple[str, int, float | None], ...]
    cancelled: int
    #: (currency, revenue, cost, margin) as decimal text
    money: tuple[tuple[str, str, str, str], ...]
    #: currency → [(month, revenue, cost)]
    money_by_month: dict[str, tuple[tuple[str, float, float], ...]] = field(default_factory=dict)
    #: (client, since, age in days, advisor, summary)
    complaints: tuple[tuple[str, str, int, str, str], ...] = ()
    #: (client, trip, days without contact, advisor)
    stale: tuple[tuple[str, str, int, str], ...] = ()
    overdue: tuple[tuple[str, int], ...] = ()
    departures: tuple[int, int] = (0, 0)


def _pct_axis(values: list[float | None]) -> list[tuple[int, float]]:
    return [(i, v * 100) for i, v in enumerate(values) if v is not None]


def render(content: OwnerReportContent, out: Path, lang: str = "en") -> int:
    """Write the report to ``out`` (whole or not at all); returns the number of pages."""
    fonts.register()
    from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
    from reportlab.graphics.charts.lineplots import LinePlot
    from reportlab.graphics.shapes import Drawing, Rect, String
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import (
        KeepTogether,
        Paragraph,
        SimpleDocTemplate,
        Spacer,
        Table,
        TableStyle,
    )

    label_font = fonts.CJK if lang == "zh" else fonts.SANS
    ink = colors.HexColor("#1f2328")
    muted = colors.HexColor("#57606a")
    status_colors = {
        "green": colors.HexColor("#1a7f37"),
        "amber": colors.HexColor("#9a6700"),
        "red": colors.HexColor("#b3261e"),
        "none": muted,
    }
    series = [colors.HexColor(c) for c in ("#0969da", "#bc4c00", "#1a7f37", "#8250df")]
    styles = {
        "title": ParagraphStyle(
            "title", fontName=fonts.SERIF_BOLD, fontSize=22, leading=28, textColor=ink
        ),
        "sub": ParagraphStyle("sub", fontName=fonts.SANS, fontSize=10, leading=14, textColor=muted),
        "h2": ParagraphStyle(
            "h2",
            fontName=fonts.SERIF_BOLD,
            fontSize=13,
            leading=17,
            spaceBefore=8,
            spaceAfter=4,
            textColor=ink,
        ),
        "cell": ParagraphStyle(
            "cell", fontName=fonts.SANS, fontSize=8.5, leading=11, textColor=ink, wordWrap="CJK"
        ),
        "small": ParagraphStyle(
            "small", fontName=fonts.SANS, fontSize=8, leading=10.5, textColor=muted, wordWrap="CJK"
        ),
    }

    def para(text: str, style: str = "cell") -> Paragraph:
        return Paragraph(fonts.markup(text), styles[style])

    def table(rows: list[list[object]], widths: list[float], header: bool = True) -> Table:
        t = Table(
            [[c if isinstance(c, Paragraph) else para(str(c)) for c in row] for row in rows],
            colWidths=widths,
            repeatRows=1 if header else 0,
        )
        style: list[Any] = [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEBELOW", (0, 0), (-1, 0), 0.6, ink),
            ("LINEBELOW", (0, 1), (-1, -1), 0.25, colors.HexColor("#d0d7de")),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ]
        t.setStyle(TableStyle(style))
        return t

    width = A4[0] - 36 * mm
    story: list = [
        para(content.studio_name, "sub"),
        para(word("title", lang), "title"),
        para(word("for", lang, period=content.period_label), "sub"),
    ]
    if content.advisor:
        story.append(para(word("advisor", lang, name=content.advisor), "sub"))
    story.append(para(word("generated", lang, day=content.generated_on), "sub"))
    story.append(Spacer(1, 6 * mm))

    # the targets
    story.append(para(word("targets", lang), "h2"))
    rows: list[list[object]] = [
        [word(k, lang) for k in ("figure", "value", "counts", "target", "previous", "status")]
    ]
    for k in content.kpis:
        counted = (
            f"{k.denominator}" if k.key == "satisfaction" else f"{k.numerator:g} / {k.denominator}"
        )
        status = Paragraph(
            f'<font color="{status_colors[k.status].hexval().replace("0x", "#")}">'
            f"{fonts.markup(word(k.status, lang))}</font>",
            styles["cell"],
        )
        rows.append(
            [word(k.key, lang), k.value_text, counted, k.target_text, k.previous_text, status]
        )
    story.append(table(rows, [w * width for w in (0.26, 0.14, 0.14, 0.14, 0.17, 0.15)]))

    # trends: percentages in one plot, satisfaction in another
    story.append(para(word("trends", lang), "h2"))
    d = Drawing(width, 62 * mm)
    plot = LinePlot()
    plot.x, plot.y, plot.width, plot.height = 28, 30, int(width * 0.55 - 40), int(62 * mm - 48)
    pct = [k for k in content.kpis if k.key != "satisfaction"]
    plot.data = [_pct_axis(list(k.trend)) or [(0, 0)] for k in pct]
    for i, _k in enumerate(pct):
        plot.lines[i].strokeColor = series[i % len(series)] if i < 4 else muted
        plot.lines[i].strokeWidth = 1.4
    plot.xValueAxis.valueMin, plot.xValueAxis.valueMax = 0, max(len(content.trend_labels) - 1, 1)
    plot.xValueAxis.valueSteps = list(range(len(content.trend_labels)))
    plot.xValueAxis.labelTextFormat = lambda v: (
        content.trend_labels[int(v)] if 0 <= int(v) < len(content.trend_labels) else ""
    )
    plot.xValueAxis.labels.fontName = fonts.SANS
    plot.xValueAxis.labels.fontSize = 6
    plot.xValueAxis.labels.angle = 45
    plot.xValueAxis.labels.dy = -6
    plot.yValueAxis.valueMin = 0
    plot.yValueAxis.labels.fontName = fonts.SANS
    plot.yValueAxis.labels.fontSize = 7
    plot.yValueAxis.labelTextFormat = "%d %%"
    d.add(plot)
    for i, k in enumerate(pct):
        y = 62 * mm - 14 - i * 11
        d.add(
            Rect(
                width * 0.55,
                y,
                7,
                7,
                **cast(Any, {"fillColor": series[i % 4] if i < 4 else muted, "strokeWidth": 0}),
            )
        )
        d.add(
            String(
                width * 0.55 + 10,
                y,
                word(k.key, lang),
                fontName=label_font,
                fontSize=8,
                fillColor=ink,
            )
        )
    sat = next((k for k in content.kpis if k.key == "satisfaction"), None)
    if sat is not None:
        sp = LinePlot()
        sp.x, sp.y = int(width * 0.78), 30
        sp.width, sp.height = int(width * 0.22 - 4), int(62 * mm - 48)
        sp.data = [[(i, v) for i, v in enumerate(sat.trend) if v is not None] or [(0, 0)]]
        sp.lines[0].strokeColor = series[0]
        sp.xValueAxis.valueMin, sp.xValueAxis.valueMax = 0, max(len(content.trend_labels) - 1, 1)
        sp.xValueAxis.visibleLabels = False
        sp.yValueAxis.valueMin, sp.yValueAxis.valueMax = 0, 100
        sp.yValueAxis.labels.fontName = fonts.SANS
        sp.yValueAxis.labels.fontSize = 7
        d.add(sp)
        d.add(
            String(
                width * 0.78,
                62 * mm - 10,
                word("satisfaction", lang),
                fontName=label_font,
                fontSize=8,
                fillColor=ink,
            )
        )
    story.append(d)

    # by advisor
    story.append(para(word("by_advisor", lang), "h2"))
    keys = [k.key for k in content.kpis]
    rows = [[word("advisor_col", lang), word("clients", lang), *(word(k, lang) for k in keys)]]
    for name, n, values in content.by_advisor:
        rows.append([name, n, *(values.get(k, "") for k in keys)])
    story.append(table(rows, [width * 0.2, width * 0.08] + [width * 0.72 / len(keys)] * len(keys)))

    # the funnel
    funnel_block: list = [para(word("pipeline", lang), "h2")]
    fd = Drawing(width, 52 * mm)
    chart = HorizontalBarChart()
    chart.x, chart.y, chart.width, chart.height = 70, 8, int(width * 0.5 - 80), int(52 * mm - 16)
    steps = list(content.funnel)[::-1]
    chart.data = [[content.cancelled] + [n for _s, n, _r in steps]]
    chart.categoryAxis.categoryNames = [word("cancelled", lang)] + [
        word(s, lang) for s, _n, _r in steps
    ]
    chart.categoryAxis.labels.fontName = label_font
    chart.categoryAxis.labels.fontSize = 7
    chart.valueAxis.labels.fontName = fonts.SANS
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.valueMin = 0
    chart.bars[0].fillColor = series[0]
    fd.add(chart)
    funnel_rows: list[list[object]] = [
        [word("step", lang), word("reached", lang), word("of_previous", lang)]
    ]
    for s, n, r in content.funnel:
        funnel_rows.append([word(s, lang), n, "—" if r is None else f"{r:.0%}"])
    funnel_rows.append([word("cancelled", lang), content.cancelled, ""])
    side = Table(
        [[fd, table(funnel_rows, [width * 0.2, width * 0.1, width * 0.18])]],
        colWidths=[width * 0.5, width * 0.5],
    )
    side.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    funnel_block.append(side)
    story.append(KeepTogether(funnel_block))

    # money
    money_block: list = [para(word("money", lang), "h2")]
    rows = [[word(k, lang) for k in ("currency", "revenue", "cost", "margin")]]
    rows += [list(m) for m in content.money] or [[word("no data", lang), "", "", ""]]
    money_block.append(table(rows, [width * 0.25] * 4))
    for cur, months in list(content.money_by_month.items())[:2]:
        if not months:
            continue
        md = Drawing(width, 40 * mm)
        bars = VerticalBarChart()
        bars.x, bars.y, bars.width, bars.height = 50, 14, int(width - 70), int(40 * mm - 26)
        bars.data = [[m[1] for m in months], [m[2] for m in months]]
        bars.categoryAxis.categoryNames = [m[0] for m in months]
        for axis in (bars.categoryAxis, bars.valueAxis):
            axis.labels.fontName = fonts.SANS
            axis.labels.fontSize = 7
        bars.valueAxis.valueMin = 0
        bars.bars[0].fillColor = series[0]
        bars.bars[1].fillColor = series[1]
        md.add(bars)
        md.add(
            String(
                0,
                40 * mm - 8,
                f"{cur}: {word('revenue', lang)} / {word('cost', lang)}",
                fontName=label_font,
                fontSize=8,
                fillColor=ink,
            )
        )
        money_block.append(md)
    story.append(KeepTogether(money_block))

    # what needs someone
    story.append(para(word("attention", lang), "h2"))
    story.append(
        para(f"{word('departures', lang)}: {content.departures[0]} / {content.departures[1]}")
    )
    story.append(para(f"{word('complaints', lang)}: {len(content.complaints)}", "h2"))
    if content.complaints:
        rows = [[word(k, lang) for k in ("client", "since", "age", "advisor_col", "summary")]]
        rows += [
            [c, since, word("days", lang, n=age), adv, summary]
            for c, since, age, adv, summary in content.complaints[:15]
        ]
        story.append(table(rows, [w * width for w in (0.22, 0.13, 0.1, 0.17, 0.38)]))
    story.append(para(f"{word('stale', lang)}: {len(content.stale)}", "h2"))
    if content.stale:
        rows = [[word(k, lang) for k in ("client", "trip", "without_contact", "advisor_col")]]
        rows += [[c, t, word("days", lang, n=n), a] for c, t, n, a in content.stale[:15]]
        story.append(table(rows, [w * width for w in (0.28, 0.4, 0.12, 0.2)]))
    story.append(para(word("overdue", lang), "h2"))
    rows = [[word("advisor_col", lang), word("overdue", lang)]]
    rows += [[a, n] for a, n in content.overdue]
    story.append(table(rows, [width * 0.4, width * 0.2]))

    # definitions
    story.append(para(word("definitions", lang), "h2"))
    for k in content.kpis:
        text = DEFINITIONS_ZH.get(k.key, k.definition) if lang == "zh" else k.definition
        story.append(para(f"{word(k.key, lang)}: {text}", "small"))

    pages = [0]

    def on_page(canvas, doc) -> None:  # noqa: ANN001 - reportlab's callback
        pages[0] = doc.page
        text = word("page", lang, n=doc.page)
        fonts.draw_string(canvas, A4[0] - 18 * mm - fonts.width(text, 7.5), 10 * mm, text, 7.5)
        fonts.draw_string(
            canvas, 18 * mm, 10 * mm, f"{content.studio_name} · {word('title', lang)}", 7.5
        )

    with atomic_path(out) as tmp:
        doc = SimpleDocTemplate(
            str(tmp),
            pagesize=A4,
            leftMargin=18 * mm,
            rightMargin=18 * mm,
            topMargin=16 * mm,
            bottomMargin=18 * mm,
            title=word("title", lang),
            author=content.studio_name,
        )
        doc.build(story, onFirstPage=on_page, onLaterPages=on_page, canvasmaker=fonts.Canvas)
    return pages[0]
