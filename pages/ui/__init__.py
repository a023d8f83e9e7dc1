"""What the page scripts share (data calls, caches, tables, notes, sign-in) and the long pages' bodies.

Kept out of `pages/` itself: Streamlit makes a page of every `pages/*.py` file (under AppTest on
every run, and in the menu of a server whose first request is a page URL).
"""
