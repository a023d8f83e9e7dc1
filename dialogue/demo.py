"""A complete synthetic dataset for the demo workspace, so every page and target kind has something to show.

Deterministic: the same seed gives identical frames (random.Random(seed), no clock reads). Every
row is labelled synthetic and says so in its source and note. None of these figures is real.
"""
from __future__ import annotations

import random
from datetime import date

import pandas as pd

from dialogue.datasets import DATASETS

LABEL = "Synthetic demo data"
LAST_TRADE_MONTH = (2026, 10)
FIRST_YEAR = 2016
# Year-on-year growth of the US Census series (both flows); 2026 is the year in progress.
GROWTH = {2017: 0.08, 2018: 0.12, 2019: 0.09, 2020: -0.06, 2021: 0.18, 2022: 0.14, 2023: 0.05,
          2024: 0.11, 2025: 0.07, 2026: 0.12}
USD_PER_EUR = {2016: 1.11, 2017: 1.13, 2018: 1.18, 2019: 1.12, 2020: 1.14, 2021: 1.18, 2022: 1.05,
               2023: 1.08, 2024: 1.08, 2025: 1.13, 2026: 1.16}
# Mirror gap: RZS records far more imports of US goods (shipped through the EU) and somewhat
# fewer exports to the US than the US Census records for the same trade.
MIRROR = {"us_to_serbia": 3.2, "serbia_to_us": 0.82}
PRODUCTS = {
    "serbia_to_us": [("4011", "New pneumatic tyres, of rubber", 0.17), ("93", "Arms and ammunition", 0.09),
                     ("8708", "Parts of motor vehicles", 0.06), ("2309", "Pet food", 0.04)],
    "us_to_serbia": [("84", "Machinery and mechanical appliances", 0.22), ("30", "Pharmaceutical products", 0.10),
                     ("88", "Aircraft and parts", 0.08)],
}
SEASON = (0.86, 0.92, 1.04, 1.00, 1.02, 1.05, 0.98, 0.82, 1.04, 1.08, 1.06, 1.13)


def generate(seed: int = 2026) -> dict[str, pd.DataFrame]:
    """Canonical frames for every dataset; every row synthetic."""
    rng = random.Random(seed)
    trade = _trade(rng)
    raw = {"trade": trade, "exercises": _exercises(rng), "agreements": _agreements(rng),
           "events": _events(rng), "working_groups": _working_groups(), "actions": _actions(),
           "commitments": _commitments(), "peer_trade": _peer_trade(rng, trade)}
    return {name: _frame(name, rows, seed) for name, rows in raw.items()}


def _trade(rng: random.Random) -> list[dict]:
    base = {"us_to_serbia": 150e6 / 12, "serbia_to_us": 380e6 / 12}     # 2016 monthly USD level
    rows = []
    level = dict(base)
    for year in range(FIRST_YEAR, LAST_TRADE_MONTH[0] + 1):
        if year in GROWTH:
            level = {f: v * (1 + GROWTH[year] + rng.uniform(-0.01, 0.01)) for f, v in level.items()}
        for month in range(1, 13):
            if (year, month) > LAST_TRADE_MONTH:
                break
            for flow, monthly in level.items():
                usd = monthly * SEASON[month - 1] * rng.uniform(0.95, 1.05)
                eur = usd / USD_PER_EUR[year] * MIRROR[flow] * rng.uniform(0.93, 1.07)
                for reporter, currency, value in (("US Census", "USD", usd), ("Serbia RZS", "EUR", eur)):
                    common = {"reporter": reporter, "year": year, "month": month, "flow": flow,
                              "flow_as_reported": _reported(reporter, flow)}
                    # RZS publishes each figure in RSD, EUR and USD (formats.md 5b): its USD figure is
                    # its own, at the year's rate, so the mirror view can compare USD with USD.
                    rates = {"USD": USD_PER_EUR[year]} if reporter == "Serbia RZS" else {}
                    rows += _published(common, currency, value, rates)
                    for code, name, share in PRODUCTS[flow]:
                        rows += _published({**common, "product_code": code, "product": name}, currency,
                                           value * share * rng.uniform(0.85, 1.15), rates)
    return rows


