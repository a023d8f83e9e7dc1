"""Who may do what: every write function calls `require` itself, so hiding a page is never the only guard."""
from __future__ import annotations

from dataclasses import dataclass

from dialogue.coded import Coded, said

ROLES = ("viewer", "analyst", "admin")
# What each role may do, cumulative: an analyst can do all a viewer can, an admin all an analyst can.
PERMISSIONS = {
    "read": "viewer",          # dashboards, briefing downloads
    "upload": "analyst",       # ingest, dry runs, commits
    "rollback": "analyst",
    "note": "analyst",
    "assess": "analyst",       # quarterly assessments: record ...
    "approve": "analyst",      # ... and approve another analyst's (dialogue/assessments.py)
    "backup": "admin",
    "manage_users": "admin",
    "manage_targets": "admin",
    "settings": "admin",
}


class PermissionDenied(Coded, PermissionError):
    """The caller's role does not allow this action."""


@dataclass(frozen=True)
class Actor:
    """The signed-in user as the server knows them (never taken from the URL or the client)."""

    user: str
    role: str

    def __post_init__(self):
        if self.role not in ROLES:
            raise ValueError(f"unknown role {self.role!r}; expected one of {', '.join(ROLES)}")

    def can(self, action: str) -> bool:
        needed = PERMISSIONS[action]
        return ROLES.index(self.role) >= ROLES.index(needed)


def require(actor: Actor | None, action: str) -> Actor:
    """Return the actor if their role allows `action`, else raise PermissionDenied."""
    if actor is None:
        raise PermissionDenied("perm_sign_in", action=said(f"perm_{action}"))
    if not actor.can(action):
        raise PermissionDenied("perm_denied", user=actor.user, role=said(f"role_{actor.role}"),
                               action=said(f"perm_{action}"), needed=said(f"role_{PERMISSIONS[action]}"))
    return actor


# The command line runs as the local operator, who owns the database file.
def cli_actor(user: str | None) -> Actor:
    import getpass

    return Actor(user or getpass.getuser(), "admin")
