"""The support API (api.md conventions): /support/requests, /messages, /status, /faq; tenant
isolation answers foreign requests as 404 (R-ROLE-1), cursor pagination, idempotent opening."""

from __future__ import annotations

import pytest

from planserv.notifications.models import OutboxMessage
from planserv.support.models import FaqEntry, SupportAttachment, SupportRequest
from tests.factories import accounts as account_factory
from tests.factories import support as support_factory

pytestmark = pytest.mark.django_db
f = support_factory


def open_via_api(api, *, files=None, key=None, **fields):
    data = {
        "subject": "Payment window after redemption",
        "category": "payment",
        "message": "We redeemed on 20 May. Until when can we request payment?",
        **fields,
    }
    if files:
        data["attachments"] = files
    headers = api._headers(key)
    return api.client.post("/api/v1/support/requests", data, headers=headers)


def reply_via_api(api, request_id, **fields):
    return api.client.post(
        f"/api/v1/support/requests/{request_id}/messages", fields, headers=api._headers(None)
    )


@pytest.fixture
def emea_agent_api(api_as, operator_org):
    from tests.conftest import ApiClient

    return ApiClient(f.agent(operator_org, "emea"))


class TestOpenAndRead:
    def test_partner_opens_a_request_routed_to_emea_r_sup_1(self, api_as):
        api = api_as("partner_admin")
        response = open_via_api(api, voucher_id="7KQ-4M9-XR2")
        assert response.status_code == 201, response.content
        body = response.json()
        assert body["queue"] == "emea" and body["queue_name"] == "EMEA Partner Support"
        assert body["status"] == "open" and body["organisation_country"] == "DE"
        assert body["voucher_id"] == "7KQ-4M9-XR2" and body["payment_request_id"] == ""
        assert body["reference"] == f"SR-{body['id']:06d}"
        assert body["first_response_seconds"] is None
        assert [m["side"] for m in body["messages"]] == ["requester"]

    def test_json_bodies_work_when_there_is_nothing_to_attach(self, api_as):
        api = api_as("partner_admin")
        opened = api.post(
            "/support/requests",
            {"subject": "JSON request", "category": "vouchers", "message": "Hello"},
        )
        assert opened.status_code == 201, opened.content
        reply = api.post(f"/support/requests/{opened.json()['id']}/messages", {"body": "More"})
        assert reply.status_code == 201 and reply.json()["side"] == "requester"
        malformed = api.send("POST", "/support/requests", None)
        assert malformed.status_code == 400
        assert api.post("/support/requests", {"subject": "x"}).status_code == 400

    def test_the_openapi_document_offers_json_and_multipart_bodies(self, api_as):
        document = api_as("member").client.get("/api/v1/openapi.json").json()
        content = document["paths"]["/api/v1/support/requests"]["post"]["requestBody"]["content"]
        assert set(content) == {"application/json", "multipart/form-data"}
        assert "attachments" in content["multipart/form-data"]["schema"]["properties"]
        assert "enum" in content["application/json"]["schema"]["properties"]["category"]

    def test_customer_in_the_us_lands_in_general_r_sup_1(self, api_as):
        body = open_via_api(api_as("benefits_admin")).json()
        assert body["queue"] == "general"

    def test_open_with_attachments_multipart_r_sup_3(self, api_as):
        api = api_as("partner_admin")
        files = [
            f.django_upload("plan.pdf", f.pdf_bytes()),
            f.django_upload("notes.txt", f.txt_bytes()),
        ]
        body = open_via_api(api, files=files).json()
        names = [a["name"] for a in body["messages"][0]["attachments"]]
        assert names == ["plan.pdf", "notes.txt"]

    def test_a_wrong_file_type_is_a_400_in_the_error_format_r_sup_3(self, api_as):
        api = api_as("partner_admin")
        response = open_via_api(api, files=[f.django_upload("invoice.pdf", b"MZ\x90\x00")])
        assert response.status_code == 400
        error = response.json()["error"]
        assert error["code"] == "attachment_type_not_allowed" and error["rule"] == "R-SUP-3"
        assert not SupportRequest.objects.exists()

    @pytest.mark.parametrize(
        "raw_name", ["../../etc/plan.pdf", "..\\..\\plan.pdf", "/var/www/plan.pdf", ".."]
    )
    def test_a_path_in_the_uploaded_file_name_never_reaches_the_disk_r_sup_3(
        self, api_as, raw_name
    ):
        api = api_as("partner_admin")
        boundary = "planservboundary"
        fields = {"subject": "Path trick", "category": "other", "message": "x"}
        parts = [
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
            for name, value in fields.items()
        ]
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="attachments"; '
            f'filename="{raw_name}"\r\nContent-Type: application/pdf\r\n\r\n'
        )
        body = (
            "".join(parts).encode()
            + head.encode()
            + f.pdf_bytes()
            + (f"\r\n--{boundary}--\r\n".encode())
        )
        response = api.client.post(
            "/api/v1/support/requests",
            body,
            content_type=f"multipart/form-data; boundary={boundary}",
            headers=api._headers(None),
        )
        # Django keeps only the last path component of a multipart name ('..' is dropped);
        # what arrives is checked again and stored under a generated name, never the client's.
        assert response.status_code in (201, 400), response.content
        for stored in SupportAttachment.objects.all():
            assert stored.original_name == "plan.pdf"
            assert stored.stored_name.startswith("support/") and "/" not in stored.stored_name[8:]
            assert "etc" not in stored.stored_name and ".." not in stored.stored_name

    def test_an_unknown_category_is_a_400(self, api_as):
        response = open_via_api(api_as("partner_admin"), category="complaints")
        assert response.status_code == 400
        assert response.json()["error"]["code"] == "invalid_input"

    def test_operators_cannot_open_requests_403(self, api_as):
        response = open_via_api(api_as("support"))
        assert response.status_code == 403
        assert response.json()["error"]["code"] == "requester_only"

    def test_opening_is_idempotent_with_the_same_key_rel_3(self, api_as):
        api = api_as("partner_admin")
        first = open_via_api(api, key="open-1", files=[f.django_upload("plan.pdf", f.pdf_bytes())])
        again = open_via_api(api, key="open-1", files=[f.django_upload("plan.pdf", f.pdf_bytes())])
        assert first.status_code == again.status_code == 201
        assert first.json() == again.json()
        assert again["Idempotent-Replayed"] == "true"
        assert SupportRequest.objects.count() == 1
        assert SupportAttachment.objects.count() == 1

    def test_a_retried_upload_with_a_new_multipart_boundary_is_a_replay_rel_3(self, api_as):
        api = api_as("partner_admin")

        def send(boundary):
            body = (
                (
                    f'--{boundary}\r\nContent-Disposition: form-data; name="subject"\r\n\r\n'
                    f"Retry\r\n--{boundary}\r\nContent-Disposition: form-data; "
                    f'name="category"\r\n\r\nother\r\n--{boundary}\r\n'
                    f'Content-Disposition: form-data; name="message"\r\n\r\nx\r\n'
                    f'--{boundary}\r\nContent-Disposition: form-data; name="attachments"; '
                    f'filename="plan.pdf"\r\nContent-Type: application/pdf\r\n\r\n'
                ).encode()
                + f.pdf_bytes()
                + f"\r\n--{boundary}--\r\n".encode()
            )
            return api.client.post(
                "/api/v1/support/requests",
                body,
                content_type=f"multipart/form-data; boundary={boundary}",
                headers=api._headers("retry-upload"),
            )

        first, again = send("aaaa1111"), send("bbbb2222")
        assert first.status_code == again.status_code == 201
        assert again["Idempotent-Replayed"] == "true"
        assert SupportRequest.objects.count() == 1


