"""Deterministic SYNTHETIC scale data for the benchmarks: the same seed always gives the same bytes.

Full size: 1,000,000 monthly product-level trade rows (US Census in USD and Serbia RZS in EUR,
2010-01 to 2026-10, both flows), the 100,000- and 10,000-row subsets, the 100,000-row subset as an
8-column workbook, 10,000 exercises, 10,000 agreements and 50,000 events (working-group meetings name one of
the groups), and a delivery set: 40 working groups, 4,000 actions and 400 commitments. Every row says it is
synthetic (`synthetic` = true and the `source` names this generator). Built column-wise with numpy
and Arrow, never row by row.

    python -m benchmarks.generate [--scale full|medium|smoke] [--out DIR]
"""
from __future__ import annotations

import argparse
import hashlib
import json
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv

from benchmarks.xlsx import write_xlsx
from dialogue import datasets

SEED = 2026
ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "bench-data"
SOURCE = f"SYNTHETIC benchmark data (benchmarks/generate.py seed {SEED})"
FIRST_MONTH = (2010, 1)
LAST_MONTH = (2026, 10)
REPORTERS = (("US Census", "USD"), ("Serbia RZS", "EUR"))
FLOWS_AS_REPORTED = {
    ("US Census", "us_to_serbia"): "us_exports_to_serbia",
    ("US Census", "serbia_to_us"): "us_imports_from_serbia",
    ("Serbia RZS", "us_to_serbia"): "serbia_imports_from_us",
    ("Serbia RZS", "serbia_to_us"): "serbia_exports_to_us",
}
# The eight columns of the benchmark workbook: what an analyst's product-level sheet holds,
# plus the synthetic flag so the rows stay labelled once stored.
XLSX_COLUMNS = ("reporter", "year", "month", "flow", "value", "currency", "product_code", "synthetic")
TARGET_IDS = (
    "trade-growth", "double-taxation-agreement", "trade-barriers", "dfc-office",
    "dfc-credit-program", "joint-exercises", "national-guard-partnership", "defence-agreements",
    "presidential-visit", "unga-resolution", "diplomat-training", "parliamentary-exchange",
    "fulbright-commission", "sister-cities", "visa-facilitation",
    *(f"roadmap-{i}" for i in range(1, 11)),
)


@dataclass(frozen=True)
class Sizes:
    trade: int          # the large trade file (CSV)
    trade_medium: int   # the subset also written as XLSX; the per-row-cost comparison point
    trade_small: int    # the small database for the status comparison
    exercises: int
    agreements: int
    events: int
    groups: int         # the delivery set (issue 14): working groups, their actions, meetings' commitments
    actions: int
    commitments: int


FULL = Sizes(1_000_000, 100_000, 10_000, 10_000, 10_000, 50_000, 40, 4_000, 400)
MEDIUM = Sizes(100_000, 10_000, 1_000, 1_000, 1_000, 5_000, 40, 1_000, 100)
SMOKE = Sizes(3_000, 600, 200, 50, 50, 200, 8, 100, 20)
SCALES = {"full": FULL, "medium": MEDIUM, "smoke": SMOKE}


@dataclass(frozen=True)
class Files:
    """Where each generated file lives inside a data directory."""

    root: Path
    sizes: Sizes

    @property
    def trade_csv(self) -> Path:
        return self.root / f"trade-{self.sizes.trade}.csv"

    @property
    def trade_medium_csv(self) -> Path:
        return self.root / f"trade-{self.sizes.trade_medium}.csv"

    @property
    def trade_small_csv(self) -> Path:
        return self.root / f"trade-{self.sizes.trade_small}.csv"

    @property
    def trade_xlsx(self) -> Path:
        return self.root / f"trade-{self.sizes.trade_medium}.xlsx"

    @property
    def exercises_csv(self) -> Path:
        return self.root / f"exercises-{self.sizes.exercises}.csv"

    @property
    def agreements_csv(self) -> Path:
        return self.root / f"agreements-{self.sizes.agreements}.csv"

    @property
    def events_csv(self) -> Path:
        return self.root / f"events-{self.sizes.events}.csv"

    @property
    def working_groups_csv(self) -> Path:
        return self.root / f"working_groups-{self.sizes.groups}.csv"

    @property
    def actions_csv(self) -> Path:
        return self.root / f"actions-{self.sizes.actions}.csv"

    @property
    def commitments_csv(self) -> Path:
        return self.root / f"commitments-{self.sizes.commitments}.csv"

    @property
    def manifest(self) -> Path:
        return self.root / "MANIFEST.json"

    def all(self) -> list[Path]:
        return [self.trade_csv, self.trade_medium_csv, self.trade_small_csv, self.trade_xlsx,
                self.exercises_csv, self.agreements_csv, self.events_csv, self.working_groups_csv,
                self.actions_csv, self.commitments_csv]


