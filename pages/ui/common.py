"""The Streamlit side shared by every page: the connection, cached page data, sidebar state, empty states."""
from __future__ import annotations

import logging
import os
import threading
import time
from datetime import date
from pathlib import Path

import streamlit as st

from dialogue import config, db, views
from dialogue.i18n import t
from dialogue.safe_text import markdown_table, plain
from pages.ui import cache
from pages.ui.cache import chart_spec

# Session-state keys of the shared sidebar widgets (set in app.py, read by the pages).
KEY_AS_OF, KEY_LANG, KEY_WORKSPACE = "as_of", "lang", "workspace"
KEY_DB, KEY_ACTOR, KEY_RUN, KEY_UPLOAD, KEY_MEMO = "_db_path", "_actor", "_run", "_run_upload", "_run_memo"
DATA_PAGE = "pages/data.py"
_LOG = logging.getLogger(__name__)


def lang() -> str:
    return st.session_state.get(KEY_LANG, "en")


def as_of() -> date:
    return st.session_state.get(KEY_AS_OF) or date.today()


def actor():
    return st.session_state.get(KEY_ACTOR)


def translated_choice(widget, label: str, options, key: str, format_func, **kwargs):
    """st.radio / st.selectbox whose option texts follow the language, keeping the choice in
    st.session_state[key] across a language change: the browser remembers a choice by the option's text,
    which another language orphans (shown unselected, or sent back as a value that is no option). So each
    language draws its own widget, set from the kept choice."""
    own = f"_{key}_{lang()}"
    if st.session_state.get(key) in list(options):
        st.session_state[own] = st.session_state[key]
    st.session_state[key] = widget(label, options, key=own, format_func=format_func, on_change=_keep_choice,
                                   args=(own, key), **kwargs)
    return st.session_state[key]


def _keep_choice(own: str, key: str) -> None:
    """A click, before the script runs: it becomes the kept choice (which the script then sets the widget from)."""
    st.session_state[key] = st.session_state[own]


def can(action: str) -> bool:
    a = actor()
    return a is not None and a.can(action)


def workspace_path(workspace: str) -> Path:
    """The database file of a workspace: DIALOGUE_DB wins, else data/dialogue.duckdb or data/demo.duckdb."""
    env = os.environ.get("DIALOGUE_DB")
    if env:
        return Path(env)
    return config.DEMO_DB if workspace == "demo" else config.DEFAULT_DB


def db_path() -> str:
    """This session's database file (the reference workspace's until app.py has chosen)."""
    return st.session_state.get(KEY_DB) or str(workspace_path("reference"))


class WorkspaceUnavailable(RuntimeError):
    """The workspace's database could not be created from the bundled data."""


@st.cache_resource(show_spinner=False)
def connection(path: str, workspace: str):
    """The one DuckDB connection of this process for a database file, created and filled on first use;
    commands typed while the dashboard holds it are handed to it (dialogue/handoff.py)."""
    from dialogue import handoff

    p = Path(path)
    if not p.exists():
        try:
            from dialogue import workspace as ws

            shared = ws.ensure_database(p, workspace)
        except db.DatabaseBusy:
            raise
        except Exception as exc:  # noqa: BLE001 - reported on the page, the file is left absent
            raise WorkspaceUnavailable(f"{p}: {exc}") from exc
    else:
        shared = db.shared(p)
    handoff.serve(p)
    return shared


def new_cursor():
    """A fresh cursor of the shared connection (DuckDB needs one per thread): app.py takes one per run."""
    return connection(db_path(), st.session_state.get(KEY_WORKSPACE, "reference")).cursor()


def start_run():
    """Open this script run's cursor; the pages of the run reuse it."""
    cursor = new_cursor()
    st.session_state[KEY_RUN] = (st.session_state.get(KEY_DB), cursor)
    return cursor


def con():
    """This script run's cursor (taken by app.py at the start of the run)."""
    run = st.session_state.get(KEY_RUN)
    if run is None or run[0] != st.session_state.get(KEY_DB):
        return start_run()
    return run[1]


def upload_id() -> int:
    """The upload whose figures this run shows: part of every cache key, so a commit or rollback refreshes every
    figure. The newest one, except while a commit's figures are being made (see warm_after_commit): readers are
    then shown the upload before it, as that upload left the data, and the sidebar names it.

    Asked once per script run (its cursor), not once per call: a commit or rollback reruns the script.
    """
    return _once_per_run(KEY_UPLOAD, _shown_upload_id)


