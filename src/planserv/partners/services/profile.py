"""The business profile (seed step 3): edited by the firm's profile_admin, published to the
partner directory, with a logo stored safely (partners.files)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import transaction
from django.utils.translation import gettext
from django_countries import countries

from planserv.accounts.models import Organisation
from planserv.audit.events import AuditEventType
from planserv.audit.services import audit_record
from planserv.core.actor import Actor
from planserv.core.types import Role
from planserv.partners import files
from planserv.partners.eligibility import enrollments_valid_on
from planserv.partners.errors import (
    DescriptionTooLong,
    InvalidProfile,
    NoLogo,
    OfferingNotEnrolled,
    ProfileAlreadyPublished,
    ProfileIncomplete,
    ProfileNotPublished,
)
from planserv.partners.models import BusinessProfile, ServedCountry
from planserv.partners.services._common import lock_firm, require_firm_role, require_partner_firm
from planserv.program.models import Offering

DESCRIPTION_MAX = 2500
TAGS_MAX = 15
TAG_LENGTH_MAX = 40
PHONE = re.compile(r"^[0-9+() ./-]{0,40}$")


@dataclass(frozen=True)
class ProfileInput:
    """What the profile_admin edits (domain.md section 3)."""

    description: str = ""
    website: str = ""
    countries_served: Sequence[str] = ()
    offerings_delivered: Sequence[str] = ()
    expertise_tags: Sequence[str] = ()
    contact_name: str = ""
    contact_email: str = ""
    contact_phone: str = ""


def _state(profile: BusinessProfile) -> dict[str, Any]:
    return {
        "description": profile.description,
        "website": profile.website,
        "countries_served": sorted(str(row.country) for row in profile.served_countries.all()),
        "offerings_delivered": sorted(o.code for o in profile.offerings_delivered.all()),
        "expertise_tags": profile.tag_list,
        "contact_name": profile.contact_name,
        "contact_email": profile.contact_email,
        "contact_phone": profile.contact_phone,
        "logo": profile.logo_name,
        "is_published": profile.is_published,
    }


def _locked_profile(organisation: Organisation, at: dt.datetime) -> BusinessProfile:
    lock_firm(organisation)
    profile, _ = BusinessProfile.objects.select_for_update().get_or_create(
        organisation=organisation, defaults={"updated_at": at}
    )
    return profile


def _printable(value: str, label: str) -> str:
    """Refuse NUL and other control characters (line breaks and tabs excepted)."""
    if any(not character.isprintable() and character not in "\n\t" for character in value):
        raise InvalidProfile(
            gettext("The %(label)s contains control characters.") % {"label": label}
        )
    return value


def _clean_text(value: str, limit: int, label: str) -> str:
    value = _printable(value.replace("\r\n", "\n").strip(), label)
    if len(value) > limit:
        raise InvalidProfile(
            gettext("The %(label)s may have at most %(limit)s characters.")
            % {"label": label, "limit": limit}
        )
    return value


def _clean_description(value: str) -> str:
    value = _printable(value.replace("\r\n", "\n").strip(), "description")
    if len(value) > DESCRIPTION_MAX:
        raise DescriptionTooLong(
            gettext(
                "The description has %(length)s characters; at most %(DESCRIPTION_MAX)s are "
                "allowed."
            )
            % {"length": len(value), "DESCRIPTION_MAX": DESCRIPTION_MAX},
            details={"length": len(value), "max": DESCRIPTION_MAX},
        )
    return value


def _clean_website(value: str) -> str:
    value = _printable(value.strip(), "website")
    if not value:
        return ""
    try:
        URLValidator(schemes=["http", "https"])(value)
    except ValidationError:
        raise InvalidProfile(
            gettext("The website %(website)r must be an http or https address.")
            % {"website": value}
        ) from None
    if len(value) > 300:
        raise InvalidProfile(gettext("The website address may have at most 300 characters."))
    return value


def _clean_countries(values: Sequence[str]) -> list[str]:
    known = dict(countries)
    cleaned = sorted({value.strip().upper()[:3] for value in values if value.strip()})
    unknown = [value for value in cleaned if value not in known]
    if unknown:
        raise InvalidProfile(
            gettext("Not ISO 3166 country codes: %(unknown)s.") % {"unknown": ", ".join(unknown)}
        )
    return cleaned


def _clean_tags(values: Sequence[str]) -> list[str]:
    tags = list(dict.fromkeys(" ".join(tag.replace(",", " ").split()) for tag in values))
    tags = [_printable(tag, "expertise tag") for tag in tags if tag]
    if len(tags) > TAGS_MAX:
        raise InvalidProfile(
            gettext("At most %(TAGS_MAX)s expertise tags are allowed.") % {"TAGS_MAX": TAGS_MAX}
        )
    long_tags = [tag for tag in tags if len(tag) > TAG_LENGTH_MAX]
    if long_tags:
        raise InvalidProfile(
            gettext("An expertise tag may have at most %(TAG_LENGTH_MAX)s characters.")
            % {"TAG_LENGTH_MAX": TAG_LENGTH_MAX}
        )
    return tags


def _clean_contact(data: ProfileInput) -> tuple[str, str, str]:
    name = _clean_text(data.contact_name, 150, "contact name")
    email = _printable(data.contact_email.strip().lower(), "contact email")
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise InvalidProfile(
                gettext("%(email)r is not an email address.") % {"email": email}
            ) from None
    phone = data.contact_phone.strip()
    if not PHONE.match(phone):
        raise InvalidProfile(
            gettext("The phone number may contain digits, spaces and + ( ) . / - only.")
        )
    return name, email, phone


def _offerings(
    profile: BusinessProfile, codes: Sequence[str], organisation: Organisation, today: dt.date
) -> list[Offering]:
    wanted = sorted({code.strip()[:20] for code in codes if code.strip()})
    offerings = list(Offering.objects.filter(code__in=wanted).order_by("code"))
    unknown = sorted(set(wanted) - {offering.code for offering in offerings})
    if unknown:
        raise InvalidProfile(
            gettext("Unknown offerings: %(unknown)s.") % {"unknown": ", ".join(unknown)}
        )
    already = {offering.pk for offering in profile.offerings_delivered.all()}
    enrolled = enrollments_valid_on(organisation=organisation, on=today)
    missing = [o.code for o in offerings if o.pk not in already and o.pk not in enrolled]
    if missing:
        raise OfferingNotEnrolled(
            gettext(
                "The profile can list only offerings the firm is enrolled in on %(today)s; not "
                "enrolled in: %(missing)s (R-ENR-1)."
            )
            % {"today": today.isoformat(), "missing": ", ".join(missing)},
            details={"offerings": missing},
        )
    return offerings


@transaction.atomic
def profile_update(
    *,
    organisation: Organisation,
    data: ProfileInput,
    actor: Actor,
    today: dt.date,
    at: dt.datetime,
) -> BusinessProfile:
    """Replace the profile's fields (profile_admin). Description at most 2,500 characters; newly
    listed offerings must be enrolled on `today`. Raises Forbidden, DescriptionTooLong,
    InvalidProfile, OfferingNotEnrolled."""
    require_firm_role(
        actor, organisation, Role.PROFILE_ADMIN, action=gettext("edit the business profile")
    )
    require_partner_firm(organisation)
    description = _clean_description(data.description)
    website = _clean_website(data.website)
    country_codes = _clean_countries(data.countries_served)
    tags = _clean_tags(data.expertise_tags)
    contact_name, contact_email, contact_phone = _clean_contact(data)
    profile = _locked_profile(organisation, at)
    offerings = _offerings(profile, data.offerings_delivered, organisation, today)
    before = _state(profile)
    profile.description = description
    profile.website = website
    profile.expertise_tags = ", ".join(tags)
    profile.contact_name = contact_name
    profile.contact_email = contact_email
    profile.contact_phone = contact_phone
    profile.updated_at = at
    profile.save()
    profile.offerings_delivered.set(offerings)
    ServedCountry.objects.filter(profile=profile).exclude(country__in=country_codes).delete()
    existing = set(ServedCountry.objects.filter(profile=profile).values_list("country", flat=True))
    ServedCountry.objects.bulk_create(
        ServedCountry(profile=profile, country=code)
        for code in country_codes
        if code not in existing
    )
    profile = BusinessProfile.objects.prefetch_related(
        "served_countries", "offerings_delivered"
    ).get(pk=profile.pk)
    _audit(actor, profile, AuditEventType.BUSINESS_PROFILE_UPDATED, today, at, before=before)
    return profile


def _audit(
    actor: Actor,
    profile: BusinessProfile,
    action: AuditEventType,
    today: dt.date,
    at: dt.datetime,
    *,
    before: dict[str, Any] | None,
    extra: dict[str, Any] | None = None,
) -> None:
    organisation = profile.organisation
    audit_record(
        actor=actor,
        action=action,
        subject=profile,
        at=at,
        program_date=today,
        before=before,
        after=_state(profile) | (extra or {}),
        organisation_id=organisation.pk,
        organisation_label=organisation.name,
    )


def _missing_for_publication(profile: BusinessProfile) -> list[str]:
    missing = []
    if not profile.description:
        missing.append(gettext("a description"))
    if not profile.served_countries.exists():
        missing.append(gettext("at least one country served"))
    if not profile.contact_email:
        missing.append(gettext("a contact email"))
    return missing


@transaction.atomic
def profile_publish(
    *, organisation: Organisation, actor: Actor, today: dt.date, at: dt.datetime
) -> BusinessProfile:
    """Show the profile in the directory (listed while the firm is enrolled). profile_admin.
    Raises Forbidden, ProfileIncomplete, ProfileAlreadyPublished."""
    require_firm_role(
        actor, organisation, Role.PROFILE_ADMIN, action=gettext("publish the profile")
    )
    profile = _locked_profile(organisation, at)
    if profile.is_published:
        raise ProfileAlreadyPublished(gettext("The profile is already published."))
    missing = _missing_for_publication(profile)
    if missing:
        raise ProfileIncomplete(
            gettext("The profile needs %(missing)s before it can be published.")
            % {"missing": ", ".join(missing)},
            details={"missing": missing},
        )
    before = _state(profile)
    profile.is_published = True
    profile.published_at = at
    profile.updated_at = at
    profile.save(update_fields=["is_published", "published_at", "updated_at"])
    _audit(actor, profile, AuditEventType.BUSINESS_PROFILE_PUBLISHED, today, at, before=before)
    return profile


@transaction.atomic
def profile_unpublish(
    *, organisation: Organisation, actor: Actor, today: dt.date, at: dt.datetime
) -> BusinessProfile:
    """Withdraw the profile from the directory. profile_admin. Raises ProfileNotPublished."""
    require_firm_role(
        actor, organisation, Role.PROFILE_ADMIN, action=gettext("unpublish the profile")
    )
    profile = _locked_profile(organisation, at)
    if not profile.is_published:
        raise ProfileNotPublished(gettext("The profile is not published."))
    before = _state(profile)
    profile.is_published = False
    profile.updated_at = at
    profile.save(update_fields=["is_published", "updated_at"])
    _audit(actor, profile, AuditEventType.BUSINESS_PROFILE_UNPUBLISHED, today, at, before=before)
    return profile


@transaction.atomic
def profile_logo_upload(
    *,
    organisation: Organisation,
    content: bytes,
    filename: str,
    actor: Actor,
    today: dt.date,
    at: dt.datetime,
) -> BusinessProfile:
    """Replace the logo: at most 1 MB, PNG/JPEG/GIF/WebP by content, stored under a generated name
    (the uploaded name is only recorded in the audit). Raises FileTooLarge, UnsupportedFileType."""
    require_firm_role(actor, organisation, Role.PROFILE_ADMIN, action=gettext("upload the logo"))
    image = files.logo_check(content)
    profile = _locked_profile(organisation, at)
    before = _state(profile)
    previous = profile.logo_name
    name = files.logo_store(image)
    try:
        profile.logo_name = name
        profile.logo_content_type = image.content_type
        profile.logo_size = len(image.content)
        profile.updated_at = at
        profile.save(update_fields=["logo_name", "logo_content_type", "logo_size", "updated_at"])
        _audit(
            actor,
            profile,
            AuditEventType.BUSINESS_PROFILE_LOGO_UPLOADED,
            today,
            at,
            before=before,
            extra={"uploaded_name": filename[:200], "size": len(image.content)},
        )
    except Exception:
        files.logo_delete(name)
        raise
    if previous:
        transaction.on_commit(lambda: files.logo_delete(previous))
    return profile


@transaction.atomic
def profile_logo_remove(
    *, organisation: Organisation, actor: Actor, today: dt.date, at: dt.datetime
) -> BusinessProfile:
    """Remove the logo (profile_admin). Raises NoLogo when there is none."""
    require_firm_role(actor, organisation, Role.PROFILE_ADMIN, action=gettext("remove the logo"))
    profile = _locked_profile(organisation, at)
    if not profile.logo_name:
        raise NoLogo(gettext("The profile has no logo to remove."))
    before = _state(profile)
    previous = profile.logo_name
    profile.logo_name = ""
    profile.logo_content_type = ""
    profile.logo_size = 0
    profile.updated_at = at
    profile.save(update_fields=["logo_name", "logo_content_type", "logo_size", "updated_at"])
    _audit(actor, profile, AuditEventType.BUSINESS_PROFILE_LOGO_REMOVED, today, at, before=before)
    transaction.on_commit(lambda: files.logo_delete(previous))
    return profile
