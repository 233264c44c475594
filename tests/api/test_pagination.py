"""api.md "Lists": cursor pagination with a stable order; bad cursors and limits are 400s."""

from __future__ import annotations

import base64
import json

import pytest

from planserv.accounts.models import Organisation
from planserv.api.pagination import cursor_paginate
from planserv.core.errors import InvalidInput
from tests.factories import accounts as account_factory

pytestmark = pytest.mark.django_db


def _cursor(values):
    return base64.urlsafe_b64encode(json.dumps(values).encode()).decode().rstrip("=")


def test_pages_walk_every_row_once_in_order():
    for _ in range(5):
        account_factory.organisation("partner")
    seen, cursor = [], None
    while True:
        page = cursor_paginate(Organisation.objects.all(), cursor=cursor, limit=2)
        seen += [row.pk for row in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == sorted(Organisation.objects.values_list("pk", flat=True), reverse=True)


@pytest.mark.parametrize("cursor", ["%%%", _cursor(["abc"]), _cursor([1, 2]), _cursor({"a": 1})])
def test_crafted_cursors_are_refused_as_invalid_input(cursor):
    with pytest.raises(InvalidInput):
        cursor_paginate(Organisation.objects.all(), cursor=cursor, limit=10)


@pytest.mark.parametrize("limit", [0, -1, 201])
def test_limit_outside_1_to_200_is_refused(limit):
    with pytest.raises(InvalidInput):
        cursor_paginate(Organisation.objects.all(), cursor=None, limit=limit)


@pytest.mark.parametrize("query", ["offering=%00", "offering=a%00b"])
def test_nul_characters_in_a_query_are_a_400_not_a_500(api_as, query):
    response = api_as("member").client.get(
        f"/api/v1/engagement-types?{query}", headers=api_as("member")._headers(None)
    )
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_input"
