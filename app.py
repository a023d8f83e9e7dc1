"""Dialogue Monitor: the router and picture frame (page config, shared sidebar, pages by role).

Its body is pages/ui/router.py: imported code is compiled once, and AppTest compiles this script
on every run of every page.
"""
from pages.ui.router import run

run()
