"""Data (analysts): upload with a validation report and a preview, commit, history with rollback, templates, browse."""
from pages.ui.data_tabs import render

render()
