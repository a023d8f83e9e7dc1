"""The overview's area sections: heading, its targets, its records.

A module, not part of the page script: Streamlit recompiles a page script on every AppTest run.
Every element costs on every run (row 5 of the page benchmark), so the sections draw few: consecutive
sections are one Markdown element (headings and targets' tables), no link to the area's page (the sidebar lists
every page), and the records with their explanation folded until opened.
"""
import streamlit as st

from dialogue.i18n import fmt_count, t
from dialogue.safe_text import markdown_table, plain
from pages.ui import cache, common

TARGET_COLUMNS = ("badge", "wording", "progress", "history", "data_through", "reason")


def draw(areas, lang: str) -> None:
    """The areas in the view's order: consecutive sections in one Markdown element (each heading with its targets'
    table, or the caption of an area with nothing recorded), broken only where an area's records fold."""
    for part in cache.derived("area_parts", areas, (lang,), lambda: parts(areas, lang)):
        if isinstance(part, str):
            st.markdown(part)
        else:
            _records(part, lang)


def parts(areas, lang: str) -> list:
    """The sections as Markdown texts and, where an area has records to fold, the area itself (its heading
    ends the text before it)."""
    out, text = [], []
    for block in areas:
        text.append(f"### {plain(block.title)}")
        if not block.targets.empty:
            text.append(markdown_table(common.status_columns(block.targets, TARGET_COLUMNS, lang)))
        if block.records is not None and block.records.empty:
            text.append(f":gray[{t('unmeasured_empty', lang)}]")
        elif block.records is not None:
            out += ["\n\n".join(text), block]
            text = []
    return out + (["\n\n".join(text)] if text else [])


def _records(block, lang: str) -> None:
    """An area without measurable targets: what is recorded, folded (the answer stays on one
    screen, and a closed list is not drawn on every run); the explanation opens with it."""
    records = st.expander(t("records_list", lang, n=fmt_count(len(block.records), lang)),
                          key=f"overview_records_{block.area}", on_change="rerun")
    if records.open:
        with records:
            st.caption(t("unmeasured_caption", lang) if block.records_total <= len(block.records) else
                       t("unmeasured_shown", lang, shown=fmt_count(len(block.records), lang),
                         n=fmt_count(block.records_total, lang)))
            st.dataframe(common.arrow_of(block.records), hide_index=True, width="stretch",
                         column_config={"source": t("source", lang),
                                        "link": st.column_config.LinkColumn(t("col_link", lang)),
                                        "date": t("col_date", lang), "kind": t("col_kind", lang),
                                        "title": t("col_title", lang)})
