"""Request and response schemas of the catalogue operations (api/routers/catalogue.py)."""

from __future__ import annotations

from ninja import Schema


class CompetencyRequirementOut(Schema):
    competency: str
    competency_name: str
    minimum_level: str


class OfferingOut(Schema):
    code: str
    name: str
    targeted_products: str
    cloud: bool
    retired: bool
    enrollment_competencies: list[CompetencyRequirementOut]
    engagement_types: list[str]


class EngagementTypeOut(Schema):
    code: str
    name: str
    offering: str
    cloud: bool
    retired: bool
    service_levels: list[int]
    deliverable_kinds: list[str]
    qualifying_competencies: list[CompetencyRequirementOut]
    exams: list[str]
