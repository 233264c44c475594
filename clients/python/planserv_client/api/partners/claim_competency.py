from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.competency_claim_in import CompetencyClaimIn
from ...models.error_out import ErrorOut
from ...models.evidence_claim_out import EvidenceClaimOut
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: CompetencyClaimIn,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/partner/competency-claims",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorOut | EvidenceClaimOut | None:
    if response.status_code == 201:
        response_201 = EvidenceClaimOut.from_dict(response.json())

        return response_201

    if response.status_code == 400:
        response_400 = ErrorOut.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorOut.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ErrorOut.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = ErrorOut.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = ErrorOut.from_dict(response.json())

        return response_409

    if response.status_code == 422:
        response_422 = ErrorOut.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = ErrorOut.from_dict(response.json())

        return response_429

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorOut | EvidenceClaimOut]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: CompetencyClaimIn,
    idempotency_key: str | Unset = UNSET,
) -> Response[ErrorOut | EvidenceClaimOut]:
    """Claim a competency

     R-EVD-1: claim a competency (level, earned and expiry dates, evidence); it counts for
    eligibility once the operator verifies it.

    Args:
        idempotency_key (str | Unset):
        body (CompetencyClaimIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorOut | EvidenceClaimOut]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: CompetencyClaimIn,
    idempotency_key: str | Unset = UNSET,
) -> ErrorOut | EvidenceClaimOut | None:
    """Claim a competency

     R-EVD-1: claim a competency (level, earned and expiry dates, evidence); it counts for
    eligibility once the operator verifies it.

    Args:
        idempotency_key (str | Unset):
        body (CompetencyClaimIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorOut | EvidenceClaimOut
    """

    return sync_detailed(
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: CompetencyClaimIn,
    idempotency_key: str | Unset = UNSET,
) -> Response[ErrorOut | EvidenceClaimOut]:
    """Claim a competency

     R-EVD-1: claim a competency (level, earned and expiry dates, evidence); it counts for
    eligibility once the operator verifies it.

    Args:
        idempotency_key (str | Unset):
        body (CompetencyClaimIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorOut | EvidenceClaimOut]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: CompetencyClaimIn,
    idempotency_key: str | Unset = UNSET,
) -> ErrorOut | EvidenceClaimOut | None:
    """Claim a competency

     R-EVD-1: claim a competency (level, earned and expiry dates, evidence); it counts for
    eligibility once the operator verifies it.

    Args:
        idempotency_key (str | Unset):
        body (CompetencyClaimIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorOut | EvidenceClaimOut
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
