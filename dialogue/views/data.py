"""What the Data page shows: upload previews, problems, history, browsing, downloads and templates."""
from __future__ import annotations

from datetime import date, datetime

import pandas as pd

from dialogue.formats import fmt_timestamp
from dialogue.i18n import label, t
from dialogue.messages import localized_all, say
from dialogue.safe_text import plain
from dialogue.views.common import scorecard, status_frame

ENCODINGS = ("utf-8", "cp1250", "cp1251", "iso-8859-1")


def encoding_sample(data: bytes, encoding: str, lines: int = 3) -> str:
    """The first lines holding non-ASCII letters, decoded as `encoding`: lets an analyst see č, ć, š, ž, đ read right."""
    if data.isascii():                # the usual file, told at C speed (the Data page asks on every rerun)
        return ""
    picked = []
    for line in data.splitlines():
        if not line.isascii():
            picked.append(line)
            if len(picked) == lines:
                break
    if not picked:
        return ""
    return " / ".join(line.decode(encoding, errors="replace").strip()[:120] for line in picked)


def history_frame(con, lang: str) -> pd.DataFrame:
    """Uploads newest first, in codes (the Data page's rollback buttons read it; history_table shows it)."""
    from dialogue import store

    rows = store.history(con)
    out = [{
        "upload_id": h["upload_id"], "dataset": h["dataset"], "file": h["file"], "user": h["user"],
        "time": h["time"], "mode": h["mode"], **h["rows"],
        "status": h["status"], "rolls_back": h.get("rolls_back"), "rolled_back_by": h.get("rolled_back_by"),
    } for h in reversed(rows)]
    return pd.DataFrame(out, columns=[*HISTORY_COLUMNS, "status", "rolls_back", "rolled_back_by"])


HISTORY_COLUMNS = ("upload_id", "dataset", "file", "user", "time", "mode", "added", "updated", "unchanged", "removed")


