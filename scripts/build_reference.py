"""Build data/reference/*.csv (our canonical columns) from the cited files in ../shared/reference.

Run: .venv/bin/python scripts/build_reference.py [--src DIR] [--out DIR]

Every output row keeps its source URL(s). Conflicting figures are kept as separate reporters with
notes, never silently picked. Every row of the source files is either mapped by an explicit rule
below or the build fails, so a new source row is never dropped without a decision.
"""
from __future__ import annotations

import argparse
import csv
import io
import sys
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dialogue.datasets import DATASETS  # noqa: E402

DEFAULT_SRC = ROOT.parent / "shared" / "reference"
DEFAULT_OUT = ROOT / "data" / "reference"

# ---------------------------------------------------------------- trade

FLOW_BY_REPORTED = {
    "us_exports_to_serbia": "us_to_serbia",
    "us_imports_from_serbia": "serbia_to_us",
    "serbia_exports_to_us": "serbia_to_us",
    "serbia_imports_from_us": "us_to_serbia",
    "total_goods_trade": "total",
    "balance": "balance",
}
UNIT_SCALE = {
    "USD million": ("USD", Decimal(1_000_000)),
    "USD billion": ("USD", Decimal(1_000_000_000)),
    "EUR million": ("EUR", Decimal(1_000_000)),
    "EUR billion": ("EUR", Decimal(1_000_000_000)),
}
# Conflicts inside one key (reporter, year, flow, currency): the README's preferred figure keeps the
# reporter; the other figure becomes its own series, named after who stated or converted it.
REPORTER_BY_BASIS = {
    ("US Census", "Census basis, as stated by the US International Trade Administration (ITA)",
     "us_exports_to_serbia"): "US Census (as stated by ITA)",
    ("US Census", "Census basis, as stated by the US International Trade Administration (ITA)",
     "us_imports_from_serbia"): "US Census (as stated by ITA)",
    ("Serbia RZS", "USD conversion of the RZS €619.5 million by nh-logistics (rate not stated)",
     "serbia_exports_to_us"): "Serbia RZS (USD conversion by nh-logistics)",
    ("Serbia RZS", "USD conversion of the RZS €619.5 million by Pupin Initiative (rate not stated)",
     "serbia_exports_to_us"): "Serbia RZS (USD conversion by Pupin Initiative)",
}


def _join_note(*parts: str) -> str:
    return " ".join(p.strip() for p in parts if p and p.strip())


def trade_rows(src: Path) -> list[dict]:
    out = []
    for r in _read(src / "trade.csv"):
        currency, scale = UNIT_SCALE[r["unit"]]
        value = Decimal(r["value"]) * scale
        if value != value.to_integral_value():
            raise ValueError(f"trade.csv: {r['value']} {r['unit']} is not a whole amount once scaled")
        reporter = REPORTER_BY_BASIS.get((r["reporter"], r["basis"], r["flow"]), r["reporter"])
        notes = [f"As published: {r['value']} {r['unit']} ({r['flow']}, period {r['period']})."]
        if reporter != r["reporter"]:
            notes.append(f'Reporter in the source file: "{r["reporter"]}"; kept as a separate series '
                         "because it conflicts with the preferred figure of that reporter.")
        if r["period"] != r["year"]:
            notes.append(f"PARTIAL YEAR: covers {r['period']} only, not the full year.")
        if r["flow"] == "balance":
            notes.append("Reported balance (the reporter's exports minus imports), never added into a "
                         "directional series.")
        elif r["flow"] == "total_goods_trade":
            notes.append("Reported total, not split by direction.")
        notes.append(f"Basis: {r['basis']}.")
        notes.append(r["notes"])
        if r["source_kind"]:
            notes.append(f"Source kind: {r['source_kind']}.")
        out.append({
            "reporter": reporter, "year": r["year"], "month": "",
            "flow": FLOW_BY_REPORTED[r["flow"]], "value": str(int(value)), "currency": currency,
            "product_code": "", "product": "", "flow_as_reported": r["flow"],
            "source": r["source_url"], "note": _join_note(*notes),
        })
    return out


# ---------------------------------------------------------------- the region (issue 17)

PEER_FLOW_BY_REPORTED = {"us_exports_to_serbia": "us_exports", "us_imports_from_serbia": "us_imports"}
NO_NEIGHBOURS = ("The cited public sources (../shared/reference) give no US trade figure for Albania, Bosnia and "
                 "Herzegovina, Kosovo, Montenegro, North Macedonia or Croatia; only Serbia's US Census figures "
                 "are here.")


