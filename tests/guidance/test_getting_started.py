"""The getting-started checklist (issue 11): a partner firm's nine steps and a customer's four,
computed from real data at every stage; a constant query count; the API equals the home page;
and the program information page's per-organisation figures (retirement_exposure)."""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from planserv.accounts.selectors import actor_for_membership
from planserv.core.actor import Actor
from planserv.core.errors import Forbidden
from planserv.guidance.getting_started import GettingStarted, getting_started_for
from planserv.guidance.program_info import milestone_meanings, retirement_exposure
from planserv.partners.models import Enrollment
from tests.customers.ledger_checks import assert_ledger_consistent
from tests.factories import accounts as account_factory
from tests.factories import customers as customer_factory
from tests.factories import partners as partner_factory
from tests.factories import payments as payment_factory
from tests.factories import vouchers as voucher_factory

pytestmark = pytest.mark.django_db
D = dt.date
MARCH = D(2021, 3, 15)  # after the factories' March 2021 voucher events


def checklist_of(organisation, today: dt.date, role: str = "global_admin") -> GettingStarted:
    membership = account_factory.member(organisation, role)
    return getting_started_for(actor=actor_for_membership(membership), today=today)


def states(checklist: GettingStarted) -> dict[int, str]:
    return {step.number: step.state for step in checklist.steps}


def step(checklist: GettingStarted, number: int):
    return next(s for s in checklist.steps if s.number == number)


def login(membership) -> Client:
    client = Client()
    client.force_login(membership.user)
    return client