def history_table(history: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The upload history as people read it: translated headings and words, one column per row count, the time to
    the minute with its zone, and the state in words ("rolled back by #7") instead of two id columns."""
    out = pd.DataFrame({t(f"hist_{c}" if c != "upload_id" else "hist_upload", lang): history[c]
                        for c in HISTORY_COLUMNS})
    out[t("hist_upload", lang)] = [f"#{n}" for n in history["upload_id"]]
    out[t("hist_dataset", lang)] = [label("ds", d, lang) for d in history["dataset"]]
    out[t("hist_time", lang)] = [fmt_timestamp(x, lang) for x in history["time"]]
    out[t("hist_mode", lang)] = [label("hist_mode", m, lang) for m in history["mode"]]
    out[t("hist_state", lang)] = [upload_state(row, lang) for row in history.itertuples()]
    return out


def upload_state(row, lang: str) -> str:
    """active / rolled back by #N / undoes #N, in words."""
    if _given(row.rolled_back_by):
        return t("hist_rolled_back_by", lang, n=int(row.rolled_back_by))
    if _given(row.rolls_back):
        return t("hist_undoes", lang, n=int(row.rolls_back))
    return t("hist_active", lang)


def rollback_question(row, lang: str) -> str:
    """What "Roll back upload #N" asks before it acts: the upload named, and what it will undo (Markdown, with the
    uploaded file's and user's names as literal text)."""
    return t("data_rollback_confirm", lang, n=int(row.upload_id), file=plain(row.file),
             dataset=label("ds", row.dataset, lang), mode=label("hist_mode", row.mode, lang), user=plain(row.user),
             time=fmt_timestamp(row.time, lang),
             added=int(row.added), updated=int(row.updated), removed=int(row.removed))


def _given(x) -> bool:
    return x is not None and not pd.isna(x)


def browse(con, dataset: str, contains: str = "") -> pd.DataFrame:
    """A dataset's current rows, keeping those where any cell contains the text (case-insensitive)."""
    from dialogue import store

    rows = store.current_rows(con, dataset)
    text = contains.strip().lower()
    if text and not rows.empty:
        hit = rows.astype("string").apply(lambda col: col.str.lower().str.contains(text, regex=False)).fillna(False)
        rows = rows[hit.any(axis=1)]
    return rows.reset_index(drop=True)


def export_bytes(frame: pd.DataFrame, fmt: str, sheet: str = "data", label: str | None = None) -> bytes:
    """A browsed dataset as CSV or XLSX bytes, written by dialogue.export (formula-like text neutralised);
    `label` is export.demo_label(con): the demo workspace's exports carry it (issue 3)."""
    import tempfile
    from pathlib import Path

    from dialogue import export

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / f"{sheet}.{fmt}"
        if fmt == "csv":
            export.write_csv(frame, out, label)
        else:
            export.write_xlsx(frame, out, sheet, label)
        return out.read_bytes()


def preview_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows of an upload preview as an analyst reads them: dates without a time of day."""
    out = frame.copy()
    for col in out.columns:
        if pd.api.types.is_datetime64_any_dtype(out[col]):
            out[col] = out[col].dt.date
    return out


def problems_frame(errors: list[dict], lang: str) -> pd.DataFrame:
    """The validation report as a table: sheet, row, column, value, message (in `lang`)."""
    cols = ["sheet", "row", "column", "value", "message"]
    frame = pd.DataFrame([{c: e.get(c) for c in cols} for e in localized_all(errors, lang)], columns=cols)
    return frame.rename(columns={c: t(f"col_{c}", lang) for c in cols})


def refusal_text(exc: Exception, lang: str) -> str:
    """A refused action's message in `lang` (a store error's message keeps its code), as plain text."""
    return plain(say(exc.args[0], lang) if exc.args and isinstance(exc.args[0], str) else str(exc))


def template_bytes(dataset: str) -> bytes:
    """The blank .xlsx template of a dataset (dialogue.templates), as bytes for a download button."""
    import inspect
    import io
    import tempfile
    from pathlib import Path

    from dialogue import templates

    for name in ("template_bytes", "build_template", "make_template", "write_template"):
        fn = getattr(templates, name, None)
        if fn is None:
            continue
        params = list(inspect.signature(fn).parameters)
        if len(params) == 1:
            out = fn(dataset)
            if isinstance(out, (bytes, bytearray)):
                return bytes(out)
            if hasattr(out, "save"):
                buf = io.BytesIO()
                out.save(buf)
                return buf.getvalue()
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / f"{dataset}.xlsx"
            fn(dataset, path)
            return path.read_bytes()
    raise RuntimeError("dialogue.templates offers no template builder")


def encoding_choices(candidates: list[dict], lang: str) -> pd.DataFrame:
    """The readers' encoding candidates (encoding, label, preview) as a table to choose from."""
    return pd.DataFrame([{t("data_encoding", lang): c.get("encoding"), "": c.get("label", ""),
                          t("col_value", lang): c.get("preview", "")} for c in candidates])


def history_page(con, as_of: date, known_at: datetime | None = None, lang: str = "en") -> pd.DataFrame:
    """The Data page's upload history (the same signature as every other page's data)."""
    return history_frame(con, lang)


def browse_page(con, as_of: date, known_at: datetime | None = None, lang: str = "en", dataset: str = "trade",
                contains: str = "") -> pd.DataFrame:
    """The Data page's dataset browser rows."""
    return browse(con, dataset, contains)


def area_targets(con, as_of: date, known_at: datetime | None = None, lang: str = "en",
                 area: str = "", card=None) -> pd.DataFrame:
    """The targets of one framework area with their status (for the pages' notes sections)."""
    card = scorecard(con, as_of, known_at, lang, card=card)
    return status_frame([s for s in card.statuses if s.area == area] if card else [], lang)


def rollback_candidates(history: pd.DataFrame, limit: int = 10) -> pd.DataFrame:
    """The newest active uploads that can be rolled back (not rollbacks themselves), for the Data page."""
    if history.empty:
        return history
    return history[(history["status"] == "active") & (history["mode"] != "rollback")].head(limit)
