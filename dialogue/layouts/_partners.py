"""Who a region file (dataset peer_trade) is about: the partners' names and codes every peer layout recognises.

A partner is recognised by its name (as Census, Comtrade and common variants spell it) or by its code; a name and
a code that point to two different partners raise Clash, which the layout reports at the cell. Census codes are
the Schedule C codes formats.md confirms; Comtrade codes are the UN numeric ones. Kosovo has no UN Comtrade code.
"""
from __future__ import annotations

from dialogue.layouts._source_cells import fold
from dialogue.messages import said

PARTNER_NAMES = {
    "AL": "Albania", "BA": "Bosnia and Herzegovina", "XK": "Kosovo", "ME": "Montenegro",
    "MK": "North Macedonia", "RS": "Serbia", "HR": "Croatia",
}
NAME_VARIANTS = {
    "albania": "AL", "bosnia and herzegovina": "BA", "bosnia & herzegovina": "BA", "bosnia-herzegovina": "BA",
    "bosnia herzegovina": "BA", "kosovo": "XK", "montenegro": "ME", "north macedonia": "MK", "macedonia": "MK",
    "the former yugoslav republic of macedonia": "MK", "tfyr of macedonia": "MK", "serbia": "RS", "croatia": "HR",
}
CENSUS_CODES = {"4801": "RS", "4803": "XK", "4804": "ME"}
COMTRADE_CODES = {"8": "AL", "70": "BA", "499": "ME", "807": "MK", "191": "HR", "688": "RS"}
NO_COMTRADE_CODE = said("no_comtrade_code_kosovo")


class Clash(ValueError):
    """A code and a name that cannot be stored: they name two different partners, or one the source has no code for."""

    def __init__(self, message: str, column: str | None = None):     # message: a Said, so it keeps its code
        super().__init__(message)
        self.column = column          # the reading's role of the cell at fault, when the layout knows it


def partner(code: str, name: object, codes: dict[str, str]) -> str | None:
    """The partner (ISO alpha-2) a code and a name give, None when neither is one of the region's."""
    by_name, by_code = NAME_VARIANTS.get(fold(name)), codes.get(code)
    if by_name and by_code and by_name != by_code:
        raise Clash(said("code_name_clash", cty=code, by_code=PARTNER_NAMES[by_code], name=name))
    return by_name or by_code


def absent(found) -> list[str]:
    """The names of the region's partners not among `found`, in the dataset's order."""
    return [name for code, name in PARTNER_NAMES.items() if code not in found]