def _months() -> tuple[np.ndarray, np.ndarray]:
    (y0, m0), (y1, m1) = FIRST_MONTH, LAST_MONTH
    index = np.arange(y0 * 12 + m0 - 1, y1 * 12 + m1)
    return index // 12, index % 12 + 1


def trade_table(n: int, seed: int = SEED) -> pa.Table:
    """n trade rows with unique natural keys, in the canonical columns, sorted like a source file."""
    rng = np.random.default_rng(seed)
    years, months = _months()
    series = len(REPORTERS) * len(years) * 2
    products = -(-n // series)
    grid = series * products
    keep = np.sort(rng.choice(grid, size=n, replace=False))
    # grid order: reporter, year-month, flow, product (the way a source file lists its rows)
    product = keep % products
    flow = (keep // products) % 2
    month_index = (keep // (products * 2)) % len(years)
    reporter = keep // (products * 2 * len(years))

    codes = np.char.zfill((np.arange(products) * 7919 % 9900 + 100).astype(str), 4)
    base = rng.lognormal(mean=10.0, sigma=1.4, size=(len(REPORTERS), 2, products))
    year = years[month_index]
    growth = 1.06 ** (year - FIRST_MONTH[0])
    season = 1.0 + 0.15 * np.sin(2 * np.pi * (months[month_index] - 1) / 12)
    noise = rng.lognormal(mean=0.0, sigma=0.25, size=n)
    value = np.round(base[reporter, flow, product] * growth * season * noise)

    reporter_names = np.array([r for r, _ in REPORTERS], dtype=object)
    currencies = np.array([c for _, c in REPORTERS], dtype=object)
    flow_names = np.array(datasets.DIRECTIONAL_FLOWS, dtype=object)
    as_reported = np.array(
        [[FLOWS_AS_REPORTED[(r, f)] for f in datasets.DIRECTIONAL_FLOWS] for r, _ in REPORTERS],
        dtype=object,
    )
    product_names = np.char.add("Synthetic product HS ", codes).astype(object)
    columns = {
        "reporter": pa.array(reporter_names[reporter], pa.string()),
        "year": pa.array(year, pa.int64()),
        "month": pa.array(months[month_index], pa.int64()),
        "flow": pa.array(flow_names[flow], pa.string()),
        "value": pa.array(value.astype(np.int64), pa.int64()),
        "currency": pa.array(currencies[reporter], pa.string()),
        "product_code": pa.array(codes[product].astype(object), pa.string()),
        "product": pa.array(product_names[product], pa.string()),
        "flow_as_reported": pa.array(as_reported[reporter, flow], pa.string()),
        "source": pa.array(np.full(n, SOURCE, dtype=object), pa.string()),
        "note": pa.nulls(n, pa.string()),
        "publishable": pa.array(np.ones(n, dtype=bool)),
        "synthetic": pa.array(np.ones(n, dtype=bool)),
    }
    assert list(columns) == datasets.TRADE.column_names
    return pa.table(columns)


def subset(table: pa.Table, n: int, seed: int = SEED + 1) -> pa.Table:
    """A seeded random n-row subset that keeps the file order (keys stay unique)."""
    rng = np.random.default_rng(seed)
    return table.take(np.sort(rng.choice(table.num_rows, size=n, replace=False)))


def _dates(rng: np.random.Generator, n: int, first: date, last: date) -> np.ndarray:
    span = (np.datetime64(last) - np.datetime64(first)).astype(int)
    return np.datetime64(first) + rng.integers(0, span + 1, size=n).astype("timedelta64[D]")


def _pick(rng: np.random.Generator, values, n: int, p=None) -> pa.Array:
    return pa.array(np.asarray(values, dtype=object)[rng.choice(len(values), size=n, p=p)], pa.string())


def _tail(n: int) -> dict[str, pa.Array]:
    return {
        "source": pa.array(np.full(n, SOURCE, dtype=object), pa.string()),
        "note": pa.nulls(n, pa.string()),
        "publishable": pa.array(np.ones(n, dtype=bool)),
        "synthetic": pa.array(np.ones(n, dtype=bool)),
    }


def _numbered(prefix: str, n: int) -> pa.Array:
    return pa.array(np.char.add(prefix, np.char.zfill(np.arange(1, n + 1).astype(str), 6)).astype(object), pa.string())


TODAY = date(2026, 11, 27)


def exercises_table(n: int, seed: int = SEED + 2) -> pa.Table:
    rng = np.random.default_rng(seed)
    start = _dates(rng, n, date(2010, 1, 1), date(2026, 12, 31))
    end = start + rng.integers(0, 15, size=n).astype("timedelta64[D]")
    future = start > np.datetime64(TODAY)
    status = np.where(future, "planned", np.where(rng.random(n) < 0.05, "cancelled", "held"))
    columns = {
        "name": _numbered("Synthetic exercise ", n),
        "start_date": pa.array(start.astype("datetime64[D]")),
        "end_date": pa.array(end.astype("datetime64[D]")),
        "date_precision": pa.array(np.full(n, "day", dtype=object), pa.string()),
        "location": _pick(rng, ["Pasuljanske livade", "Nis", "Hohenfels", "Novo Selo", "Belgrade"], n),
        "host_country": _pick(rng, ["SRB", "USA", "BGR", "DEU", "MNE"], n),
        "format": _pick(rng, datasets.EXERCISE_FORMATS, n),
        "us_participation": _pick(rng, datasets.US_PARTICIPATION, n, p=[0.7, 0.2, 0.1]),
        "status": pa.array(status.astype(object), pa.string()),
        "participants": _pick(rng, ["Serbian Armed Forces; Ohio National Guard", "SAF; US Army Europe"], n),
        **_tail(n),
    }
    assert list(columns) == datasets.EXERCISES.column_names
    return pa.table(columns)


def agreements_table(n: int, seed: int = SEED + 3) -> pa.Table:
    rng = np.random.default_rng(seed)
    category = rng.choice(len(datasets.AGREEMENT_CATEGORIES), size=n)
    categories = np.asarray(datasets.AGREEMENT_CATEGORIES, dtype=object)[category]
    areas = np.where(categories == "defence", "security", "economic").astype(object)
    target = np.where(categories == "defence", "defence-agreements", None).astype(object)
    has_value = rng.random(n) < 0.6
    value = np.round(rng.lognormal(15, 1.5, size=n))
    columns = {
        "title": _numbered("Synthetic agreement ", n),
        "date_signed": pa.array(_dates(rng, n, date(2010, 1, 1), TODAY).astype("datetime64[D]")),
        "date_precision": pa.array(np.full(n, "day", dtype=object), pa.string()),
        "us_party": _pick(rng, ["US Department of Defense", "DFC", "US Department of State"], n),
        "serbian_party": _pick(rng, ["Ministry of Defence", "Government of Serbia", "Ministry of Finance"], n),
        "category": pa.array(categories, pa.string()),
        "area": pa.array(areas, pa.string()),
        "value": pa.array(np.where(has_value, value, np.nan), pa.float64(), from_pandas=True),
        "currency": pa.array(np.where(has_value, "USD", None).astype(object), pa.string()),
        "status": _pick(rng, datasets.AGREEMENT_STATUSES, n, p=[0.6, 0.3, 0.08, 0.02]),
        "target_id": pa.array(target, pa.string()),
        **_tail(n),
    }
    assert list(columns) == datasets.AGREEMENTS.column_names
    return pa.table(columns)


def _group_ids(groups: int) -> np.ndarray:
    return np.char.add("WG-", np.char.zfill(np.arange(1, groups + 1).astype(str), 3)).astype(object)


def events_table(n: int, seed: int = SEED + 4, groups: int = 40) -> pa.Table:
    rng = np.random.default_rng(seed)
    kinds = np.asarray(datasets.EVENT_KINDS, dtype=object)[rng.choice(len(datasets.EVENT_KINDS), size=n)]
    targets = np.asarray(TARGET_IDS, dtype=object)[rng.choice(len(TARGET_IDS), size=n)]
    met = _group_ids(groups)[rng.choice(groups, size=n)]          # a working-group meeting names its group
    counts_toward = np.isin(kinds, ["milestone_achieved", "progress"])
    target = np.where(kinds == "diplomat_training", "diplomat-training", np.where(counts_toward, targets, None))
    target = np.where(kinds == "working_group_meeting", met, target)
    quantity = np.where(kinds == "diplomat_training", rng.integers(1, 6, size=n).astype(float), np.nan)
    columns = {
        "date": pa.array(_dates(rng, n, date(2010, 1, 1), TODAY).astype("datetime64[D]")),
        "date_precision": pa.array(np.full(n, "day", dtype=object), pa.string()),
        "kind": pa.array(kinds, pa.string()),
        "target_id": pa.array(target.astype(object), pa.string()),
        "title": _numbered("Synthetic event ", n),
        "quantity": pa.array(quantity, pa.float64(), from_pandas=True),
        "area": _pick(rng, [*datasets.AREAS, datasets.PROCESS_AREA], n),
        "parties": _pick(rng, ["US Department of State; MFA Serbia", "US Embassy Belgrade"], n),
        **_tail(n),
    }
    assert list(columns) == datasets.EVENTS.column_names
    return pa.table(columns)


def working_groups_table(n: int, seed: int = SEED + 6) -> pa.Table:
    """n groups spread over the framework areas, most active."""
    rng = np.random.default_rng(seed)
    areas = np.asarray(list(datasets.AREAS), dtype=object)[np.arange(n) % len(datasets.AREAS)]
    columns = {
        "group_id": pa.array(_group_ids(n), pa.string()),
        "name": _numbered("Synthetic working group ", n),
        "name_sr": _numbered("Sintetička radna grupa ", n),
        "area": pa.array(areas, pa.string()),
        "us_cochair": _pick(rng, ["US Department of State", "US Department of Commerce", "US Department of Energy"], n),
        "serbian_cochair": _pick(rng, ["Ministry of Foreign Affairs", "Ministry of Finance", "Ministry of Defence"], n),
        "established": pa.array(_dates(rng, n, date(2026, 2, 15), date(2026, 7, 1)).astype("datetime64[D]")),
        "state": _pick(rng, datasets.GROUP_STATES, n, p=[0.85, 0.1, 0.05]),
        **_tail(n),
    }
    assert list(columns) == datasets.WORKING_GROUPS.column_names
    return pa.table(columns)


def actions_table(n: int, groups: int, seed: int = SEED + 7) -> pa.Table:
    """n actions of the groups' plans: every state, 2026-2028 dates, a fifth without a target, a few undated."""
    rng = np.random.default_rng(seed)
    start = _dates(rng, n, date(2026, 3, 1), date(2027, 12, 31))
    due = start + rng.integers(30, 400, size=n).astype("timedelta64[D]")
    undated = rng.random(n) < 0.02
    state = np.asarray(datasets.ACTION_STATES, dtype=object)[rng.choice(len(datasets.ACTION_STATES), size=n,
                                                                         p=[0.25, 0.35, 0.25, 0.1, 0.05])]
    progress = np.where(state == "done", 100.0, np.where(state == "planned", 0.0, rng.integers(0, 100, size=n)))
    target = np.asarray(TARGET_IDS, dtype=object)[rng.choice(len(TARGET_IDS), size=n)]
    columns = {
        "action_id": _numbered("ACT-", n),
        "group_id": pa.array(_group_ids(groups)[rng.choice(groups, size=n)], pa.string()),
        "target_id": pa.array(np.where(rng.random(n) < 0.2, None, target), pa.string()),
        "title": _numbered("Synthetic action ", n),
        "lead_side": _pick(rng, datasets.SIDES, n),
        "owner": _pick(rng, [f"Synthetic office {i}" for i in range(1, 31)], n),
        "start_date": pa.array(start.astype("datetime64[D]"), mask=undated),
        "due_date": pa.array(due.astype("datetime64[D]"), mask=undated),
        "state": pa.array(state, pa.string()),
        "progress": pa.array(progress.astype(float), pa.float64()),
        "last_update": pa.array(np.minimum(due, np.datetime64(TODAY)).astype("datetime64[D]")),
        **_tail(n),
    }
    assert list(columns) == datasets.ACTIONS.column_names
    return pa.table(columns)


def commitments_table(n: int, actions: int, seed: int = SEED + 8) -> pa.Table:
    """n commitments made at a meeting each half year from February 2026, every state."""
    rng = np.random.default_rng(seed)
    meetings = np.array(["2026-02-12", "2026-09-15", "2027-02-10"], dtype="datetime64[D]")
    which = rng.choice(len(meetings), size=n)
    made = meetings[which]
    columns = {
        "commitment_id": _numbered("COM-", n),
        "made_at": pa.array(made),
        "meeting": pa.array(np.char.add("Synthetic annual meeting ", which.astype(str)).astype(object), pa.string()),
        "text": _numbered("Synthetic commitment ", n),
        "side": _pick(rng, datasets.SIDES, n),
        "owner": _pick(rng, [f"Synthetic office {i}" for i in range(1, 31)], n),
        "due_date": pa.array(made + rng.integers(60, 500, size=n).astype("timedelta64[D]")),
        "state": _pick(rng, datasets.COMMITMENT_STATES, n, p=[0.5, 0.2, 0.1, 0.1, 0.1]),
        "action_ids": pa.array(np.char.add("ACT-", np.char.zfill(rng.integers(1, actions + 1, size=n).astype(str),
                                                                 6)).astype(object), pa.string()),
        "target_id": pa.array(np.asarray(TARGET_IDS, dtype=object)[rng.choice(len(TARGET_IDS), size=n)], pa.string()),
        **_tail(n),
    }
    assert list(columns) == datasets.COMMITMENTS.column_names
    return pa.table(columns)


def write_csv(table: pa.Table, path: Path) -> None:
    """Plain UTF-8 CSV, header = canonical names, quoting only where needed (none is)."""
    with open(path, "wb") as fh:
        fh.write((",".join(table.column_names) + "\n").encode("utf-8"))
        pacsv.write_csv(table, fh, pacsv.WriteOptions(include_header=False, quoting_style="none"))


def xlsx_table(trade: pa.Table) -> pa.Table:
    """The 8 workbook columns; booleans as the words an analyst types."""
    cols = {}
    for name in XLSX_COLUMNS:
        col = trade.column(name)
        if pa.types.is_boolean(col.type):
            col = pa.array(np.where(col.to_numpy(zero_copy_only=False), "yes", "no").astype(object), pa.string())
        cols[name] = col
    return pa.table(cols)


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def generate(out: Path = DATA_DIR, sizes: Sizes = FULL, seed: int = SEED, force: bool = False) -> Files:
    """Write every file (skipped when the manifest says the same seed and sizes already did)."""
    out.mkdir(parents=True, exist_ok=True)
    files = Files(out, sizes)
    wanted = {"seed": seed, "sizes": asdict(sizes), "generator": _generator_digest()}
    if not force and files.manifest.exists():
        have = json.loads(files.manifest.read_text())
        if {k: have.get(k) for k in wanted} == wanted and all(p.exists() for p in files.all()):
            return files
    trade = trade_table(sizes.trade, seed)
    medium = subset(trade, sizes.trade_medium, seed + 1)
    small = subset(trade, sizes.trade_small, seed + 5)
    write_csv(trade, files.trade_csv)
    write_csv(medium, files.trade_medium_csv)
    write_csv(small, files.trade_small_csv)
    write_xlsx(xlsx_table(medium), files.trade_xlsx, sheet="trade (synthetic)",
               title="SYNTHETIC benchmark data - not real figures")
    write_csv(exercises_table(sizes.exercises, seed + 2), files.exercises_csv)
    write_csv(agreements_table(sizes.agreements, seed + 3), files.agreements_csv)
    write_csv(events_table(sizes.events, seed + 4, sizes.groups), files.events_csv)
    write_csv(working_groups_table(sizes.groups, seed + 6), files.working_groups_csv)
    write_csv(actions_table(sizes.actions, sizes.groups, seed + 7), files.actions_csv)
    write_csv(commitments_table(sizes.commitments, sizes.actions, seed + 8), files.commitments_csv)
    (out / "README.txt").write_text(
        "SYNTHETIC benchmark data written by benchmarks/generate.py (fixed seed). "
        "Not real figures: never load it into a real workspace.\n", encoding="utf-8")
    manifest = {**wanted, "files": {p.name: {"sha256": sha256(p), "bytes": p.stat().st_size} for p in files.all()}}
    files.manifest.write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return files


def _generator_digest() -> str:
    here = Path(__file__).resolve().parent
    return hashlib.sha256((here / "generate.py").read_bytes() + (here / "xlsx.py").read_bytes()).hexdigest()[:16]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.generate", description=__doc__.splitlines()[0])
    p.add_argument("--scale", choices=SCALES, default="full")
    p.add_argument("--smoke", action="store_true", help="= --scale smoke")
    p.add_argument("--out", type=Path, help="data directory (default bench-data/ or bench-data/smoke/)")
    p.add_argument("--force", action="store_true", help="rewrite even when the manifest matches")
    args = p.parse_args(argv)
    scale = "smoke" if args.smoke else args.scale
    out = args.out or (DATA_DIR if scale == "full" else DATA_DIR / scale)
    files = generate(out, SCALES[scale], force=args.force)
    for path in files.all():
        print(f"{path.stat().st_size:>12,d}  {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