class TestPartnerStages:
    def test_a_new_firm_sees_step_1_open_and_every_later_step_locked_with_why(self):
        firm = partner_factory.firm(name="Tailspin New")

        checklist = checklist_of(firm, MARCH)

        assert states(checklist) == {1: "open", **{n: "locked" for n in range(2, 10)}}
        assert checklist.current is not None and checklist.current.number == 1
        assert "Not eligible for any offering yet" in step(checklist, 1).summary
        assert step(checklist, 1).link.path == "/partner/eligibility/"
        assert all(step(checklist, n).why_locked for n in range(2, 10))
        assert "step 1" in step(checklist, 2).why_locked
        assert not checklist.active

    def test_an_eligible_firm_not_enrolled_has_enroll_open(self):
        firm = partner_factory.firm()
        partner_factory.competency(firm, "windows-and-devices")

        checklist = checklist_of(firm, MARCH)

        assert states(checklist) == {
            1: "done",
            2: "open",
            3: "open",
            **{n: "locked" for n in range(4, 10)},
        }
        assert "You may enroll in DDPS" in step(checklist, 2).summary
        assert step(checklist, 2).link.path == "/partner/enrollments/"
        assert "enrolled (step 2)" in step(checklist, 4).why_locked

    def test_an_enrolled_firm_without_profile_has_the_profile_open_and_engagements_ready(self):
        firm = partner_factory.firm()
        partner_factory.competency(firm, "windows-and-devices")
        partner_factory.enroll(firm, "DDPS", on=D(2021, 1, 4))

        checklist = checklist_of(firm, MARCH)

        assert states(checklist) == {
            1: "done",
            2: "done",
            3: "open",
            4: "ready",
            5: "ready",
            6: "ready",
            7: "ready",
            8: "locked",  # registration opens with the first redemption; shown before it
            9: "ready",
        }
        assert "first redeemed voucher" in step(checklist, 8).why_locked
        assert step(checklist, 8).link.path == "/partner/payments/register/"
        assert step(checklist, 2).summary == "Enrolled in DDPS until 3 January 2022."
        assert step(checklist, 3).link.path == "/partner/profile/edit/"  # R-ROLE-3: it edits
        as_profile_admin = checklist_of(firm, MARCH, role="profile_admin")
        assert step(as_profile_admin, 3).link.path == "/partner/profile/edit/"
        assert "until 30 June 2021 (107 days left)" in step(checklist, 4).summary
        assert step(checklist, 4).deadline == D(2021, 6, 30)
        assert not checklist.active  # enrolled, but has never held a voucher

    def test_a_published_profile_is_done(self):
        firm = partner_factory.listed_firm(name="Listed", on=D(2021, 1, 4))

        checklist = checklist_of(firm, MARCH)

        assert step(checklist, 3).state == "done"
        assert "Published" in step(checklist, 3).summary

    def test_a_voucher_nominated_for_the_firm_opens_validate_and_reserve(self):
        firm = voucher_factory.eligible_firm()
        pool = voucher_factory.customer_pool()
        voucher_factory.assigned(
            pool, today=D(2021, 3, 1), nominated_partner=firm.organisation.public_id
        )

        checklist = checklist_of(firm.organisation, MARCH, role="partner_admin")

        reserve = step(checklist, 5)
        assert reserve.state == "open" and reserve.waiting == 1
        assert "1 voucher nominated for your firm waits to be reserved" in reserve.summary
        assert reserve.link.path == "/partner/vouchers/reserve/"
        as_member = step(checklist_of(firm.organisation, MARCH, role="member"), 5)
        assert as_member.link.path == "/partner/vouchers/"
        assert "A partner admin validates and reserves vouchers." in as_member.summary

    def test_a_reserved_voucher_waits_for_its_completion_report(self):
        firm = voucher_factory.eligible_firm()
        voucher = voucher_factory.assigned(voucher_factory.customer_pool(), today=D(2021, 3, 1))
        voucher_factory.reserved(voucher, firm, today=D(2021, 3, 2))

        checklist = checklist_of(firm.organisation, MARCH)

        complete = step(checklist, 6)
        assert complete.state == "open" and complete.waiting == 1
        assert complete.deadline == voucher_factory.fresh(voucher).expiry_date
        assert complete.link.path == "/partner/vouchers/?status=reserved"
        assert step(checklist, 7).state == "ready" and step(checklist, 9).state == "ready"
        assert step(checklist, 8).state == "locked"  # registration: after the first redemption
        assert checklist.active

    def test_a_reported_voucher_waits_to_be_redeemed_by_the_earlier_of_expiry_and_last_day(self):
        firm = voucher_factory.eligible_firm()
        voucher = voucher_factory.assigned(voucher_factory.customer_pool(), today=D(2021, 3, 1))
        voucher_factory.reserved(voucher, firm, today=D(2021, 3, 2))
        voucher_factory.delivered(voucher, firm, today=D(2021, 3, 10))

        checklist = checklist_of(firm.organisation, MARCH)

        redeem = step(checklist, 7)
        assert (step(checklist, 6).state, redeem.state, redeem.waiting) == ("ready", "open", 1)
        expiry = voucher_factory.fresh(voucher).expiry_date
        assert redeem.deadline == min(expiry, D(2022, 1, 1))
        assert redeem.link.path == "/partner/vouchers/?status=delivered"

    def test_a_redeemed_voucher_waits_for_a_payment_request_within_its_window(self):
        case = payment_factory.redeemed_case()

        checklist = checklist_of(case.firm.organisation, MARCH)

        payment = step(checklist, 9)
        assert payment.state == "open" and payment.waiting == 1
        assert step(checklist, 8).state == "open"  # not registered in DDPS yet
        assert payment.deadline == D(2021, 5, 11)  # redeemed 12 March + 60 days (R-PAY-2)
        assert "closes on 11 May 2021" in payment.summary
        assert "Register your remittance details first" in payment.summary
        assert payment.link.path == "/partner/payments/"
        assert states(checklist)[7] == "ready"
        assert_ledger_consistent()

    def test_a_requested_payment_leaves_nothing_waiting_and_shows_it_in_review(self):
        case = payment_factory.redeemed_case()
        payment_factory.filed(case, today=D(2021, 3, 20))

        checklist = checklist_of(case.firm.organisation, D(2021, 3, 21))

        payment = step(checklist, 9)
        assert payment.state == "ready" and payment.waiting == 0
        figures = {figure.label: figure.value for figure in payment.figures}
        assert figures["Payment requests in review or in a payment run"] == "1"
        assert "Register" not in payment.summary

    def test_an_enrollment_in_its_renewal_window_opens_step_2_with_the_renew_link(self):
        firm = voucher_factory.eligible_firm(enrolled_on=D(2021, 1, 4))
        last_day = Enrollment.objects.get(organisation=firm.organisation).last_day
        today = last_day - dt.timedelta(days=10)

        checklist = checklist_of(firm.organisation, today)

        enroll = step(checklist, 2)
        assert enroll.state == "open" and enroll.deadline == last_day
        assert "Renewal window open" in enroll.summary and "10 days left" in enroll.summary
        assert enroll.link.path == "/partner/enrollments/DDPS/renew/"
        before = checklist_of(firm.organisation, last_day - dt.timedelta(days=31))
        assert step(before, 2).state == "done"

    def test_after_the_last_create_day_step_4_is_closed(self):
        firm = voucher_factory.eligible_firm(enrolled_on=D(2021, 3, 1))

        checklist = checklist_of(firm.organisation, D(2021, 7, 5))

        assert step(checklist, 4).state == "closed"


