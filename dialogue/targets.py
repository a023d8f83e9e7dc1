"""The targets file, loaded and checked once, so every view reads the same definitions."""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

from dialogue import config, freshness
from dialogue.coded import Coded, said
from dialogue.datasets import AREAS, EVENT_KINDS, PROCESS_AREA
from dialogue.translit import to_cyrillic

KINDS = ("growth", "milestone", "annual_count", "window_count")
SERBIAN = "sr-Latn"


class TargetsFileError(Coded, ValueError):
    """The targets file is missing something or holds a value of the wrong kind."""


@dataclass
class Target:
    id: str
    area: str
    kind: str
    wording: dict[str, str]
    params: dict
    query: str
    deadline: date | None = None
    assumptions: list[str] = field(default_factory=list)
    notes: dict[str, str] = field(default_factory=dict)
    freshness: freshness.Freshness | None = None    # how often and how late its source publishes

    def text(self, lang: str = "en") -> str:
        return self.wording[lang]


@dataclass
class TargetBook:
    targets: list[Target]
    settings: dict
    path: Path | None = None

    def get(self, target_id: str) -> Target:
        for t in self.targets:
            if t.id == target_id:
                return t
        raise KeyError(f"no target {target_id!r} in {self.path}")

    @property
    def ids(self) -> list[str]:
        return [t.id for t in self.targets]


def load_targets(path: str | Path = config.TARGETS_FILE) -> TargetBook:
    """Read and validate the targets file (cached until the file changes)."""
    path = Path(path)
    try:
        stamp = path.stat().st_mtime_ns
    except FileNotFoundError:
        raise TargetsFileError("tgt_missing", path=str(path)) from None
    return _load(str(path), stamp)


@lru_cache(maxsize=8)
def _load(path: str, _stamp: int) -> TargetBook:
    try:
        text = Path(path).read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise TargetsFileError("tgt_not_toml", path=str(path), why=str(exc)) from None
    return check_targets_text(text, path)


