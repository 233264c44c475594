"""R-PPL-5 / REL-12: every model admin of the Django admin either audits its saves and deletes with
before/after (AuditedModelAdmin) or is read-only, inlines included; users, memberships and
organisations among them; the inline rows of an audited admin are audited as a change of the
parent (AuditedModelAdmin.save_formset). An admin edit of an organisation writes its event."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.test import Client, RequestFactory

from planserv.accounts.models import ApiToken, Membership, Organisation, User
from planserv.audit.admin_mixins import AuditedModelAdmin
from planserv.audit.events import AuditEventType
from planserv.audit.models import AuditEvent
from tests.factories import accounts as account_factory


def _superuser_request():  # type: ignore[no-untyped-def]
    request = RequestFactory().get("/admin/")
    request.user = User(is_superuser=True, is_staff=True, is_active=True)
    return request


def _writes(model_admin, request) -> bool:  # type: ignore[no-untyped-def]
    return (
        model_admin.has_add_permission(request)
        or model_admin.has_change_permission(request)
        or model_admin.has_delete_permission(request)
    )


def _inline_writes(model_admin, request) -> list[str]:  # type: ignore[no-untyped-def]
    found = []
    for inline in model_admin.get_inline_instances(request):
        writes = (
            inline.has_add_permission(request, None)
            or inline.has_change_permission(request)
            or inline.has_delete_permission(request)
        )
        if writes:
            found.append(type(inline).__name__)
    return found


class TestEveryModelAdmin:
    @pytest.mark.django_db
    def test_each_model_admin_is_audited_or_read_only_r_ppl_5(self):
        request = _superuser_request()
        unaudited, inlines = [], []
        for model, model_admin in admin.site._registry.items():
            if not isinstance(model_admin, AuditedModelAdmin) and _writes(model_admin, request):
                unaudited.append(model._meta.label)
            if not isinstance(model_admin, AuditedModelAdmin):  # it audits inline rows too
                inlines += [
                    f"{model._meta.label}: {name}" for name in _inline_writes(model_admin, request)
                ]
        assert len(admin.site._registry) > 20  # the enumeration sees the admin
        assert unaudited == []
        assert inlines == []  # an inline's saves bypass save_model: audited by save_formset

    @pytest.mark.django_db
    def test_users_memberships_and_tokens_are_read_only_and_organisations_audited(self):
        request = _superuser_request()
        registry = admin.site._registry
        for model in (User, ApiToken):
            assert not _writes(registry[model], request), model
        assert Membership not in registry  # shown only as a read-only inline of organisations
        assert isinstance(registry[Organisation], AuditedModelAdmin)
        assert not registry[Organisation].has_add_permission(request)
        assert not registry[Organisation].has_delete_permission(request)


@pytest.mark.django_db
class TestOrganisationAdminEdit:
    def test_a_change_writes_before_and_after_r_ppl_5(self):
        superuser = User.objects.create_superuser(
            email="root@example.test", password=account_factory.PASSWORD, full_name="Root"
        )
        firm = account_factory.organisation("partner", name="Fabrikam Old", country="DE")
        client = Client()
        client.force_login(superuser)
        response = client.post(
            f"/admin/accounts/organisation/{firm.pk}/change/",
            {
                "name": "Fabrikam Consulting",
                "country": "DE",
                "memberships-TOTAL_FORMS": "0",
                "memberships-INITIAL_FORMS": "0",
                "memberships-MIN_NUM_FORMS": "0",
                "memberships-MAX_NUM_FORMS": "1000",
            },
        )
        assert response.status_code == 302, response.content[:2000]
        event = AuditEvent.objects.get(action=AuditEventType.ADMIN_ORGANISATION_CHANGED)
        assert event.before["name"] == "Fabrikam Old"
        assert event.after["name"] == "Fabrikam Consulting"
        assert client.post(f"/admin/accounts/user/{superuser.pk}/password/").status_code == 403


@pytest.mark.django_db
class TestInlineRowsAreAudited:
    def test_an_offerings_competency_rows_are_audited_as_its_change_r_ppl_5(self):
        from django.db import transaction

        from planserv.program.models import Competency, Offering, OfferingCompetency

        superuser = User.objects.create_superuser(
            email="root@example.test", password=account_factory.PASSWORD, full_name="Root"
        )
        offering = Offering.objects.order_by("pk").first()
        existing = list(OfferingCompetency.objects.filter(offering=offering).order_by("pk"))
        held = {row.competency_id for row in existing}
        extra = Competency.objects.exclude(pk__in=held).order_by("pk").first()
        model_admin = admin.site._registry[Offering]
        request = RequestFactory().post("/admin/")
        request.user = superuser
        inline = model_admin.get_inline_instances(request, offering)[0]
        formset_class = inline.get_formset(request, offering)
        prefix = formset_class.get_default_prefix()
        data = {
            f"{prefix}-TOTAL_FORMS": str(len(existing) + 1),
            f"{prefix}-INITIAL_FORMS": str(len(existing)),
            f"{prefix}-MIN_NUM_FORMS": "0",
            f"{prefix}-MAX_NUM_FORMS": "1000",
        }
        for number, row in enumerate(existing):
            data[f"{prefix}-{number}-id"] = str(row.pk)
            data[f"{prefix}-{number}-offering"] = str(offering.pk)
            data[f"{prefix}-{number}-competency"] = str(row.competency_id)
            data[f"{prefix}-{number}-minimum_level"] = row.minimum_level
        new = len(existing)
        data[f"{prefix}-{new}-offering"] = str(offering.pk)
        data[f"{prefix}-{new}-competency"] = str(extra.pk)
        data[f"{prefix}-{new}-minimum_level"] = "gold"
        formset = formset_class(data, instance=offering, prefix=prefix)
        assert formset.is_valid(), formset.errors
        form = model_admin.get_form(request, offering)(instance=offering)
        with transaction.atomic():
            model_admin.save_formset(request, form, formset, change=True)
        event = AuditEvent.objects.get(action=AuditEventType.ADMIN_OFFERING_CHANGED)
        label = "program.offeringcompetency"
        assert len(event.after[label]) == len(event.before[label]) + 1
        assert event.after[label][-1]["competency_id"] == extra.pk