# The region's synthetic series (issue 17): 2016 US imports and exports a year (USD) and a steady yearly growth with
# noise, so Serbia's rank moves from year to year. Serbia's own rows are its US Census demo series above.
PEERS = {"AL": (40e6, 60e6, 0.09), "BA": (90e6, 70e6, 0.05), "XK": (10e6, 40e6, 0.12), "ME": (8e6, 20e6, 0.07),
         "MK": (160e6, 90e6, 0.13), "HR": (420e6, 460e6, 0.06)}
PEER_FLOWS = {"us_to_serbia": "us_exports", "serbia_to_us": "us_imports"}


def _peer_trade(rng: random.Random, trade: list[dict]) -> list[dict]:
    rows = [{"reporter": r["reporter"], "partner": "RS", "year": r["year"], "month": r["month"],
             "flow": PEER_FLOWS[r["flow"]], "value": r["value"], "currency": "USD"}
            for r in trade if r["reporter"] == "US Census" and r.get("product_code") is None]
    for partner, (imports, exports, growth) in PEERS.items():
        level = {"us_imports": imports / 12, "us_exports": exports / 12}
        for year in range(FIRST_YEAR, LAST_TRADE_MONTH[0] + 1):
            if year > FIRST_YEAR:
                level = {f: v * (1 + growth + rng.uniform(-0.08, 0.08)) for f, v in level.items()}
            for month in range(1, 13):
                if (year, month) > LAST_TRADE_MONTH:
                    break
                rows += [{"reporter": "US Census", "partner": partner, "year": year, "month": month, "flow": flow,
                          "value": round(v * SEASON[month - 1] * rng.uniform(0.95, 1.05)), "currency": "USD"}
                         for flow, v in level.items()]
    return rows


def _published(row: dict, currency: str, value: float, rates: dict[str, float]) -> list[dict]:
    """One row in the reporter's currency, plus one per other currency it also publishes in (value × rate)."""
    out = [{**row, "currency": currency, "value": round(value)}]
    out += [{**row, "currency": other, "value": round(value * rate)} for other, rate in rates.items()]
    return out


def _reported(reporter: str, flow: str) -> str:
    if reporter == "US Census":
        return "us_exports_to_serbia" if flow == "us_to_serbia" else "us_imports_from_serbia"
    return "serbia_imports_from_us" if flow == "us_to_serbia" else "serbia_exports_to_us"


# (year, held dates as (month, day), planned) — some years reach 3, some do not
EXERCISE_PLAN = {
    2016: [(6, 13), (9, 12), (11, 14)], 2017: [(6, 12), (9, 11)], 2018: [(5, 7), (6, 4), (9, 10), (11, 12)],
    2019: [(5, 13), (6, 3), (11, 11)], 2020: [(2, 24)], 2021: [(6, 3), (9, 13)], 2022: [],
    2023: [(6, 15)], 2024: [(6, 10), (9, 2)], 2025: [(5, 19), (6, 2), (10, 6)], 2026: [(5, 11), (7, 6), (9, 14)],
}
CODE_NAMES = ("Silver Falcon", "Iron Bridge", "Blue Danube", "Morava Shield", "Cyber Lantern", "Steady Hand")
FORMATS = ("multinational", "bilateral", "bilateral", "cyber", "multinational", "training")
PLACES = (("South Base, Bujanovac", "Serbia"), ("Batajnica", "Serbia"), ("Borovac", "Serbia"),
          ("Columbus, Ohio", "USA"), ("Hohenfels", "Germany"))


def _exercises(rng: random.Random) -> list[dict]:
    rows = []
    for year, held in EXERCISE_PLAN.items():
        for k, (month, day) in enumerate(held):
            rows.append(_exercise(rng, year, k, date(year, month, day), "held"))
    # cancelled in the moratorium year, planned later in 2026 and early 2027
    rows.append(_exercise(rng, 2020, 5, date(2020, 10, 5), "cancelled"))
    rows.append(_exercise(rng, 2026, 3, date(2026, 12, 7), "planned"))
    rows.append(_exercise(rng, 2027, 0, date(2027, 3, 15), "planned"))
    return rows