KEY_SEEN = "_upload_seen"     # the newest upload this session has been shown: a session never goes back
HELD_AT_MOST = 5.0            # s: a commit's figures are shown by then, made or not
_HELD: dict[str, tuple[int, int, float]] = {}    # database path -> (upload shown, upload being made, until when)


def _shown_upload_id() -> int:
    latest = _latest_upload_id()
    held = _HELD.get(db_path())
    shown = latest
    if held is not None:
        before, coming, until = held
        if latest == coming and time.monotonic() < until and st.session_state.get(KEY_SEEN, 0) < coming:
            shown = before
        elif latest != coming or time.monotonic() >= until:
            _release(db_path(), held)        # a newer upload, or its figures took too long: show the newest
    st.session_state[KEY_SEEN] = max(shown, st.session_state.get(KEY_SEEN, 0))
    return shown


def _release(path: str, held: tuple) -> None:
    """Show the newest upload to every session (only if `held` is still what is held for `path`)."""
    with _HELD_LOCK:
        if _HELD.get(path) == held:
            del _HELD[path]


_HELD_LOCK = threading.Lock()


def held_upload() -> int | None:
    """The upload whose figures are being made while this run shows an earlier one's, else None."""
    held = _HELD.get(db_path())
    return held[1] if held is not None and upload_id() < held[1] else None


def _once_per_run(key: str, make):
    """`make()` asked once per script run, its value kept in session state until the next run."""
    run = this_run()
    seen = st.session_state.get(key)
    if run is None or seen is None or seen[0] is not run:
        seen = (run, make())
        st.session_state[key] = seen
    return seen[1]


_UPLOAD_SEEN: dict[str, tuple] = {}     # database path -> (its files' stamp, upload id, when asked)
UPLOAD_RECHECK = 60.0                   # s: asked again at least this often, whatever the files say


def _files_stamp(path: str):
    """The database file's and its write-ahead log's (mtime, size): every commit changes one of them."""
    out = []
    for name in (path, path + ".wal"):
        try:
            st_ = os.stat(name)
        except OSError:
            out.append(None)
        else:
            out.append((st_.st_mtime_ns, st_.st_size))
    return tuple(out)


def _latest_upload_id() -> int:
    """db.latest_upload_id, asked again only when the database's files changed (a query is ~0.8 ms a run).

    A commit, a rollback or a note writes the write-ahead log (its size grows) or, at a checkpoint,
    the database file, so an unchanged stamp means no new upload.
    """
    path = db_path()
    stamp, now = _files_stamp(path), time.monotonic()
    seen = _UPLOAD_SEEN.get(path)
    if seen is not None and seen[0] == stamp and stamp[0] is not None and now - seen[2] < UPLOAD_RECHECK:
        return seen[1]
    upload = db.latest_upload_id(con())
    _UPLOAD_SEEN[path] = (stamp, upload, now)      # the stamp from before the query: a commit in between is seen next run
    return upload


def this_run():
    """An object unique to this script run (Streamlit's per-run cursor table), or None outside a run.

    Not the DuckDB cursor: a page reached by st.switch_page under AppTest runs without app.py.
    """
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx()
    return getattr(ctx, "cursors", None) if ctx is not None else None


def target_notes(target_id: str) -> list[dict]:
    """A target's notes (newest first), from every target's notes read once per database state.

    Kept until the next upload or the next note saved in this process (notes_saved()); the DuckDB file
    has one writer, this server, so no note appears behind its back. Read-only: never mutate.
    """
    return notes_by_target().get(target_id, [])


def notes_by_target() -> dict[str, list[dict]]:
    """Every target's notes (newest first), keyed by target id: one cache lookup for a whole page."""
    return _memo().get("notes", (db_path(), upload_id(), _NOTES_SAVED[0]), _read_notes)


_NOTES_SAVED = [0]     # bumped by every note this process saves: part of the notes' cache key


def notes_saved() -> None:
    """Say a note was saved: the next run reads the notes again (every session of this process)."""
    _NOTES_SAVED[0] += 1


