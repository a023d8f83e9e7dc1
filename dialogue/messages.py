"""Problem texts by stable code, so one problem is shown in the reader's language (en, sr-Latn, sr-Cyrl)."""
from __future__ import annotations

import re

from dialogue.translit import to_cyrillic

LANGS = ("en", "sr-Latn", "sr-Cyrl")
OTHER = "other"          # a problem whose text has no template yet: shown as written (English)

# code -> (English, Serbian Latin); Cyrillic is transliterated from the Latin, as dialogue/i18n.py does.
TEMPLATES: dict[str, tuple[str, str]] = {
    "date_out_of_range": ("date out of range; expected a date between 1900 and 2100",
                          "datum je van opsega; očekuje se datum između 1900. i 2100. godine"),
    "required_missing": ("Required column {name!r} is missing ({about}).",
                         "Nedostaje obavezna kolona {name!r} ({about})."),
    "value_required": ("a value is required in {name!r}", "vrednost je obavezna u koloni {name!r}"),
    "not_an_int": ("cannot read this as int; expected a whole number",
                   "ovo nije moguće pročitati kao ceo broj; očekuje se ceo broj"),
    "not_a_number": ("cannot read this as number; expected a number such as 1234.5, 1,234.5 or 1.234,5",
                     "ovo nije moguće pročitati kao broj; očekuje se broj kao 1234.5, 1,234.5 ili 1.234,5"),
    "not_a_date": ("cannot read this as date; expected a date such as 2023-06-15, 15.06.2023. or June 2023",
                   "ovo nije moguće pročitati kao datum; očekuje se datum kao 2023-06-15, 15.06.2023. ili jun 2023"),
    "not_a_bool": ("cannot read this as bool; expected yes or no (da/ne, да/не)",
                   "ovo nije moguće pročitati kao da/ne; očekuje se da ili ne (yes/no)"),
    "unknown_code": ("cannot read this as a code; expected one of: {codes}",
                     "ovo nije poznata šifra; očekuje se jedna od: {codes}"),
    "number_out_of_range": ("the number is out of range (infinite, or beyond ±{bound}{scaled}); "
                            "expected a real figure in whole units",
                            "broj je van opsega (beskonačan, ili veći od ±{bound}{scaled}); "
                            "očekuje se stvarna vrednost u celim jedinicama"),
    "text_too_long": ("the cell holds more than {limit} characters (Excel's own limit); shorten it",
                      "ćelija ima više od {limit} znakova (Excelova granica); skratite je"),
    "formula_refused": ("the cell looks like a spreadsheet formula; formulas are refused (type the value "
                        "itself, or start the text with an apostrophe)",
                        "ćelija liči na formulu; formule se ne prihvataju (upišite samu vrednost, ili počnite "
                        "tekst apostrofom)"),
    "excel_error": ("the cell holds an Excel error (a formula that failed); a value is required here: fix "
                    "the formula in the source or type the value",
                    "ćelija sadrži Excel grešku (formula nije uspela); ovde je vrednost obavezna: ispravite "
                    "formulu u izvoru ili upišite vrednost"),
    "year_out_of_range": ("year out of range; expected {low}-{high}",
                          "godina je van opsega; očekuje se {low}-{high}"),
    "month_out_of_range": ("month out of range; expected 1-12, or empty for an annual figure",
                           "mesec je van opsega; očekuje se 1-12, ili prazno za godišnji podatak"),
    "end_before_start": ("the end date is before the start date; expected an end date on or after the start",
                         "datum završetka je pre datuma početka; očekuje se završetak na dan početka ili posle"),
    "due_before_start": ("the due date is before the start date; expected a due date on or after the start",
                         "rok je pre datuma početka; očekuje se rok na dan početka ili posle"),
    "progress_out_of_range": ("progress out of range; expected a percent, 0-100",
                              "napredak je van opsega; očekuje se procenat, 0-100"),
    "quantity_negative": ("quantity is negative; expected 0 or more",
                          "količina je negativna; očekuje se 0 ili više"),
    "trade_flow_negative": ("a trade flow cannot be negative; expected 0 or more (only a balance can be negative)",
                            "tok trgovine ne može biti negativan; očekuje se 0 ili više (samo saldo može biti "
                            "negativan)"),
    "value_negative": ("value is negative; expected 0 or more", "vrednost je negativna; očekuje se 0 ili više"),
    "duplicate_key": ("the same {dataset} key ({key}) is already on row {first}; each row needs a unique key",
                      "isti ključ ({key}) skupa {dataset} već je u redu {first}; svaki red mora imati jedinstven "
                      "ključ"),
    "repeated_key": ("the same {key} appears again (first in row {first}); expected each key once per file",
                     "isti {key} se ponavlja (prvi put u redu {first}); očekuje se svaki ključ jednom u datoteci"),
    "more_repeated_keys": ("{count} more rows repeat a key", "još {count} redova ponavlja ključ"),
    "synthetic_in_reference": ("marked synthetic (demo data), but this is the reference workspace, where every "
                               "row is a real, cited figure; load demo rows into the demo workspace, or mark real "
                               "rows synthetic = no",
                               "označeno kao sintetičko (demo podaci), a ovo je referentni radni prostor, gde je "
                               "svaki red stvaran, naveden podatak; demo redove učitajte u demo radni prostor, ili "
                               "stvarne redove označite synthetic = no"),
    "dataset_unknown": ("could not tell which dataset this file holds; name it with --dataset "
                        "(trade, exercises, agreements or events) or use the template's column names",
                        "nije moguće odrediti koji skup podataka je u datoteci; navedite ga sa --dataset "
                        "(trade, exercises, agreements ili events) ili koristite nazive kolona iz šablona"),
}
from dialogue.messages_reading import READING  # noqa: E402 - the reading layers' block, merged below

