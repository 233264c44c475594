from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="FaqEntryOut")


@_attrs_define
class FaqEntryOut:
    """
    Attributes:
        answer_html (str):
        answer_markdown (str):
        id (int):
        order (int):
        question (str):
    """

    answer_html: str
    answer_markdown: str
    id: int
    order: int
    question: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        answer_html = self.answer_html

        answer_markdown = self.answer_markdown

        id = self.id

        order = self.order

        question = self.question

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "answer_html": answer_html,
                "answer_markdown": answer_markdown,
                "id": id,
                "order": order,
                "question": question,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        answer_html = d.pop("answer_html")

        answer_markdown = d.pop("answer_markdown")

        id = d.pop("id")

        order = d.pop("order")

        question = d.pop("question")

        faq_entry_out = cls(
            answer_html=answer_html,
            answer_markdown=answer_markdown,
            id=id,
            order=order,
            question=question,
        )

        faq_entry_out.additional_properties = d
        return faq_entry_out

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
