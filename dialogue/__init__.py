"""Dialogue Monitor: the logic behind the US–Serbia Strategic Dialogue dashboard (never imports streamlit)."""