def _read_notes() -> dict[str, list[dict]]:
    from dialogue.notes import list_notes

    by_target: dict[str, list[dict]] = {}
    for note in list_notes(con()):
        by_target.setdefault(note["target_id"], []).append(note)
    return by_target


@st.cache_resource(show_spinner=False)
def _page_memo() -> cache.IdentityMemo:
    """The process-wide memo of page data (emptied, like every resource, by st.cache_resource.clear())."""
    return cache.IdentityMemo(256)


def _memo() -> cache.IdentityMemo:
    """The page-data memo, looked up once per script run.

    Not one st.cache_resource call per view: each costs ~0.3 ms (hashing, locks, stats) on every run;
    a warm run gets the same objects back (pages/ui/cache.py keys chart specs on their identity), so page
    data is read-only: never mutate it.
    """
    return _once_per_run(KEY_MEMO, _page_memo)


def _targets_stamp() -> int:
    try:
        return config.TARGETS_FILE.stat().st_mtime_ns
    except FileNotFoundError:
        return 0


_TARGETS_SYNCED: dict[str, int] = {}    # database path -> the targets file's stamp last recorded into it


def sync_targets() -> None:
    """Record a changed targets file as a target version in this database: at the first run of the process for each
    database, and again whenever the file's stamp changes (a stat per run; the database is asked only then)."""
    path, stamp = db_path(), _targets_stamp()
    if _TARGETS_SYNCED.get(path) == stamp:
        return
    from dialogue import target_versions

    target_versions.sync_file(con())
    _TARGETS_SYNCED[path] = stamp


# views that take the scorecard they would compute (`card=`): every page of one moment shares one
CARD_VIEWS = frozenset({"overview", "trade", "security", "political", "roadmap", "status_strip", "area_targets"})
WARMED_AT_MOST = 32          # page data made again after a commit, the most recently used first


def page_data(view: str, **kwargs):
    """views.<view>(con, as_of, now, lang, **kwargs), cached until the next upload (or a targets change)."""
    inputs = (view, db_path(), upload_id(), _targets_stamp(), as_of(), lang(), tuple(sorted(kwargs.items())))
    memo = _memo()
    return memo.get("page_data", inputs, lambda: _make_page_data(memo, con(), inputs, _latest_upload_id()))


def _make_page_data(memo: cache.IdentityMemo, cursor, inputs: tuple, latest: int):
    """The view's data for page_data's inputs; the scorecard made once per upload, targets file, date and language
    for all pages and sessions (an area page asks for it three times: its view, its status strip, its notes).

    An upload older than `latest` (shown while the newest one's figures are made) is read as known when it was
    committed, so its figures are exactly what it left, whatever came after it."""
    view, _, upload, _, when, language, items = inputs
    known = db.upload_committed_at(cursor, upload) if upload != latest else None
    shared = {}
    if view in CARD_VIEWS:
        shared["card"] = memo.get("scorecard", inputs[1:6], lambda: views.scorecard(cursor, when, known, language))
    return getattr(views, view)(cursor, when, known, language, **dict(items), **shared)


_WARMING = [0, None]       # [generation, the thread]: a newer commit's warming stops an older one


def warm_after_commit(previous: int, new: int, hold: bool = True) -> threading.Thread | None:
    """Make again, in the background, the page data this process served for upload `previous`, now for `new`.

    Readers' next views after an upload then find their figures and charts made instead of each paying for them (or
    waiting for them: every reader's view stalled for a second or two after each commit under load). With
    `hold`, other sessions are shown `previous` (as it left the data, the sidebar naming it, a line saying the
    new figures are on their way) until that is done or HELD_AT_MOST has passed; the committing session sees
    `new` at once. A rollback does not hold: figures it withdrew are never shown again.
    """
    memo, path, stamp = _memo(), db_path(), _targets_stamp()
    wanted = [i for i in memo.recent("page_data") if i[1] == path and i[2] == previous][:WARMED_AT_MOST]
    st.session_state[KEY_SEEN] = max(new, st.session_state.get(KEY_SEEN, 0))
    if not wanted:
        return None
    held = (previous, new, time.monotonic() + HELD_AT_MOST) if hold and previous < new else None
    if held is not None:
        with _HELD_LOCK:
            _HELD[path] = held
    cursor = new_cursor()
    _WARMING[0] += 1
    generation = _WARMING[0]

    def stopped() -> bool:
        return _WARMING[0] != generation

    def warm() -> None:
        pairs: dict = {}
        try:
            for old in wanted:
                if stopped():
                    return
                inputs = (old[0], path, new, stamp, *old[4:])
                try:
                    made = memo.get("page_data", inputs, lambda inputs=inputs: _make_page_data(memo, cursor, inputs, new))
                except Exception:  # noqa: BLE001 - a reader will make it (and see the error) itself
                    _LOG.warning("warming %s after upload %s failed", old[0], new, exc_info=True)
                else:
                    cache.pair_frames(memo.peek("page_data", old), made, pairs)
            try:     # then the charts drawn lately from those figures, drawn from the new ones
                cache.redraw_with(pairs, stopped)
            except Exception:  # noqa: BLE001 - a reader will build it (and see the error) itself
                _LOG.warning("warming the charts after upload %s failed", new, exc_info=True)
        finally:
            cursor.close()
            if held is not None:
                _release(path, held)

    thread = threading.Thread(target=warm, name=f"dialogue-warm-{new}", daemon=True)
    _WARMING[1] = thread
    thread.start()
    return thread


