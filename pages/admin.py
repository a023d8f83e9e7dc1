"""Administration: users, the audit log, settings and backups. Administrators only."""
from pages.admin_tabs import render

render()
