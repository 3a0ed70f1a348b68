"""The short survey after a trip: overall (0–100), would recommend (0–10), what to keep, what to
change.

Recording it writes two rows in one transaction: the trip's feedback on the client's timeline
(an interaction of kind ``feedback`` whose satisfaction is the overall score, so the owner's desk
counts it with every other feedback) and the :class:`~studio.domain.loyalty_models.TripSurvey`
holding all four answers (its ``recommend`` feeds the NPS). Recording it again for the same trip
corrects both rows rather than adding a second answer. A low score (overall below
:data:`CARE_BELOW`, or a detractor's 0–6) opens a care task on the agenda
(:mod:`studio.services.loyalty.reminders`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from studio.domain import validate
from studio.domain.i18n import tr
from studio.domain.loyalty_models import TripSurvey
from studio.domain.models import Interaction
from studio.domain.trip_models import Trip
from studio.errors import NotFoundError, ValidationError
from studio.services.loyalty.common import Connection, whole
from studio.store import Studio, Transaction

#: An overall score below this opens a care task.
CARE_BELOW = 60
#: Would-recommend answers: 9–10 promoters, 7–8 passives, 0–6 detractors.
PROMOTER_FROM, DETRACTOR_UP_TO = 9, 6
#: A survey is for a trip that has been taken.
SURVEY_STATUSES = ("travelling", "completed", "followed-up")


def needs_care(overall: int, recommend: int) -> bool:
    """A score low enough that someone should call the client."""
    return overall < CARE_BELOW or recommend <= DETRACTOR_UP_TO


@dataclass(frozen=True)
class Survey:
    id: str
    trip_id: str
    trip_title: str
    client_id: str
    overall: int
    recommend: int
    keep: str
    change: str
    answered_on: str
    interaction_id: str | None

    @property
    def care(self) -> bool:
        return needs_care(self.overall, self.recommend)


def _summary(title: str, overall: int, recommend: int) -> str:
    return tr(
        "Survey after {trip}: {overall}/100, would recommend {recommend}/10",
        trip=title,
        overall=overall,
        recommend=recommend,
    )


def _body(keep: str, change: str) -> str:
    lines = []
    if keep:
        lines.append(tr("Keep: {answer}", answer=keep))
    if change:
        lines.append(tr("Change: {answer}", answer=change))
    return "\n".join(lines)


def clean_answers(overall: Any, recommend: Any, keep: Any = "", change: Any = "") -> dict:
    """The four answers validated (one sentence for a score out of range)."""
    return {
        "overall": whole(overall, "overall", 0, 100, tr("The overall score")),
        "recommend": whole(recommend, "recommend", 0, 10, tr("Would recommend")),
        "keep": validate.text(keep, "keep", max_len=4000),
        "change": validate.text(change, "change", max_len=4000),
    }


def record_survey(
    studio: Studio,
    trip_id: str,
    overall: Any,
    recommend: Any,
    keep: str = "",
    change: str = "",
    *,
    answered_on: Any = None,
) -> Survey:
    """Record (or correct) the survey of a trip that has been taken; returns it."""
    answers = clean_answers(overall, recommend, keep, change)
    day = validate.iso_date(answered_on or date.today(), "answered_on", allow_future=False)
    with studio.transaction() as tx:
        trip = tx.get(Trip, trip_id)
        if trip is None:
            raise NotFoundError(tr("No trip with id {id}.", id=trip_id))
        if trip.status not in SURVEY_STATUSES:
            raise ValidationError(
                "trip_id",
                tr(
                    "“{title}” has not been taken yet ({status}); a survey follows the trip.",
                    title=trip.title,
                    status=trip.status,
                ),
            )
        summary = _summary(trip.title, answers["overall"], answers["recommend"])
        body = _body(answers["keep"], answers["change"])
        existing = _survey_row(tx.conn, trip_id)
        if existing is not None:
            sid, iid = existing
            if iid and tx.get(Interaction, iid) is not None:
                tx.update(
                    Interaction,
                    iid,
                    satisfaction=answers["overall"],
                    summary=summary,
                    body=body,
                    occurred_at=day,
                )
            else:
                iid = feedback_entry(
                    tx,
                    client_id=trip.client_id,
                    advisor_id=studio.advisor_id,
                    title=trip.title,
                    answers=answers,
                    day=day,
                ).id
            tx.update(TripSurvey, sid, interaction_id=iid, answered_on=day, **answers)
        else:
            iid = feedback_entry(
                tx,
                client_id=trip.client_id,
                advisor_id=studio.advisor_id,
                title=trip.title,
                answers=answers,
                day=day,
            ).id
            sid = tx.create(
                TripSurvey,
                client_id=trip.client_id,
                trip_id=trip_id,
                interaction_id=iid,
                answered_on=day,
                advisor_id=studio.advisor_id,
                **answers,
            ).id
        return Survey(
            sid, trip_id, trip.title, trip.client_id, answered_on=day, interaction_id=iid, **answers
        )


def feedback_entry(
    tx: Transaction,
    *,
    client_id: str,
    advisor_id: str | None,
    title: str,
    answers: dict,
    day: str,
    id: str | None = None,
) -> Interaction:
    """The survey's feedback on the client's timeline (``answers`` as :func:`clean_answers`
    gives them); ``id`` only for the demo's seeded ids."""
    seeded = {"id": id} if id else {}
    return tx.create(
        Interaction,
        **seeded,
        client_id=client_id,
        kind="feedback",
        occurred_at=day,
        advisor_id=advisor_id,
        summary=_summary(title, answers["overall"], answers["recommend"]),
        body=_body(answers["keep"], answers["change"]),
        satisfaction=answers["overall"],
    )


