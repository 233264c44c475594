from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_out import ErrorOut
from ...models.evidence_claim_out import EvidenceClaimOut
from ...types import Response


def _get_kwargs(
    consultant_id: int,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/partner/consultants/{consultant_id}/exams".format(
            consultant_id=quote(str(consultant_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorOut | list[EvidenceClaimOut] | None:
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.json()
        for response_200_item_data in _response_200:
            response_200_item = EvidenceClaimOut.from_dict(response_200_item_data)

            response_200.append(response_200_item)

        return response_200

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
) -> Response[ErrorOut | list[EvidenceClaimOut]]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    consultant_id: int,
    *,
    client: AuthenticatedClient,
) -> Response[ErrorOut | list[EvidenceClaimOut]]:
    """A consultant's exam claims

     The consultant's exam claims with their status (verified exams also show on the
    consultant); another firm's consultant is not found.

    Args:
        consultant_id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorOut | list[EvidenceClaimOut]]
    """

    kwargs = _get_kwargs(
        consultant_id=consultant_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    consultant_id: int,
    *,
    client: AuthenticatedClient,
) -> ErrorOut | list[EvidenceClaimOut] | None:
    """A consultant's exam claims

     The consultant's exam claims with their status (verified exams also show on the
    consultant); another firm's consultant is not found.

    Args:
        consultant_id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorOut | list[EvidenceClaimOut]
    """

    return sync_detailed(
        consultant_id=consultant_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    consultant_id: int,
    *,
    client: AuthenticatedClient,
) -> Response[ErrorOut | list[EvidenceClaimOut]]:
    """A consultant's exam claims

     The consultant's exam claims with their status (verified exams also show on the
    consultant); another firm's consultant is not found.

    Args:
        consultant_id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorOut | list[EvidenceClaimOut]]
    """

    kwargs = _get_kwargs(
        consultant_id=consultant_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    consultant_id: int,
    *,
    client: AuthenticatedClient,
) -> ErrorOut | list[EvidenceClaimOut] | None:
    """A consultant's exam claims

     The consultant's exam claims with their status (verified exams also show on the
    consultant); another firm's consultant is not found.

    Args:
        consultant_id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorOut | list[EvidenceClaimOut]
    """

    return (
        await asyncio_detailed(
            consultant_id=consultant_id,
            client=client,
        )
    ).parsed
