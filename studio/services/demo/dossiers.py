"""The demo studio's dossiers: advisors, clients, people, contacts and their history.

The same ``seed`` and ``today`` always give the same rows and ids (timestamps and journal stamps
are those of the moment it runs). Everything is written through the studio's write path, one
transaction per chunk of clients. Short vocabularies live in ``resources/demo/*.json``. The first
part of :func:`studio.services.demo.build.build_demo`.
"""

from __future__ import annotations

import json
import random
import unicodedata
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from typing import Any, TypeVar

from studio.domain import dates
from studio.domain.base import Row, table_name
from studio.domain.models import (
    Advisor,
    Client,
    Consent,
    ContactPoint,
    ImportantDate,
    Interaction,
    Person,
)
from studio.domain.validate import clean
from studio.services.demo.common import load_resource, seeded_id
from studio.store import Studio, Transaction

_T = TypeVar("_T")

_CHUNK = 500

_LOCALES = ("en_US", "en_GB", "zh_CN", "fr_FR", "de_DE", "es_ES", "it_IT", "pl_PL")
_LOCALE_WEIGHTS = (17, 13, 36, 8, 8, 7, 6, 5)
_REGION = {
    "en_US": "US",
    "en_GB": "GB",
    "zh_CN": "CN",
    "fr_FR": "FR",
    "de_DE": "DE",
    "es_ES": "ES",
    "it_IT": "IT",
    "pl_PL": "PL",
}
_STAGES = (("prospect", 17), ("active", 30), ("repeat", 24), ("dormant", 19), ("lost", 10))
_SOURCES = (
    ("website", 25),
    ("event", 12),
    ("social", 15),
    ("walk-in", 5),
    ("partner", 12),
    ("press", 6),
    ("other", 4),
)
_INTERACTION_KINDS = (
    ("call", 20),
    ("email", 20),
    ("message", 18),
    ("meeting", 12),
    ("note", 12),
    ("feedback", 8),
    ("complaint", 3),
    ("gift", 7),
)
# Per stage: (months since first contact: min, max), (interactions: min, max), months of silence.
_STAGE_SHAPE = {
    "prospect": ((0, 4), (1, 3), 0),
    "active": ((2, 36), (4, 11), 0),
    "repeat": ((12, 36), (6, 14), 0),
    "dormant": ((18, 36), (3, 8), 13),
    "lost": ((6, 36), (1, 4), 5),
}
# Letters that do not decompose into an ASCII base letter.
_ASCII = str.maketrans(
    {
        "ł": "l",
        "Ł": "L",
        "ø": "o",
        "Ø": "O",
        "ß": "ss",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "đ": "d",
        "Đ": "D",
        "ı": "i",
    }
)