def peer_rows(trade: list[dict]) -> list[dict]:
    """Serbia's own US Census figures as the region's first peer rows: the same cited rows as the target series,
    in the region's flows; the sources give nothing for the neighbours (NO_NEIGHBOURS)."""
    return [{"reporter": r["reporter"], "partner": "RS", "year": r["year"], "month": r["month"],
             "flow": PEER_FLOW_BY_REPORTED[r["flow_as_reported"]], "value": r["value"], "currency": r["currency"],
             "source": r["source"], "note": _join_note(r["note"], NO_NEIGHBOURS)}
            for r in trade if r["reporter"] == "US Census" and r["flow_as_reported"] in PEER_FLOW_BY_REPORTED]


# ---------------------------------------------------------------- exercises

EXERCISE_FORMATS = {"bilateral", "multinational", "training", "cyber", "police_training", "unspecified"}


def exercise_rows(src: Path) -> tuple[list[dict], list[dict]]:
    """Exercises, plus context events for years where the source records that none was found."""
    exercises, events = [], []
    for r in _read(src / "exercises.csv"):
        notes = [r["notes"]]
        if r["size_note"]:
            notes.append(f"Size as published: {r['size_note']}.")
        if r["kind"] == "not_held" and r["name"].startswith("No exercise"):
            events.append({
                "date": f"{r['year']}-01-01", "date_precision": "year", "kind": "context",
                "target_id": "", "title": f"{r['name']} ({r['year']})", "quantity": "",
                "area": "security", "parties": "", "source": r["source_url"],
                "note": _join_note(*notes, "Records that none was found; year only (date is 1 January by convention)."),
            })
            continue
        start, precision, end = r["start_date"], r["date_precision"], r["end_date"]
        if precision in ("year", "unknown") or not start:
            if precision == "unknown":
                notes.append("Date not found; the year is approximate.")
            if not start and precision == "day":
                notes.append(f"Start date not given; stored as the year. Ended {end}.")
            start, precision = f"{r['year']}-01-01", "year"
            notes.append("Year only: start_date is 1 January by convention.")
        elif precision == "month":
            notes.append("Month only: start_date is the first of the month by convention.")
        if r["kind"] == "not_held":
            fmt, status = "multinational", "cancelled"
            notes.append("Not held: recorded as cancelled. Format as in the exercise's other years.")
        elif r["kind"] in EXERCISE_FORMATS:
            fmt = r["kind"]
            status = "planned" if "(announced)" in r["name"] else "held"
        else:
            fmt, status = "unspecified", "held"
            notes.append("Format not stated by the source.")
        participants = "; ".join(p for p in (
            f"US: {r['us_units']}" if r["us_units"] else "",
            f"Others: {r['other_participants']}" if r["other_participants"] else "",
        ) if p)
        exercises.append({
            "name": r["name"], "start_date": start, "end_date": end, "date_precision": precision,
            "location": r["location"], "host_country": r["host_country"], "format": fmt,
            "us_participation": r["us_participation"], "status": status,
            "participants": participants, "source": r["source_url"], "note": _join_note(*notes),
        })
    return exercises, events


# ---------------------------------------------------------------- events.csv -> agreements, events

AREA_BY_CATEGORY = {
    "sister_cities": "people", "dfc": "economic", "energy": "energy", "tax": "economic",
    "fulbright": "people", "diplomat_training": "political",
    "national_guard_partnership": "security", "strategic_dialogue": "process",
    "trade_policy": "economic", "defence_cooperation": "security", "education": "people",
}

