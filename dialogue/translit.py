"""Serbian Latin to Cyrillic, so every Serbian string is written once (in Latin) and shown in both scripts."""
from __future__ import annotations

import re

_DIGRAPHS = {"Lj": "Љ", "LJ": "Љ", "lj": "љ", "Nj": "Њ", "NJ": "Њ", "nj": "њ", "Dž": "Џ", "DŽ": "Џ", "dž": "џ"}
_SINGLE = dict(zip(
    "ABVGDĐEŽZIJKLMNOPRSTĆUFHCČŠabvgdđežzijklmnoprstćufhcčš",
    "АБВГДЂЕЖЗИЈКЛМНОПРСТЋУФХЦЧШабвгдђежзијклмнопрстћуфхцчш",
))
# Leave untouched what is not Serbian prose: URLs, e-mail addresses, ids in backticks or with
# hyphens/underscores (target ids), codes and identifiers in capitals of 2+ letters (USD, EUR, DFC,
# DIALOGUE_DB), product names written in Latin in Serbian text too (UN Comtrade), {placeholders}.
# Roman numerals stay Latin too ("Korak I", "Korak V": not "Корак И", "Корак В"); a capital I followed by a word is
# the conjunction "I" starting a sentence, unless it follows "korak".
_PROTECT = re.compile(r"(https?://\S+|\S+@\S+|`[^`]*`|\b[a-z0-9]+(?:[-_][a-z0-9]+)+\b|UN Comtrade"
                      r"|\b[A-Z_]{2,}\b|\{[^}]*\}|(?<=orak )I\b|\bI\b(?![ \t]+\w)|\bV\b)")
# Capitals that are Serbian words or Serbian acronyms, not codes: written in Cyrillic like the rest
# (English codes such as USD, EUR, DFC, PDF stay Latin because they are not listed here).
SERBIAN_CAPITALS = {
    "SAD": "САД", "EU": "ЕУ", "UN": "УН", "NATO": "НАТО", "RZS": "РЗС", "OEBS": "ОЕБС",
    "DEMO": "ДЕМО", "PODACI": "ПОДАЦИ", "NE": "НЕ",
}


def _convert(text: str) -> str:
    out, i = [], 0
    while i < len(text):
        pair = text[i:i + 2]
        if pair in _DIGRAPHS:
            out.append(_DIGRAPHS[pair])
            i += 2
        else:
            out.append(_SINGLE.get(text[i], text[i]))
            i += 1
    return "".join(out)


def to_cyrillic(text: str) -> str:
    """Transliterate Serbian Latin text to Cyrillic, keeping URLs, codes, ids and {placeholders}
    (Serbian acronyms such as SAD and EU are Cyrillic: SERBIAN_CAPITALS)."""
    parts, last = [], 0
    for m in _PROTECT.finditer(text):
        parts.append(_convert(text[last:m.start()]))
        parts.append(SERBIAN_CAPITALS.get(m.group(0), m.group(0)))
        last = m.end()
    parts.append(_convert(text[last:]))
    return "".join(parts)
