"""One vocabulary for every stored code: the interface's own labels in every script, plus synonyms.

An uploaded value is accepted when it is a code ("in_force"), a label the pages show for it in English,
Serbian Latin or Serbian Cyrillic, in the full form or the short one before "and"/"i"/a comma
("Bezbednost i odbrana", "bezbednost", "Безбедност"), or a synonym below; case, diacritics, script,
punctuation and the joining words "and"/"i" are ignored ("zivotna" = "životna"). A label added to
dialogue/i18n.py under one of LABEL_PREFIXES is accepted on upload with no second list.
"""
from __future__ import annotations

import functools
import re

from dialogue import datasets as ds
from dialogue.headers import fold

# i18n key prefix -> the codes whose labels it holds (key = prefix + "_" + code).
LABEL_PREFIXES: dict[str, tuple[str, ...]] = {
    "area": (*ds.AREAS, ds.PROCESS_AREA),
    "flow": ds.FLOWS,
    "format": ds.EXERCISE_FORMATS,
    "status": ds.EXERCISE_STATUSES,
    "agstatus": ds.AGREEMENT_STATUSES,
    "category": ds.AGREEMENT_CATEGORIES,
    "evkind": ds.EVENT_KINDS,
    "gstate": ds.GROUP_STATES,
    "astate": ds.ACTION_STATES,
    "cstate": ds.COMMITMENT_STATES,
    "side": ds.SIDES,
    "precision": ds.DATE_PRECISIONS,
    "participation": ds.US_PARTICIPATION,
    "currency": ds.CURRENCIES,
    "partner": ds.PEER_PARTNERS,
    "peerflow": ds.PEER_FLOWS,
}
_JOINERS = {"and", "i"}
_SHORT = re.compile(r",|\s(?:and|i|и|&)\s", re.IGNORECASE)

# Words the labels do not hold: abbreviations, other spellings, the sources' own wording.
SYNONYMS: dict[str, list[str]] = {
    "yes": ["yes", "y", "da", "да", "true", "1", "x", "✓", "participated", "ucestvovala"],
    "no": ["no", "n", "ne", "не", "false", "0", "nije", "без", "bez"],
    "unclear": ["unclear", "unknown", "?", "nejasno", "nepoznato", "нејасно", "непознато"],
    "held": ["held", "done", "completed", "took place", "odrzana", "odrzano", "одржана",
             "одржано", "realizovana", "реализована"],
    "planned": ["planned", "scheduled", "upcoming", "planirana", "planirano", "планирана",
                "планирано", "najavljena", "најављена"],
    "cancelled": ["cancelled", "canceled", "otkazana", "otkazano", "отказана", "отказано"],
    "bilateral": ["bilateral", "bilateralna", "bilateralno", "билатерална", "билатерално"],
    "multinational": ["multinational", "multilateral", "multinacionalna", "multilateralna",
                      "мултинационална", "мултилатерална"],
    "training": ["training", "obuka", "обука"],
    "cyber": ["cyber", "sajber", "сајбер"],
    "police_training": ["police training", "policijska obuka", "полицијска обука"],
    "us_to_serbia": ["us to serbia", "us exports to serbia", "exports to serbia", "us export",
                     "us exports", "sad ka srbiji", "uvoz iz sad", "увоз из сад"],
    "serbia_to_us": ["serbia to us", "us imports from serbia", "imports from serbia",
                     "us import", "us imports", "srbija ka sad", "izvoz u sad", "извоз у сад"],
    "total": ["total", "turnover", "ukupno", "promet", "укупно", "промет"],
    "balance": ["balance", "trade balance", "saldo", "bilans", "салдо", "биланс"],
    "signed": ["signed", "potpisan", "potpisana", "потписан", "потписана"],
    "in_force": ["in force", "entered into force", "na snazi", "на снази"],
    "terminated": ["terminated", "raskinut", "prestao da vazi", "раскинут"],
    "defence": ["defence", "defense", "odbrana", "одбрана", "military", "vojska"],
    "economic": ["economic", "economy", "ekonomija", "ekonomski", "економија", "економски", "ekonomska saradnja",
                 "economic cooperation"],
    "energy": ["energy", "energetika", "енергетика", "energija", "energija i životna sredina", "environment",
               "životna sredina"],
    # delivery datasets (issue 14): states of working groups, actions and commitments, sides
    "coordination_meeting": ["coordination meeting", "sector coordination meeting", "koordinacioni sastanak",
                             "координациони састанак"],
    "working_group_meeting": ["working group meeting", "sastanak radne grupe", "састанак радне групе"],
    "active": ["active", "aktivna", "aktivno", "активна"],
    "paused": ["paused", "on hold", "pauzirana", "na cekanju", "паузирана", "на чекању"],
    "closed": ["closed", "zatvorena", "ugasena", "затворена", "угашена"],
    "done": ["zavrseno", "zavrsena", "izvrseno", "izvrsena", "завршено", "извршено"],
    "in_progress": ["in progress", "ongoing", "started", "u toku", "u realizaciji", "у току", "у реализацији"],
    "delayed": ["delayed", "late", "kasni", "odlozeno", "odlozena", "касни", "одложено", "одложена"],
    "dropped": ["dropped", "abandoned", "odustalo", "obustavljeno", "odbaceno", "обустављено", "одбачено"],
    "open": ["open", "pending", "otvoreno", "otvorena", "otvorena obaveza", "отворено", "отворена"],
    "kept": ["kept", "fulfilled", "ispunjeno", "ispunjena", "испуњено", "испуњена"],
    "partly_kept": ["partly kept", "partially kept", "partly fulfilled", "delimicno ispunjeno",
                    "delimicno ispunjena", "делимично испуњено", "делимично испуњена"],
    "not_kept": ["not kept", "unfulfilled", "broken", "nije ispunjeno", "neispunjeno", "није испуњено",
                 "неиспуњено"],
    "us": ["us", "usa", "u s", "united states", "sad", "americka strana", "сад", "америчка страна"],
    "serbia": ["serbia", "srbija", "srpska strana", "србија", "српска страна"],
    "joint": ["joint", "both", "zajednicki", "zajednicka", "zajedno", "obe strane", "заједнички",
              "заједничка", "обе стране"],
    "security": ["security", "bezbednost", "безбедност", "defence", "defense", "odbrana", "security and defense"],
    "regional": ["regional", "regional initiatives", "regionalne inicijative", "регионалне иницијативе"],
    "european": ["european", "european integration", "evropske integracije", "европске интеграције"],
    "political": ["political", "politicka saradnja", "политичка сарадња"],
    "people": ["people", "people to people", "veze medju ljudima", "везе међу људима"],
    "day": ["day", "dan", "дан"], "month": ["month", "mesec", "месец"], "year": ["year", "godina", "година"],
    "USD": ["usd", "us$", "$", "dollar", "dollars", "us dollar", "dolar"],
    "EUR": ["eur", "€", "euro", "euros", "evro"],
    "RSD": ["rsd", "din", "dinar", "dinara", "дин", "динар"],
}

