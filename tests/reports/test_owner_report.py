"""The monthly studio report read back: its figures, in English and Chinese, from hand-made
content and from the command line."""

from __future__ import annotations

import pytest
from pdftext import page_texts, squash

from studio.errors import StudioError
from studio.reports.owner_report import KpiLine, OwnerReportContent, render


def _content() -> OwnerReportContent:
    def kpi(key, value, text, num, den, target, status):
        return KpiLine(key, value, text, num, den, target, status, "55%", (0.1, None, value), "D")

    return OwnerReportContent(
        studio_name="Lotus & Pine Journeys",
        period_label="May 2026",
        advisor=None,
        generated_on="2026-06-15",
        kpis=(
            kpi("completeness", 0.25, "25%", 1, 4, "at least 90%", "red"),
            kpi("conversion", 1 / 3, "33%", 1, 3, "at least 15%", "green"),
            kpi("churn", 0.5, "50%", 1, 2, "at most 10%", "red"),
            kpi("satisfaction", 75.0, "75 / 100", 150, 2, "at least 80", "amber"),
            kpi("repeat_rate", 0.5, "50%", 1, 2, "—", "none"),
            kpi("referral_share", 0.5, "50%", 1, 2, "—", "none"),
        ),
        trend_labels=("2026-03", "2026-04", "2026-05"),
        by_advisor=(("陈静 · Chen Jing", 2, {"conversion": "50%"}),),
        funnel=(("inquiry", 3, None), ("drafting", 1, 1 / 3), ("confirmed", 1, 1.0)),
        cancelled=1,
        money=(("EUR", "500.00", "400.00", "100.00"), ("USD", "1000.00", "700.00", "300.00")),
        money_by_month={"USD": (("2026-05", 1000.0, 700.0),)},
        complaints=(("Dara Moss", "2026-06-05", 10, "Mei Lin", "Late transfer"),),
        stale=(("Cai Wen", "C Iceland", 36, "Chen Jing"),),
        overdue=(("Chen Jing", 3),),
        departures=(1, 2),
    )


def test_the_figures_are_in_the_pdf(tmp_path):
    out = tmp_path / "report.pdf"
    pages = render(_content(), out)
    assert pages >= 1 and out.exists()
    text = squash(" ".join(page_texts(out)))
    for phrase in (
        "Studio report",
        "Figures for May 2026",
        "Profile completeness",
        "1 / 4",
        "75 / 100",
        "at least 90%",
        "at most 10%",
        "off target",
        "陈静",
        "USD",
        "1000.00",
        "300.00",
        "Late transfer",
        "C Iceland",
        "Of the step before",
    ):
        assert squash(phrase) in text, phrase


def test_chinese_report(tmp_path):
    out = tmp_path / "report-zh.pdf"
    render(_content(), out, lang="zh")
    text = squash(" ".join(page_texts(out)))
    for phrase in (
        "工作室月度报告",
        "档案完整度",
        "转化率",
        "流失率",
        "满意度",
        "未达标",
        "销售漏斗",
    ):
        assert phrase in text, phrase


def test_report_command_writes_the_pdf(tmp_path, capsys):
    from datetime import date

    from studio.cli import main
    from studio.domain.models import Client, Interaction
    from studio.store import Studio

    d = tmp_path / "studio"
    with Studio.open(d) as s:
        with s.transaction() as tx:
            tx.backdate("2026-05-03T10:00:00Z")
            c = tx.create(Client, name="Ann Lee").id
            tx.create(
                Interaction, client_id=c, kind="feedback", occurred_at="2026-05-04", satisfaction=91
            )
    out = tmp_path / "may.pdf"
    code = main(
        ["--data-dir", str(d), "report", "--from", "2026-05-01", "--to", "2026-06-01",
         "--pdf", str(out), "--lang", "en", "--today", date(2026, 6, 2).isoformat()]
    )  # fmt: skip
    assert code == 0, capsys.readouterr().err
    text = squash(" ".join(page_texts(out)))
    assert "91/100" in text and "nodata" in text  # satisfaction; conversion without trips


def test_an_unwritable_target_loses_nothing(tmp_path):
    target = tmp_path / "missing-folder" / "r.pdf"
    with pytest.raises(StudioError, match="does not exist"):
        render(_content(), target)
    assert not target.exists()
