"""Delivery: working groups and their co-chairs, action plans with overdue and slipping flagged, a timeline of
actions against due dates, and what the last annual meeting promised against what happened."""
from pages.ui import common, delivery_blocks
from pages.ui.assessment_blocks import assessments_panel

lang = common.lang()
common.title("delivery_title")
picked = delivery_blocks.picked()
data = common.page_data("delivery", **picked)
delivery_blocks.groups(data, lang)
delivery_blocks.filters(data, picked, lang)
delivery_blocks.plans(data, lang)
delivery_blocks.promised(data, lang)
assessments_panel()     # analysts and administrators: record and approve quarterly assessments
