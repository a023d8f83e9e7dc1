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
    versions: pd.DataFrame = field(default_factory=pd.DataFrame)   # the targets' change history, newest first


def _step_vi_counts(book) -> dict:
    """Road-map step VI's yearly requirements (meetings, completed actions) as the targets file states them."""
    parts = {}
    if book is not None and "roadmap-6" in book.ids:
        parts = {p.get("name"): p["required"] for p in book.get("roadmap-6").params.get("parts", [])}
    return {"meetings": parts.get("meetings", "—"), "done": parts.get("actions", "—")}   # no threshold in code


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
                t("col_published", lang): (t("published_every", lang, every=t(f"every_{tg.freshness.every}", lang),
                                             lag=tg.freshness.lag_days) if tg.freshness else ""),
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
        + [(t("method_delivery", lang), t("method_delivery_text", lang, P=f"{points:g}", M=months)),
           (t("method_roadmap_delivery", lang), t("method_roadmap_delivery_text", lang, **_step_vi_counts(book))),
           (t("method_confidence", lang), t("method_confidence_text", lang))]
        + [(t("method_freshness_name", lang), t("method_freshness_rule", lang))],
        pd.DataFrame(rows),
        t("method_sources_text", lang),
        dict(book.settings) if book else {},
    )


def method_page(con, as_of: date, known_at: datetime | None = None, lang: str = "en") -> MethodView:
    """The Method page's data (the same signature as every other page's), with the targets' change history."""
    view = method(lang)
    view.versions = versions_frame(con, lang)
    return view


def versions_frame(con, lang: str = "en") -> pd.DataFrame:
    """Each recorded version of the targets file: number, time (UTC, to the minute), author, what it changed."""
    from dialogue.target_versions import FILE_CHANGED, history

    columns = [t("col_version", lang), t("col_time_utc", lang), t("col_author", lang), t("col_change", lang)]
    rows = []
    for v in history(con):
        rows.append([v["version"], v["time"].strftime("%Y-%m-%d %H:%M"),
                     t("version_file_changed", lang) if v["author"] == FILE_CHANGED else v["author"],
                     t("version_first", lang) if v["first"] else _change_text(v, lang)])
    return pd.DataFrame(rows, columns=columns)


def _change_text(v: dict, lang: str) -> str:
    """'changed: joint-exercises; settings changed: growth_at_risk_share' in the page's language."""
    parts = [f"{t(f'version_{key}', lang)}: {', '.join(v[key])}"
             for key in ("added", "removed", "changed", "settings_changed") if v[key]]
    return "; ".join(parts) or t("version_same", lang)


