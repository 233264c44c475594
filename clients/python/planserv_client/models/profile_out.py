from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ProfileOut")


@_attrs_define
class ProfileOut:
    """
    Attributes:
        contact_email (str):
        contact_name (str):
        contact_phone (str):
        countries_served (list[str]):
        description (str):
        expertise_tags (list[str]):
        logo_url (None | str):
        name (str):
        offerings_delivered (list[str]):
        partner_id (str):
        published (bool):
        published_at (datetime.datetime | None):
        website (str):
    """

    contact_email: str
    contact_name: str
    contact_phone: str
    countries_served: list[str]
    description: str
    expertise_tags: list[str]
    logo_url: None | str
    name: str
    offerings_delivered: list[str]
    partner_id: str
    published: bool
    published_at: datetime.datetime | None
    website: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        contact_email = self.contact_email

        contact_name = self.contact_name

        contact_phone = self.contact_phone

        countries_served = self.countries_served

        description = self.description

        expertise_tags = self.expertise_tags

        logo_url: None | str
        logo_url = self.logo_url

        name = self.name

        offerings_delivered = self.offerings_delivered

        partner_id = self.partner_id

        published = self.published

        published_at: None | str
        if isinstance(self.published_at, datetime.datetime):
            published_at = self.published_at.isoformat()
        else:
            published_at = self.published_at

        website = self.website

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "contact_email": contact_email,
                "contact_name": contact_name,
                "contact_phone": contact_phone,
                "countries_served": countries_served,
                "description": description,
                "expertise_tags": expertise_tags,
                "logo_url": logo_url,
                "name": name,
                "offerings_delivered": offerings_delivered,
                "partner_id": partner_id,
                "published": published,
                "published_at": published_at,
                "website": website,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        contact_email = d.pop("contact_email")

        contact_name = d.pop("contact_name")

        contact_phone = d.pop("contact_phone")

        countries_served = cast(list[str], d.pop("countries_served"))

        description = d.pop("description")

        expertise_tags = cast(list[str], d.pop("expertise_tags"))

        def _parse_logo_url(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        logo_url = _parse_logo_url(d.pop("logo_url"))

        name = d.pop("name")

        offerings_delivered = cast(list[str], d.pop("offerings_delivered"))

        partner_id = d.pop("partner_id")

        published = d.pop("published")

        def _parse_published_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                published_at_type_0 = datetime.datetime.fromisoformat(data)

                return published_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        published_at = _parse_published_at(d.pop("published_at"))

        website = d.pop("website")

        profile_out = cls(
            contact_email=contact_email,
            contact_name=contact_name,
            contact_phone=contact_phone,
            countries_served=countries_served,
            description=description,
            expertise_tags=expertise_tags,
            logo_url=logo_url,
            name=name,
            offerings_delivered=offerings_delivered,
            partner_id=partner_id,
            published=published,
            published_at=published_at,
            website=website,
        )

        profile_out.additional_properties = d
        return profile_out

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