class TestCustomerStages:
    def test_no_agreement_locks_every_step(self):
        customer = account_factory.organisation("customer", name="Empty Co")

        checklist = checklist_of(customer, MARCH, role="benefits_admin")

        assert states(checklist) == {1: "locked", 2: "locked", 3: "locked", 4: "locked"}
        assert "No licensing agreement" in step(checklist, 1).summary

    def test_an_agreement_not_activated_opens_activation(self):
        customer = account_factory.organisation("customer", name="Inactive Co")
        agreement = customer_factory.agreement(customer)

        checklist = checklist_of(customer, MARCH, role="benefits_admin")

        activate = step(checklist, 1)
        assert activate.state == "open" and agreement.licensing_id in activate.summary
        assert activate.link.path == f"/customer/agreements/{agreement.licensing_id}/"
        assert step(checklist, 2).why_locked == "Activate the benefit first (step 1)."

    def test_a_customer_with_many_activated_agreements_sees_three_named_and_a_count(self):
        customer = account_factory.organisation("customer", name="Large Co")
        agreements = [customer_factory.agreement(customer) for _ in range(5)]
        for agreement in agreements:
            customer_factory.activated(agreement)

        activate = step(checklist_of(customer, MARCH, role="benefits_admin"), 1)

        assert activate.state == "done"
        assert all(a.licensing_id in activate.summary for a in agreements[:3])
        assert agreements[4].licensing_id not in activate.summary
        assert "and 2 more" in activate.summary

    def test_an_active_agreement_with_days_opens_create_and_assign(self):
        pool = voucher_factory.customer_pool(days=100)

        checklist = checklist_of(pool.customer, MARCH, role="benefits_admin")

        assert states(checklist) == {1: "done", 2: "open", 3: "locked", 4: "locked"}
        create = step(checklist, 2)
        assert "100 days available" in create.summary and create.deadline == D(2021, 6, 30)
        assert create.link.path == "/customer/vouchers/new/"

    def test_a_voucher_assigned_not_reserved_lists_the_id_and_email_to_forward(self):
        pool = voucher_factory.customer_pool(days=100)
        voucher = voucher_factory.assigned(pool, today=D(2021, 3, 1), days=5)

        checklist = checklist_of(pool.customer, MARCH, role="project_manager")

        forward = step(checklist, 3)
        assert forward.state == "open" and forward.waiting == 1
        [item] = forward.items
        assert item.title == voucher.display_id
        assert pool.manager_email in item.detail
        assert item.link.path == f"/customer/vouchers/{voucher.voucher_id}/"
        assert "95 days available" in step(checklist, 2).summary
        assert_ledger_consistent()

    def test_a_reserved_voucher_is_followed_as_an_engagement_in_progress(self):
        pool = voucher_factory.customer_pool(days=5)
        firm = voucher_factory.eligible_firm()
        voucher = voucher_factory.assigned(pool, today=D(2021, 3, 1), days=5)
        voucher_factory.reserved(voucher, firm, today=D(2021, 3, 2))

        checklist = checklist_of(pool.customer, MARCH, role="benefits_admin")

        assert states(checklist) == {1: "done", 2: "done", 3: "done", 4: "in_progress"}
        figures = {figure.label: figure.count for figure in step(checklist, 4).figures}
        assert figures == {"Reserved by a partner": 1, "Delivered (report filed)": 0, "Redeemed": 0}

    def test_a_redeemed_voucher_completes_the_engagement(self):
        case = payment_factory.redeemed_case()

        checklist = checklist_of(case.pool.customer, MARCH, role="benefits_admin")

        follow = step(checklist, 4)
        assert follow.state == "done" and "1 engagement delivered and redeemed" in follow.summary
        link = next(f.link for f in follow.figures if f.label == "Redeemed")
        assert link.path == "/customer/vouchers/?status=redeemed"

    def test_the_operator_has_no_checklist(self):
        with pytest.raises(Forbidden):
            getting_started_for(actor=Actor.system(), today=MARCH)


