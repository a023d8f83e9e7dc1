"""Find the header row of a sheet and map its headers to canonical columns, in English and Serbian (both scripts)."""
from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field

from dialogue.datasets import DATASETS

_CYR = dict(zip(
    "абвгдђежзијклљмнњопрстћуфхцчџшАБВГДЂЕЖЗИЈКЛЉМНЊОПРСТЋУФХЦЧЏШ",
    ["a", "b", "v", "g", "d", "dj", "e", "z", "z", "i", "j", "k", "l", "lj", "m", "n", "nj", "o", "p",
     "r", "s", "t", "c", "u", "f", "h", "c", "c", "dz", "s"] * 2,
))
_LATIN_EXTRA = {"đ": "dj", "Đ": "dj", "ß": "ss", "æ": "ae", "ø": "o", "ł": "l"}
_TABLE = str.maketrans({**_CYR, **_LATIN_EXTRA})
_NON_WORD = re.compile(r"[^a-z0-9%$€]+")


def fold(text: object) -> str:
    """Lower-case ASCII form for matching: Cyrillic to Latin, diacritics and punctuation dropped."""
    if text is None:
        return ""
    return _fold_text(str(text)[:300])


@functools.lru_cache(maxsize=8192)
def _fold_text(text: str) -> str:
    """fold() of one text, remembered: a head's every cell is matched against each dataset's headers."""
    text = unicodedata.normalize("NFKD", text.translate(_TABLE))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    return _NON_WORD.sub(" ", text).strip()


