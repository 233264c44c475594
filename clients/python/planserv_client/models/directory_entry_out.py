from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.directory_competency_out import DirectoryCompetencyOut


T = TypeVar("T", bound="DirectoryEntryOut")


@_attrs_define
class DirectoryEntryOut:
    """
    Attributes:
        competencies (list[DirectoryCompetencyOut]):
        contact_email (str):
        contact_name (str):
        contact_phone (str):
        countries_served (list[str]):
        description (str):
        expertise_tags (list[str]):
        logo_url (None | str):
        name (str):
        offerings (list[str]):
        partner_id (str):
        website (str):
    """

    competencies: list[DirectoryCompetencyOut]
    contact_email: str
    contact_name: str
    contact_phone: str
    countries_served: list[str]
    description: str
    expertise_tags: list[str]
    logo_url: None | str
    name: str
    offerings: list[str]
    partner_id: str
    website: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        competencies = []
        for competencies_item_data in self.competencies:
            competencies_item = competencies_item_data.to_dict()
            competencies.append(competencies_item)

        contact_email = self.contact_email

        contact_name = self.contact_name

        contact_phone = self.contact_phone

        countries_served = self.countries_served

        description = self.description

        expertise_tags = self.expertise_tags

        logo_url: None | str
        logo_url = self.logo_url

        name = self.name

        offerings = self.offerings

        partner_id = self.partner_id

        website = self.website

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "competencies": competencies,
                "contact_email": contact_email,
                "contact_name": contact_name,
                "contact_phone": contact_phone,
                "countries_served": countries_served,
                "description": description,
                "expertise_tags": expertise_tags,
                "logo_url": logo_url,
                "name": name,
                "offerings": offerings,
                "partner_id": partner_id,
                "website": website,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.directory_competency_out import DirectoryCompetencyOut  # noqa: PLC0415

        d = dict(src_dict)
        competencies = []
        _competencies = d.pop("competencies")
        for competencies_item_data in _competencies:
            competencies_item = DirectoryCompetencyOut.from_dict(competencies_item_data)

            competencies.append(competencies_item)

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

        offerings = cast(list[str], d.pop("offerings"))

        partner_id = d.pop("partner_id")

        website = d.pop("website")

        directory_entry_out = cls(
            competencies=competencies,
            contact_email=contact_email,
            contact_name=contact_name,
            contact_phone=contact_phone,
            countries_served=countries_served,
            description=description,
            expertise_tags=expertise_tags,
            logo_url=logo_url,
            name=name,
            offerings=offerings,
            partner_id=partner_id,
            website=website,
        )

        directory_entry_out.additional_properties = d
        return directory_entry_out

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