class TestTenantIsolation:
    def test_a_foreign_partner_gets_404_on_get_reply_and_status_r_role_1(self, api_as):
        mine = open_via_api(api_as("partner_admin")).json()
        other_org = account_factory.organisation("partner", country="DE")
        intruder = api_as("partner_admin", other_org)
        assert intruder.get(f"/support/requests/{mine['id']}").status_code == 404
        assert reply_via_api(intruder, mine["id"], body="hi").status_code == 404
        response = intruder.post(f"/support/requests/{mine['id']}/status", {"status": "resolved"})
        assert response.status_code == 404
        assert intruder.get("/support/requests").json()["items"] == []
        assert SupportRequest.objects.get().messages.count() == 1

    def test_a_customer_never_sees_a_partners_request_r_role_1(self, api_as):
        mine = open_via_api(api_as("partner_admin")).json()
        customer = api_as("benefits_admin")
        assert customer.get(f"/support/requests/{mine['id']}").status_code == 404
        assert customer.get("/support/requests").json()["items"] == []

    def test_every_member_of_the_organisation_sees_its_requests(self, api_as, partner_org):
        opened = open_via_api(api_as("partner_admin")).json()
        colleague = api_as("member", partner_org)
        items = colleague.get("/support/requests").json()["items"]
        assert [item["id"] for item in items] == [opened["id"]]

    def test_an_unknown_id_is_404(self, api_as):
        assert api_as("partner_admin").get("/support/requests/999999").status_code == 404