def key(value: object) -> str:
    """The matching form of a written value: folded (Latin, no diacritics, lower case), joiners dropped."""
    text = str(value)
    folded = fold(text)
    if not folded:
        return text.strip().casefold()             # symbols such as "✓" or "?" match as written
    return " ".join(w for w in folded.split() if w not in _JOINERS)


def _forms(label: str) -> set[str]:
    """A label's full form and its short form (the part before the first "and", "i" or comma)."""
    short = _SHORT.split(label, maxsplit=1)[0]
    return {key(label), key(short)} - {""}


def _label_words() -> dict[str, set[str]]:
    """Every code's labels as the interface shows them, in every language and script."""
    from dialogue import i18n, vocab
    from dialogue.reports import labels

    words: dict[str, set[str]] = {}
    for prefix, codes in LABEL_PREFIXES.items():
        for code in codes:
            for lang in i18n.LANGS:
                if i18n.has(f"{prefix}_{code}"):
                    words.setdefault(code, set()).update(_forms(i18n.t(f"{prefix}_{code}", lang)))
    for area in LABEL_PREFIXES["area"]:
        for lang in i18n.LANGS:
            words.setdefault(area, set()).update(_forms(labels.area_title(area, lang)))
    for status in vocab.STATUSES:
        for lang in i18n.LANGS:
            words.setdefault(status, set()).update(_forms(vocab.status_word(status, lang)))
    for code in ("yes", "no"):
        for lang in i18n.LANGS:
            words.setdefault(code, set()).add(key(i18n.t(code, lang)))
    return words


@functools.lru_cache(maxsize=1)
def vocabulary() -> dict[str, tuple[str, ...]]:
    """Matching form -> the codes it may mean (one per list of allowed codes: see test_code_words)."""
    by_word: dict[str, list[str]] = {}
    sources = [_label_words(), {c: {key(w) for w in ws} for c, ws in SYNONYMS.items()}]
    for words in sources:
        for code, forms in words.items():
            for form in forms | {key(code)}:
                if code not in by_word.setdefault(form, []):
                    by_word[form].append(code)
    return {w: tuple(c) for w, c in by_word.items()}


def resolve(value: str, allowed: tuple[str, ...]) -> str | None:
    """The allowed code a written value means, or None."""
    k = key(value)
    for code in allowed:
        if key(code) == k:
            return code
    return next((c for c in vocabulary().get(k, ()) if c in allowed), None)