TEMPLATES.update(READING)
# Appended when a problem's rows beyond the listed ones are summarised in one line.
MORE_ROWS = (" (also in {count} more rows: {rows})", " (i u još {count} redova: {rows})")


class Said(str):
    """English text that keeps its code and params, so a warning or refusal that travels as a plain
    string (lists of warnings, exception messages) can still be said again in the reader's language."""

    code: str
    params: dict


def said(code: str, /, **params) -> Said:
    """The English text of `code` as a Said, remembering `code` and `params` for say()."""
    text = Said(render(code, params))
    text.code, text.params = code, params
    return text


def say(text: str, lang: str = "en") -> str:
    """A warning or message in `lang`: a Said rendered from its code, any other text as written."""
    code = getattr(text, "code", None)
    if code in TEMPLATES and lang != "en":
        return render(code, text.params, lang)
    return str(text)


# Names a problem text quotes as written (programs, source files and their columns, command-line options): kept in
# Latin letters in Cyrillic text, where letter-by-letter they would be unreadable ("Wорд", "--енцодинг").
_KEEP_LATIN = re.compile(r"(--[a-z][a-z-]*|\bcountry\.xlsx\b|\bc4801\b|Trade in Goods with(?: Serbia)?|<country>|(?:UN )?Comtrade\b|(?<=X ili )M\b|\bJanuary 2025\b|\bCensus\b"
                         r"|\b(?:Word|PowerPoint|OpenDocument|LibreOffice|Office|nZemlja|nTok|nValuta|nJedMere|merge"
                         r"|replace)\b)")


def _cyrillic(text: str) -> str:
    parts, last = [], 0
    for m in _KEEP_LATIN.finditer(text):
        parts += [to_cyrillic(text[last:m.start()]), m.group(0)]
        last = m.end()
    text = "".join(parts) + to_cyrillic(text[last:])
    return re.sub(r"\bG{4}(M{2})?\b", lambda m: "ГГГГ" + ("ММ" if m.group(1) else ""), text)   # date formats


def _said_in(value, lang: str):
    """A param in `lang`: a Said rendered from its code; a list of texts joined with commas, a tuple with
    semicolons (for items that hold commas themselves); anything else as is."""
    if isinstance(value, Said):
        return say(value, lang)
    if isinstance(value, (list, tuple)) and any(isinstance(v, Said) for v in value):
        return ("; " if isinstance(value, tuple) else ", ").join(say(v, lang) for v in value)
    return value


def _pick(pair: tuple[str, str], lang: str) -> str:
    if lang == "sr-Cyrl":
        return _cyrillic(pair[1])
    return pair[1] if lang == "sr-Latn" else pair[0]


def render(code: str, params: dict | None = None, lang: str = "en") -> str:
    """The text of problem `code` in `lang`, its {placeholders} filled from `params`."""
    params = {k: _said_in(v, lang) for k, v in (params or {}).items()}
    text = _pick(TEMPLATES[code], lang).format(**params)
    if params.get("more_count"):
        text += _pick(MORE_ROWS, lang).format(count=params["more_count"], rows=params["more_rows"])
    return text


def localized(problem: dict, lang: str = "en") -> dict:
    """A problem dict for output: the machine fields, its `code`, and `message` in `lang` (no params)."""
    out = {k: v for k, v in problem.items() if k != "params"}
    code = out.setdefault("code", OTHER)
    if code in TEMPLATES and lang != "en":
        out["message"] = render(code, problem.get("params"), lang)
    return out


def said_all(texts: list[str], lang: str = "en") -> list[str]:
    """Every warning of a report, each through say()."""
    return [say(text, lang) for text in texts]


def localized_all(problems: list[dict], lang: str = "en") -> list[dict]:
    """Every problem of a report, each through localized()."""
    return [localized(p, lang) for p in problems]
