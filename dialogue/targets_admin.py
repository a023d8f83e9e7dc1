"""Administrators change the targets file: checked in full first, written atomically, the old one kept, audited."""
from __future__ import annotations

from pathlib import Path

from dialogue import audit, config, files
from dialogue.db import utcnow
from dialogue.i18n import t
from dialogue.roles import Actor, require
from dialogue.targets import TargetBook, TargetsFileError, check_targets_text

ACTION = "targets_change"


def _path(path: str | Path | None) -> Path:
    return Path(path) if path else config.TARGETS_FILE     # read at call time, so tests can point it elsewhere


def current_text(path: str | Path | None = None) -> str:
    """The targets file as it is on disk now (empty when there is none yet)."""
    path = _path(path)
    return path.read_bytes().decode("utf-8", errors="replace") if path.exists() else ""


def describe_change(old: TargetBook | None, new: TargetBook) -> dict:
    """Which targets a new file adds, removes or changes, and which settings differ."""
    before = {t.id: t for t in old.targets} if old else {}
    after = {t.id: t for t in new.targets}
    old_settings = old.settings if old else {}
    return {
        "added": [i for i in after if i not in before],
        "removed": [i for i in before if i not in after],
        "changed": [i for i in after if i in before and after[i] != before[i]],
        "settings_changed": sorted(k for k in old_settings.keys() | new.settings.keys()
                                   if old_settings.get(k) != new.settings.get(k)),
    }


def check_change(text: str, path: str | Path | None = None) -> dict:
    """What saving `text` would change (raises TargetsFileError, naming target and key, if it is not valid)."""
    path = _path(path)
    new = check_targets_text(text, path)
    return {"targets": len(new.targets), **describe_change(_previous(path), new)}


def change_sentence(change: dict, lang: str = "en") -> str:
    """A change summary in one line for the admin page, in `lang`: 'added: a; changed: b; the old file is kept as …'."""
    parts = [t(text, lang, ids=", ".join(change[key])) for key, text in
             (("added", "adm_change_added"), ("removed", "adm_change_removed"), ("changed", "adm_change_changed"),
              ("settings_changed", "adm_change_settings")) if change.get(key)]
    if change.get("backup"):
        parts.append(t("adm_change_backup", lang, path=change["backup"]))
    return "; ".join(parts) or t("adm_change_none", lang)


def _previous(path: Path) -> TargetBook | None:
    try:
        return check_targets_text(current_text(path), path)
    except TargetsFileError:
        return None                 # no file yet, or one that no longer loads: everything counts as added


def _backup_path(path: Path) -> Path:
    stamp = utcnow().strftime("%Y%m%d-%H%M%S")
    candidate = path.with_name(f"{path.name}.{stamp}.bak")
    n = 1
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{path.name}.{stamp}-{n}.bak")
    return candidate


def save_targets_text(con, actor: Actor | None, text: str, path: str | Path | None = None) -> dict:
    """Replace the targets file with `text` (admins only) and return what changed.

    The text is checked with the loader's own rules first; on any error the file is untouched, the
    refusal is audited and TargetsFileError names the target and key. The previous file is kept beside
    it as <name>.<UTC time>.bak, and the new text is recorded as a target version (dialogue.target_versions).
    """
    require(actor, "manage_targets")
    path = _path(path)
    try:
        new = check_targets_text(text, path)
    except TargetsFileError as exc:
        audit.record(con, actor, ACTION, {"file": str(path), "error": str(exc)}, ok=False)
        raise
    from dialogue import target_versions

    summary = {"file": str(path), **describe_change(_previous(path), new), "backup": None, "unchanged": False}
    if path.exists():
        if path.read_bytes() == text.encode("utf-8"):
            return {**summary, "unchanged": True}
        target_versions.sync_file(con, path)    # the file being replaced is a version too, if none recorded it yet
        old_text = current_text(path)
        backup = _backup_path(path)
        files.write_bytes(backup, path.read_bytes())
        summary["backup"] = str(backup)
    else:
        old_text = ""
    files.write_text(path, text)
    summary["version"] = target_versions.record(con, text, actor.user, path=path, audited=False)
    summary["diff"] = target_versions.text_diff(old_text, text)
    audit.record(con, actor, ACTION, summary, ok=True)
    return summary
