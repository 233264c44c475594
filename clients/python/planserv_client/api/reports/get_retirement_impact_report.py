from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_out import ErrorOut
from ...models.report_out import ReportOut
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    format_: None | str | Unset = UNSET,
    table: None | str | Unset = UNSET,
    limit: int | None | Unset = UNSET,
    cursor: None | str | Unset = UNSET,
    milestone: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_format_: None | str | Unset
    if isinstance(format_, Unset):
        json_format_ = UNSET
    else:
        json_format_ = format_
    params["format"] = json_format_

    json_table: None | str | Unset
    if isinstance(table, Unset):
        json_table = UNSET
    else:
        json_table = table
    params["table"] = json_table

    json_limit: int | None | Unset
    if isinstance(limit, Unset):
        json_limit = UNSET
    else:
        json_limit = limit
    params["limit"] = json_limit

    json_cursor: None | str | Unset
    if isinstance(cursor, Unset):
        json_cursor = UNSET
    else:
        json_cursor = cursor
    params["cursor"] = json_cursor

    json_milestone: None | str | Unset
    if isinstance(milestone, Unset):
        json_milestone = UNSET
    else:
        json_milestone = milestone
    params["milestone"] = json_milestone

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/reports/retirement-impact",
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> ErrorOut | ReportOut | None:
    if response.status_code == 200:
        response_200 = ReportOut.from_dict(response.json())

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
) -> Response[ErrorOut | ReportOut]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    format_: None | str | Unset = UNSET,
    table: None | str | Unset = UNSET,
    limit: int | None | Unset = UNSET,
    cursor: None | str | Unset = UNSET,
    milestone: None | str | Unset = UNSET,
) -> Response[ErrorOut | ReportOut]:
    """Retirement impact report

     What a coming milestone will do, by organisation: days removed, vouchers and payments at
    risk (docs/reports.md: the pace rule). The `organisations` table comes a page at a time
    (`?cursor=&limit=`, the most days at stake first); its CSV has every row.

    Args:
        format_ (None | str | Unset): csv: the same as Accept: text/csv.
        table (None | str | Unset): The table to export as CSV.
        limit (int | None | Unset): Rows of the long table per page (1–200, default 50); the CSV
            has every row.
        cursor (None | str | Unset): next_cursor of the previous page.
        milestone (None | str | Unset): A milestone key; default the next.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorOut | ReportOut]
    """

    kwargs = _get_kwargs(
        format_=format_,
        table=table,
        limit=limit,
        cursor=cursor,
        milestone=milestone,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    format_: None | str | Unset = UNSET,
    table: None | str | Unset = UNSET,
    limit: int | None | Unset = UNSET,
    cursor: None | str | Unset = UNSET,
    milestone: None | str | Unset = UNSET,
) -> ErrorOut | ReportOut | None:
    """Retirement impact report

     What a coming milestone will do, by organisation: days removed, vouchers and payments at
    risk (docs/reports.md: the pace rule). The `organisations` table comes a page at a time
    (`?cursor=&limit=`, the most days at stake first); its CSV has every row.

    Args:
        format_ (None | str | Unset): csv: the same as Accept: text/csv.
        table (None | str | Unset): The table to export as CSV.
        limit (int | None | Unset): Rows of the long table per page (1–200, default 50); the CSV
            has every row.
        cursor (None | str | Unset): next_cursor of the previous page.
        milestone (None | str | Unset): A milestone key; default the next.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorOut | ReportOut
    """

    return sync_detailed(
        client=client,
        format_=format_,
        table=table,
        limit=limit,
        cursor=cursor,
        milestone=milestone,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    format_: None | str | Unset = UNSET,
    table: None | str | Unset = UNSET,
    limit: int | None | Unset = UNSET,
    cursor: None | str | Unset = UNSET,
    milestone: None | str | Unset = UNSET,
) -> Response[ErrorOut | ReportOut]:
    """Retirement impact report

     What a coming milestone will do, by organisation: days removed, vouchers and payments at
    risk (docs/reports.md: the pace rule). The `organisations` table comes a page at a time
    (`?cursor=&limit=`, the most days at stake first); its CSV has every row.

    Args:
        format_ (None | str | Unset): csv: the same as Accept: text/csv.
        table (None | str | Unset): The table to export as CSV.
        limit (int | None | Unset): Rows of the long table per page (1–200, default 50); the CSV
            has every row.
        cursor (None | str | Unset): next_cursor of the previous page.
        milestone (None | str | Unset): A milestone key; default the next.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorOut | ReportOut]
    """

    kwargs = _get_kwargs(
        format_=format_,
        table=table,
        limit=limit,
        cursor=cursor,
        milestone=milestone,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    format_: None | str | Unset = UNSET,
    table: None | str | Unset = UNSET,
    limit: int | None | Unset = UNSET,
    cursor: None | str | Unset = UNSET,
    milestone: None | str | Unset = UNSET,
) -> ErrorOut | ReportOut | None:
    """Retirement impact report

     What a coming milestone will do, by organisation: days removed, vouchers and payments at
    risk (docs/reports.md: the pace rule). The `organisations` table comes a page at a time
    (`?cursor=&limit=`, the most days at stake first); its CSV has every row.

    Args:
        format_ (None | str | Unset): csv: the same as Accept: text/csv.
        table (None | str | Unset): The table to export as CSV.
        limit (int | None | Unset): Rows of the long table per page (1–200, default 50); the CSV
            has every row.
        cursor (None | str | Unset): next_cursor of the previous page.
        milestone (None | str | Unset): A milestone key; default the next.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorOut | ReportOut
    """

    return (
        await asyncio_detailed(
            client=client,
            format_=format_,
            table=table,
            limit=limit,
            cursor=cursor,
            milestone=milestone,
        )
    ).parsed
