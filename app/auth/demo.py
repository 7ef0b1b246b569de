"""Demo accounts: two provider organizations, two reviewers, an administrator and a peer."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.auth.models import Organization, Role, User
from app.auth.services import verified_user
from app.dbtypes import utcnow

DEMO_PASSWORD = "demo-password-1"  # noqa: S105 (demo accounts, printed on purpose)
ORGANIZATIONS = {
    "a": ("Golden State Peer Training", "training@goldenstate.example"),
    "b": ("Sierra Recovery Collaborative", "office@sierra.example"),
}
USERS = {
    "admin": ("admin@curriculum.example", "Alex Admin", Role.ADMIN, None),
    "reviewer": ("reviewer@curriculum.example", "Riley Reviewer", Role.REVIEWER, None),
    "reviewer2": ("reviewer2@curriculum.example", "Robin Second-Reviewer", Role.REVIEWER, None),
    "provider": ("provider@goldenstate.example", "Pat Provider", Role.PROVIDER, "a"),
    "provider_b": ("provider@sierra.example", "Sam Sierra", Role.PROVIDER, "b"),
    "peer": ("peer@curriculum.example", "Jordan Peer", Role.PEER, None),
}


def seed(session: Session, seeded: dict) -> None:
    """Create what does not exist yet; put users and organizations in ``seeded``."""
    organizations = seeded.setdefault("organizations", {})
    for key, (name, contact) in ORGANIZATIONS.items():
        organization = session.scalar(select(Organization).where(Organization.name == name))
        if organization is None:
            organization = Organization(
                name=name, contact_email=contact, approved=True, approved_at=utcnow()
            )
            session.add(organization)
        organizations[key] = organization
    session.flush()
    users = seeded.setdefault("users", {})
    credentials = seeded.setdefault("credentials", [])
    for key, (email, name, role, organization_key) in USERS.items():
        user = session.scalar(select(User).where(User.email == email))
        if user is None:
            user = verified_user(
                email,
                name,
                role,
                DEMO_PASSWORD,
                organizations[organization_key] if organization_key else None,
            )
            session.add(user)
        users[key] = user
        credentials.append(f"{role.value:<9} {email:<32} {DEMO_PASSWORD}")
    session.flush()
