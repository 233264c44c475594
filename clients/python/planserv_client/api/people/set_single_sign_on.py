from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_out import ErrorOut
from ...models.single_sign_on_in import SingleSignOnIn
from ...models.single_sign_on_out import SingleSignOnOut
from ...types import UNSET, Response, Unset


def _get_kwargs(
    organisation_id: str,
    *,
    body: SingleSignOnIn,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/api/v1/organisations/{organisation_id}/single-sign-on".format(
            organisation_id=quote(str(organisation_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorOut | SingleSignOnOut | None:
    if response.status_code == 200:
        response_200 = SingleSignOnOut.from_dict(response.json())

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
) -> Response[ErrorOut | SingleSignOnOut]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    organisation_id: str,
    *,
    client: AuthenticatedClient,
    body: SingleSignOnIn,
    idempotency_key: str | Unset = UNSET,
) -> Response[ErrorOut | SingleSignOnOut]:
    """Set an organisation's single sign-on

     R-PPL-2: set the organisation's OpenID Connect provider (issuer, client id and secret),
    the email domains it signs in, and whether members must use it. Audited.

    Args:
        organisation_id (str):
        idempotency_key (str | Unset):
        body (SingleSignOnIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorOut | SingleSignOnOut]
    """

    kwargs = _get_kwargs(
        organisation_id=organisation_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    organisation_id: str,
    *,
    client: AuthenticatedClient,
    body: SingleSignOnIn,
    idempotency_key: str | Unset = UNSET,
) -> ErrorOut | SingleSignOnOut | None:
    """Set an organisation's single sign-on

     R-PPL-2: set the organisation's OpenID Connect provider (issuer, client id and secret),
    the email domains it signs in, and whether members must use it. Audited.

    Args:
        organisation_id (str):
        idempotency_key (str | Unset):
        body (SingleSignOnIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorOut | SingleSignOnOut
    """

    return sync_detailed(
        organisation_id=organisation_id,
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    organisation_id: str,
    *,
    client: AuthenticatedClient,
    body: SingleSignOnIn,
    idempotency_key: str | Unset = UNSET,
) -> Response[ErrorOut | SingleSignOnOut]:
    """Set an organisation's single sign-on

     R-PPL-2: set the organisation's OpenID Connect provider (issuer, client id and secret),
    the email domains it signs in, and whether members must use it. Audited.

    Args:
        organisation_id (str):
        idempotency_key (str | Unset):
        body (SingleSignOnIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorOut | SingleSignOnOut]
    """

    kwargs = _get_kwargs(
        organisation_id=organisation_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    organisation_id: str,
    *,
    client: AuthenticatedClient,
    body: SingleSignOnIn,
    idempotency_key: str | Unset = UNSET,
) -> ErrorOut | SingleSignOnOut | None:
    """Set an organisation's single sign-on

     R-PPL-2: set the organisation's OpenID Connect provider (issuer, client id and secret),
    the email domains it signs in, and whether members must use it. Audited.

    Args:
        organisation_id (str):
        idempotency_key (str | Unset):
        body (SingleSignOnIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorOut | SingleSignOnOut
    """

    return (
        await asyncio_detailed(
            organisation_id=organisation_id,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
