from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ProfileIn")


@_attrs_define
class ProfileIn:
    """
    Attributes:
        contact_email (str | Unset):  Default: ''.
        contact_name (str | Unset):  Default: ''.
        contact_phone (str | Unset):  Default: ''.
        countries_served (list[str] | Unset):
        description (str | Unset):  Default: ''.
        expertise_tags (list[str] | Unset):
        offerings_delivered (list[str] | Unset):
        website (str | Unset):  Default: ''.
    """

    contact_email: str | Unset = ""
    contact_name: str | Unset = ""
    contact_phone: str | Unset = ""
    countries_served: list[str] | Unset = UNSET
    description: str | Unset = ""
    expertise_tags: list[str] | Unset = UNSET
    offerings_delivered: list[str] | Unset = UNSET
    website: str | Unset = ""
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        contact_email = self.contact_email

        contact_name = self.contact_name

        contact_phone = self.contact_phone

        countries_served: list[str] | Unset = UNSET
        if not isinstance(self.countries_served, Unset):
            countries_served = self.countries_served

        description = self.description

        expertise_tags: list[str] | Unset = UNSET
        if not isinstance(self.expertise_tags, Unset):
            expertise_tags = self.expertise_tags

        offerings_delivered: list[str] | Unset = UNSET
        if not isinstance(self.offerings_delivered, Unset):
            offerings_delivered = self.offerings_delivered

        website = self.website

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if contact_email is not UNSET:
            field_dict["contact_email"] = contact_email
        if contact_name is not UNSET:
            field_dict["contact_name"] = contact_name
        if contact_phone is not UNSET:
            field_dict["contact_phone"] = contact_phone
        if countries_served is not UNSET:
            field_dict["countries_served"] = countries_served
        if description is not UNSET:
            field_dict["description"] = description
        if expertise_tags is not UNSET:
            field_dict["expertise_tags"] = expertise_tags
        if offerings_delivered is not UNSET:
            field_dict["offerings_delivered"] = offerings_delivered
        if website is not UNSET:
            field_dict["website"] = website

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        contact_email = d.pop("contact_email", UNSET)

        contact_name = d.pop("contact_name", UNSET)

        contact_phone = d.pop("contact_phone", UNSET)

        countries_served = cast(list[str], d.pop("countries_served", UNSET))

        description = d.pop("description", UNSET)

        expertise_tags = cast(list[str], d.pop("expertise_tags", UNSET))

        offerings_delivered = cast(list[str], d.pop("offerings_delivered", UNSET))

        website = d.pop("website", UNSET)

        profile_in = cls(
            contact_email=contact_email,
            contact_name=contact_name,
            contact_phone=contact_phone,
            countries_served=countries_served,
            description=description,
            expertise_tags=expertise_tags,
            offerings_delivered=offerings_delivered,
            website=website,
        )

        profile_in.additional_properties = d
        return profile_in

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
