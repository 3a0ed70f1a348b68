"""The Studio area: tiles from the figures (computed off the GUI thread), a tile opening exactly its
clients in the client list with a banner and a way back, charts with their numbers, activity."""

from __future__ import annotations

import csv
from datetime import date

import pytest
from PySide6.QtCore import Qt

from studio.domain.models import Interaction
from studio.domain.trip_models import Trip
from studio.services.figures import compute
from studio.services.figures.period import Period

TODAY = date(2026, 6, 15)
MAY = Period(date(2026, 5, 1), date(2026, 6, 1))


@pytest.fixture
def desk_ctx(ctx):
    """30 clients (made now), plus May's trips and feedback written on their days."""
    s = ctx.studio
    ids = s.ids
    with s.transaction() as tx:
        tx.backdate("2026-05-04T10:00:00Z")
        tx.create(Trip, client_id=ids[0], title="Kyoto", status="confirmed")
        tx.create(Trip, client_id=ids[1], title="Bali", status="cancelled")
        tx.create(Trip, client_id=ids[2], title="Oslo", status="inquiry")
        tx.create(Trip, client_id=ids[3], title="Rome", status="inquiry")
        tx.backdate("2026-05-20T10:00:00Z")
        tx.create(
            Interaction,
            client_id=ids[4],
            kind="feedback",
            occurred_at="2026-05-20",
            satisfaction=70,
        )
        tx.backdate(None)
    return ctx


def _view(ctx, qtbot, **kw):
    from ui.views.studio_view import PERIODS, StudioView

    view = StudioView(ctx, today=TODAY, **kw)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.sig_refreshed, timeout=20_000):
        view.period_box.setCurrentIndex(PERIODS.index("last_month"))
        view.refresh()
    return view


def test_tiles_show_the_figures_of_the_period(desk_ctx, qtbot):
    view = _view(desk_ctx, qtbot)
    assert view.period() == MAY
    expected = compute.kpis(compute.load_snapshot(desk_ctx.studio), MAY)
    conv = view.tiles["conversion"]
    assert expected["conversion"].numerator == 1 and expected["conversion"].denominator == 4
    assert conv.value.text() == "25 %" and conv.counts.text() == "1 of 4"
    assert conv.target.text() == "target ≥ 15 %"
    assert view.tiles["satisfaction"].value.text() == "70 / 100"
    assert view.tiles["satisfaction"].counts.text() == "1 answer"
    assert view.tiles["churn"].value.text() == "no data"  # nobody has travelled yet
    assert view.tiles["conversion"].previous.text() == "previous period: no data"
    assert compute.DEFINITIONS["churn"] in view.tiles["churn"].info.toolTip()
    # the funnel's numbers are a click away
    view.funnel.toggle.click()
    rows = {
        view.funnel.table.item(r, 0).text(): view.funnel.table.item(r, 1).text()
        for r in range(view.funnel.table.rowCount())
    }
    assert rows["Inquiry"] == "4" and rows["Confirmed"] == "1" and rows["Cancelled"] == "1"


def test_a_tile_opens_exactly_its_clients(desk_ctx, qtbot):
    view = _view(desk_ctx, qtbot)
    with qtbot.waitSignal(view.sig_open_clients) as blocker:
        qtbot.mouseClick(view.tiles["conversion"], Qt.MouseButton.LeftButton)
    ids, reason = blocker.args
    s = desk_ctx.studio
    assert sorted(ids) == sorted(s.ids[1:4])  # the trips of May that did not convert
    assert "not converted" in reason


def test_main_window_studio_first_for_the_owner_and_the_banner(desk_ctx, qtbot, monkeypatch):
    from ui.main_window import AREA_AGENDA, AREA_STUDIO, MainWindow
    from ui.views import studio_view

    monkeypatch.setattr(studio_view.StudioView, "today", lambda self: TODAY)
    w = MainWindow(desk_ctx)
    qtbot.addWidget(w)
    w.show()
    assert w._areas[0] == AREA_STUDIO and w.nav.item(0).text() == "Studio"
    assert w.current_area() == AREA_AGENDA  # the agenda stays the first screen
    w.show_area(AREA_STUDIO)
    view = w.studio_view
    view.wait_until_computed()
    qtbot.waitUntil(lambda: view.desk is not None, timeout=20_000)
    view.open_tile("conversion")
    assert w.current_area() == "clients"
    listed = {w.client_list.proxy.client_id(r) for r in range(w.client_list.proxy.rowCount())}
    assert listed == set(desk_ctx.studio.ids[1:4])
    assert (
        w.client_list.banner.isVisibleTo(w) and "not converted" in w.client_list.banner_text.text()
    )
    w.client_list.banner_back.click()
    assert not w.client_list.banner.isVisibleTo(w)
    assert w.client_list.proxy.rowCount() == 30


def test_an_advisor_gets_my_figures(desk_ctx, qtbot):
    from ui.main_window import AREA_STUDIO, MainWindow

    s = desk_ctx.studio
    _set_role(s, "advisor")
    w = MainWindow(desk_ctx)
    qtbot.addWidget(w)
    row = w._areas.index(AREA_STUDIO)
    assert row > 0 and w.nav.item(row).text() == "My figures"
    view = w.studio_view
    assert view.heading.text() == "My figures" and view.advisor_id() == s.advisor_id


def _set_role(studio, role):
    from studio.domain.models import Advisor

    with studio.transaction() as tx:
        tx.update(Advisor, studio.advisor_id, role=role)


def test_activity_list_and_csv(desk_ctx, qtbot, tmp_path):
    view = _view(desk_ctx, qtbot)
    view.wait_until_computed()
    qtbot.waitUntil(lambda: view.act_table.rowCount() > 0, timeout=20_000)
    changes = [view.act_table.item(r, 3).text() for r in range(view.act_table.rowCount())]
    assert any("opened the trip “Kyoto”" in c for c in changes)
    out = view.export_activity(tmp_path / "a.csv")
    with out.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0][0] == "when (UTC)" and len(rows) - 1 == view.act_table.rowCount()


def test_the_monthly_report_button_writes_the_pdf(desk_ctx, qtbot, tmp_path):
    import pypdfium2 as pdfium

    view = _view(desk_ctx, qtbot)
    out = tmp_path / "may.pdf"
    with qtbot.waitSignal(view.sig_message, timeout=30_000) as blocker:
        job = view.export_pdf(out)
    assert job is not None and blocker.args == [f"Wrote {out}"]
    pdf = pdfium.PdfDocument(str(out))
    text = "".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf))).replace(" ", "")
    pdf.close()
    text = "".join(text.split())
    assert "Studioreport" in text and "FiguresforMay2026" in text and "25%" in text
