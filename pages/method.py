"""Method: how each status is computed, the targets as the targets file states them, assumptions, sources."""
from pages.ui import common, method_blocks

lang = common.lang()
data = common.open_page("method_page", "method_title")
method_blocks.draw(data, lang)
