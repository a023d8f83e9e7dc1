"""Political and people-to-people targets: each milestone with its evidence, and diplomat training per year."""
from pages.ui import common, political_blocks
from pages.ui.assessment_blocks import area_assessments_section
from pages.ui.delivery_blocks import linked_actions_section

lang = common.lang()
data = common.open_page("political", "political_title")
political_blocks.milestones(data, lang)
political_blocks.training(data, lang)
common.history_strip("political,people")
area_assessments_section("political", "people")
linked_actions_section("political", "people")
common.notes_section("political", "people")