def _survey_row(conn: Connection, trip_id: str) -> tuple[str, str | None] | None:
    row = conn.exec_driver_sql(
        "SELECT id, interaction_id FROM trip_survey WHERE trip_id = ? AND deleted_at IS NULL "
        "ORDER BY created_at LIMIT 1",
        (trip_id,),
    ).first()
    return None if row is None else (row[0], row[1])


_SELECT = (
    "SELECT s.id, s.trip_id, t.title, s.client_id, s.overall, s.recommend, s.keep, s.change, "
    "s.answered_on, s.interaction_id FROM trip_survey s JOIN trip t ON t.id = s.trip_id "
    "WHERE s.deleted_at IS NULL"
)


def survey_of_trip(studio: Studio, trip_id: str) -> Survey | None:
    with studio.read() as conn:
        row = conn.exec_driver_sql(_SELECT + " AND s.trip_id = ?", (trip_id,)).first()
    return None if row is None else Survey(*row)


def surveys_of_client(studio: Studio, client_id: str) -> list[Survey]:
    with studio.read() as conn:
        rows = conn.exec_driver_sql(
            _SELECT + " AND s.client_id = ? ORDER BY s.answered_on DESC", (client_id,)
        ).fetchall()
    return [Survey(*r) for r in rows]


@dataclass(frozen=True)
class Nps:
    """Net promoter score of a set of would-recommend answers: % promoters − % detractors."""

    promoters: int
    passives: int
    detractors: int

    @property
    def answers(self) -> int:
        return self.promoters + self.passives + self.detractors

    @property
    def score(self) -> float | None:
        if not self.answers:
            return None
        return round(100 * (self.promoters - self.detractors) / self.answers, 1)

    def to_json(self) -> dict[str, Any]:
        return {
            "score": self.score,
            "promoters": self.promoters,
            "passives": self.passives,
            "detractors": self.detractors,
            "answers": self.answers,
        }


def nps_of(scores: list[int]) -> Nps:
    return Nps(
        sum(1 for s in scores if s >= PROMOTER_FROM),
        sum(1 for s in scores if DETRACTOR_UP_TO < s < PROMOTER_FROM),
        sum(1 for s in scores if s <= DETRACTOR_UP_TO),
    )