def _exercise(rng: random.Random, year: int, k: int, start: date, status: str) -> dict:
    i = (year + k) % len(CODE_NAMES)
    place, host = PLACES[rng.randrange(len(PLACES))]
    fmt = FORMATS[i]
    days = rng.randint(3, 14)
    return {
        "name": f"{CODE_NAMES[i]} {year % 100:02d}", "start_date": start,
        "end_date": start + pd.Timedelta(days=days), "date_precision": "day", "location": place,
        "host_country": host, "format": fmt, "us_participation": "no" if status == "cancelled" else "yes",
        "status": status, "participants": f"Serbian Armed Forces; US units ({rng.randint(40, 400)} personnel)",
    }


def _agreements(rng: random.Random) -> list[dict]:
    defence = [
        (date(2026, 3, 18), "Purchase of tactical radios", "signed", 48e6),
        (date(2026, 9, 22), "Sale of 120 mm mortar ammunition", "signed", 31e6),
        (date(2027, 6, 1), "Purchase of utility helicopters", "planned", 210e6),
        (date(2025, 5, 12), "Maintenance contract for donated HMMWVs", "signed", 4e6),   # before the window
    ]
    rows = [{"title": f"{title} (demo)", "date_signed": when, "date_precision": "day",
             "us_party": "US Department of Defense", "serbian_party": "Ministry of Defence of Serbia",
             "category": "defence", "area": "security", "value": value, "currency": "USD",
             "status": status, "target_id": "defence-agreements"} for when, title, status, value in defence]
    rows += [
        {"title": "Agreement on the avoidance of double taxation (demo)", "date_signed": date(2026, 6, 10),
         "date_precision": "day", "us_party": "US Department of the Treasury", "serbian_party": "Ministry of Finance",
         "category": "tax", "area": "economic", "status": "signed", "target_id": "double-taxation-agreement"},
        {"title": "Memorandum on energy research cooperation (demo)", "date_signed": date(2025, 11, 4),
         "date_precision": "month", "us_party": "US Department of Energy", "serbian_party": "Ministry of Mining and Energy",
         "category": "energy", "area": "energy", "status": "in_force",
         "value": round(rng.uniform(5e6, 9e6), -5), "currency": "USD"},
    ]
    return rows


