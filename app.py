"""Dialogue Monitor: the router (page config, shared sidebar, navigation). Replaced by the dashboard issue."""
import streamlit as st

from dialogue import config, db

st.set_page_config(page_title="Dialogue Monitor", layout="wide")
st.title("Dialogue Monitor")
con = db.cursor(config.db_path())
for table in db.DATASET_TABLES:
    n = con.execute(f"select count(*) from {table} where valid_to is null").fetchone()[0]  # noqa: S608
    st.write(f"{table}: {n} rows")
