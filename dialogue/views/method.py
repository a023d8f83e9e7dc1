"""What the Method page shows: how each status is computed, the targets, assumptions and sources."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

import pandas as pd

from dialogue.delivery import settings as delivery_settings
from dialogue.i18n import fmt_date, label, t
from dialogue.views.common import targets_book
from dialogue.vocab import status_badge


@dataclass
class MethodView:
    statuses: pd.DataFrame          # badge, id
    rules: list[tuple[str, str]]    # (kind, text)
    targets: pd.DataFrame           # id, area, kind, wording, params, deadline, assumptions
    sources: str
    settings: dict = field(default_factory=dict)


def method(lang: str = "en") -> MethodView:
    from dialogue.vocab import STATUSES

    book = targets_book()
    points, months = delivery_settings(book)
    rows = []
    if book is not None:
        for tg in book.targets:
            params = {k: v for k, v in tg.params.items() if k not in ("unit", "done", "parts", "label")}
            rows.append({
                t("col_id", lang): tg.id,
                t("col_area", lang): t(f"area_{tg.area}", lang),
                t("col_kind", lang): label("kindname", tg.kind, lang),
                t("col_wording", lang): tg.text(lang),
                t("col_params", lang): ", ".join(f"{k} = {v}" for k, v in params.items()),
                t("col_deadline", lang): fmt_date(tg.deadline, lang) if tg.deadline else "",
                t("col_assumptions", lang): " • ".join(f"{t('assumption', lang)}: {a}" for a in tg.assumptions),
            })
    # formula variables stay Latin in every script (V(Y) in English, V(G) — godina — in Serbian)
    variables = {"N": "N", "W": "W", "V": "V", "Y": "Y" if lang == "en" else "G", "H": "H", "P": "P", "X": "X",
                 "f": "f"}
    return MethodView(
        pd.DataFrame({t("col_status", lang): [status_badge(s, lang) for s in STATUSES],
                      t("col_meaning", lang): [t(f"status_def_{s}", lang) for s in STATUSES]}),
        [(t(f"kindname_{k}", lang), t(f"kind_{k}", lang, **variables))
         for k in ("growth", "annual_count", "window_count", "milestone")]
        + [(t("method_delivery", lang), t("method_delivery_text", lang, P=f"{points:g}", M=months))],
        pd.DataFrame(rows),
        t("method_sources_text", lang),
        dict(book.settings) if book else {},
    )


def method_page(con, as_of: date, known_at: datetime | None = None, lang: str = "en") -> MethodView:
    """The Method page's data (the same signature as every other page's)."""
    return method(lang)