# Synonyms per canonical column, written naturally; fold() makes them case/diacritic/script-blind.
# A phrase listed under a column is accepted for that column in every dataset that has it.
_COMMON = {
    "source": ["source", "sources", "source url", "izvor", "izvori", "извор", "link", "url"],
    "note": ["note", "notes", "comment", "comments", "remark", "remarks", "napomena", "napomene",
             "komentar", "напомена", "коментар"],
    "publishable": ["publishable", "public", "publish", "javno", "za objavu", "јавно", "за објаву"],
    "synthetic": ["synthetic", "synthetic data", "demo", "sinteticki", "синтетички"],
    "date_precision": ["date precision", "precision", "preciznost datuma", "preciznost",
                       "прецизност датума"],
    "target_id": ["target id", "target", "cilj", "id cilja", "циљ"],
    "area": ["area", "framework area", "oblast", "област"],
    "currency": ["currency", "curr", "valuta", "валута"],
    "value": ["value", "amount", "vrednost", "vrijednost", "iznos", "вредност", "износ"],
    "status": ["status", "статус", "stanje"],
}
_BY_DATASET = {
    "trade": {
        "reporter": ["reporter", "reported by", "data source", "izvestilac", "izvestac", "известилац"],
        "year": ["year", "godina", "година", "yr"],
        "month": ["month", "mesec", "месец", "mjesec"],
        "flow": ["flow", "direction", "trade flow", "tok", "smer", "tok robe", "ток", "смер"],
        "value": ["trade value", "vrednost robe"],
        "product_code": ["product code", "hs code", "sitc code", "code", "commodity code", "sifra",
                         "sifra proizvoda", "шифра", "šifra proizvoda"],
        "product": ["product", "commodity", "description", "product description", "proizvod",
                    "roba", "opis", "производ", "роба"],
        "flow_as_reported": ["flow as reported", "original flow", "tok kako je objavljen"],
    },
    "exercises": {
        "name": ["name", "exercise", "exercise name", "naziv", "naziv vezbe", "vezba", "назив",
                 "назив вежбе", "вежба"],
        "start_date": ["start date", "start", "from", "date from", "begin", "pocetak",
                       "datum pocetka", "od", "почетак", "датум почетка"],
        "end_date": ["end date", "end", "to", "date to", "until", "kraj", "datum zavrsetka",
                     "do", "крај", "датум завршетка"],
        "location": ["location", "place", "venue", "lokacija", "mesto", "локација", "место"],
        "host_country": ["host country", "host", "zemlja domacin", "domacin", "земља домаћин",
                         "домаћин"],
        "format": ["format", "type", "kind", "vrsta", "tip", "формат", "врста"],
        "us_participation": ["us participation", "us participated", "with us", "u s participation",
                             "ucesce sad", "ucesce americke vojske", "учешће сад", "sad"],
        "status": ["held", "odrzana", "одржана"],
        "participants": ["participants", "participating countries", "ucesnici", "учесници"],
    },
    "agreements": {
        "title": ["title", "agreement", "agreement title", "name", "naziv", "sporazum",
                  "naziv sporazuma", "назив", "споразум", "назив споразума"],
        "date_signed": ["date signed", "signed", "signing date", "date", "datum potpisivanja",
                        "potpisan", "datum", "датум потписивања", "датум"],
        "us_party": ["us party", "u s party", "american party", "americka strana", "strana sad",
                     "америчка страна"],
        "serbian_party": ["serbian party", "srpska strana", "strana srbija", "српска страна"],
        "category": ["category", "kategorija", "категорија", "type", "vrsta"],
    },
    "events": {
        "date": ["date", "event date", "datum", "датум", "when"],
        "kind": ["kind", "type", "event type", "event kind", "vrsta", "tip", "врста", "тип"],
        "title": ["title", "event", "name", "description", "naziv", "dogadjaj", "opis", "назив",
                  "догађај", "опис"],
        "quantity": ["quantity", "count", "number", "kolicina", "broj", "количина", "број"],
        "parties": ["parties", "participants", "strane", "ucesnici", "стране", "учесници"],
    },
    "working_groups": {
        "group_id": ["group id", "group", "working group", "id grupe", "oznaka grupe", "grupa",
                     "radna grupa", "ознака групе", "група", "радна група"],
        "name": ["name", "group name", "name en", "name english", "naziv", "naziv na engleskom",
                 "назив", "назив на енглеском"],
        "name_sr": ["name sr", "name serbian", "serbian name", "naziv na srpskom", "naziv srpski",
                    "назив на српском"],
        "us_cochair": ["us co chair", "us cochair", "u s co chair", "american co chair",
                       "kopredsedavajuci sad", "americki kopredsedavajuci", "копредседавајући сад"],
        "serbian_cochair": ["serbian co chair", "serbian cochair", "kopredsedavajuci srbija",
                            "srpski kopredsedavajuci", "копредседавајући србија", "српски копредседавајући"],
        "established": ["established", "formed", "date formed", "osnovana", "formirana",
                        "datum osnivanja", "основана", "формирана", "датум оснивања"],
        "state": ["state", "status", "stanje", "стање", "статус"],
    },
    "actions": {
        "action_id": ["action id", "action", "id", "oznaka mere", "oznaka aktivnosti", "mera",
                      "aktivnost", "ознака мере", "ознака активности", "мера"],
        "group_id": ["group id", "group", "working group", "grupa", "radna grupa", "id grupe",
                     "група", "радна група"],
        "title": ["title", "action title", "description", "naziv", "opis", "назив", "опис"],
        "lead_side": ["lead side", "lead", "side", "vodeca strana", "nosilac strana", "strana",
                      "водећа страна", "страна"],
        "owner": ["owner", "responsible", "institution", "office", "nosilac", "odgovorni",
                  "institucija", "носилац", "одговорни", "институција"],
        "start_date": ["start date", "start", "from", "pocetak", "datum pocetka", "почетак",
                       "датум почетка"],
        "due_date": ["due date", "due", "deadline", "rok", "krajnji rok", "рок", "крајњи рок"],
        "state": ["state", "status", "stanje", "стање", "статус"],
        "progress": ["progress", "progress %", "percent done", "% done", "napredak", "napredak %",
                     "procenat", "напредак", "проценат"],
        "last_update": ["last update", "updated", "latest update", "poslednje azuriranje",
                        "azurirano", "последње ажурирање", "ажурирано"],
        "source": ["evidence", "source evidence", "dokaz", "доказ"],
    },
    "commitments": {
        "commitment_id": ["commitment id", "commitment", "id", "oznaka obaveze", "obaveza",
                          "ознака обавезе", "обавеза"],
        "made_at": ["made at", "date made", "date", "meeting date", "datum", "datum sastanka",
                    "датум", "датум састанка"],
        "meeting": ["meeting", "statement", "meeting or statement", "sastanak", "izjava",
                    "састанак", "изјава"],
        "text": ["text", "commitment text", "promise", "tekst", "tekst obaveze", "текст", "текст обавезе"],
        "side": ["side", "strana", "страна"],
        "owner": ["owner", "responsible", "nosilac", "odgovorni", "носилац", "одговорни"],
        "due_date": ["due date", "due", "deadline", "rok", "рок"],
        "state": ["state", "status", "stanje", "стање", "статус"],
        "action_ids": ["action ids", "actions", "linked actions", "mere", "povezane mere", "мере",
                       "повезане мере"],
        "source": ["evidence", "dokaz", "доказ"],
    },
}

# Units written in a header or a title row: value columns are scaled to whole currency units.
_SCALES = (
    (1_000_000_000, re.compile(r"\b(billions?|bn|milijard\w*|млрд|milliards?)\b")),
    (1_000_000, re.compile(r"\b(millions?|mln|mil|mio|milion\w*|miliona|млн|милион\w*)\b")),
    (1_000, re.compile(r"\b(thousands?|hiljad\w*|hiljada|хиљад\w*|000s?|k)\b")),
)
_CURRENCY_WORDS = (
    ("USD", re.compile(r"(\busd\b|\bus\s*\$|\bu\s*s\s*dollars?\b|\bus dollars?\b|\bdollars?\b|\$|\bdolar\w*)")),
    ("EUR", re.compile(r"(\beur\b|€|\beuros?\b|\bevr\w*)")),
    ("RSD", re.compile(r"(\brsd\b|\bdin\b|\bdinar\w*)")),
)
_PARENS = re.compile(r"[\(\[].*?[\)\]]")


