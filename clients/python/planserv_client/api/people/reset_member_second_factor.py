from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_out import ErrorOut
from ...models.second_factor_out import SecondFactorOut
from ...types import UNSET, Response, Unset


def _get_kwargs(
    member_id: int,
    *,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/members/{member_id}/second-factor/reset".format(
            member_id=quote(str(member_id), safe=""),
        ),
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorOut | SecondFactorOut | None:
    if response.status_code == 200:
        response_200 = SecondFactorOut.from_dict(response.json())

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
) -> Response[ErrorOut | SecondFactorOut]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    member_id: int,
    *,
    client: AuthenticatedClient,
    idempotency_key: str | Unset = UNSET,
) -> Response[ErrorOut | SecondFactorOut]:
    """Reset a member's lost second factor

     R-PPL-3: the organisation's managing member (partner global admin, customer benefits
    admin) or a program admin removes a member's lost authenticator app and recovery codes; the
    person sets up a new one at the next sign-in. Audited. `member_id` is the membership's id.

    Args:
        member_id (int):
        idempotency_key (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorOut | SecondFactorOut]
    """

    kwargs = _get_kwargs(
        member_id=member_id,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    member_id: int,
    *,
    client: AuthenticatedClient,
    idempotency_key: str | Unset = UNSET,
) -> ErrorOut | SecondFactorOut | None:
    """Reset a member's lost second factor

     R-PPL-3: the organisation's managing member (partner global admin, customer benefits
    admin) or a program admin removes a member's lost authenticator app and recovery codes; the
    person sets up a new one at the next sign-in. Audited. `member_id` is the membership's id.

    Args:
        member_id (int):
        idempotency_key (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorOut | SecondFactorOut
    """

    return sync_detailed(
        member_id=member_id,
        client=client,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    member_id: int,
    *,
    client: AuthenticatedClient,
    idempotency_key: str | Unset = UNSET,
) -> Response[ErrorOut | SecondFactorOut]:
    """Reset a member's lost second factor

     R-PPL-3: the organisation's managing member (partner global admin, customer benefits
    admin) or a program admin removes a member's lost authenticator app and recovery codes; the
    person sets up a new one at the next sign-in. Audited. `member_id` is the membership's id.

    Args:
        member_id (int):
        idempotency_key (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorOut | SecondFactorOut]
    """

    kwargs = _get_kwargs(
        member_id=member_id,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    member_id: int,
    *,
    client: AuthenticatedClient,
    idempotency_key: str | Unset = UNSET,
) -> ErrorOut | SecondFactorOut | None:
    """Reset a member's lost second factor

     R-PPL-3: the organisation's managing member (partner global admin, customer benefits
    admin) or a program admin removes a member's lost authenticator app and recovery codes; the
    person sets up a new one at the next sign-in. Audited. `member_id` is the membership's id.

    Args:
        member_id (int):
        idempotency_key (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorOut | SecondFactorOut
    """

    return (
        await asyncio_detailed(
            member_id=member_id,
            client=client,
            idempotency_key=idempotency_key,
        )
    ).parsed
