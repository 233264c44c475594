import datetime
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_out import ErrorOut
from ...models.page_audit_event_out import PageAuditEventOut
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
    cursor: None | str | Unset = UNSET,
    limit: int | None | Unset = UNSET,
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

    json_cursor: None | str | Unset
    if isinstance(cursor, Unset):
        json_cursor = UNSET
    else:
        json_cursor = cursor
    params["cursor"] = json_cursor

    json_limit: int | None | Unset
    if isinstance(limit, Unset):
        json_limit = UNSET
    else:
        json_limit = limit
    params["limit"] = json_limit

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/operator/audit-events",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorOut | PageAuditEventOut | None:
    if response.status_code == 200:
        response_200 = PageAuditEventOut.from_dict(response.json())

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
) -> Response[ErrorOut | PageAuditEventOut]:
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
    cursor: None | str | Unset = UNSET,
    limit: int | None | Unset = UNSET,
) -> Response[ErrorOut | PageAuditEventOut]:
    """List audit events

     The audit log (section 10), newest first, filtered; every operator role reads it.

    Args:
        organisation_id (int | None | Unset):
        organisation (str | Unset):  Default: ''.
        subject_type (str | Unset):  Default: ''.
        subject_id (str | Unset):  Default: ''.
        action (str | Unset):  Default: ''.
        actor (str | Unset):  Default: ''.
        date_from (datetime.date | None | Unset):
        date_to (datetime.date | None | Unset):
        cursor (None | str | Unset):
        limit (int | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorOut | PageAuditEventOut]
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
        cursor=cursor,
        limit=limit,
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
    cursor: None | str | Unset = UNSET,
    limit: int | None | Unset = UNSET,
) -> ErrorOut | PageAuditEventOut | None:
    """List audit events

     The audit log (section 10), newest first, filtered; every operator role reads it.

    Args:
        organisation_id (int | None | Unset):
        organisation (str | Unset):  Default: ''.
        subject_type (str | Unset):  Default: ''.
        subject_id (str | Unset):  Default: ''.
        action (str | Unset):  Default: ''.
        actor (str | Unset):  Default: ''.
        date_from (datetime.date | None | Unset):
        date_to (datetime.date | None | Unset):
        cursor (None | str | Unset):
        limit (int | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorOut | PageAuditEventOut
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
        cursor=cursor,
        limit=limit,
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
    cursor: None | str | Unset = UNSET,
    limit: int | None | Unset = UNSET,
) -> Response[ErrorOut | PageAuditEventOut]:
    """List audit events

     The audit log (section 10), newest first, filtered; every operator role reads it.

    Args:
        organisation_id (int | None | Unset):
        organisation (str | Unset):  Default: ''.
        subject_type (str | Unset):  Default: ''.
        subject_id (str | Unset):  Default: ''.
        action (str | Unset):  Default: ''.
        actor (str | Unset):  Default: ''.
        date_from (datetime.date | None | Unset):
        date_to (datetime.date | None | Unset):
        cursor (None | str | Unset):
        limit (int | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorOut | PageAuditEventOut]
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
        cursor=cursor,
        limit=limit,
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
    cursor: None | str | Unset = UNSET,
    limit: int | None | Unset = UNSET,
) -> ErrorOut | PageAuditEventOut | None:
    """List audit events

     The audit log (section 10), newest first, filtered; every operator role reads it.

    Args:
        organisation_id (int | None | Unset):
        organisation (str | Unset):  Default: ''.
        subject_type (str | Unset):  Default: ''.
        subject_id (str | Unset):  Default: ''.
        action (str | Unset):  Default: ''.
        actor (str | Unset):  Default: ''.
        date_from (datetime.date | None | Unset):
        date_to (datetime.date | None | Unset):
        cursor (None | str | Unset):
        limit (int | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorOut | PageAuditEventOut
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
            cursor=cursor,
            limit=limit,
        )
    ).parsed
