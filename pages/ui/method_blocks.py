"""The Method page's sections, few elements each (a module: AppTest compiles a page script on every run)."""
import streamlit as st

from dialogue.i18n import fmt_count, t
from pages.ui import cache, common


def draw(data, lang: str) -> None:
    """Statuses and rules in one element, the targets folded (a wide grid costs the browser ~300 ms more before the
    page holds still, issue 18), their recorded versions as text, then the sources."""
    rules = cache.derived("method_rules", data, (lang,),
                          lambda: "\n".join(f"- **{kind}**: {text}" for kind, text in data.rules))
    common.markdown(f"### {t('method_statuses', lang)}", common.table_text(data.statuses),
                    f"### {t('method_rules', lang)}", rules, f"### {t('method_targets', lang)}")
    if data.targets.empty:
        common.empty_state("what_targets")
    else:
        box = st.expander(t("method_targets_all", lang, n=fmt_count(len(data.targets), lang)), key="method_targets",
                          on_change="rerun", icon=":material/flag:")
        if box.open:
            box.dataframe(common.arrow_of(data.targets), hide_index=True, width="stretch")
    common.markdown(f"### {t('target_versions_title', lang)}", f":gray[{t('target_versions_caption', lang)}]",
                    f":gray[{t('target_versions_none', lang)}]" if data.versions.empty else
                    common.table_text(data.versions), f"### {t('method_sources', lang)}", data.sources)
