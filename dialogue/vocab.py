"""Status words and icons in every language: a status is never shown by colour alone."""
from __future__ import annotations

from dialogue.translit import to_cyrillic

LANGS = ("en", "sr-Latn", "sr-Cyrl")
STATUSES = ("achieved", "on_track", "at_risk", "off_track", "missed", "not_started", "no_data")
# Ordered from best to worst for sorting and "worsened" comparisons (no_data last: unknown).
STATUS_RANK = {s: i for i, s in enumerate(STATUSES)}
STATUS_ICONS = {
    "achieved": "✅", "on_track": "🟢", "at_risk": "⚠️", "off_track": "🔴",
    "missed": "❌", "not_started": "⏳", "no_data": "❔",
}
_WORDS = {
    "en": {"achieved": "Achieved", "on_track": "On track", "at_risk": "At risk",
           "off_track": "Off track", "missed": "Missed", "not_started": "Not started",
           "no_data": "No data"},
    "sr-Latn": {"achieved": "Ostvareno", "on_track": "Na dobrom putu", "at_risk": "Ugroženo",
                "off_track": "Zaostaje", "missed": "Nije ostvareno", "not_started": "Nije započeto",
                "no_data": "Nema podataka"},
}
_WORDS["sr-Cyrl"] = {k: to_cyrillic(v) for k, v in _WORDS["sr-Latn"].items()}


def status_word(status: str, lang: str = "en") -> str:
    return _WORDS[lang][status]


def status_badge(status: str, lang: str = "en") -> str:
    """Icon and word together, e.g. '⚠️ At risk'."""
    return f"{STATUS_ICONS[status]} {status_word(status, lang)}"


# Direction of a status change, by an explicit order (best first); the unmeasured states stand apart.
MEASURED_ORDER = ("achieved", "on_track", "at_risk", "off_track", "missed")
UNMEASURED = ("not_started", "no_data")
DIRECTIONS = ("improved", "worsened", "first_measured", "no_longer_measured", "unchanged")


def change_direction(old: str, new: str) -> str:
    """'improved', 'worsened', 'first_measured' (from not started / no data), 'no_longer_measured' (to either),
    or 'unchanged'."""
    if old == new or (old in UNMEASURED and new in UNMEASURED):
        return "unchanged"
    if new in UNMEASURED:
        return "no_longer_measured"
    if old in UNMEASURED:
        return "first_measured"
    return "improved" if MEASURED_ORDER.index(new) < MEASURED_ORDER.index(old) else "worsened"