# (date, start of the event text) -> how the row is filed. Agreements: ("agreement", category,
# target_id, note). Events: ("event", kind, target_id, note). Every events.csv row must match one.
EVENT_RULES: dict[tuple[str, str], tuple[str, str, str, str]] = {
    ("1964-11-09", "SFRY–US Fulbright agreement"): ("agreement", "education", "",
        "Historical baseline: a Fulbright agreement, not the binational Fulbright commission the "
        "fulbright-commission target asks for."),
    ("2003-12-01", "US restored Normal Trade Relations"): ("event", "context", "", ""),
    ("2005-01-01", "Serbia designated a beneficiary"): ("event", "context", "", ""),
    ("2005-06-07", "Belgrade–Chicago Sister Cities"): ("agreement", "culture", "",
        "Chicago is not Miami or New York: context for the sister-cities target, not evidence."),
    ("2006-09-07", "US–Serbia Status of Forces Agreement"): ("agreement", "defence", "",
        "A status-of-forces agreement, not a defence purchase or sale agreement; signed long before "
        "the dialogue's window."),
    ("2006-09-08", "Ohio–Serbia state partnership"): ("event", "context", "",
        "The existing partner is the Ohio National Guard; the national-guard-partnership target "
        "asks for Illinois."),
    ("2007-09-15", "First visit of the Ohio adjutant"): ("event", "visit", "", ""),
    ("2009-04-16", "Serbian MoD, US EUCOM and the Ohio"): ("agreement", "defence", "",
        "An annual cooperation plan, not a defence purchase or sale agreement."),
    ("2015-07-29", "US GSP for Serbia renewed"): ("event", "context", "", ""),
    ("2019-01-01", "PM Brnabić led a Serbian delegation"): ("event", "visit", "", ""),
    ("2019-04-10", "FATCA intergovernmental agreement"): ("agreement", "tax", "",
        "Tax cooperation (FATCA), NOT a double-taxation agreement: no evidence for that target."),
    ("2020-09-01", "DFC and EXIM signed letters of interest"): ("event", "context", "", ""),
    ("2020-09-04", "Washington \"economic normalization\""): ("agreement", "economic", "",
        "History before the dialogue: it promised a full DFC presence in Belgrade."),
    ("2020-09-09", "Serbian moratorium on military exercises"): ("event", "context", "", ""),
    ("2020-09-22", "DFC Belgrade office opened"): ("event", "context", "",
        "History: the office opened in 2020; the dfc-office target asks for it to be reactivated."),
    ("2020-12-01", "US GSP programme expired"): ("event", "context", "", ""),
    ("2021-01-01", "Head of the DFC Belgrade office"): ("event", "context", "", ""),
    ("2021-01-01", "Serbia–Ohio Memorandum of Understanding"): ("agreement", "education", "", ""),
    ("2021-01-21", "Investment Incentive Agreement"): ("agreement", "finance", "", ""),
    ("2021-04-28", "Final agreement with DFC"): ("agreement", "finance", "",
        "History before the dialogue; how much of the credit line was used was not found."),
    ("2022-01-01", "DFC contracts with 4 banks"): ("agreement", "finance", "",
        "History before the dialogue; values in the title (guarantee up to $400M, first credit "
        "line $272M) are not stored as the agreement value because the row names two figures."),
    ("2022-01-01", "DFC Belgrade office reported"): ("event", "context", "", ""),
    ("2022-02-27", "Serbian government conclusion suspends"): ("event", "context", "", ""),
    ("2022-05-05", "US donation to the Karaburma"): ("event", "context", "", ""),
    ("2022-09-08", "President Vučić awarded the Order"): ("event", "context", "", ""),
    ("2023-01-05", "MoU between the Serbian MFA"): ("agreement", "political", "diplomat-training",
        "Framework for Serbian liaison officers at the State Department; how many were trained "
        "was not found, so no diplomat_training quantity is recorded."),
    ("2023-03-16", "Serbian government exempted Platinum"): ("event", "context", "", ""),
    ("2023-12-01", "Serbian government consented to Kragujevac"): ("event", "context", "",
        "Milwaukee and Cleveland are not Miami or New York: context, not evidence."),
    ("2024-01-26", "Milwaukee–Kragujevac sister-city"): ("agreement", "culture", "",
        "Not Belgrade with Miami or New York: context for the sister-cities target, not evidence."),
    ("2024-09-03", "Novi Sad–Cleveland cooperation"): ("agreement", "culture", "",
        "Not Belgrade with Miami or New York: context for the sister-cities target, not evidence."),
    ("2024-09-18", "Agreement on US–Serbia strategic cooperation"): ("agreement", "energy", "", ""),
    ("2025-01-01", "Serbia received a US proposal"): ("event", "context", "",
        "A proposal only; US tariffs on Serbia rose in 2025, so it is not counted as progress on "
        "trade barriers."),
    ("2025-01-11", "US Deputy Secretary Richard Verma"): ("event", "progress", "roadmap-1",
        "Progress toward the consent of US stakeholders (road map I); no signed text was found."),
    ("2025-04-02", "US \"reciprocal\" tariff"): ("event", "context", "", ""),
    ("2025-04-09", "US 37% reciprocal tariff"): ("event", "context", "", ""),
    ("2025-05-23", "FM Đurić met US Deputy Secretary"): ("event", "progress", "roadmap-2",
        "Outreach to US officials (road map II)."),
    ("2025-07-01", "US tariff rate on Serbia reduced"): ("event", "context", "", ""),
    ("2025-08-06", "Rubio and Đurić agreed"): ("event", "progress", "roadmap-1",
        "The US Secretary of State agreed to hold the dialogue (road map I, consent of US "
        "stakeholders); no session was held and no document signed."),
    ("2025-08-07", "US 35% tariff on Serbia"): ("event", "context", "", ""),
    ("2025-09-18", "FM Đurić: \"intensive\" preparations"): ("event", "progress", "roadmap-3",
        "Preparations (road map III, negotiations); no session held."),
    ("2025-09-18", "President Vučić held a call"): ("event", "context", "",
        "Ohio National Guard, not the Illinois partnership the proposal asks for."),
    ("2025-10-23", "FM Đurić: the strategic dialogue"): ("event", "progress", "roadmap-3",
        "Preparations (road map III, negotiations); no session held."),
    ("2026-02-25", "FM Đurić in Washington"): ("event", "progress", "roadmap-2",
        "Outreach to the White House, NSC, Congress and State Department (road map II); no first "
        "session of the dialogue reported, so no inaugural_meeting event exists."),
}
# Agreement parties as events.csv names them (split into the US and the Serbian side), and the one
# value a title states for a single figure. Keyed by date (agreement dates are unique).
AGREEMENT_PARTIES = {
    "1964-11-09": ("United States", "SFR Yugoslavia"),
    "2005-06-07": ("City of Chicago", "City of Belgrade"),
    "2006-09-07": ("Secretary of State Condoleezza Rice", "President Boris Tadić"),
    "2009-04-16": ("US EUCOM; Ohio National Guard", "Serbian Ministry of Defence"),
    "2019-04-10": ("US government", "Serbian government"),
    "2020-09-04": ("President Trump (present)", "President Vučić"),
    "2021-01-01": ("Ohio higher-education chancellor Randy Gardner; Paolo DeMaria", "Ambassador Marko Đurić"),
    "2021-01-21": ("US Ambassador Anthony Godfrey", "Finance Minister Siniša Mali"),
    "2021-04-28": ("DFC", "Serbian Ministry of Finance"),
    "2022-01-01": ("DFC deputy vice-president (US Ambassador Hill present)", "Finance Minister Mali"),
    "2023-01-05": ("US State Department (US Ambassador Hill)", "Serbian MFA (FM Dačić)"),
    "2024-01-26": ("Mayor Cavalier Johnson (Milwaukee)", "Mayor Nikola Dašić (Kragujevac)"),
    "2024-09-03": ("Mayor Justin Bibb (Cleveland)",
                   "Chargé d'Affaires Vladimir Marić for Mayor Milan Đurić (Novi Sad)"),
    "2024-09-18": ("Under Secretary Jose W. Fernandez", "FM Marko Đurić"),
}
AGREEMENT_VALUES = {"2021-04-28": ("400000000", "USD")}   # "the first $400M guarantee scheme"
CATEGORY_AREA = {
    "defence": "security", "economic": "economic", "energy": "energy", "tax": "economic",
    "finance": "economic", "trade": "economic", "education": "people", "culture": "people",
    "political": "political",
}


