"""Analysts' dated notes on targets: written with a role check and an audit entry, read as known at a moment."""
from __future__ import annotations

from datetime import date, datetime

from dialogue import audit, db
from dialogue.roles import Actor, require

MAX_NOTE_LENGTH = 4000


def add_note(con, actor: Actor, target_id: str, text: str, note_date: date) -> int:
    """Attach a note to a target (analysts and admins only); return its id."""
    require(actor, "note")
    text = (text or "").strip()
    if not target_id:
        raise ValueError("A note needs the id of the target it speaks of.")
    if not text:
        raise ValueError("A note needs some text.")
    if len(text) > MAX_NOTE_LENGTH:
        raise ValueError(f"A note holds at most {MAX_NOTE_LENGTH} characters; this one has {len(text)}.")
    with db.write_lock:
        con.execute("begin transaction")
        try:
            note_id = con.execute("select nextval('note_id_seq')").fetchone()[0]
            con.execute(
                "insert into notes (note_id, target_id, author, created_at, note_date, text) "
                "values ($id, $target, $author, $created, $note_date, $text)",
                {"id": note_id, "target": target_id, "author": actor.user, "created": db.utcnow(),
                 "note_date": note_date, "text": text},
            )
            audit.record(con, actor, "note", {"note_id": int(note_id), "target_id": target_id})
            con.execute("commit")
        except Exception:
            con.execute("rollback")
            raise
    return int(note_id)


def list_notes(con, target_id: str | None = None, known_at: datetime | None = None) -> list[dict]:
    """Notes (newest note date first) as they stood at `known_at` (default: now), for one target or all."""
    frame = db.query(con, "notes_known_at", target_id=target_id, known_at=known_at or db.utcnow())
    return [
        {"note_id": int(r.note_id), "target_id": r.target_id, "author": r.author,
         "created_at": r.created_at.to_pydatetime(), "note_date": r.note_date.date(), "text": r.text}
        for r in frame.itertuples(index=False)
    ]