class TestQueryCount:
    def _count(self, firm, today) -> int:
        actor = actor_for_membership(account_factory.member(firm.organisation, "member"))
        with CaptureQueriesContext(connection) as captured:
            getting_started_for(actor=actor, today=today)
        return len(captured)

    def test_the_partner_checklist_costs_the_same_for_1_and_20_vouchers_perf_4(self):
        one, many = voucher_factory.eligible_firm(), voucher_factory.eligible_firm()
        pool = voucher_factory.customer_pool(days=200)
        for index in range(21):
            voucher = voucher_factory.assigned(pool, today=D(2021, 3, 1), days=1)
            voucher_factory.reserved(voucher, one if index == 0 else many, today=D(2021, 3, 2))

        assert self._count(one, MARCH) == self._count(many, MARCH)

    def test_the_customer_checklist_costs_the_same_for_1_and_20_vouchers_perf_4(self):
        small, large = (voucher_factory.customer_pool(days=100) for _ in range(2))
        voucher_factory.assigned(small, today=D(2021, 3, 1), days=1)
        for _ in range(20):
            voucher_factory.assigned(large, today=D(2021, 3, 1), days=1)

        def count(pool) -> int:
            actor = actor_for_membership(pool.admin)
            with CaptureQueriesContext(connection) as captured:
                getting_started_for(actor=actor, today=MARCH)
            return len(captured)

        assert count(small) == count(large)


STEP_STATE = re.compile(r'data-testid="step-(\d+)" data-state="(\w+)"')


class TestApiEqualsPage:
    @pytest.mark.parametrize("side", ["partner", "customer"])
    def test_the_api_returns_the_steps_the_home_page_shows(self, api_as, pin_clock, side):
        pin_clock(MARCH)
        case = payment_factory.redeemed_case()
        organisation = case.firm.organisation if side == "partner" else case.pool.customer
        role = "member" if side == "partner" else "project_manager"
        membership = account_factory.member(organisation, role)

        body = api_as(role, organisation).get("/support/getting-started").json()
        page = html.unescape(login(membership).get("/").content.decode())

        assert body["side"] == side and body["today"] == MARCH.isoformat()
        page_states = {int(number): state for number, state in STEP_STATE.findall(page)}
        assert page_states == {s["number"]: s["state"] for s in body["steps"]}
        for api_step in body["steps"]:
            assert api_step["title"] in page
            assert (api_step["summary"] or api_step["why_locked"]) in page
        assert body["active"] is True
        if side == "partner":
            assert 'data-testid="engagements-by-step"' in page
            assert 'data-testid="engagement-count-8">1<' in page  # offering not registered
            assert 'data-testid="engagement-count-9">1<' in page  # no payment request yet

    def test_an_operator_is_refused_403(self, api_as):
        response = api_as("program_admin").get("/support/getting-started")
        assert response.status_code == 403


class TestPaymentRegistrationStep:
    def test_a_redemption_without_registration_opens_the_step_and_registering_closes_it(self):
        case = payment_factory.redeemed_case()

        before = step(checklist_of(case.firm.organisation, MARCH), 8)
        payment_factory.registered(case.firm)
        after = step(checklist_of(case.firm.organisation, MARCH), 8)

        assert before.state == "open" and "Register for payment in DDPS" in before.summary
        assert after.state == "done" and after.summary == "Registered for payment in DDPS."

    def test_a_partner_admin_is_told_a_global_admin_registers(self):
        case = payment_factory.redeemed_case()
        checklist = checklist_of(case.firm.organisation, MARCH, role="partner_admin")
        assert "a global admin of your firm registers" in step(checklist, 8).summary
        assert step(checklist, 8).link.path == "/partner/payments/"


