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
    """`value` in `lang`: a Said, a coded error or a problem text that remembers its code rendered; anything else
    unchanged (str() of an exception)."""
    if isinstance(value, Said):
        return value.text(lang)
    if isinstance(value, BaseException):
        if isinstance(getattr(value, "said", None), Said):
            return value.said.text(lang)
        first = value.args[0] if len(value.args) == 1 else None
        return _problem_text(first, lang) if _is_problem_text(first) else str(value)
    return _problem_text(value, lang) if _is_problem_text(value) else value


def code_of(exc: BaseException, default: str = "other") -> str:
    """The language-independent code of an error: its i18n key or problem code, or `default` for an uncoded one."""
    said_ = getattr(exc, "said", None)
    if isinstance(said_, Said):
        return said_.key
    first = exc.args[0] if len(exc.args) == 1 else None
    return first.code if _is_problem_text(first) else default


def _is_problem_text(value) -> bool:
    """A text of dialogue.messages that keeps its problem code and params (the storing layer's refusals)."""
    return isinstance(value, str) and isinstance(getattr(value, "code", None), str) and hasattr(value, "params")


def _problem_text(text, lang: str) -> str:
    from dialogue import messages

    return messages.render(text.code, text.params, lang) if text.code in messages.TEMPLATES else str(text)


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