def ascii_fold(text: str) -> str:
    """``Łukasz Müller`` → ``Lukasz Muller`` (for e-mail addresses and handles)."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_ASCII))
    return "".join(ch for ch in decomposed if ord(ch) < 128)


def add_dossiers_demo(
    studio: Studio,
    *,
    clients: int,
    seed: int,
    today: date,
    progress: Callable[[int, int], None] | None = None,
) -> str:
    """Advisors and at least ``clients`` clients with their people, contacts and history.

    Returns the summary's first part ("3 advisors, 300 clients, 712 people, …").
    """
    return _Builder(studio, seed, today).run(max(clients, 0), progress)


class _Builder:
    def __init__(self, studio: Studio, seed: int, today: date):
        from faker import Faker

        self.studio = studio
        self.today = today
        self.rng = random.Random(seed)
        self._id_rng = random.Random(f"travel-studio-demo-ids-{seed}")
        self.fakers = {}
        for i, loc in enumerate(_LOCALES):
            fk = Faker(loc)
            fk.seed_instance(seed * 31 + i)
            self.fakers[loc] = fk
        self.vocab = load_resource("vocabulary.json")
        self.featured = load_resource("featured.json")
        zh = load_resource("chinese_names.json")
        self.zh_surnames = [(s[0], s[1]) for s in zh["surnames"]]
        self.zh_weights = [s[2] for s in zh["surnames"]]
        self.zh_given = {"f": zh["given_female"], "m": zh["given_male"]}
        tags = self.vocab["tags"]
        self.tag_names, self.tag_weights = [t[0] for t in tags], [t[1] for t in tags]
        self.phone_templates: dict[str, str] = {}
        self.advisors: list[str] = []
        self.client_ids: list[str] = []
        self.referrer_pool: list[str] = []
        self.referred: set[str] = set()
        self.counts: dict[str, int] = dict.fromkeys(
            (
                "advisor",
                "client",
                "person",
                "contact_point",
                "consent",
                "interaction",
                "important_date",
            ),
            0,
        )
        self.first_names: dict[str, tuple[str, str]] = {}
        self.tx: Transaction | None = None  # the transaction being filled
        self.starts: dict[str, date] = {}  # the day each dossier was made
        self.upcoming = 0

    # -- helpers --------------------------------------------------------------------------------
    def new_id(self) -> str:
        return seeded_id(self._id_rng)

    def create(self, model: type[Row], **fields: Any) -> str:
        row_id = self.new_id()
        assert self.tx is not None  # rows are only made inside build()'s transactions
        self.tx.create(model, id=row_id, **clean(model, fields))
        self.counts[table_name(model)] += 1
        return row_id

    def at(self, day: date) -> None:
        """Date what is written next on ``day`` (a working hour of it): rows and journal."""
        assert self.tx is not None
        self.tx.backdate(
            f"{day.isoformat()}T{self.rng.randint(1, 10):02d}:{self.rng.randint(0, 59):02d}:"
            f"{self.rng.randint(0, 59):02d}Z"
        )

    def pick(self, pairs: Sequence[tuple[_T, float]]) -> _T:
        return self.rng.choices([p[0] for p in pairs], weights=[p[1] for p in pairs])[0]

    def days_ago(self, lo: int, hi: int) -> date:
        return self.today - timedelta(days=self.rng.randint(lo, max(lo, hi)))

    def when(self, d: date, with_time: bool) -> str:
        if not with_time:
            return d.isoformat()
        return (
            f"{d.isoformat()}T{self.rng.randint(8, 19):02d}:{self.rng.choice((0, 15, 30, 45)):02d}"
        )

    # -- names ----------------------------------------------------------------------------------
    def zh_name(
        self, sex: str, surname: tuple[str, str] | None = None
    ) -> tuple[str, str, tuple[str, str]]:
        sur = surname or self.rng.choices(self.zh_surnames, weights=self.zh_weights)[0]
        chars = self.rng.sample(self.zh_given[sex], 2 if self.rng.random() < 0.75 else 1)
        given = ""
        for _ch, py in chars:
            given += ("'" if given and py[0] in "aeo" else "") + py
        return f"{sur[1]} {given.capitalize()}", sur[0] + "".join(c for c, _ in chars), sur

    def person_name(
        self, locale: str, sex: str, surname: Any = None
    ) -> tuple[str, str | None, Any]:
        if locale == "zh_CN":
            return self.zh_name(sex, surname)
        fk = self.fakers[locale]
        first = fk.first_name_female() if sex == "f" else fk.first_name_male()
        last = surname or fk.last_name()
        return f"{first} {last}", None, last

    # -- contacts -------------------------------------------------------------------------------
    def phone(self, region: str) -> str:
        import phonenumbers

        template = self.phone_templates.get(region)
        if template is None:
            ex = phonenumbers.example_number_for_type(region, phonenumbers.PhoneNumberType.MOBILE)
            assert ex is not None  # every region the demo uses has an example mobile number
            template = self.phone_templates[region] = str(ex.national_number)
        keep = 3 if len(template) > 8 else 2
        for _ in range(30):
            national = template[:keep] + "".join(
                str(self.rng.randrange(10)) for _ in template[keep:]
            )
            num = phonenumbers.parse(f"+{phonenumbers.country_code_for_region(region)}{national}")
            if phonenumbers.is_valid_number(num):
                return phonenumbers.format_number(num, phonenumbers.PhoneNumberFormat.E164)
        return f"+{phonenumbers.country_code_for_region(region)}{template}"

    def email(self, name: str, locale: str) -> str:
        parts = [p for p in ascii_fold(name).lower().replace("'", "").split() if p.isalnum()] or [
            "guest"
        ]
        style = self.rng.random()
        if style < 0.4:
            local = ".".join(parts)
        elif style < 0.7:
            local = parts[0][0] + "".join(parts[1:])
        else:
            local = "".join(reversed(parts)) + str(self.rng.randint(1, 99))
        return f"{local}@{self.rng.choice(self.vocab['email_domains'][locale])}"

    def add_contacts(
        self,
        client_id: str,
        person_id: str,
        name: str,
        locale: str,
        *,
        main: bool,
        preferred_done: set[str],
    ) -> None:
        region = _REGION[locale]
        if locale == "zh_CN" and self.rng.random() < 0.15:
            region = self.rng.choice(("US", "GB", "SG", "HK"))
        entries: list[tuple[str, str, str | None]] = []
        if main or self.rng.random() < 0.6:
            entries.append(("email", self.email(name, locale), "personal"))
        mobile = self.phone(region)
        if main or self.rng.random() < 0.7:
            entries.append(("phone", mobile, "mobile"))
        if main and self.rng.random() < 0.25:
            entries.append(
                ("email", self.email(name, locale).split("@")[0] + "@work.example", "work")
            )
        if locale == "zh_CN" and self.rng.random() < 0.8:
            handle = ascii_fold(name).lower().replace(" ", "_").replace("'", "") + str(
                self.rng.randint(1, 999)
            )
            entries.append(
                (
                    "wechat",
                    handle if self.rng.random() < 0.6 else f"wxid_{self.rng.getrandbits(40):010x}",
                    None,
                )
            )
        elif locale != "zh_CN" and self.rng.random() < 0.4:
            entries.append(("whatsapp", mobile, None))
        if main and self.rng.random() < 0.6:
            entries.append(("address", self.fakers[locale].address().replace("\n", ", "), "home"))
        for kind, value, label in entries:
            preferred = kind not in preferred_done
            preferred_done.add(kind)
            self.create(
                ContactPoint,
                client_id=client_id,
                person_id=person_id,
                kind=kind,
                value=value,
                label=label,
                preferred=preferred,
            )

    # -- dates ----------------------------------------------------------------------------------
    def month_day(self) -> tuple[int, int]:
        """A day of the year; about one in eight falls in the next 30 days (the agenda's window)."""
        if self.rng.random() < 0.12:
            d = self.today + timedelta(days=self.rng.randint(0, 30))
            return d.month, d.day
        d = date(2000, 1, 1) + timedelta(days=self.rng.randrange(366))
        return d.month, d.day

    def birth(self, min_age: int, max_age: int) -> tuple[int, int, int]:
        m, d = self.month_day()
        y = self.today.year - self.rng.randint(min_age, max_age)
        # A 29 February birthday needs a leap year of birth: one where it is observed on the day.
        while dates.observed(y, m, d).day != d:
            y -= 1
        return y, m, d

    def add_date(
        self,
        client_id: str,
        person_id: str | None,
        kind: str,
        m: int,
        d: int,
        y: int | None,
        label: str | None = None,
    ) -> None:
        _year, when = dates.next_occurrence(m, d, self.today)  # as the agenda shows it
        if (when - self.today).days <= 30:
            self.upcoming += 1
        self.create(
            ImportantDate,
            client_id=client_id,
            person_id=person_id,
            kind=kind,
            label=label,
            month=m,
            day=d,
            year=y,
        )

    # -- people ---------------------------------------------------------------------------------
    def add_person(
        self,
        client_id: str,
        locale: str,
        pos: int,
        name: str,
        native: str | None,
        role: str,
        birth: str | None,
        lang: str,
        *,
        main: bool,
        preferred_done: set[str],
    ) -> str:
        birth_date = None
        y = m = d = None
        if birth and birth.startswith("--"):
            m, d = int(birth[2:4]), int(birth[5:7])
        elif birth:
            bd = date.fromisoformat(birth)
            y, m, d = bd.year, bd.month, bd.day
            if bd <= date.today():
                birth_date = birth
        notes = (
            self.rng.choice(self.vocab["person_notes"][lang]) if self.rng.random() < 0.15 else ""
        )
        pid = self.create(
            Person,
            client_id=client_id,
            name=name,
            native_name=native,
            role=role,
            birth_date=birth_date,
            notes=notes,
            position=pos,
        )
        # How a summary names them: "Xiaoming" / "Zoë" in English, the full native name in Chinese.
        if native:
            self.first_names[pid] = (name.split(" ", 1)[-1], native)
        else:
            self.first_names[pid] = (name.split(" ", 1)[0], name)
        if m is not None and d is not None:
            self.add_date(client_id, pid, "birthday", m, d, y)
        if role not in ("child",):
            self.add_contacts(
                client_id, pid, name, locale, main=main, preferred_done=preferred_done
            )
        return pid

    def random_birth(self, role: str, parents: bool = False) -> str | None:
        if parents and role in ("primary", "partner"):
            role = "parent_of_child"
        ages = {
            "parent_of_child": (30, 54),
            "primary": (26, 74),
            "partner": (24, 74),
            "child": (2, 17),
            "parent": (60, 88),
            "contact": (25, 60),
            "assistant": (22, 50),
            "member": (24, 62),
        }[role]
        r = self.rng.random()
        if role in ("contact", "assistant", "member") and r < 0.7:
            return None
        if role != "child" and r < 0.25:
            return None
        y, m, d = self.birth(*ages)
        if role in ("parent_of_child",):
            role = "primary"
        if role != "child" and r < 0.45:
            return f"--{m:02d}-{d:02d}"
        return f"{y:04d}-{m:02d}-{d:02d}"

    def generated_people(self, kind: str, locale: str) -> tuple[str, str | None, list[dict]]:
        """(client name, native name, people) of a generated individual, couple or family."""
        sex = self.rng.choice("fm")
        name, native, sur = self.person_name(locale, sex)
        people = [{"name": name, "native_name": native, "role": "primary", "sex": sex}]
        if kind == "individual":
            return name, native, people
        p_locale = locale if self.rng.random() < 0.88 else self.rng.choice(_LOCALES)
        p_sex = "m" if sex == "f" else "f"
        shared = p_locale == locale and locale != "zh_CN" and self.rng.random() < 0.6
        p_name, p_native, p_sur = self.person_name(p_locale, p_sex, sur if shared else None)
        people.append({"name": p_name, "native_name": p_native, "role": "partner", "sex": p_sex})
        family = kind == "family"
        if family:
            # Children take the father's surname when he shares the family's locale.
            child_sur = p_sur if sex == "f" and p_locale == locale else sur
            for _i in range(self.rng.choice((1, 1, 2, 2, 3))):
                c_sex = self.rng.choice("fm")
                c_name, c_native, _ = self.person_name(locale, c_sex, child_sur)
                people.append(
                    {"name": c_name, "native_name": c_native, "role": "child", "sex": c_sex}
                )
            if self.rng.random() < 0.15:
                g_sex = self.rng.choice("fm")
                g_name, g_native, _ = self.person_name(locale, g_sex, sur)
                people.append(
                    {"name": g_name, "native_name": g_native, "role": "parent", "sex": g_sex}
                )
            surname = sur[1] if isinstance(sur, tuple) else sur
            if locale == "zh_CN":
                return f"{name} family", f"{native}一家", people
            return f"{surname} family", None, people
        if locale == "zh_CN" or p_native:
            natives = "、".join(n for n in (native, p_native) if n) or None
            return f"{name} & {p_name}", natives, people
        first, p_first = name.split(" ", 1), p_name.split(" ", 1)
        if shared:
            return f"{first[0]} & {p_first[0]} {first[1]}", None, people
        return f"{name} & {p_name}", None, people

    # -- one client -----------------------------------------------------------------------------
    def add_client(self, spec: dict | None, index: int, org: tuple | None) -> None:
        rng = self.rng
        if spec is not None:
            locale, kind = spec["locale"], spec["kind"]
            name, native, stage = spec["name"], spec.get("native_name"), spec["stage"]
            people = [dict(p) for p in spec["people"]]
            tags = list(spec.get("tags", []))
        elif org is not None:
            kind, stage = "organization", self.pick(_STAGES[1:])
            name, native, locale = org
            people = []
            for role in (
                ["contact"]
                + (["assistant"] if rng.random() < 0.5 else [])
                + ["member"] * rng.randint(2, 6)
            ):
                sex = rng.choice("fm")
                p_locale = locale if rng.random() < 0.8 else rng.choice(_LOCALES)
                pn, pnat, _ = self.person_name(p_locale, sex)
                people.append({"name": pn, "native_name": pnat, "role": role, "sex": sex})
            tags = ["corporate", "incentive"]
        else:
            locale = rng.choices(_LOCALES, weights=_LOCALE_WEIGHTS)[0]
            shape = rng.random()
            kind = "individual" if shape < 0.46 else "household"
            stage = self.pick(_STAGES)
            name, native, people = self.generated_people(
                "individual" if shape < 0.46 else ("couple" if shape < 0.72 else "family"), locale
            )
            tags = []
            if len(people) > 2:
                tags.append("family")
            if len(people) == 2 and rng.random() < 0.3:
                tags.append("honeymoon")
            for t in rng.choices(
                self.tag_names, weights=self.tag_weights, k=rng.choice((0, 1, 1, 2, 2, 3))
            ):
                tags.append(t)
        lang = "zh" if locale == "zh_CN" and rng.random() < 0.7 else "en"
        advisor = rng.choices(self.advisors, weights=(2, 4, 4))[0]
        if locale == "zh_CN" and rng.random() < 0.5:
            advisor = self.advisors[2]  # the Mandarin-speaking advisor
        assert self.tx is not None  # clients are only added inside build()'s transactions
        self.tx.advisor_id = advisor  # the journal says who created the dossier

        # Referrals: chains, and some clients who refer several others.
        referred_by = None
        source = self.pick(_SOURCES)
        if self.client_ids and (spec is None or index > 1) and rng.random() < 0.35:
            if self.referrer_pool and rng.random() < 0.5:
                referred_by = rng.choice(self.referrer_pool)
            elif self.referred and rng.random() < 0.3:  # chains: the referred refer others
                referred_by = rng.choice(sorted(self.referred))
            else:
                referred_by = rng.choice(self.client_ids)
            self.referrer_pool.append(referred_by)
            source = "referral"
        source_detail = None
        if source in self.vocab["source_details"] and rng.random() < 0.6:
            source_detail = rng.choice(self.vocab["source_details"][source])
        notes = spec.get("notes") if spec else None
        if notes is None:
            notes = rng.choice(self.vocab["client_notes"][lang]) if rng.random() < 0.5 else ""
        if stage == "repeat" and rng.random() < 0.3:
            tags.append("vip")
        # The dossier is made on the timeline's first day (a referred client after the referrer).
        (since_lo, since_hi), (n_lo, n_hi), silent = _STAGE_SHAPE[stage]
        start = self.days_ago(since_lo * 30, since_hi * 30)
        end = self.today - timedelta(days=silent * 30)
        if stage == "lost":
            end = min(end, start + timedelta(days=120))
        if end < start:
            start, end = end, start
        if referred_by and self.starts.get(referred_by, start) >= start:
            start = min(self.starts[referred_by] + timedelta(days=rng.randint(3, 90)), self.today)
            end = max(end, start)
        client_id = self.new_id()
        self.starts[client_id] = start
        self.at(start)
        self.tx.create(
            Client,
            id=client_id,
            **clean(
                Client,
                {
                    "kind": kind,
                    "name": name,
                    "native_name": native,
                    "stage": stage,
                    "source": source,
                    "source_detail": source_detail,
                    "referred_by_id": referred_by,
                    "advisor_id": advisor,
                    "tags": tags,
                    "notes": notes,
                },
            ),
        )
        self.counts["client"] += 1
        if referred_by:
            self.referred.add(client_id)

        preferred_done: set[str] = set()
        person_ids: list[str] = []
        has_children = any(p["role"] == "child" for p in people)
        births: list[str | None] = []
        for pos, p in enumerate(people):
            birth = p.get("birth") if spec else self.random_birth(p["role"], has_children)
            births.append(birth)
            main = pos == 0 or kind == "organization" and p["role"] == "contact"
            person_ids.append(
                self.add_person(
                    client_id,
                    locale,
                    pos,
                    p["name"],
                    p.get("native_name"),
                    p["role"],
                    birth,
                    lang,
                    main=main,
                    preferred_done=preferred_done,
                )
            )
        if kind == "organization":
            self.create(
                ContactPoint,
                client_id=client_id,
                kind="phone",
                value=self.phone(_REGION[locale]),
                label="office",
                preferred="phone" not in preferred_done,
            )
            self.create(
                ContactPoint,
                client_id=client_id,
                kind="address",
                value=self.fakers[locale].address().replace("\n", ", "),
                label="office",
                preferred="address" not in preferred_done,
            )
            y, m, d = self.birth(3, 40)
            self.add_date(
                client_id,
                None,
                "custom",
                m,
                d,
                y,
                label="Company founding day" if lang == "en" else "公司成立纪念日",
            )
        roles = [p["role"] for p in people]
        if "partner" in roles and rng.random() < 0.7:
            # Married as adults: no longer ago than the younger spouse's 22nd birthday.
            years = [int(b[:4]) for b in births[:2] if b and not b.startswith("--")]
            y, m, d = self.birth(1, max(1, min([35] + [self.today.year - y0 - 22 for y0 in years])))
            self.add_date(
                client_id, person_ids[0], "wedding", m, d, y if rng.random() < 0.8 else None
            )
        if rng.random() < 0.1:
            y, m, d = self.birth(1, 3)
            self.add_date(
                client_id,
                person_ids[0],
                "custom",
                m,
                d,
                y,
                label=rng.choice(self.vocab["custom_dates"][lang]),
            )

        # Timeline (its span was drawn before the dossier was made, on the day it starts).
        self.consents(client_id, start, stage)
        dests = self.vocab["destinations_zh" if lang == "zh" else "destinations_en"]
        dest = rng.choice(dests)
        count = rng.randint(n_lo, n_hi)
        days = sorted(
            start + timedelta(days=rng.randint(0, (end - start).days)) for _ in range(count)
        )
        for i, day in enumerate(days):
            kind_i = "call" if i == 0 else self.pick(_INTERACTION_KINDS)
            if kind_i in ("feedback", "complaint") and stage == "prospect":
                kind_i = "message"
            if rng.random() < 0.25:
                dest = rng.choice(dests)
            self.interaction(
                client_id, person_ids, kind_i, day, advisor, lang, dest, first_contact=i == 0
            )
        if spec is not None and index == 0:
            # The first featured client always has a recent open complaint and great feedback.
            self.interaction(
                client_id,
                person_ids,
                "feedback",
                self.today - timedelta(days=40),
                advisor,
                lang,
                dests[0],
                score=96,
            )
            self.interaction(
                client_id,
                person_ids,
                "complaint",
                self.today - timedelta(days=6),
                advisor,
                lang,
                dests[0],
                open_=True,
            )
        self.client_ids.append(client_id)

    def consents(self, client_id: str, start: date, stage: str) -> None:
        rng = self.rng
        method = rng.choice(("form", "signed", "email", "website", "verbal"))
        self.create(
            Consent,
            client_id=client_id,
            purpose="profile",
            granted=True,
            decided_on=start,
            method=method,
        )
        if rng.random() < 0.8:
            self.create(
                Consent,
                client_id=client_id,
                purpose="marketing",
                granted=rng.random() < 0.7,
                decided_on=start,
                method=method,
            )
        if stage in ("active", "repeat") and rng.random() < 0.4:
            self.create(
                Consent,
                client_id=client_id,
                purpose="photos",
                granted=rng.random() < 0.85,
                decided_on=start + timedelta(days=rng.randint(0, 60)),
                method="signed",
                note="For the memory book and the studio's album." if rng.random() < 0.5 else "",
            )

    def interaction(
        self,
        client_id: str,
        person_ids: list[str],
        kind: str,
        day: date,
        advisor: str,
        lang: str,
        dest: str,
        *,
        score: int | None = None,
        open_: bool = False,
        first_contact: bool = False,
    ) -> None:
        rng = self.rng
        by = advisor if rng.random() < 0.85 else rng.choice(self.advisors)
        person_id = (
            rng.choice(person_ids)
            if person_ids and rng.random() < 0.5
            else (person_ids[0] if person_ids else None)
        )
        templates = self.vocab["interactions"][kind][lang]
        if kind == "call":  # the first call of a timeline is the enquiry
            template = templates[0] if first_contact else rng.choice(templates[1:])
        elif kind == "feedback":  # the last feedback line is the lukewarm one
            if score is None:
                score = rng.choice(
                    (
                        rng.randint(80, 100),
                        rng.randint(80, 100),
                        rng.randint(65, 85),
                        rng.randint(15, 60),
                    )
                )
            template = templates[-1] if score < 65 else rng.choice(templates[:-1])
        else:
            template = rng.choice(templates)
        first = self.first_names.get(person_id or "", ("", ""))[1 if lang == "zh" else 0]
        summary = template.format(
            dest=dest, name=first or ("客户" if lang == "zh" else "The client")
        )
        fields: dict[str, Any] = {
            "client_id": client_id,
            "person_id": person_id,
            "kind": kind,
            "occurred_at": self.when(day, kind in ("call", "meeting", "message")),
            "advisor_id": by,
            "summary": summary,
        }
        if kind == "feedback":
            fields["satisfaction"] = score
        elif kind == "complaint":
            recent = (self.today - day).days < 90
            if open_ or (recent and rng.random() < 0.6):
                fields["status"] = "open"
            else:
                fields["status"] = "resolved"
                fields["resolution"] = rng.choice(self.vocab["resolutions"][lang])
                fields["resolved_at"] = min(
                    day + timedelta(days=rng.randint(1, 20)), self.today
                ).isoformat()
        self.at(max(day, self.starts.get(client_id, day)))
        self.create(Interaction, **fields)

    # -- the whole studio -----------------------------------------------------------------------
    def run(self, total: int, progress: Callable[[int, int], None] | None) -> str:
        studio, rng = self.studio, self.rng
        specs = self.featured["clients"][: max(total, 0)] if total else []
        generated = max(total - len(specs), 0)
        n_orgs = max(0, round(generated * 0.006))
        org_slots = (
            {int((k + 0.5) * generated / n_orgs) for k in range(n_orgs)} if n_orgs else set()
        )
        orgs = self.vocab["organizations"]

        with studio.transaction() as tx:
            self.tx = tx
            for a in self.featured["advisors"]:
                adv_id = self.new_id()
                tx.advisor_id = self.advisors[0] if self.advisors else adv_id
                self.at(self.today - timedelta(days=3 * 365 + 200 - 10 * len(self.advisors)))
                tx.create(Advisor, id=adv_id, **clean(Advisor, a))
                self.advisors.append(adv_id)
                self.counts["advisor"] += 1
        if studio.advisor_id is None:
            studio.set_local_advisor(self.advisors[0])

        done = 0
        plan: list[tuple[dict | None, int, tuple | None]] = [
            (s, i, None) for i, s in enumerate(specs)
        ]
        org_k = 0
        for i in range(generated):
            org = None
            if i in org_slots:
                if org_k < len(orgs):
                    org = tuple(orgs[org_k])
                else:
                    loc = rng.choice([lc for lc in _LOCALES if lc != "zh_CN"])
                    org = (self.fakers[loc].company(), None, loc)
                org_k += 1
            plan.append((None, len(specs) + i, org))
        for start in range(0, len(plan), _CHUNK):
            with studio.transaction() as tx:
                self.tx = tx
                for spec, index, org in plan[start : start + _CHUNK]:
                    self.add_client(spec, index, org)
            done = min(start + _CHUNK, len(plan))
            if progress:
                progress(done, len(plan))

        deleted = self.soft_deletes()
        c = self.counts
        return (
            f"{c['advisor']} advisors, {c['client']:,} clients, {c['person']:,} people, "
            f"{c['interaction']:,} interactions, {c['important_date']:,} important dates "
            f"({self.upcoming:,} in the next 30 days), {deleted} rows in Recently deleted"
        )

    def soft_deletes(self) -> int:
        """A few deleted clients (never the featured ones), a contact, a person and an interaction."""
        n_featured = min(len(self.featured["clients"]), len(self.client_ids))
        referrers = set(self.referrer_pool)
        candidates = [c for c in self.client_ids[n_featured:] if c not in referrers]
        if not candidates:
            return 0
        victims = self.rng.sample(
            candidates, min(len(candidates), max(3, len(self.client_ids) // 100))
        )
        deleted = 0
        with self.studio.transaction(advisor_id=self.advisors[0]) as tx:
            for cid in sorted(victims):
                deleted += tx.delete(Client, cid)
            gone = set(victims)
            live = json.dumps([c for c in candidates if c not in gone])
            tx.flush()
            for model, extra in (
                (ContactPoint, ""),
                (Interaction, ""),
                (Person, "AND position > 0"),
            ):
                table = table_name(model)
                row = tx.conn.exec_driver_sql(
                    f"SELECT id FROM {table} WHERE deleted_at IS NULL {extra} AND client_id IN "
                    "(SELECT value FROM json_each(?)) ORDER BY id LIMIT 1",
                    (live,),
                ).first()
                if row:
                    deleted += tx.delete(model, row[0])
        return deleted
