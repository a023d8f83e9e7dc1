"""The road map in ten steps: planned against achieved dates, days late, and the ongoing steps' cadence."""
from pages.ui import common, roadmap_blocks
from pages.ui.assessment_blocks import area_assessments_section
from pages.ui.delivery_blocks import linked_actions_section

lang = common.lang()
data = common.open_page("roadmap", "roadmap_title")
roadmap_blocks.draw(data, lang)
common.history_strip("process")
area_assessments_section("process")
linked_actions_section("process")
common.notes_section("process")
