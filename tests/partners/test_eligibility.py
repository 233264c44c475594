"""Eligibility (seed step 1): R-ENR-1 to enroll, R-ENR-2 to deliver a type, R-DEL-1 consultants.

Every row of the catalogue table (domain.md section 2) is checked with each of its qualifying
competencies, plus the gold-only rows, expiry and enrollment boundaries and consultants' exams.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from planserv.partners.eligibility import EligibilityStatus
from planserv.partners.selectors import (
    consultant_qualifies,
    consultants_qualified,
    engagement_type_eligibility,
    firm_eligibility,
)
from planserv.program.models import EngagementType, Exam
from planserv.program.seed import ENGAGEMENT_TYPES
from tests.factories import partners as factory

pytestmark = pytest.mark.django_db

ENROLLED_ON = dt.date(2020, 1, 6)
CHECK_ON = dt.date(2020, 1, 15)

# (engagement type, offering, qualifying competency, minimum level): one case per any-of option.
CATALOGUE_CASES = [
    pytest.param(code, offering, competency, level, id=f"{code}-{competency}")
    for code, _name, offering, _cloud, requirements, _deliverables in ENGAGEMENT_TYPES
    for competency, level in requirements
]
GOLD_ONLY = [
    ("upgrading-d365-fo", "DYDPS", "enterprise-resource-planning"),
    ("data-estate-modernization", "SSDPS", "data-analytics"),
    ("data-estate-modernization", "SSDPS", "data-platform"),
]


def _row(result, code):
    return next(
        row
        for offering in result.offerings
        for row in offering.engagement_types
        if row.engagement_type.code == code
    )


def _type(code: str) -> EngagementType:
    return EngagementType.objects.select_related("offering").get(code=code)


class TestCatalogueRows:
    def test_the_catalogue_has_the_thirteen_rows_of_the_table(self):
        assert len(ENGAGEMENT_TYPES) == 13
        assert len({case.values[0] for case in CATALOGUE_CASES}) == 13
        assert EngagementType.objects.count() == 13

    @pytest.mark.parametrize(("code", "offering", "competency", "level"), CATALOGUE_CASES)
    def test_any_qualifying_competency_at_its_minimum_level_makes_the_type_eligible_r_enr_2(
        self, code, offering, competency, level
    ):
        firm = factory.firm()
        factory.competency(firm, competency, level=level)
        factory.enroll(firm, offering, on=ENROLLED_ON)

        result = engagement_type_eligibility(
            organisation=firm, engagement_type=_type(code), on=CHECK_ON
        )

        assert result.eligible, result.reasons
        assert result.reasons == []
        snapshot = result.snapshot()
        assert snapshot["competency"]["code"] == competency
        assert snapshot["competency"]["level"] == level
        assert snapshot["enrollment"]["last_day"] == "2021-01-04"
        json.dumps(snapshot)
        row = _row(firm_eligibility(organisation=firm, on=CHECK_ON), code)
        assert row.eligible
        assert [r.met for r in row.requirements[:2]] == [True, True]

    @pytest.mark.parametrize(("code", "offering", "competency", "level"), CATALOGUE_CASES)
    def test_the_competency_without_enrollment_is_not_enough_r_enr_2(
        self, code, offering, competency, level
    ):
        firm = factory.firm()
        factory.competency(firm, competency, level=level)

        result = engagement_type_eligibility(
            organisation=firm, engagement_type=_type(code), on=CHECK_ON
        )

        assert not result.eligible
        assert any(f"not enrolled in {offering}" in reason for reason in result.reasons)
        assert result.snapshot()["enrollment"] is None

    @pytest.mark.parametrize(("code", "offering", "competency", "level"), CATALOGUE_CASES)
    def test_an_expired_competency_no_longer_qualifies_r_enr_2(
        self, code, offering, competency, level
    ):
        firm = factory.firm()
        factory.competency(
            firm,
            competency,
            level=level,
            earned_on=dt.date(2019, 1, 1),
            expires_on=dt.date(2020, 1, 10),
        )
        factory.enroll(firm, offering, on=ENROLLED_ON)

        result = engagement_type_eligibility(
            organisation=firm, engagement_type=_type(code), on=CHECK_ON
        )

        assert not result.eligible
        assert result.competency_held is None
        assert "expired on 2020-01-10" in " ".join(result.reasons)


class TestGoldOnlyRows:
    @pytest.mark.parametrize(("code", "offering", "competency"), GOLD_ONLY)
    def test_silver_is_refused_where_gold_is_required_r_enr_2(self, code, offering, competency):
        firm = factory.firm()
        factory.competency(firm, competency, level="silver")
        factory.competency(firm, "cloud-crm", level="silver")  # lets the firm enroll in DYDPS
        if offering == "DYDPS":
            factory.enroll(firm, offering, on=ENROLLED_ON)

        result = engagement_type_eligibility(
            organisation=firm, engagement_type=_type(code), on=CHECK_ON
        )

        assert not result.eligible
        assert any("gold is required" in reason for reason in result.reasons)

    @pytest.mark.parametrize(("code", "offering", "competency"), GOLD_ONLY)
    def test_gold_is_accepted_r_enr_2(self, code, offering, competency):
        firm = factory.firm()
        factory.competency(firm, competency, level="gold")
        factory.enroll(firm, offering, on=ENROLLED_ON)

        assert engagement_type_eligibility(
            organisation=firm, engagement_type=_type(code), on=CHECK_ON
        ).eligible

    def test_silver_data_platform_does_not_open_ssdps_enrollment_r_enr_1(self):
        firm = factory.firm()
        factory.competency(firm, "data-platform", level="silver")

        offering = next(
            row
            for row in firm_eligibility(organisation=firm, on=CHECK_ON).offerings
            if row.offering.code == "SSDPS"
        )

        assert not offering.can_enroll
        assert "gold is required" in offering.enroll_requirement.reason


class TestValidityDates:
    def test_competency_counts_through_its_expiry_day_and_not_after_r_enr_2(self):
        firm = factory.firm()
        factory.competency(
            firm,
            "windows-and-devices",
            earned_on=dt.date(2019, 1, 1),
            expires_on=dt.date(2020, 6, 30),
        )
        factory.enroll(firm, "DDPS", on=ENROLLED_ON)
        engagement = _type("windows-office-deployment")

        def check(day):
            return engagement_type_eligibility(
                organisation=firm, engagement_type=engagement, on=day
            )

        assert check(dt.date(2020, 6, 29)).eligible
        assert check(dt.date(2020, 6, 30)).eligible
        after = check(dt.date(2020, 7, 1))
        assert not after.eligible
        assert "Windows and Devices expired on 2020-06-30" in " ".join(after.reasons)

    def test_competency_earned_later_does_not_count_yet(self):
        firm = factory.firm()
        factory.competency(firm, "windows-and-devices", earned_on=dt.date(2019, 1, 1))
        factory.enroll(firm, "DDPS", on=ENROLLED_ON)
        factory.competency(firm, "messaging", earned_on=dt.date(2020, 3, 1))

        result = engagement_type_eligibility(
            organisation=firm, engagement_type=_type("exchange-deployment"), on=CHECK_ON
        )

        assert not result.eligible
        assert "valid only from 2020-03-01" in " ".join(result.reasons)

    def test_enrollment_counts_through_its_last_day_and_not_after_r_enr_2(self):
        firm = factory.firm()
        factory.competency(firm, "windows-and-devices")
        enrollment = factory.enroll(firm, "DDPS", on=ENROLLED_ON)
        engagement = _type("windows-office-deployment")
        assert enrollment.last_day == dt.date(2021, 1, 4)

        assert engagement_type_eligibility(
            organisation=firm, engagement_type=engagement, on=dt.date(2021, 1, 4)
        ).eligible
        assert not engagement_type_eligibility(
            organisation=firm, engagement_type=engagement, on=dt.date(2021, 1, 5)
        ).eligible

    def test_the_best_valid_competency_is_used_for_the_snapshot(self):
        firm = factory.firm()
        factory.competency(firm, "enterprise-mobility-management", level="silver")
        factory.competency(firm, "windows-and-devices", level="gold")
        factory.enroll(firm, "DDPS", on=ENROLLED_ON)

        result = engagement_type_eligibility(
            organisation=firm, engagement_type=_type("mobile-productivity"), on=CHECK_ON
        )

        assert result.snapshot()["competency"]["code"] == "windows-and-devices"
        assert result.snapshot()["competency"]["level"] == "gold"


class TestConsultants:
    def test_consultant_without_exam_leaves_delivery_unmet_r_del_1(self):
        firm = factory.firm()
        factory.competency(firm, "windows-and-devices")
        factory.enroll(firm, "DDPS", on=ENROLLED_ON)
        factory.consultant(firm)

        row = _row(firm_eligibility(organisation=firm, on=CHECK_ON), "windows-office-deployment")

        consultant_mark = row.requirements[2]
        assert consultant_mark.key == "consultant" and not consultant_mark.met
        assert "MD-100" in consultant_mark.reason
        assert row.eligible and not row.ready

    def test_consultant_with_a_qualifying_exam_makes_the_type_ready_r_del_1(self):
        firm = factory.firm()
        factory.competency(firm, "windows-and-devices")
        factory.enroll(firm, "DDPS", on=ENROLLED_ON)
        person = factory.consultant(firm, exams=(("MD-101", dt.date(2019, 8, 1)),))

        row = _row(firm_eligibility(organisation=firm, on=CHECK_ON), "windows-office-deployment")

        assert row.ready
        assert person.name in row.requirements[2].reason

    def test_consultant_qualifies_only_with_an_exam_of_the_type_passed_by_the_day_r_del_1(self):
        firm = factory.firm()
        person = factory.consultant(
            firm, exams=(("MS-300", dt.date(2019, 8, 1)), ("MD-100", dt.date(2020, 2, 1)))
        )
        sharepoint = _type("sharepoint-deployment")
        windows = _type("windows-office-deployment")

        assert consultant_qualifies(consultant=person, engagement_type=sharepoint, on=CHECK_ON)
        assert not consultant_qualifies(consultant=person, engagement_type=windows, on=CHECK_ON)
        assert consultant_qualifies(
            consultant=person, engagement_type=windows, on=dt.date(2020, 2, 1)
        )

    def test_without_listed_exams_any_exam_of_a_qualifying_competency_counts_r_del_1(self):
        firm = factory.firm()
        person = factory.consultant(firm, exams=(("MS-500", dt.date(2019, 8, 1)),))
        mobile = _type("mobile-productivity")
        mobile.exams.clear()
        assert Exam.objects.get(code="MS-500").competency.code == "enterprise-mobility-management"

        assert consultant_qualifies(consultant=person, engagement_type=mobile, on=CHECK_ON)
        assert list(
            consultants_qualified(organisation=firm, engagement_type=mobile, on=CHECK_ON)
        ) == [person]

    def test_another_firms_consultants_never_qualify_for_this_firm_r_role_1(self):
        firm, other = factory.firm(), factory.firm()
        factory.consultant(other, exams=(("MD-100", dt.date(2019, 8, 1)),))

        assert not consultants_qualified(
            organisation=firm, engagement_type=_type("windows-office-deployment"), on=CHECK_ON
        ).exists()


class TestOverallStatus:
    def test_a_new_firm_has_not_started(self):
        firm = factory.firm()

        result = firm_eligibility(organisation=firm, on=CHECK_ON)

        assert result.status == EligibilityStatus.NOT_STARTED
        assert any("Earn a competency" in step for step in result.next_steps)

    def test_a_firm_that_may_enroll_but_has_not_is_in_progress(self):
        firm = factory.firm()
        factory.competency(firm, "windows-and-devices")

        result = firm_eligibility(organisation=firm, on=CHECK_ON)

        assert result.status == EligibilityStatus.IN_PROGRESS
        ddps = next(row for row in result.offerings if row.offering.code == "DDPS")
        assert ddps.can_enroll
        assert any(step.startswith("Enroll in DDPS") for step in result.next_steps)

    def test_an_enrolled_firm_with_the_competency_is_eligible(self):
        firm = factory.firm()
        factory.competency(firm, "windows-and-devices")
        factory.enroll(firm, "DDPS", on=ENROLLED_ON)

        result = firm_eligibility(organisation=firm, on=CHECK_ON)

        assert result.status == EligibilityStatus.ELIGIBLE
        assert {t.code for t in result.eligible_engagement_types} == {
            "windows-office-deployment",
            "mobile-productivity",
        }

    def test_the_cloud_offering_shows_as_retired_from_the_cloud_retirement(self):
        firm = factory.firm()
        factory.competency(firm, "cloud-platform")

        def azdps(day):
            result = firm_eligibility(organisation=firm, on=day)
            return next(row for row in result.offerings if row.offering.code == "AZDPS")

        assert azdps(dt.date(2020, 1, 31)).can_enroll
        retired = azdps(dt.date(2020, 2, 1))
        assert retired.retired and not retired.can_enroll

    def test_the_view_costs_the_same_queries_for_a_small_and_a_large_firm_perf_4(self):
        small, large = factory.firm(), factory.firm()
        factory.competency(small, "windows-and-devices")
        for code in ("windows-and-devices", "messaging", "datacenter", "data-platform"):
            factory.competency(large, code, level="gold")
        for offering in ("DDPS", "S-EDPS", "PVDPS", "SSDPS"):
            factory.enroll(large, offering, on=ENROLLED_ON)
        for _ in range(5):
            factory.consultant(large, exams=(("MD-100", dt.date(2019, 8, 1)),))

        def count(firm):
            with CaptureQueriesContext(connection) as queries:
                firm_eligibility(organisation=firm, on=CHECK_ON)
            return len(queries.captured_queries)

        assert count(small) == count(large)
