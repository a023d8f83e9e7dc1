"""Sign in: the only page shown until the server knows who you are."""
from pages.auth_ui import sign_in_page

sign_in_page()
