"""The directory's queries (a fixed number per page) and the provider's listing details."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from app.audit.services import record_by
from app.auth.models import Organization, User
from app.directory.models import FORMATS, CourseListing
from app.errors import DomainError
from app.providers.models import ProviderStanding
from app.providers.standing import Standing
from app.submissions.models import Curriculum
from app.submissions.states import APPROVED_STATES

PER_PAGE = 20
ONLINE = "online"  # the place filter's value for courses given online (or hybrid)


@dataclass(frozen=True)
class Filters:
    program: str = ""  # a program id, "" for every type
    place: str = ""  # a county, ONLINE, or ""
    language: str = ""
    delivery_format: str = ""  # in_person, online, hybrid or ""


@dataclass(frozen=True)
class Course:
    curriculum: Curriculum
    organization: Organization
    listing: CourseListing | None


@dataclass(frozen=True)
class DirectoryPage:
    courses: list[Course]
    total: int
    page: int
    pages: int
    counties: list[str]
    languages: list[str]


def _listed(today: date, *columns):
    """Approved curricula whose approval is in force, of providers in good standing."""
    barred = select(ProviderStanding.organization_id).where(
        ProviderStanding.standing != Standing.GOOD
    )
    return (
        select(*(columns or (Curriculum, Organization, CourseListing)))
        .select_from(Curriculum)
        .join(Organization, Organization.id == Curriculum.organization_id)
        .outerjoin(CourseListing, CourseListing.curriculum_id == Curriculum.id)
        .where(Curriculum.state.in_(APPROVED_STATES))
        .where(or_(Curriculum.expires_on.is_(None), Curriculum.expires_on >= today))
        .where(Organization.id.not_in(barred))
    )


def _filtered(query, filters: Filters):
    if filters.program:
        query = query.where(Curriculum.program == filters.program)
    if filters.language:
        query = query.where(Curriculum.language == filters.language)
    if filters.delivery_format:
        query = query.where(CourseListing.delivery_format == filters.delivery_format)
    if filters.place == ONLINE:
        query = query.where(CourseListing.delivery_format.in_(("online", "hybrid")))
    elif filters.place:
        query = query.where(
            and_(CourseListing.county == filters.place, CourseListing.delivery_format != "online")
        )
    return query


def directory_page(
    session: Session, filters: Filters, *, today: date, page: int = 1
) -> DirectoryPage:
    """One page of the directory, by title, and the counties and languages to filter by (four
    queries whatever the page holds)."""
    listed = _filtered(_listed(today), filters)
    total = session.scalar(select(func.count()).select_from(listed.subquery())) or 0
    pages = max(1, -(-total // PER_PAGE))
    page = min(max(page, 1), pages)
    rows = session.execute(
        listed.order_by(Curriculum.title, Curriculum.id)
        .limit(PER_PAGE)
        .offset((page - 1) * PER_PAGE)
    ).all()
    counties = session.scalars(
        _listed(today, CourseListing.county).where(CourseListing.county != "").distinct()
    ).all()
    languages = session.scalars(_listed(today, Curriculum.language).distinct()).all()
    return DirectoryPage(
        courses=[Course(c, o, listing) for c, o, listing in rows],
        total=total,
        page=page,
        pages=pages,
        counties=sorted(county for county in counties if county),
        languages=sorted(language for language in languages if language),
    )


def listed_course(session: Session, curriculum_id: int, *, today: date) -> Course | None:
    """One course of the directory, or None when it is not listed (not approved, expired, or
    its provider is not in good standing)."""
    row = session.execute(_listed(today).where(Curriculum.id == curriculum_id)).first()
    return Course(*row) if row else None


def listing_of(session: Session, curriculum_id: int) -> CourseListing | None:
    return session.get(CourseListing, curriculum_id)


def save_listing(
    session: Session,
    actor: User,
    curriculum: Curriculum,
    *,
    delivery_format: str,
    county: str,
    place: str,
    contact: str,
) -> CourseListing:
    """Set what the directory shows of a curriculum; audited with the values before and after."""
    if delivery_format and delivery_format not in FORMATS:
        raise DomainError("Choose in person, online or hybrid, or leave the format blank.")
    values = {
        "delivery_format": delivery_format,
        "county": " ".join(county.split()),
        "place": " ".join(place.split()),
        "contact": contact.strip(),
    }
    listing = session.get(CourseListing, curriculum.id)
    before = {k: getattr(listing, k) for k in values} if listing else {}
    if listing is None:
        listing = CourseListing(curriculum_id=curriculum.id)
        session.add(listing)
    for key, value in values.items():
        setattr(listing, key, value)
    listing.updated_by_id = actor.id
    record_by(
        session,
        actor,
        "curriculum",
        curriculum.id,
        "directory_listing",
        details={"before": before, "after": values},
    )
    session.flush()
    return listing