@dataclass
class HeaderMatch:
    dataset: str | None
    row_index: int                      # position of the header row within the cells given
    columns: dict[int, str]             # cell position -> canonical column
    headers: list[str]                  # the header row as written
    scale: int = 1                      # multiply value columns by this (from "in millions" etc.)
    scale_text: str = ""                # the words that said so
    currency: str | None = None         # currency named in the headers or title
    unknown: list[str] = field(default_factory=list)   # headers we could not map
    missing: list[str] = field(default_factory=list)   # required columns not found


def _phrase_maps() -> dict[str, dict[str, str]]:
    maps = {}
    for name, ds in DATASETS.items():
        phrases: dict[str, str] = {}
        for col in ds.columns:
            for phrase in [col.name, col.name.replace("_", " "), *_COMMON.get(col.name, []),
                           *_BY_DATASET.get(name, {}).get(col.name, [])]:
                phrases.setdefault(fold(phrase), col.name)
        maps[name] = phrases
    return maps


PHRASES = _phrase_maps()


def _strip_units(folded: str) -> str:
    words = [w for w in folded.split() if w not in {
        "in", "u", "usd", "eur", "rsd", "us", "$", "€", "millions", "million", "mln", "mil", "mio",
        "thousands", "thousand", "miliona", "milionima", "hiljada", "hiljadama", "din", "dinara",
        "billions", "bn", "of", "dollars", "dolara", "milijardi", "000", "mlrd",
    }]
    return " ".join(words)


def match_header(text: object, dataset: str) -> str | None:
    """Canonical column a header cell means in `dataset`, or None."""
    if text is None:
        return None
    written = str(text)
    forms = _header_forms(written) if len(written) <= 300 else _header_forms.__wrapped__(written)
    phrases = PHRASES[dataset]
    for candidate in forms:
        if candidate in phrases:
            return phrases[candidate]
    return None


@functools.lru_cache(maxsize=8192)
def _header_forms(written: str) -> tuple[str, ...]:
    """The forms a header is looked up by (folded, without its parentheses, without its units), the same
    for every dataset: worked out once per text, not once per cell and dataset."""
    folded = fold(written)
    if not folded:
        return ()
    return folded, fold(_PARENS.sub(" ", written)), _strip_units(folded)


def scale_in(text: str) -> tuple[int, str | None]:
    """(factor, currency) named in a header or title, e.g. "USD millions" -> (1_000_000, "USD")."""
    low = str(text).casefold()
    factor = next((f for f, rx in _SCALES if rx.search(low)), 1)
    currency = next((c for c, rx in _CURRENCY_WORDS if rx.search(low)), None)
    return factor, currency


def _row_matches(row: list[object], dataset: str) -> dict[int, str]:
    found: dict[int, str] = {}
    for pos, cell in enumerate(row):
        if cell is None or not isinstance(cell, str):
            continue
        col = match_header(cell, dataset)
        if col and col not in found.values():
            found[pos] = col
    return found


def find_header(rows: list[list[object]], dataset: str | None = None) -> HeaderMatch | None:
    """The header row among `rows` (a sheet's first rows) and the dataset it belongs to.

    A header row is the row whose cells name the most canonical columns of one dataset (at least
    two); when `dataset` is None, the dataset whose required columns are all present wins, then
    the one with most matches.
    """
    candidates = [dataset] if dataset else list(DATASETS)
    best: tuple[tuple, HeaderMatch] | None = None
    for index, row in enumerate(rows):
        texts = [c for c in row if isinstance(c, str) and c.strip()]
        if len(texts) < 2:
            continue
        for name in candidates:
            found = _row_matches(row, name)
            if len(found) < 2:
                continue
            required = [c.name for c in DATASETS[name].columns if c.required]
            missing = [c for c in required if c not in found.values()]
            if "currency" in missing and any(col == "value" and scale_in(row[pos])[1]
                                             for pos, col in found.items()):
                missing.remove("currency")        # "Value (USD millions)" names the currency
            share = len(found) / len(texts)
            rank = (not missing, len(found) - len(missing), share, -index)
            if best is None or rank > best[0]:
                headers = ["" if c is None else str(c) for c in row]
                unknown = [h for p, h in enumerate(headers) if h.strip() and p not in found]
                best = (rank, HeaderMatch(name, index, found, headers, unknown=unknown,
                                          missing=missing))
    if best is None:
        return None
    match = best[1]
    _units(match, rows[: match.row_index])
    if match.currency and "currency" in match.missing:
        match.missing.remove("currency")
    return match


def _units(match: HeaderMatch, title_rows: list[list[object]]) -> None:
    """Record the scale and currency the value header or the title rows state."""
    for pos, col in match.columns.items():
        if col == "value":
            factor, currency = scale_in(match.headers[pos])
            if factor != 1:
                match.scale, match.scale_text = factor, match.headers[pos]
            match.currency = currency
    if match.scale == 1:
        for row in title_rows:
            for cell in row:
                if isinstance(cell, str) and cell.strip():
                    factor, currency = scale_in(cell)
                    if factor != 1 and re.search(r"(million|thousand|billion|milion|hiljad|milijard|млн|милион|хиљад)", cell.casefold()):
                        match.scale, match.scale_text = factor, cell.strip()[:120]
                        match.currency = match.currency or currency
                        return