def _events(rng: random.Random) -> list[dict]:
    e = []

    def add(when, kind, title, target=None, area="process", quantity=None, parties=None):
        e.append({"date": when, "date_precision": "day", "kind": kind, "target_id": target,
                  "title": f"{title} (demo)", "quantity": quantity, "area": area, "parties": parties})

    # road map: some steps on time, some late
    add(date(2025, 9, 15), "milestone_achieved", "US stakeholders consent to the dialogue", "roadmap-1")
    add(date(2025, 12, 10), "milestone_achieved", "Outreach to Congress and agencies completed", "roadmap-2")
    add(date(2026, 1, 20), "milestone_achieved", "Negotiations on the dialogue's terms concluded", "roadmap-3")
    add(date(2026, 2, 12), "inaugural_meeting", "Inaugural meeting of the Strategic Dialogue, Washington",
        parties="US Secretary of State; Serbian Minister of Foreign Affairs")
    # working-group meetings name their group in target_id (see datasets.EVENTS); one list serves every group
    groups = {gid: (area, name) for gid, area, name, *_rest in _GROUPS}
    for when, group in ((date(2026, 5, 20), "wg-economic"), (date(2026, 7, 8), "wg-economic"),
                        (date(2026, 9, 16), "wg-economic"), (date(2026, 10, 21), "wg-economic"),
                        (date(2026, 6, 3), "wg-security"), (date(2026, 9, 1), "wg-security"),
                        (date(2026, 3, 18), "wg-energy"), (date(2026, 8, 25), "wg-people"),
                        (date(2026, 5, 6), "wg-political"), (date(2026, 11, 12), "wg-political")):
        area, name = groups[group]
        add(when, "working_group_meeting", f"Working group meeting: {name}, {when:%m/%Y}", group, area)
    for month in (3, 6, 9):
        add(date(2026, month, 25), "coordination_meeting", f"Sector coordination meeting, Q{month // 3}/2026")
    for month in (4, 7, 10):
        add(date(2026, month, 15), "quarterly_report", f"Quarterly report to both governments, Q{month // 3}/2026")
    add(date(2026, 6, 30), "public_report", "Public report on the dialogue's first results")
    add(date(2026, 12, 15), "public_report", "Public report on the dialogue's first year")        # scheduled
    # diplomat training, quantities = diplomats trained
    for when, n in ((date(2024, 10, 1), 2), (date(2025, 3, 3), 2), (date(2025, 9, 8), 2),
                    (date(2026, 3, 2), 1), (date(2026, 9, 7), 2)):
        add(when, "diplomat_training", f"Serbian diplomats at the Foreign Service Institute ({n})",
            "diplomat-training", "political", quantity=n)
    # milestones: achieved, progress, nothing
    add(date(2026, 4, 22), "milestone_achieved", "Belgrade–Miami sister-city agreement signed", "sister-cities", "people")
    add(date(2026, 9, 30), "progress", "Belgrade and New York city councils open twinning talks", "sister-cities", "people")
    add(date(2026, 7, 1), "milestone_achieved", "DFC credit programme: first loans disbursed", "dfc-credit-program", "economic")
    add(date(2026, 3, 25), "progress", "DFC announces staff for the Belgrade office", "dfc-office", "economic")
    add(date(2026, 5, 14), "progress", "Joint working group on non-tariff barriers meets", "trade-barriers", "economic")
    add(date(2026, 6, 18), "progress", "Illinois National Guard delegation visits Belgrade", "national-guard-partnership", "security")
    add(date(2026, 9, 9), "milestone_achieved", "Congress–National Assembly exchange programme launched",
        "parliamentary-exchange", "political")
    add(date(2026, 10, 5), "progress", "Consultations on a visa facilitation road map", "visa-facilitation", "people")
    add(date(2026, 8, 27), "progress", "Joint funding for a Fulbright commission proposed", "fulbright-commission", "people")
    add(date(2026, 9, 24), "visit", "Serbian President at the UN General Assembly meets US delegation", area="political")
    add(date(2026, 2, 13), "context", "Joint statement on the Strategic Dialogue published", area="process")
    rng.shuffle(e)            # order carries no meaning; the frame is sorted below
    return e


# ---------------------------------------------------------------- delivery (issue 14)
# One group per framework area; meetings above leave energy without one in the last six months as of
# December 2026 and regional and european without any. The action plans hold every state, and the
# inaugural meeting's commitments are kept, open (one overdue) and the rest.

_GROUPS = (
    ("wg-economic", "economic", "Trade and investment", "Trgovina i investicije", "US Department of Commerce",
     "Ministry of Internal and External Trade", date(2026, 4, 15), "active"),
    ("wg-security", "security", "Defence cooperation", "Odbrambena saradnja", "US Department of Defense",
     "Ministry of Defence", date(2026, 4, 20), "active"),
    ("wg-regional", "regional", "Regional initiatives", "Regionalne inicijative", "US Department of State",
     "Ministry of Foreign Affairs", date(2026, 5, 10), "paused"),
    ("wg-energy", "energy", "Energy diversification", "Diverzifikacija energije", "US Department of Energy",
     "Ministry of Mining and Energy", date(2026, 3, 1), "active"),
    ("wg-european", "european", "Rule of law and EU path", "Vladavina prava i put ka EU", "USAID",
     "Ministry of European Integration", date(2026, 5, 25), "active"),
    ("wg-political", "political", "Political consultations", "Političke konsultacije", "US Department of State",
     "Ministry of Foreign Affairs", date(2026, 4, 1), "active"),
    ("wg-people", "people", "People-to-people ties", "Veze među ljudima", "US Embassy Belgrade",
     "Ministry of Education", date(2026, 6, 1), "active"),
)