class TestAgents:
    def test_agent_lists_its_queue_only_by_default(self, api_as, emea_agent_api):
        emea = open_via_api(api_as("partner_admin")).json()
        open_via_api(api_as("benefits_admin"))  # US: general queue
        items = emea_agent_api.get("/support/requests").json()["items"]
        assert [item["id"] for item in items] == [emea["id"]]
        everything = emea_agent_api.get("/support/requests", queue="all").json()["items"]
        assert len(everything) == 2
        general = emea_agent_api.get("/support/requests", queue="general").json()["items"]
        assert [item["queue"] for item in general] == ["general"]

    def test_agent_replies_and_the_requester_sees_it_and_is_emailed(self, api_as, emea_agent_api):
        partner = api_as("partner_admin")
        opened = open_via_api(partner).json()
        response = reply_via_api(
            emea_agent_api,
            opened["id"],
            body="You have 60 days after redemption.",
            then_status="waiting_on_requester",
        )
        assert response.status_code == 201, response.content
        assert response.json()["side"] == "support"
        detail = partner.get(f"/support/requests/{opened['id']}").json()
        assert detail["status"] == "waiting_on_requester"
        assert detail["messages"][-1]["body"] == "You have 60 days after redemption."
        assert detail["first_response_seconds"] is not None
        assert OutboxMessage.objects.filter(template="support_reply").count() == 1

    def test_requester_reply_reopens(self, api_as, emea_agent_api):
        partner = api_as("partner_admin")
        opened = open_via_api(partner).json()
        emea_agent_api.post(f"/support/requests/{opened['id']}/status", {"status": "resolved"})
        response = reply_via_api(partner, opened["id"], body="One more question")
        assert response.status_code == 201
        assert partner.get(f"/support/requests/{opened['id']}").json()["status"] == "open"

    def test_status_change_by_the_agent_and_refusals(self, api_as, emea_agent_api):
        partner = api_as("partner_admin")
        opened = open_via_api(partner).json()
        path = f"/support/requests/{opened['id']}/status"
        resolved = emea_agent_api.post(path, {"status": "resolved"})
        assert resolved.status_code == 200 and resolved.json()["status"] == "resolved"
        again = emea_agent_api.post(path, {"status": "waiting_on_requester"})
        assert again.status_code == 409
        assert again.json()["error"]["code"] == "support_status_transition_not_allowed"
        assert partner.post(path, {"status": "open"}).status_code == 403
        assert emea_agent_api.post(path, {"status": "closed"}).status_code == 400

    def test_agent_of_another_queue_is_refused_403(self, api_as, operator_org):
        from tests.conftest import ApiClient

        opened = open_via_api(api_as("partner_admin")).json()
        general = ApiClient(f.agent(operator_org, "general"))
        assert general.get(f"/support/requests/{opened['id']}").status_code == 200  # reads all
        response = reply_via_api(general, opened["id"], body="Not mine")
        assert response.status_code == 403
        assert response.json()["error"]["code"] == "not_queue_agent"

    def test_auditor_reads_but_payment_reviewer_is_refused(self, api_as):
        open_via_api(api_as("partner_admin"))
        assert len(api_as("auditor").get("/support/requests").json()["items"]) == 1
        assert api_as("payment_reviewer").get("/support/requests").status_code == 403


