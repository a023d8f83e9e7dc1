"""The executive summary every report opens with (PDF page 1, the public report's first section): the status tiles,
what worsened, what falls due and three sentences a minister can read aloud, all taken from one summary.build."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from dialogue import summary
from dialogue.i18n import fmt_date, t
from dialogue.reports.labels import label
from dialogue.vocab import MEASURED_ORDER, STATUSES, status_word

DUE_SHOWN = 5          # page 1 must stay one page: the rest are counted ("… and 3 more")
BEHIND = ("at_risk", "off_track", "missed")


@dataclass
class Tile:
    status: str
    n: int
    delta: int           # change since the previous quarter end


@dataclass
class ExecutiveSummary:
    as_of: date
    since: date
    tiles: list[Tile]
    worsened: list[dict]    # wording, from, to, reason (at most summary.WORSENED_SHOWN, worst first)
    due: list[dict]         # date, what, kind, needed (at most DUE_SHOWN, soonest first)
    due_more: int           # how many more fall due than are listed
    sentences: list[str]    # three, to be read aloud
    data: dict              # summary --json's figures (without the per-target rows)


def brief(result: summary.Summary, lang: str) -> ExecutiveSummary:
    """The executive summary of one summary.build result, in `lang`."""
    tiles = [Tile(s, result.counts[s], result.counts[s] - result.counts_since.get(s, 0)) for s in STATUSES]
    data = {k: v for k, v in result.to_json().items() if k != "targets"}
    return ExecutiveSummary(result.as_of, result.since, tiles, result.worsened[:summary.WORSENED_SHOWN],
                            result.due[:DUE_SHOWN], max(0, len(result.due) - DUE_SHOWN),
                            sentences(result, lang), data)


def sentences(result: summary.Summary, lang: str) -> list[str]:
    """How many targets are achieved / on track of how many; the worst news; the next deadline."""
    n = result.counts
    return [
        label("exec_overall", lang).format(total=sum(n.values()), achieved=n["achieved"], on_track=n["on_track"],
                                           behind=sum(n[s] for s in BEHIND)),
        _worst_news(result, lang),
        _next_deadline(result, lang),
    ]


def _worst_news(result: summary.Summary, lang: str) -> str:
    since = fmt_date(result.since, lang)
    if result.worsened:
        m = result.worsened[0]
        return label("exec_worst_moved", lang).format(what=m["wording"], date=since, before=_word(m["from"], lang),
                                                      after=_word(m["to"], lang))
    worst = [s for s in result.card.statuses if s.status in ("missed", "off_track")]
    if worst:
        s = min(worst, key=lambda s: (-MEASURED_ORDER.index(s.status), s.target))
        return label("exec_worst_status", lang).format(what=s.wording, status=_word(s.status, lang))
    return label("exec_worst_none", lang).format(date=since)


def _next_deadline(result: summary.Summary, lang: str) -> str:
    if not result.due:
        return t("due_none", lang, days=summary.DUE_DAYS)
    d = result.due[0]
    needed, day = needed_tail(d["needed"]), fmt_date(d["date"], lang)
    # "1 more by 31 Dec 2026" already says when: the date is not said twice
    text = label("exec_next_what" if day.rstrip(".") in needed else "exec_next_due", lang).format(date=day,
                                                                                                 what=d["what"])
    text += f"; {needed}" if needed else ""
    return text if text.endswith(".") else text + "."      # a Serbian date ends with its own full stop


def due_text(d: dict, lang: str) -> str:
    """'31 Dec 2026 · wording (road-map step): what it would take' as plain text."""
    kind = "" if d["kind"] == "period_end" else " (" + t("due_" + d["kind"], lang) + ")"
    needed = needed_tail(d["needed"])
    return f"{fmt_date(d['date'], lang)} · {d['what']}{kind}" + (f": {needed}" if needed else "")


def needed_tail(needed: str | None) -> str:
    """'What it would take' continuing a sentence: 'Još 2' → 'još 2' (an acronym such as 'USD 61 m' is kept)."""
    text = needed or ""
    return text[0].lower() + text[1:] if text[1:2].islower() else text


def _word(status: str, lang: str) -> str:
    return status_word(status, lang).lower() if lang == "en" else status_word(status, lang)


def change_text(delta: int) -> str:
    """'+2', '−1' or '±0': the change since the previous quarter end (a sign, never colour alone)."""
    return f"+{delta}" if delta > 0 else (f"−{-delta}" if delta < 0 else "±0")
