"""The Method page's sections, few elements each (a module: AppTest compiles a page script on every run)."""
import streamlit as st

from dialogue.i18n import t
from pages.ui import cache, common


def draw(data, lang: str) -> None:
    """Statuses and rules in one element, the targets, their recorded versions, then the sources."""
    rules = cache.derived("method_rules", data, (lang,),
                          lambda: "\n".join(f"- **{kind}**: {text}" for kind, text in data.rules))
    common.markdown(f"### {t('method_statuses', lang)}", common.table_text(data.statuses),
                    f"### {t('method_rules', lang)}", rules, f"### {t('method_targets', lang)}")
    if data.targets.empty:
        common.empty_state("what_targets")
    else:
        st.dataframe(common.arrow_of(data.targets), hide_index=True, width="stretch")
    common.markdown(f"### {t('target_versions_title', lang)}", f":gray[{t('target_versions_caption', lang)}]",
                    f":gray[{t('target_versions_none', lang)}]" if data.versions.empty else "")
    if not data.versions.empty:
        st.dataframe(common.arrow_of(data.versions), hide_index=True, width="stretch")
    common.markdown(f"### {t('method_sources', lang)}", data.sources)
