"""Texts and errors named by an i18n key and their values, so each reader (command line or page) sees them in
their own language while str() stays the English text older callers and logs expect."""
from __future__ import annotations

from typing import NamedTuple

from dialogue.i18n import has, t


class Said(NamedTuple):
    """A text to say later in a language not yet known: an i18n key and its values (which may be Said too)."""

    key: str
    params: dict = {}

    def text(self, lang: str = "en") -> str:
        return t(self.key, lang, **{k: say(v, lang) for k, v in self.params.items()})


def said(key: str, **params) -> Said:
    """Said(key, params) written as a call: said("cli_ro_file")."""
    return Said(key, params)


def say(value, lang: str = "en"):
    """`value` in `lang`: a Said or a coded error rendered, anything else unchanged (str() of an exception)."""
    if isinstance(value, Said):
        return value.text(lang)
    if isinstance(value, BaseException):
        return value.said.text(lang) if isinstance(getattr(value, "said", None), Said) else str(value)
    return value


def code_of(exc: BaseException, default: str = "other") -> str:
    """The language-independent code of an error: its i18n key, or `default` for an uncoded one."""
    said_ = getattr(exc, "said", None)
    return said_.key if isinstance(said_, Said) else default


class Coded(Exception):
    """Mixin for an error raised as Error("i18n_key", name=value, ...): str() is the English text, say(exc, lang)
    the text in `lang`, code_of(exc) the key. An error raised with plain text (not a key) keeps that text."""

    def __init__(self, key_or_text: str = "", /, **params):
        if has(key_or_text):
            self.said = Said(key_or_text, params)
            super().__init__(self.said.text("en"))
        else:
            self.said = None
            super().__init__(key_or_text)
