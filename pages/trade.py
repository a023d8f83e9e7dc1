"""Trade: turnover against the +10%-a-year path, growth, year to date, flows, mirror statistics, products."""
from pages.ui import common, trade_blocks
from pages.ui.assessment_blocks import area_assessments_section
from pages.ui.delivery_blocks import linked_actions_section

lang = common.lang()
data = trade_blocks.top(lang)          # stops the page when no Serbia series of the targets is recorded
trade_blocks.charts(data, lang)
trade_blocks.tabs(data, lang)
area_assessments_section("economic")
linked_actions_section("economic")
common.notes_section("economic")