def workspace_kind() -> str:
    """db.workspace of this database (reference, demo or empty), asked again only after the next upload."""
    return _memo().get("workspace_kind", (db_path(), upload_id()), lambda: db.workspace(con()))


def synthetic_rows() -> int:
    """db.synthetic_rows of this database, asked again only after the next upload."""
    return _memo().get("synthetic_rows", (db_path(), upload_id()), lambda: db.synthetic_rows(con()))


BROWSE_SHOWN = 1000   # rows a dataset browser draws: a million rows would be a ~50 MB message on every run


def shown_rows(frame, limit: int = BROWSE_SHOWN):
    """The first `limit` rows of a cached frame, the same object on every warm run (drawn, not re-sliced)."""
    if len(frame) <= limit:
        return frame
    return cache.derived("shown_rows", frame, (limit,), lambda: frame.head(limit))


def derived(frame, make):
    """make(frame) for a cached frame, made once (page data is read-only, so is the result)."""
    return cache.derived(getattr(make, "__qualname__", repr(make)), frame, (), lambda: make(frame))


def arrow_of(frame):
    """The Arrow table st.dataframe would make of a cached frame, made once (the same bytes are sent)."""
    return cache.arrow("frame", frame, lambda f: f)


def table_download(frame, stem: str, key: str) -> None:
    """Our CSV of a table shown with st.dataframe, whose own download is off: every cell formula-safe (safe_cells)."""
    from dialogue import export

    label = export.demo_label(con())          # demo downloads say so (issue 3)
    st.download_button(t("data_download_csv", lang()), lambda: views.export_bytes(frame, "csv", label=label),
                       file_name=f"{'DEMO-' if label else ''}{stem}.csv", mime="text/csv", key=key,
                       icon=":material/download:")


def empty_state(what_key: str) -> None:
    """Say which data is missing and where to load it: never a blank chart."""
    st.info(t("empty_missing", lang(), what=t(what_key, lang())), icon=":material/info:")
    if can("upload"):
        st.page_link(DATA_PAGE, label=t("empty_go_data", lang()), icon=":material/upload_file:")
    else:
        st.caption(t("empty_ask_analyst", lang()))


def chart(builder: str, *args, **kwargs) -> None:
    """Draw charts.<builder>(*args, **kwargs) across the page width (the spec is cached by its inputs)."""
    st.vega_lite_chart(chart_spec(builder, args, kwargs), width="stretch")


def chart_or_empty(what_key: str, builder: str, frame, *args, **kwargs) -> bool:
    """charts.<builder>(frame, *args) when `frame` has rows, else the empty state naming what is missing."""
    if frame.empty:
        empty_state(what_key)
        return False
    chart(builder, frame, *args, **kwargs)
    return True


def open_page(view: str, title_key: str, **kwargs):
    """The top of a page: its title in the reader's language, then its data (warning when statuses are unavailable)."""
    st.title(t(title_key, lang()))
    data = page_data(view, **kwargs)
    if not getattr(data, "available", True):
        no_status_engine()
    return data


