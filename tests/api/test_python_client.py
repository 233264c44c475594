"""Issue 20, item 7: the generated Python client (clients/python, `make client`) drives the voucher
happy path against a live test server: create, validate, reserve, report with a deliverable,
redeem, download the deliverable, read the voucher."""

from __future__ import annotations

import datetime as dt
import json
from io import BytesIO
from pathlib import Path

import pytest

from tests.conftest import ApiClient
from tests.factories import vouchers as factory

planserv_client = pytest.importorskip("planserv_client")
from planserv_client import AuthenticatedClient  # noqa: E402
from planserv_client.api.vouchers import (  # noqa: E402
    create_voucher,
    download_deliverable,
    file_completion_report,
    get_voucher,
    redeem_voucher,
    reserve_voucher,
    validate_voucher,
)
from planserv_client.models import (  # noqa: E402
    ErrorOut,
    FileCompletionReportMultiPartBodyParams,
    RedeemIn,
    ReserveIn,
    ValidateIn,
    VoucherCreateIn,
    VoucherDetailOut,
)
from planserv_client.types import File  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]


def test_the_shipped_client_was_generated_from_todays_document():
    from planserv.api.main import api

    shipped = json.loads((ROOT / "clients" / "openapi.json").read_text())
    current = json.loads(json.dumps(api.get_openapi_schema(), default=str))
    assert shipped == current, "the API changed: run `make client` and commit clients/"


@pytest.mark.slow  # a live server and the generated client
@pytest.mark.django_db(transaction=True)
def test_the_voucher_happy_path_through_the_generated_client(live_server, pin_clock):
    pin_clock(dt.date(2021, 3, 1))
    pool = factory.customer_pool(days=50)
    firm = factory.eligible_firm()
    customer = AuthenticatedClient(base_url=live_server.url, token=ApiClient(pool.admin).token)
    partner = AuthenticatedClient(base_url=live_server.url, token=ApiClient(firm.admin).token)

    created = create_voucher.sync_detailed(
        client=customer,
        body=VoucherCreateIn(
            licensing_id=pool.agreement.licensing_id,
            engagement_type=factory.TYPE,
            days=5,
            assignee_email=pool.manager_email,
            division="Retail banking",
        ),
        idempotency_key="client-create-1",
    )
    assert created.status_code == 201, created.content
    voucher = created.parsed
    assert isinstance(voucher, VoucherDetailOut)
    assert voucher.status == "assigned"
    assert voucher.expiry_date == dt.date(2021, 8, 28)

    preview = validate_voucher.sync(
        client=partner, body=ValidateIn(voucher_id=voucher.display_id, email=pool.manager_email)
    )
    assert not isinstance(preview, ErrorOut) and preview is not None
    assert preview.eligible and preview.can_reserve

    pin_clock(dt.date(2021, 3, 2))
    reserved = reserve_voucher.sync(
        client=partner,
        voucher_id=voucher.voucher_id,
        body=ReserveIn(
            email=pool.manager_email,
            location_id=firm.location.location_id,
            start_date=dt.date(2021, 3, 8),
            accept_terms=True,
            delivery_country="US",
        ),
    )
    assert isinstance(reserved, VoucherDetailOut) and reserved.status == "reserved"

    pin_clock(dt.date(2021, 3, 12))
    plan = factory.pdf_bytes()
    reported = file_completion_report.sync(
        client=partner,
        voucher_id=voucher.voucher_id,
        body=FileCompletionReportMultiPartBodyParams(
            consultant_ids=[firm.consultant.pk],
            delivery_country="US",
            start_date=dt.date(2021, 3, 8),
            end_date=dt.date(2021, 3, 12),
            onsite_days=5,
            offsite_days=0,
            summary="Assessed 1,200 devices and planned the rollout.",
            next_steps="Pilot in two branches.",
            no_extra_fee=True,
            files=[File(payload=BytesIO(plan), file_name="plan.pdf", mime_type="application/pdf")],
        ),
    )
    assert isinstance(reported, VoucherDetailOut), reported
    assert reported.status == "delivered"
    deliverable = reported.report.deliverables[0]

    redeemed = redeem_voucher.sync(
        client=partner,
        voucher_id=voucher.voucher_id,
        body=RedeemIn(location_id=firm.location.location_id),
    )
    assert isinstance(redeemed, VoucherDetailOut) and redeemed.status == "redeemed"

    for caller in (customer, partner):
        downloaded = download_deliverable.sync(
            client=caller, voucher_id=voucher.voucher_id, deliverable_id=deliverable.id
        )
        assert isinstance(downloaded, File)
        assert downloaded.payload.read() == plan

    final = get_voucher.sync(client=customer, voucher_id=voucher.voucher_id)
    assert isinstance(final, VoucherDetailOut)
    assert final.status == "redeemed"
    assert "redeemed" in [entry.action for entry in final.history]