def _rule(r: dict) -> tuple[str, str, str, str]:
    hits = [v for (d, prefix), v in EVENT_RULES.items() if d == r["date"] and r["event"].startswith(prefix)]
    if len(hits) != 1:
        raise ValueError(f"events.csv: no single rule for {r['date']} {r['event'][:60]!r}; add one to EVENT_RULES")
    return hits[0]


def _precision_note(precision: str) -> str:
    return {"month": "Month only: the date is the first of the month by convention.",
            "year": "Year only: the date is 1 January by convention."}.get(precision, "")


def agreement_and_event_rows(src: Path) -> tuple[list[dict], list[dict]]:
    agreements, events = [], []
    for r in _read(src / "events.csv"):
        what, kind, target, rule_note = _rule(r)
        note = _join_note(rule_note, r["notes"], _precision_note(r["date_precision"]),
                          f"Source kind: {r['source_kind']}." if r["source_kind"] else "")
        if what == "agreement":
            us_party, serbian_party = AGREEMENT_PARTIES[r["date"]]
            value, currency = AGREEMENT_VALUES.get(r["date"], ("", ""))
            agreements.append({
                "title": r["event"], "date_signed": r["date"], "date_precision": r["date_precision"],
                "us_party": us_party, "serbian_party": serbian_party, "category": kind,
                "area": CATEGORY_AREA[kind], "value": value, "currency": currency, "status": "signed",
                "target_id": target, "source": r["source_url"],
                "note": _join_note(f"Parties as published: {r['parties']}.", note),
            })
        else:
            events.append({
                "date": r["date"], "date_precision": r["date_precision"], "kind": kind,
                "target_id": target, "title": r["event"], "quantity": "",
                "area": AREA_BY_CATEGORY[r["category"]], "parties": r["parties"],
                "source": r["source_url"], "note": note,
            })
    return agreements, events