def history_strip(area: str, *lead: str) -> None:
    """The area's targets at every quarter end since the start (what the dashboard said then), and how long each
    current status has held, in words. `lead`: Markdown parts (a status table) drawn in the caption's element."""
    frame, held = page_data("status_strip", area=area)
    lead = tuple(part for part in lead if part)
    if frame.empty:
        if lead:
            markdown(*lead)
        return
    lg = lang()
    # the title and how long each status has held in one element above the chart (each element costs every run)
    line = " · ".join([f"**{t('history_title', lg)}**", *(f"{plain(wording)}: {text}" for wording, text in held.items())])
    if lead:
        markdown(*lead, f":gray[{line}]")
    else:
        st.caption(line)
    st.vega_lite_chart(chart_spec("status_strip", (frame,), {"lang": lg}), width="stretch")


STATUS_COLUMNS = ("badge", "wording", "headline", "reason", "data_through")


def status_table(frame, columns=STATUS_COLUMNS, heading: str = "") -> None:
    """Targets with their status as icon + word (never colour alone), figure, reason and figures' date, text wrapped.

    Reasons quote uploaded titles: every cell goes through plain() (table_text); `heading` is drawn with it.
    """
    markdown(heading and f"### {heading}", status_text(frame, columns))


def status_text(frame, columns=STATUS_COLUMNS) -> str:
    """The status table as escaped Markdown, to draw in one element with other text."""
    lg = lang()      # one session-state read, not five (each costs ~20 µs on every run)
    # Page data is cached (same frame each warm run): select and rename once per frame, columns and language.
    return table_text(cache.derived("status_table", frame, (columns, lg), lambda: status_columns(frame, columns, lg)))


def status_columns(frame, columns, lg: str):
    """The status table's columns in the reader's language (made once per cached frame)."""
    names = {"badge": t("col_status", lg), "wording": t("col_target", lg), "headline": t("col_figure", lg),
             "reason": t("col_reason", lg), "deadline": t("col_deadline", lg), "progress": t("col_progress", lg),
             "history": t("col_history", lg), "data_through": t("col_data_through", lg)}
    cols = [c for c in columns if c in frame.columns]
    return frame[cols].rename(columns=names)


def safe_table(frame, heading: str = "") -> None:
    """A wrapped-text table as one Markdown element, every cell escaped so uploaded text shows literally;
    `heading` (our words) drawn in the same element."""
    markdown(heading and f"### {heading}", table_text(frame))


def table_text(frame) -> str:
    """A table as escaped Markdown (plain() in every cell), made once per cached frame: st.markdown draws it for
    a fraction of st.table's cost on every run (no Arrow table to send)."""
    return cache.derived("safe_table", frame, (), lambda: markdown_table(frame))


def markdown(*parts: str) -> None:
    """Markdown-safe parts (headings, captions, escaped tables) as one element, blank lines between (every element
    costs on every run: row 5 of the page benchmark); empty parts are left out."""
    st.markdown("\n\n".join(part for part in parts if part))


def notes_section(*areas: str) -> None:
    """A page's "Analysts' notes": the notes of its areas' targets in one list, and one form to add a note."""
    from dialogue.reports.labels import label
    from pages.ui.common_notes import notes_panel

    targets = []
    for area in areas:
        frame = page_data("area_targets", area=area)
        # (id, wording) pairs made once per cached frame: the picker's options and the notes' labels
        targets += cache.derived("note_targets", frame, (),
                                 lambda f=frame: list(zip(f["target"], f["wording"])))
    if not targets:
        return
    # the heading is drawn with the first line under it; the form when "Add a note" is opened
    notes_panel(targets, "_".join(areas), folded=True, heading=label("notes", lang()))


def no_status_engine() -> None:
    st.warning(t("no_status_engine", lang()), icon=":material/hourglass_empty:")


def title(key: str) -> None:
    st.title(t(key, lang()))


def fresh_data(view: str, **kwargs):
    """Like page_data, but read again after ANY write to the database (its files' stamp is in the key): for data
    written without an upload, such as quarterly assessments, recorded and approved from any session."""
    inputs = (view, db_path(), _files_stamp(db_path()), as_of(), lang(), tuple(sorted(kwargs.items())))
    return _memo().get("fresh_data", inputs,
                       lambda: getattr(views, view)(con(), inputs[3], None, inputs[4], **dict(inputs[5])))


keep_choice = _keep_choice    # for a widget drawn only sometimes (in a folded expander): its choice outlives it
