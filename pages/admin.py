"""Administration: users, the audit log, settings and backups. Administrators only."""
from pages.ui.admin_tabs import render

render()
