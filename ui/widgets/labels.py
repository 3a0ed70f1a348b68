"""Translatable labels for the core's vocabularies (stored as short English keys).

The core stores ``"prospect"``, ``"wechat"``…; people read "Prospect", "WeChat" — or their
translation. Every label goes through ``QCoreApplication.translate`` in the ``Vocabulary`` context.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from studio.domain import values as v

_CTX = "Vocabulary"

# Source strings are marked here so lupdate finds them; translate() looks them up at run time.
_LABELS: dict[type, dict[str, str]] = {
    v.ClientKind: {
        "individual": QT_TRANSLATE_NOOP("Vocabulary", "Individual"),
        "household": QT_TRANSLATE_NOOP("Vocabulary", "Household"),
        "organization": QT_TRANSLATE_NOOP("Vocabulary", "Organization"),
    },
    v.Stage: {
        "prospect": QT_TRANSLATE_NOOP("Vocabulary", "Prospect"),
        "active": QT_TRANSLATE_NOOP("Vocabulary", "Active"),
        "repeat": QT_TRANSLATE_NOOP("Vocabulary", "Repeat client"),
        "dormant": QT_TRANSLATE_NOOP("Vocabulary", "Dormant"),
        "lost": QT_TRANSLATE_NOOP("Vocabulary", "Lost"),
    },
    v.Source: {
        "referral": QT_TRANSLATE_NOOP("Vocabulary", "Referral"),
        "website": QT_TRANSLATE_NOOP("Vocabulary", "Website"),
        "event": QT_TRANSLATE_NOOP("Vocabulary", "Event"),
        "social": QT_TRANSLATE_NOOP("Vocabulary", "Social media"),
        "walk-in": QT_TRANSLATE_NOOP("Vocabulary", "Walk-in"),
        "partner": QT_TRANSLATE_NOOP("Vocabulary", "Partner"),
        "press": QT_TRANSLATE_NOOP("Vocabulary", "Press"),
        "repeat": QT_TRANSLATE_NOOP("Vocabulary", "Returning client"),
        "other": QT_TRANSLATE_NOOP("Vocabulary", "Other"),
    },
    v.PersonRole: {
        "primary": QT_TRANSLATE_NOOP("Vocabulary", "Primary"),
        "partner": QT_TRANSLATE_NOOP("Vocabulary", "Partner"),
        "child": QT_TRANSLATE_NOOP("Vocabulary", "Child"),
        "parent": QT_TRANSLATE_NOOP("Vocabulary", "Parent"),
        "relative": QT_TRANSLATE_NOOP("Vocabulary", "Relative"),
        "friend": QT_TRANSLATE_NOOP("Vocabulary", "Friend"),
        "assistant": QT_TRANSLATE_NOOP("Vocabulary", "Assistant"),
        "member": QT_TRANSLATE_NOOP("Vocabulary", "Member"),
        "contact": QT_TRANSLATE_NOOP("Vocabulary", "Contact"),
    },
    v.ContactKind: {
        "phone": QT_TRANSLATE_NOOP("Vocabulary", "Phone"),
        "email": QT_TRANSLATE_NOOP("Vocabulary", "Email"),
        "address": QT_TRANSLATE_NOOP("Vocabulary", "Address"),
        "wechat": QT_TRANSLATE_NOOP("Vocabulary", "WeChat"),
        "whatsapp": QT_TRANSLATE_NOOP("Vocabulary", "WhatsApp"),
        "line": QT_TRANSLATE_NOOP("Vocabulary", "LINE"),
        "other": QT_TRANSLATE_NOOP("Vocabulary", "Other"),
    },
    v.InteractionKind: {
        "note": QT_TRANSLATE_NOOP("Vocabulary", "Note"),
        "call": QT_TRANSLATE_NOOP("Vocabulary", "Call"),
        "meeting": QT_TRANSLATE_NOOP("Vocabulary", "Meeting"),
        "message": QT_TRANSLATE_NOOP("Vocabulary", "Message"),
        "email": QT_TRANSLATE_NOOP("Vocabulary", "Email"),
        "feedback": QT_TRANSLATE_NOOP("Vocabulary", "Feedback"),
        "complaint": QT_TRANSLATE_NOOP("Vocabulary", "Complaint"),
        "gift": QT_TRANSLATE_NOOP("Vocabulary", "Gift"),
    },
    v.ComplaintStatus: {
        "open": QT_TRANSLATE_NOOP("Vocabulary", "Open"),
        "resolved": QT_TRANSLATE_NOOP("Vocabulary", "Resolved"),
    },
    v.ConsentPurpose: {
        "profile": QT_TRANSLATE_NOOP("Vocabulary", "Keeping a preference profile"),
        "marketing": QT_TRANSLATE_NOOP("Vocabulary", "News and offers"),
        "photos": QT_TRANSLATE_NOOP("Vocabulary", "Using trip photos"),
    },
    v.ConsentMethod: {
        "form": QT_TRANSLATE_NOOP("Vocabulary", "Form"),
        "email": QT_TRANSLATE_NOOP("Vocabulary", "Email"),
        "verbal": QT_TRANSLATE_NOOP("Vocabulary", "Verbally"),
        "signed": QT_TRANSLATE_NOOP("Vocabulary", "Signed"),
        "website": QT_TRANSLATE_NOOP("Vocabulary", "Website"),
    },
    v.DateKind: {
        "birthday": QT_TRANSLATE_NOOP("Vocabulary", "Birthday"),
        "wedding": QT_TRANSLATE_NOOP("Vocabulary", "Wedding anniversary"),
        "custom": QT_TRANSLATE_NOOP("Vocabulary", "Other date"),
    },
}

_TABLES = {
    "client": QT_TRANSLATE_NOOP("Vocabulary", "Client"),
    "person": QT_TRANSLATE_NOOP("Vocabulary", "Person"),
    "contact_point": QT_TRANSLATE_NOOP("Vocabulary", "Contact"),
    "consent": QT_TRANSLATE_NOOP("Vocabulary", "Consent"),
    "interaction": QT_TRANSLATE_NOOP("Vocabulary", "Timeline"),
    "important_date": QT_TRANSLATE_NOOP("Vocabulary", "Date"),
}


def label(vocabulary: type, key: str | None) -> str:
    """The translated label of ``key`` in ``vocabulary`` (e.g. ``label(Stage, "active")``)."""
    if not key:
        return ""
    source = _LABELS.get(vocabulary, {}).get(key)
    if source is None:
        return key
    return QCoreApplication.translate(_CTX, source)


def choices(vocabulary: type) -> list[tuple[str, str]]:
    """``(key, translated label)`` of every value, in the vocabulary's order."""
    return [(member.value, label(vocabulary, member.value)) for member in vocabulary]


def table_label(table: str) -> str:
    source = _TABLES.get(table)
    return QCoreApplication.translate(_CTX, source) if source else table


def count_text(n: int, one: str, many: str) -> str:
    """Pick the singular or plural (both already translated) and put ``n`` in for ``%n``.

    English and Chinese need no more than this; languages with more plural forms can move to
    Qt's numerus translations later without changing callers' strings.
    """
    return (one if n == 1 else many).replace("%n", str(n))
