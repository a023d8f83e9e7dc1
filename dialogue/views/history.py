"""What each area page's "Status each quarter" strip shows: its targets' status at every quarter end since the start,
as the dashboard said then, with each quarter's reason, and how long the current status has held, in words."""
from __future__ import annotations

from datetime import date, datetime

import pandas as pd

from dialogue import status_history
from dialogue.i18n import t
from dialogue.views.common import scorecard, targets_book
from dialogue.vocab import STATUS_ICONS, status_word

COLUMNS = ["target", "wording", "quarter", "status_code", "status", "icon", "reason"]


def held_text(marks: list[status_history.Mark], status: str, lang: str) -> str:
    """"Off track for 3 quarters" / "… since the last quarter end" / "… this quarter"."""
    n = status_history.streak(marks, status)
    word = status_word(status, lang)
    if n == 0:
        return t("history_new", lang, status=word)
    if n == 1:
        return t("history_streak_one", lang, status=word)
    return t("history_streak", lang, status=word, n=n)


def status_strip(con, as_of: date, known_at: datetime | None = None, lang: str = "en", area: str = "",
                 card=None) -> tuple:
    """(strip frame, {wording: held text}) for the targets of the framework areas named in `area` (comma-separated;
    every target when it is "")."""
    card = scorecard(con, as_of, known_at, lang, card=card)
    if card is None:
        return pd.DataFrame(columns=COLUMNS), {}
    marks = status_history.history(con, as_of, known_at, lang, book=targets_book(), start=card.start_date)
    rows, held = [], {}
    areas = set(area.split(",")) if area else None
    for s in card.statuses:
        if areas and s.area not in areas:
            continue
        for m in marks.get(s.target, []):
            rows.append({"target": s.target, "wording": s.wording, "quarter": m.quarter, "status_code": m.status,
                         "status": status_word(m.status, lang), "icon": STATUS_ICONS[m.status], "reason": m.reason})
        if marks.get(s.target):
            held[s.wording] = held_text(marks[s.target], s.status, lang)
    return pd.DataFrame(rows, columns=COLUMNS), held