def _working_groups() -> list[dict]:
    return [{"group_id": gid, "area": area, "name": f"{name} (demo)", "name_sr": f"{name_sr} (demo)",
             "us_cochair": us, "serbian_cochair": rs, "established": when, "state": state}
            for gid, area, name, name_sr, us, rs, when, state in _GROUPS]


def _actions() -> list[dict]:
    # (id, group, target, title, side, owner, start, due, state, progress, last update)
    plan = (
        ("A-ECO-01", "wg-economic", "trade-barriers", "Inventory of non-tariff barriers", "joint",
         "Ministry of Internal and External Trade", date(2026, 5, 1), date(2026, 9, 30), "done", 100, date(2026, 9, 20)),
        ("A-ECO-02", "wg-economic", "double-taxation-agreement", "Draft of the double-taxation agreement", "serbia",
         "Ministry of Finance", date(2026, 3, 1), date(2026, 8, 31), "delayed", 60, date(2026, 10, 1)),
        ("A-ECO-03", "wg-economic", "dfc-office", "Premises for the DFC office in Belgrade", "us",
         "US International Development Finance Corporation", date(2026, 6, 1), date(2027, 3, 31), "in_progress", 10,
         date(2026, 11, 2)),
        ("A-SEC-01", "wg-security", "joint-exercises", "Calendar of joint exercises for 2027", "joint",
         "Ministry of Defence", date(2026, 7, 1), date(2026, 12, 15), "in_progress", 70, date(2026, 11, 20)),
        ("A-SEC-02", "wg-security", "national-guard-partnership", "Illinois National Guard partnership letter", "us",
         "US Department of Defense", date(2026, 11, 1), date(2027, 6, 30), "planned", 0, date(2026, 6, 15)),
        ("A-ENE-01", "wg-energy", None, "Feasibility study of a second gas interconnector", "joint",
         "Ministry of Mining and Energy", date(2026, 4, 1), date(2026, 11, 30), "in_progress", 40, date(2026, 9, 5)),
        ("A-REG-01", "wg-regional", None, "Open Balkan customs pilot", "serbia",
         "Ministry of Foreign Affairs", date(2026, 6, 1), date(2026, 10, 31), "dropped", 15, date(2026, 9, 1)),
        ("A-POL-01", "wg-political", "unga-resolution", "Shortlist of UN General Assembly resolutions to co-sponsor",
         "joint", "Ministry of Foreign Affairs", date(2026, 5, 1), date(2026, 9, 15), "done", 100, date(2026, 9, 10)),
        ("A-PEO-01", "wg-people", "fulbright-commission", "Funding agreement for a Fulbright commission", "joint",
         "Ministry of Education", date(2026, 6, 1), date(2027, 1, 31), "in_progress", 60, date(2026, 10, 12)),
        ("A-PEO-02", "wg-people", "visa-facilitation", "Visa facilitation road map", "us", "US Embassy Belgrade",
         None, None, "planned", None, None),
    )
    return [{"action_id": aid, "group_id": gid, "target_id": target, "title": f"{title} (demo)", "lead_side": side,
             "owner": owner, "start_date": start, "due_date": due, "state": state, "progress": progress,
             "last_update": update} for aid, gid, target, title, side, owner, start, due, state, progress, update in plan]