def check_targets_text(text: str, path: str | Path = config.TARGETS_FILE) -> TargetBook:
    """Check the text of a targets file with every rule the loader applies (for an edit before it is saved)."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise TargetsFileError("tgt_not_toml", path=str(path), why=str(exc)) from None
    return parse_targets(raw, str(path))


def parse_targets(raw: dict, path: str = "targets.toml") -> TargetBook:
    """Check a parsed targets document and turn it into a TargetBook."""
    settings = dict(raw.get("settings") or {})
    _check_settings(settings, path)
    items = raw.get("target")
    if not isinstance(items, list) or not items:
        raise TargetsFileError("tgt_none", path=str(path))
    seen: set[str] = set()
    targets = []
    default_freshness = freshness.parse(settings.get("freshness"), f"{path}: [settings]")
    for n, item in enumerate(items, start=1):
        t = _parse_target(item, f"{path}: target #{n}", default_freshness)
        if t.id in seen:
            raise TargetsFileError("tgt_twice", path=str(path), id=repr(t.id))
        seen.add(t.id)
        targets.append(t)
    return TargetBook(targets, settings, Path(path))


def _fail(where: str, key: str, value, expected: str, **params):
    """Refuse `key` = `value` at `where`, saying what was expected (the i18n key `expected` with its params)."""
    raise TargetsFileError("tgt_bad", where=where, name=key, value=repr(value), expected=said(expected, **params))


def _check_settings(s: dict, path: str) -> None:
    where = f"{path}: [settings]"
    if not isinstance(s.get("planned_start"), date):
        _fail(where, "planned_start", s.get("planned_start"), "tgt_date_example", example="2026-01-01")
    kinds = s.setdefault("start_event_kinds", ["inaugural_meeting", "annual_meeting"])
    if not isinstance(kinds, list) or any(k not in EVENT_KINDS for k in kinds):
        _fail(where, "start_event_kinds", kinds, "tgt_event_kinds", kinds=", ".join(EVENT_KINDS))
    for key in ("growth_at_risk_share", "remaining_share_at_risk"):
        v = s.get(key)
        if not isinstance(v, (int, float)) or not 0 <= v <= 1:
            _fail(where, key, v, "tgt_share")
    v = s.get("milestone_warning_years")
    if not isinstance(v, int) or isinstance(v, bool) or v < 0:
        _fail(where, "milestone_warning_years", v, "tgt_years")
    # delivery rules (issue 14); optional, with the defaults dialogue.delivery states
    v = s.setdefault("slipping_points", 25)
    if not isinstance(v, (int, float)) or isinstance(v, bool) or not 0 <= v <= 100:
        _fail(where, "slipping_points", v, "tgt_points")
    v = s.setdefault("group_active_months", 6)
    if not isinstance(v, int) or isinstance(v, bool) or v < 1:
        _fail(where, "group_active_months", v, "tgt_months")


def _lang_table(where: str, key: str, value, required: bool) -> dict[str, str]:
    if value is None and not required:
        return {}
    if not isinstance(value, dict) or not isinstance(value.get("en"), str) or not isinstance(value.get(SERBIAN), str):
        _fail(where, key, value, "tgt_lang_table", serbian=SERBIAN)
    out = {"en": value["en"], SERBIAN: value[SERBIAN]}
    out["sr-Cyrl"] = value.get("sr-Cyrl") or to_cyrillic(value[SERBIAN])
    return out


def _positive_int(where, key, value):
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        _fail(where, key, value, "tgt_positive")


def _parse_target(item: dict, where: str, default_freshness: freshness.Freshness | None = None) -> Target:
    if not isinstance(item, dict):
        raise TargetsFileError("tgt_not_table", where=where)
    tid = item.get("id")
    if not isinstance(tid, str) or not tid:
        _fail(where, "id", tid, "tgt_id")
    where = f"{where} ({tid})"
    area = item.get("area")
    if area not in (*AREAS, PROCESS_AREA):
        _fail(where, "area", area, "tgt_one_of", names=", ".join((*AREAS, PROCESS_AREA)))
    kind = item.get("kind")
    if kind not in KINDS:
        _fail(where, "kind", kind, "tgt_one_of", names=", ".join(KINDS))
    query = item.get("query")
    if not isinstance(query, str) or not (config.QUERIES_DIR / f"{query}.sql").exists():
        _fail(where, "query", query, "tgt_query", folder=str(config.QUERIES_DIR))
    deadline = item.get("deadline")
    if deadline is not None and not isinstance(deadline, date):
        _fail(where, "deadline", deadline, "tgt_date_example", example="2029-01-20")
    assumptions = item.get("assumptions", [])
    if not isinstance(assumptions, list) or not all(isinstance(a, str) for a in assumptions):
        _fail(where, "assumptions", assumptions, "tgt_sentences")
    params = dict(item.get("params") or {})
    _check_params(where, kind, params)
    return Target(
        id=tid, area=area, kind=kind,
        wording=_lang_table(where, "wording", item.get("wording"), True),
        params=params, query=query, deadline=deadline, assumptions=list(assumptions),
        notes=_lang_table(where, "notes", item.get("notes"), False),
        freshness=freshness.parse(item.get("freshness"), where) or default_freshness,
    )


def _check_count_part(where: str, part: dict) -> None:
    _positive_int(where, "required", part.get("required"))
    unit = part.get("unit")
    if not isinstance(unit, dict) or not (isinstance(unit.get("en"), list) and len(unit["en"]) == 2):
        _fail(where, "unit", unit, "tgt_unit")
    if not isinstance(unit.get(SERBIAN), str):
        _fail(where, f"unit.{SERBIAN}", unit.get(SERBIAN), "tgt_heading")
    _lang_table(where, "done", part.get("done"), True)
    if not isinstance(part.get("bind"), dict):
        _fail(where, "bind", part.get("bind"), "tgt_filters")
    query = part.get("query")      # optional: a part counted by another query than its target's
    if query is not None and (not isinstance(query, str) or not (config.QUERIES_DIR / f"{query}.sql").exists()):
        _fail(where, "query", query, "tgt_query", folder=str(config.QUERIES_DIR))


def _check_params(where: str, kind: str, p: dict) -> None:
    if kind == "growth":
        rate = p.get("rate")
        if not isinstance(rate, (int, float)) or isinstance(rate, bool) or rate <= 0:
            _fail(where, "params.rate", rate, "tgt_rate")
        for key in ("reporter", "currency"):
            if not isinstance(p.get(key), str):
                _fail(where, f"params.{key}", p.get(key), "tgt_text")
    elif kind == "annual_count":
        if "first_year" in p:
            _positive_int(where, "params.first_year", p["first_year"])
        parts = p.get("parts")
        if parts is None:
            _check_count_part(where + " params", p)
        elif not isinstance(parts, list) or not parts:
            _fail(where, "params.parts", parts, "tgt_parts")
        else:
            for i, part in enumerate(parts, start=1):
                _check_count_part(f"{where} params.parts #{i}", part)
    elif kind == "window_count":
        _check_count_part(where + " params", p)
        _positive_int(where, "params.window_years", p.get("window_years"))
    elif kind == "milestone":
        for key in ("achieved_kinds", "achieved_kinds_any_target"):
            kinds = p.setdefault(key, ["milestone_achieved"] if key == "achieved_kinds" else [])
            if not isinstance(kinds, list) or any(k not in EVENT_KINDS for k in kinds):
                _fail(where, f"params.{key}", kinds, "tgt_event_kinds", kinds=", ".join(EVENT_KINDS))
        for i, part in enumerate(p.get("parts", []), start=1):
            pw = f"{where} params.parts #{i}"
            if not isinstance(part.get("name"), str):
                _fail(pw, "name", part.get("name"), "tgt_name")
            _lang_table(pw, "label", part.get("label"), True)
            match = part.get("match")
            if not isinstance(match, list) or not match or not all(isinstance(m, str) and m for m in match):
                _fail(pw, "match", match, "tgt_match")