class TestMalformedText:
    """PostgreSQL cannot store NUL: such input is a 400 on both databases, never a 500."""

    def test_a_queue_filter_with_a_nul_is_a_400(self, api_as):
        response = api_as("program_admin").get("/support/requests", queue="a\x00b")
        assert response.status_code == 400
        assert api_as("auditor").get("/support/requests", queue="all").status_code == 200

    @pytest.mark.parametrize("field", ["subject", "message"])
    def test_control_characters_in_text_are_a_400(self, api_as, field):
        body = {"subject": "Fine subject", "category": "other", "message": "Fine", field: "a\x07b"}
        response = api_as("partner_admin").post("/support/requests", body)
        assert response.status_code == 400
        assert response.json()["error"]["code"] == "support_input_invalid"
        body[field] = "a\x00b"  # NUL is refused for every request by the input guard
        response = api_as("partner_admin").post("/support/requests", body)
        assert response.status_code == 400
        assert response.json()["error"]["code"] == "invalid_input"
        assert not SupportRequest.objects.exists()

    def test_a_reply_with_a_nul_is_a_400(self, api_as):
        api = api_as("partner_admin")
        opened = open_via_api(api).json()
        response = api.post(f"/support/requests/{opened['id']}/messages", {"body": "x\x00"})
        assert response.status_code == 400


class TestPagination:
    def test_cursor_pages_through_requests_newest_first(self, api_as):
        api = api_as("partner_admin")
        ids = [open_via_api(api, subject=f"Question {n}").json()["id"] for n in range(5)]
        first = api.get("/support/requests", limit=2).json()
        second = api.get("/support/requests", limit=2, cursor=first["next_cursor"]).json()
        third = api.get("/support/requests", limit=2, cursor=second["next_cursor"]).json()
        seen = [item["id"] for page in (first, second, third) for item in page["items"]]
        assert seen == sorted(ids, reverse=True)
        assert third["next_cursor"] is None

    def test_status_filter(self, api_as, emea_agent_api):
        api = api_as("partner_admin")
        first = open_via_api(api).json()
        open_via_api(api)
        emea_agent_api.post(f"/support/requests/{first['id']}/status", {"status": "resolved"})
        resolved = api.get("/support/requests", status="resolved").json()["items"]
        assert [item["id"] for item in resolved] == [first["id"]]


class TestFaqApi:
    def test_faq_is_filtered_by_kind_and_role_and_rendered_safely_r_sup_4(self, api_as):
        FaqEntry.objects.all().delete()
        FaqEntry.objects.create(question="For all", answer_markdown="**All**", order=1)
        FaqEntry.objects.create(
            question="Partners", answer_markdown="<script>x</script>", audience_kinds=["partner"]
        )
        FaqEntry.objects.create(
            question="Partner admins",
            answer_markdown="[x](javascript:alert(1))",
            audience_kinds=["partner"],
            audience_roles=["partner_admin"],
        )
        FaqEntry.objects.create(question="Hidden", answer_markdown="x", published=False)
        FaqEntry.objects.create(
            question="Customers", answer_markdown="x", audience_kinds=["customer"]
        )

        def questions(role):
            return [e["question"] for e in api_as(role).get("/faq").json()["items"]]

        assert questions("partner_admin") == ["For all", "Partners", "Partner admins"]
        assert questions("member") == ["For all", "Partners"]
        assert questions("project_manager") == ["For all", "Customers"]
        assert questions("auditor") == ["For all"]
        items = api_as("partner_admin").get("/faq").json()["items"]
        assert "<script" not in items[1]["answer_html"]
        assert "javascript:" not in items[2]["answer_html"]
        assert items[0]["answer_html"] == "<p><strong>All</strong></p>"

    def test_faq_pages_with_a_cursor(self, api_as):
        api = api_as("partner_admin")
        first = api.get("/faq", limit=3).json()
        rest = api.get("/faq", limit=50, cursor=first["next_cursor"]).json()
        everything = api.get("/faq", limit=50).json()["items"]
        assert [e["id"] for e in first["items"] + rest["items"]] == [e["id"] for e in everything]
        assert len(everything) >= 5  # the seeded retirement FAQs for partners
