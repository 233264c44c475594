import datetime
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_out import ErrorOut
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    organisation_id: int | None | Unset = UNSET,
    organisation: str | Unset = "",
    subject_type: str | Unset = "",
    subject_id: str | Unset = "",
    action: str | Unset = "",
    actor: str | Unset = "",
    date_from: datetime.date | None | Unset = UNSET,
    date_to: datetime.date | None | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_organisation_id: int | None | Unset
    if isinstance(organisation_id, Unset):
        json_organisation_id = UNSET
    else:
        json_organisation_id = organisation_id
    params["organisation_id"] = json_organisation_id

    params["organisation"] = organisation

    params["subject_type"] = subject_type

    params["subject_id"] = subject_id

    params["action"] = action

    params["actor"] = actor

    json_date_from: None | str | Unset
    if isinstance(date_from, Unset):
        json_date_from = UNSET
    elif isinstance(date_from, datetime.date):
        json_date_from = date_from.isoformat()
    else:
        json_date_from = date_from
    params["date_from"] = json_date_from

    json_date_to: None | str | Unset
    if isinstance(date_to, Unset):
        json_date_to = UNSET
    elif isinstance(date_to, datetime.date):
        json_date_to = date_to.isoformat()
    else:
        json_date_to = date_to
    params["date_to"] = json_date_to

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/operator/audit-events.csv",
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> ErrorOut | str | None:
    if response.status_code == 200:
        response_200 = response.text
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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[ErrorOut | str]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    organisation_id: int | None | Unset = UNSET,
    organisation: str | Unset = "",
    subject_type: str | Unset = "",
    subject_id: str | Unset = "",
    action: str | Unset = "",
    actor: str | Unset = "",
    date_from: datetime.date | None | Unset = UNSET,
    date_to: datetime.date | None | Unset = UNSET,
) -> Response[ErrorOut | str]:
    """Export audit events as CSV

     The same filters, every matching event as CSV (no paging).

    Args:
        organisation_id (int | None | Unset):
        organisation (str | Unset):  Default: ''.
        subject_type (str | Unset):  Default: ''.
        subject_id (str | Unset):  Default: ''.
        action (str | Unset):  Default: ''.
        actor (str | Unset):  Default: ''.
        date_from (datetime.date | None | Unset):
        date_to (datetime.date | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorOut | str]
    """

    kwargs = _get_kwargs(
        organisation_id=organisation_id,
        organisation=organisation,
        subject_type=subject_type,
        subject_id=subject_id,
        action=action,
        actor=actor,
        date_from=date_from,
        date_to=date_to,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    organisation_id: int | None | Unset = UNSET,
    organisation: str | Unset = "",
    subject_type: str | Unset = "",
    subject_id: str | Unset = "",
    action: str | Unset = "",
    actor: str | Unset = "",
    date_from: datetime.date | None | Unset = UNSET,
    date_to: datetime.date | None | Unset = UNSET,
) -> ErrorOut | str | None:
    """Export audit events as CSV

     The same filters, every matching event as CSV (no paging).

    Args:
        organisation_id (int | None | Unset):
        organisation (str | Unset):  Default: ''.
        subject_type (str | Unset):  Default: ''.
        subject_id (str | Unset):  Default: ''.
        action (str | Unset):  Default: ''.
        actor (str | Unset):  Default: ''.
        date_from (datetime.date | None | Unset):
        date_to (datetime.date | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorOut | str
    """

    return sync_detailed(
        client=client,
        organisation_id=organisation_id,
        organisation=organisation,
        subject_type=subject_type,
        subject_id=subject_id,
        action=action,
        actor=actor,
        date_from=date_from,
        date_to=date_to,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    organisation_id: int | None | Unset = UNSET,
    organisation: str | Unset = "",
    subject_type: str | Unset = "",
    subject_id: str | Unset = "",
    action: str | Unset = "",
    actor: str | Unset = "",
    date_from: datetime.date | None | Unset = UNSET,
    date_to: datetime.date | None | Unset = UNSET,
) -> Response[ErrorOut | str]:
    """Export audit events as CSV

     The same filters, every matching event as CSV (no paging).

    Args:
        organisation_id (int | None | Unset):
        organisation (str | Unset):  Default: ''.
        subject_type (str | Unset):  Default: ''.
        subject_id (str | Unset):  Default: ''.
        action (str | Unset):  Default: ''.
        actor (str | Unset):  Default: ''.
        date_from (datetime.date | None | Unset):
        date_to (datetime.date | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorOut | str]
    """

    kwargs = _get_kwargs(
        organisation_id=organisation_id,
        organisation=organisation,
        subject_type=subject_type,
        subject_id=subject_id,
        action=action,
        actor=actor,
        date_from=date_from,
        date_to=date_to,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    organisation_id: int | None | Unset = UNSET,
    organisation: str | Unset = "",
    subject_type: str | Unset = "",
    subject_id: str | Unset = "",
    action: str | Unset = "",
    actor: str | Unset = "",
    date_from: datetime.date | None | Unset = UNSET,
    date_to: datetime.date | None | Unset = UNSET,
) -> ErrorOut | str | None:
    """Export audit events as CSV

     The same filters, every matching event as CSV (no paging).

    Args:
        organisation_id (int | None | Unset):
        organisation (str | Unset):  Default: ''.
        subject_type (str | Unset):  Default: ''.
        subject_id (str | Unset):  Default: ''.
        action (str | Unset):  Default: ''.
        actor (str | Unset):  Default: ''.
        date_from (datetime.date | None | Unset):
        date_to (datetime.date | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorOut | str
    """

    return (
        await asyncio_detailed(
            client=client,
            organisation_id=organisation_id,
            organisation=organisation,
            subject_type=subject_type,
            subject_id=subject_id,
            action=action,
            actor=actor,
            date_from=date_from,
            date_to=date_to,
        )
    ).parsed