def _commitments() -> list[dict]:
    made, meeting = date(2026, 2, 12), "Inaugural meeting of the Strategic Dialogue, Washington (demo)"
    promised = (
        ("C-2026-01", "Form a working group for every framework area", "joint", "Ministry of Foreign Affairs",
         date(2026, 6, 30), "partly_kept", None, None),
        ("C-2026-02", "Remove the listed non-tariff barriers", "joint", "Ministry of Internal and External Trade",
         date(2026, 9, 30), "kept", "A-ECO-01", "trade-barriers"),
        ("C-2026-03", "Sign the double-taxation agreement", "joint", "Ministry of Finance",
         date(2026, 10, 31), "open", "A-ECO-02", "double-taxation-agreement"),
        ("C-2026-04", "Reopen the DFC office in Belgrade", "us", "US International Development Finance Corporation",
         date(2027, 6, 30), "open", "A-ECO-03", "dfc-office"),
        ("C-2026-05", "Launch an Open Balkan customs pilot", "serbia", "Ministry of Foreign Affairs",
         date(2026, 10, 31), "dropped", "A-REG-01", None),
        ("C-2026-06", "Co-sponsor a resolution at the UN General Assembly", "joint", "Ministry of Foreign Affairs",
         date(2026, 9, 30), "not_kept", "A-POL-01", "unga-resolution"),
    )
    return [{"commitment_id": cid, "made_at": made, "meeting": meeting, "text": f"{text} (demo)", "side": side,
             "owner": owner, "due_date": due, "state": state, "action_ids": actions, "target_id": target}
            for cid, text, side, owner, due, state, actions, target in promised]


def _frame(name: str, rows: list[dict], seed: int) -> pd.DataFrame:
    ds = DATASETS[name]
    columns = ds.column_names
    source = f"{LABEL} (dialogue.demo, seed {seed}); not a real figure"
    records = [{c: row.get(c) for c in columns} | {"source": source, "note": LABEL,
                                                     "publishable": True, "synthetic": True} for row in rows]
    frame = pd.DataFrame(records, columns=columns)
    for column in ds.columns:
        frame[column.name] = _typed(frame[column.name], column)
    return frame.sort_values(list(ds.key), na_position="first", kind="stable").reset_index(drop=True)


def _typed(series: pd.Series, column) -> pd.Series:
    if column.type == "int":
        return series.astype("Int64")
    if column.type == "number":
        return series.astype("Float64")
    if column.type == "date":
        return pd.to_datetime(series).astype("datetime64[ns]")
    if column.type == "bool":
        return series.astype("boolean")
    if column.default is not None:
        series = series.fillna(column.default)
    return series.astype("string")


# ---------------------------------------------------------------- release dates: when each row became known

# How long after its date a row is recorded: trade figures about 40 days after the month (US Census's lag),
# everything else a week after the event.
TRADE_LAG_DAYS = 40
RECORD_LAG_DAYS = 7
FIRST_RELEASE = date(2025, 12, 31)    # all history before the dialogue's planned start arrives in one upload


def _known_on(name: str, frame: pd.DataFrame) -> pd.Series:
    """The day each row would have been recorded; None where the frame has no date to go by."""
    from datetime import timedelta

    if name in ("trade", "peer_trade"):
        month = frame["month"].fillna(12).astype(int)
        first_next = [date(int(y) + (m == 12), m % 12 + 1, 1) for y, m in zip(frame["year"], month)]
        return pd.Series([d + timedelta(days=TRADE_LAG_DAYS - 1) for d in first_next], index=frame.index)
    column = {"exercises": "start_date", "agreements": "date_signed", "events": "date"}.get(name)
    if column is None or column not in frame:
        return pd.Series([None] * len(frame), index=frame.index)
    return pd.Series([None if pd.isna(d) else pd.Timestamp(d).date() + timedelta(days=RECORD_LAG_DAYS)
                      for d in frame[column]], index=frame.index)


def release_slices(name: str, frame: pd.DataFrame, today: date) -> list[tuple[date, pd.DataFrame]]:
    """The demo's rows as a sequence of quarterly uploads: history before the dialogue's start at once, then each
    quarter's new rows at that quarter's end, and rows not yet due (or undated) today, so that "as known at" a past
    quarter end shows what an analyst would have had then. Each slice is (upload day, rows)."""
    from dialogue.status_history import quarter_end

    known = _known_on(name, frame).map(lambda d: today if d is None or d > today else max(d, FIRST_RELEASE))
    release = known.map(lambda d: d if d == today else min(quarter_end(d), today))
    return [(day, frame[release == day]) for day in sorted(set(release))]
