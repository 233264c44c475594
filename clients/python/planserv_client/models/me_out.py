from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.organisation_out import OrganisationOut


T = TypeVar("T", bound="MeOut")


@_attrs_define
class MeOut:
    """
    Attributes:
        email (str):
        organisation (OrganisationOut):
        role (str):
        language (str | Unset): Your language preference for the portal and email (en, de, fr, es, ja); empty: the
            browser's. API error messages follow the request's Accept-Language. Default: ''.
        time_zone (str | Unset): The IANA time zone the portal shows times of day in; empty: the program's. Default: ''.
    """

    email: str
    organisation: OrganisationOut
    role: str
    language: str | Unset = ""
    time_zone: str | Unset = ""
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        email = self.email

        organisation = self.organisation.to_dict()

        role = self.role

        language = self.language

        time_zone = self.time_zone

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "email": email,
                "organisation": organisation,
                "role": role,
            }
        )
        if language is not UNSET:
            field_dict["language"] = language
        if time_zone is not UNSET:
            field_dict["time_zone"] = time_zone

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.organisation_out import OrganisationOut  # noqa: PLC0415

        d = dict(src_dict)
        email = d.pop("email")

        organisation = OrganisationOut.from_dict(d.pop("organisation"))

        role = d.pop("role")

        language = d.pop("language", UNSET)

        time_zone = d.pop("time_zone", UNSET)

        me_out = cls(
            email=email,
            organisation=organisation,
            role=role,
            language=language,
            time_zone=time_zone,
        )

        me_out.additional_properties = d
        return me_out

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
