"""Who is signed in, as the server knows it. Placeholder until access control lands: local admin."""
from __future__ import annotations

from dialogue.roles import Actor


def resolve_actor() -> Actor | None:
    """The signed-in actor for this session, or None when sign-in is needed (then show the sign-in page)."""
    return Actor("local", "admin")
