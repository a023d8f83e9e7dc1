"""Security and Defence: exercises per year against the minimum, their timeline, defence agreements in the window."""
from pages.ui import common, security_blocks
from pages.ui.assessment_blocks import area_assessments_section
from pages.ui.delivery_blocks import linked_actions_section

lang = common.lang()
data = common.open_page("security", "security_title")
security_blocks.draw(data, lang)
area_assessments_section("security")
linked_actions_section("security")
common.notes_section("security")