# ---------------------------------------------------------------- facts.csv -> dated context events

# Only dated facts that add something events.csv does not already say; (topic, as_of) -> area.
FACT_RULES = {
    ("strategic_dialogue", "2026-02"): "process",
    ("tax", "2018"): "economic",
    ("fulbright", "2025"): "people",
    ("training_education", "2020-11"): "security",
    ("visas", "2020-09"): "people",
    ("national_guard_partnership", "2019"): "security",
}
FACT_TITLES = {
    ("strategic_dialogue", "2026-02"): "No session of the US–Serbia Strategic Dialogue held and no document signed (status)",
    ("tax", "2018"): "No US–Serbia double-taxation treaty (status)",
    ("fulbright", "2025"): "No binational Fulbright commission for Serbia (status)",
    ("training_education", "2020-11"): "US military education and training for Serbia: IMET and CTFP totals (status)",
    ("visas", "2020-09"): "FM Dačić: visa liberalisation talks with the US needed (status)",
    ("national_guard_partnership", "2019"): "Ohio National Guard: more than 20 exchanges with Serbia a year (status)",
}


def fact_rows(src: Path) -> list[dict]:
    out = []
    for r in _read(src / "facts.csv"):
        key = (r["topic"], r["as_of"])
        if key not in FACT_RULES:
            continue
        as_of = r["as_of"]
        date, precision = {4: (f"{as_of}-01-01", "year"), 7: (f"{as_of}-01", "month")}[len(as_of)]
        out.append({
            "date": date, "date_precision": precision, "kind": "context", "target_id": "",
            "title": FACT_TITLES[key], "quantity": "", "area": FACT_RULES[key], "parties": "",
            "source": r["source_url"],
            "note": _join_note(f"Fact as published: {r['fact']}", f"As of {as_of}.",
                               _precision_note(precision),
                               f"Source kind: {r['source_kind']}." if r["source_kind"] else ""),
        })
    if len(out) != len(FACT_RULES):
        raise ValueError("facts.csv: a fact named in FACT_RULES was not found")
    return out


# ---------------------------------------------------------------- build and write

def build(src: Path = DEFAULT_SRC) -> dict[str, list[dict]]:
    """The four canonical datasets as lists of string-valued rows (empty string = no value)."""
    exercises, none_found = exercise_rows(src)
    agreements, events = agreement_and_event_rows(src)
    events = events + none_found + fact_rows(src)
    events.sort(key=lambda e: (e["date"], e["kind"], e["title"]))
    trade = trade_rows(src)
    frames = {"trade": trade, "exercises": exercises, "agreements": agreements, "events": events,
              "peer_trade": peer_rows(trade)}
    for name, rows in frames.items():
        ds = DATASETS[name]
        keys = [tuple(row.get(k, "") for k in ds.key) for row in rows]
        if len(keys) != len(set(keys)):
            raise ValueError(f"{name}: duplicate natural key")
        for row in rows:
            if not row.get("source") and "not found" not in row["note"].lower() and "none found" not in row["note"].lower():
                raise ValueError(f"{name}: row without a source: {row}")
            row.setdefault("publishable", "true")
            row.setdefault("synthetic", "false")
    return frames


def to_csv_text(dataset: str, rows: list[dict]) -> str:
    columns = DATASETS[dataset].column_names
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({c: row.get(c, "") for c in columns})
    return buf.getvalue()


def write(frames: dict[str, list[dict]], out: Path = DEFAULT_OUT) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, rows in frames.items():
        path = out / f"{name}.csv"
        path.write_text(to_csv_text(name, rows), encoding="utf-8")
        paths.append(path)
    return paths


def _read(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--src", type=Path, default=DEFAULT_SRC, help="the shared reference folder")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where to write the CSVs")
    args = parser.parse_args(argv)
    for path in write(build(args.src), args.out):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
