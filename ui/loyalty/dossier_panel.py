"""The dossier's Loyalty tab: the client's tier and how far the next is, the friends they brought
(and whether each was thanked), the events they were invited to, their post-trip surveys, and
ideas drawn from similar clients' best-rated trips. Read when the tab is shown."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from studio.domain.names import NameForm, display_name
from studio.services.loyalty import events, ideas, referrals, surveys, tiers
from ui.context import AppContext

#: Tables whose change can alter what the tab shows.
WATCHED = frozenset(
    {
        "trip",
        "trip_item",
        "trip_survey",
        "loyalty_tier",
        "event_guest",
        "studio_event",
        "client",
        "profile_fact",
        "agenda_action",
        "interaction",
    }
)


class LoyaltyPanel(QWidget):
    #: Emitted with a client id when a friend's name is clicked.
    sig_open_client = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self._ctx = ctx
        self._client_id: str | None = None
        self._stale = True
        self.body = QLabel(self)
        self.body.setObjectName("loyaltyBody")
        self.body.setWordWrap(True)
        self.body.setTextFormat(Qt.TextFormat.RichText)
        self.body.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.body.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.body.setOpenExternalLinks(False)
        self.body.linkActivated.connect(self._link)
        self.body.setMargin(6)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(self.body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        ctx.bridge.sig_changed.connect(self._on_changed)

    def set_client(self, client_id: str | None) -> None:
        self._client_id = client_id
        self._stale = True
        if self.isVisible():
            self.load()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        if self._stale:
            self.load()
        super().showEvent(event)

    def _on_changed(self, changes) -> None:
        if self._client_id and changes.tables & WATCHED:
            self._stale = True
            if self.isVisible():
                self.load()

    def _link(self, link: str) -> None:
        if link.startswith("client:"):
            self.sig_open_client.emit(link.removeprefix("client:"))

    def load(self) -> None:
        self._stale = False
        if not self._client_id:
            self.body.setText("")
            return
        self.body.setText(self.page_html(self._client_id))

    # -- the page ---------------------------------------------------------------------------
    def page_html(self, client_id: str) -> str:
        studio = self._ctx.studio
        esc = html.escape
        out: list[str] = []

        def section(title: str) -> None:
            out.append(f"<h3 style='margin-top:10px'>{esc(title)}</h3>")

        # tier
        section(self.tr("Loyalty tier"))
        standing = tiers.standing_of(studio, client_id)
        defined = tiers.list_tiers(studio)
        spend = " · ".join(f"{c} {v:,.0f}" for c, v in sorted(standing.spend.items()))
        line = (
            self.tr("%1 — completed trips: %2")
            .replace("%1", standing.tier.name)
            .replace("%2", str(standing.trips))
            if standing.tier
            else self.tr("No tier yet — completed trips: %1").replace("%1", str(standing.trips))
        )
        if spend:
            line += " · " + esc(spend)
        out.append(f"<p><b>{esc(line)}</b></p>")
        if not defined:
            out.append(
                "<p>"
                + esc(self.tr("The studio has no tiers yet (Clients › Loyalty tiers…)."))
                + "</p>"
            )
        elif standing.next_tier is not None:
            nxt = standing.next_tier
            need = standing.trips_to_next
            text = (
                self.tr("Next: %1 (%2); completed trips still needed: %3.")
                .replace("%1", nxt.name)
                .replace("%2", nxt.rule_text())
                .replace("%3", str(need))
                if need is not None
                else self.tr("Next: %1 (%2).")
                .replace("%1", nxt.name)
                .replace("%2", nxt.rule_text())
            )
            out.append(f"<p>{esc(text)}</p>")

        # friends brought
        section(self.tr("Friends they brought"))
        friends = referrals.friends_of(studio, client_id)
        if not friends:
            out.append("<p>" + esc(self.tr("None yet.")) + "</p>")
        else:
            items = []
            for f in friends:
                name = display_name(f.name, f.native_name, NameForm.INLINE)
                if f.first_trip is None:
                    state = self.tr("no confirmed trip yet")
                elif f.rewarded_on is not None:
                    state = (
                        self.tr("first trip %1 confirmed %2; thanked %3")
                        .replace("%1", f.first_trip)
                        .replace("%2", f.confirmed_on.isoformat() if f.confirmed_on else "")
                        .replace("%3", f.rewarded_on.isoformat())
                    )
                else:
                    state = (
                        self.tr("first trip %1 confirmed %2; reward not given yet")
                        .replace("%1", f.first_trip)
                        .replace("%2", f.confirmed_on.isoformat() if f.confirmed_on else "")
                    )
                items.append(
                    f"<li><a href='client:{esc(f.client_id)}'>{esc(name)}</a> — {esc(state)}</li>"
                )
            out.append("<ul>" + "".join(items) + "</ul>")

        # ideas
        section(self.tr("Ideas for this client"))
        found = ideas.ideas_for(studio, client_id)
        if not found:
            out.append(
                "<p>"
                + esc(
                    self.tr(
                        "No ideas yet: they need a profile, and similar clients need trips they rated 90 or more."
                    )
                )
                + "</p>"
            )
        else:
            items = []
            for idea in found:
                extra = (
                    "<br/><small>"
                    + esc(self.tr("Loved there: %1").replace("%1", "; ".join(idea.experiences)))
                    + "</small>"
                    if idea.experiences
                    else ""
                )
                items.append(f"<li><b>{esc(idea.destination)}</b> — {esc(idea.reason)}{extra}</li>")
            out.append("<ul>" + "".join(items) + "</ul>")

        # events
        section(self.tr("Events"))
        invited = events.events_of_client(studio, client_id)
        if not invited:
            out.append("<p>" + esc(self.tr("Not invited to an event yet.")) + "</p>")
        else:
            items = []
            for ev, guest in invited:
                state = self.tr("came") if guest.attended else self._rsvp(guest.rsvp)
                items.append(
                    f"<li>{esc(ev.held_on)} · {esc(ev.kind_label)} · {esc(ev.title)} — {esc(state)}</li>"
                )
            out.append("<ul>" + "".join(items) + "</ul>")

        # surveys
        section(self.tr("Post-trip surveys"))
        answered = surveys.surveys_of_client(studio, client_id)
        if not answered:
            out.append("<p>" + esc(self.tr("No survey answered yet.")) + "</p>")
        else:
            items = []
            for s in answered:
                text = (
                    self.tr("%1: %2/100, would recommend %3/10")
                    .replace("%1", s.trip_title)
                    .replace("%2", str(s.overall))
                    .replace("%3", str(s.recommend))
                )
                items.append(f"<li>{esc(s.answered_on)} · {esc(text)}</li>")
            out.append("<ul>" + "".join(items) + "</ul>")
        return "".join(out)

    def _rsvp(self, rsvp: str) -> str:
        return {
            "invited": self.tr("invited"),
            "yes": self.tr("coming"),
            "maybe": self.tr("maybe"),
            "no": self.tr("not coming"),
        }.get(rsvp, rsvp)
