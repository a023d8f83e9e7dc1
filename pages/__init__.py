"""The page scripts. They run only through the router, app.py (see auth_ui.refuse_direct_page_run)."""
from pages.ui.auth_ui import refuse_direct_page_run as _refuse_direct_page_run

_refuse_direct_page_run()