class TestRetirementExposure:
    def test_a_customers_days_and_live_vouchers_come_from_the_ledger_and_vouchers(self):
        pool = voucher_factory.customer_pool(days=100)
        voucher_factory.assigned(pool, today=D(2021, 3, 1), days=5)
        voucher_factory.assigned(pool, today=D(2021, 3, 1), days=3)

        exposure = retirement_exposure(
            organisation_id=pool.customer.pk, kind="customer", today=MARCH
        )

        assert (exposure.available_days, exposure.live_vouchers, exposure.live_voucher_days) == (
            92,
            2,
            8,
        )
        meanings = milestone_meanings(actor=pool.admin_actor, today=MARCH)
        removal = next(m for m in meanings if m.key == "removal")
        assert ("Days that will be removed", "92") in removal.figures

    def test_a_partners_unredeemed_and_unrequested_vouchers_and_next_deadline(self):
        case = payment_factory.redeemed_case()
        voucher = voucher_factory.assigned(case.pool, today=D(2021, 3, 1), days=1)
        voucher_factory.reserved(voucher, case.firm, today=D(2021, 3, 2))

        exposure = retirement_exposure(
            organisation_id=case.firm.organisation.pk, kind="partner", today=MARCH
        )

        assert exposure.reserved_unredeemed_vouchers == 1
        assert exposure.redeemed_without_payment_request == 1
        assert exposure.next_payment_request_deadline == D(2021, 5, 11)

    @pytest.mark.parametrize("side", ["partner", "customer"])
    def test_the_program_information_page_shows_the_organisations_figures(self, pin_clock, side):
        pin_clock(MARCH)
        case = payment_factory.redeemed_case()
        if side == "partner":
            membership = account_factory.member(case.firm.organisation, "member")
            expected = ["Redeemed vouchers without a payment request", "11 May 2021"]
        else:
            membership = case.pool.admin
            expected = ["Days that will be removed", "Vouchers not yet redeemed"]

        page = login(membership).get("/program/").content.decode()

        for text in expected:
            assert text in page


def _paths(checklist: GettingStarted) -> set[str]:
    paths = set()
    for item in checklist.steps:
        links = [item.link] + [f.link for f in item.figures] + [i.link for i in item.items]
        paths |= {link.path for link in links if link is not None}
    return paths


class TestEveryLinkOpensForTheRoleThatSeesIt:
    """A link never leads to a page the reader's role is refused (R-ROLE-1): action pages for the
    role that acts, the page that shows the step for the others."""

    @pytest.mark.parametrize("role", ["global_admin", "partner_admin", "profile_admin", "member"])
    def test_partner_roles(self, pin_clock, role):
        new_firm = partner_factory.firm(name="Brand New")
        eligible = partner_factory.firm(name="Eligible Only")
        partner_factory.competency(eligible, "windows-and-devices")
        case = payment_factory.redeemed_case()
        nominated = voucher_factory.assigned(
            case.pool, today=D(2021, 3, 1), nominated_partner=case.firm.organisation.public_id
        )
        assert nominated.nominated_partner_id == case.firm.organisation.pk
        reserved = voucher_factory.assigned(case.pool, today=D(2021, 3, 1), days=1)
        voucher_factory.reserved(reserved, case.firm, today=D(2021, 3, 2))
        renewal_day = D(2021, 12, 24)  # the DDPS enrollment ends on 3 January 2022
        for organisation, today in (
            (new_firm, MARCH),
            (eligible, MARCH),
            (case.firm.organisation, MARCH),
            (case.firm.organisation, renewal_day),
        ):
            pin_clock(today)
            membership = account_factory.member(organisation, role)
            client = login(membership)
            checklist = getting_started_for(actor=actor_for_membership(membership), today=today)
            for path in _paths(checklist):
                assert client.get(path).status_code == 200, (organisation.name, today, path)

    @pytest.mark.parametrize("role", ["benefits_admin", "project_manager"])
    def test_customer_roles(self, pin_clock, role):
        pin_clock(MARCH)
        case = payment_factory.redeemed_case()
        voucher_factory.assigned(case.pool, today=D(2021, 3, 1), days=1)
        inactive = account_factory.organisation("customer", name="Not Active")
        customer_factory.agreement(inactive)
        for organisation in (case.pool.customer, inactive):
            membership = account_factory.member(organisation, role)
            client = login(membership)
            checklist = getting_started_for(actor=actor_for_membership(membership), today=MARCH)
            for path in _paths(checklist):
                assert client.get(path).status_code == 200, (organisation.name, path)
