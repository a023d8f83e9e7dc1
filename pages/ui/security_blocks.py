"""The Security page's sections, few elements each (a module: AppTest compiles a page script on every run)."""
import streamlit as st

from dialogue.i18n import fmt_count, t
from dialogue.safe_text import plain
from pages.ui import common


def draw(data, lang: str) -> None:
    """Statuses and the quarterly strip, exercises per year, their timeline, then defence agreements."""
    if not data.statuses.empty:
        common.status_table(data.statuses)
    common.history_strip("security")
    # the note and the next heading: one element
    common.markdown(f":gray[{plain(data.note)}]" if data.note else "",
                    f"### {t('sec_exercises_title', lang, n=f'{data.required:g}')}")
    drawn = common.chart_or_empty("what_exercises", "exercises_per_year", data.per_year, data.required, lang)
    common.markdown(f":gray[{data.per_year_note}]" if drawn and data.per_year_note else "",
                    f"### {t('sec_timeline_title', lang)}")
    if common.chart_or_empty("what_exercises", "exercise_timeline", data.timeline, common.as_of(), lang):
        if data.exercises_total > len(data.timeline):
            st.caption(t("sec_timeline_shown", lang, shown=fmt_count(len(data.timeline), lang),
                         n=fmt_count(data.exercises_total, lang)))
        behind = st.expander(t("table_behind", lang), key="sec_exercises_table", on_change="rerun")   # drawn when open
        if behind.open:
            with behind:
                st.dataframe(common.arrow_of(data.exercises_table), hide_index=True, width="stretch",
                             column_config={t("col_link", lang): st.column_config.LinkColumn()})
                common.table_download(data.exercises_table, "exercises", "sec_exercises_csv")
    _agreements(data, lang)


def _agreements(data, lang: str) -> None:
    st.subheader(t("sec_agreements_title", lang, n=f"{data.agreements_required:g}", years=data.window_years))
    if data.agreements_table.empty:
        common.empty_state("what_agreements")
        return
    common.chart("defence_agreements", data.agreements, data.pace, data.agreements_required, lang)
    behind = st.expander(t("table_behind", lang), key="sec_agreements_table", on_change="rerun")
    if behind.open:
        with behind:
            st.dataframe(common.arrow_of(data.agreements_table), hide_index=True, width="stretch")
            common.table_download(data.agreements_table, "defence-agreements", "sec_agreements_csv")
