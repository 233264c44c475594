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
    organisation: None | str | Unset = UNSET,
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

    json_organisation: None | str | Unset
    if isinstance(organisation, Unset):
        json_organisation = UNSET
    else:
        json_organisation = organisation
    params["organisation"] = json_organisation

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/reports/customer",
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
    organisation: None | str | Unset = UNSET,
) -> Response[ErrorOut | ReportOut]:
    """A customer's report slice

     A customer's slice: days per agreement, vouchers by state, open vouchers with deadlines.

    Args:
        format_ (None | str | Unset): csv: the same as Accept: text/csv.
        table (None | str | Unset): The table to export as CSV.
        organisation (None | str | Unset): Operators: the organisation's public id.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorOut | ReportOut]
    """

    kwargs = _get_kwargs(
        format_=format_,
        table=table,
        organisation=organisation,
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
    organisation: None | str | Unset = UNSET,
) -> ErrorOut | ReportOut | None:
    """A customer's report slice

     A customer's slice: days per agreement, vouchers by state, open vouchers with deadlines.

    Args:
        format_ (None | str | Unset): csv: the same as Accept: text/csv.
        table (None | str | Unset): The table to export as CSV.
        organisation (None | str | Unset): Operators: the organisation's public id.

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
        organisation=organisation,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    format_: None | str | Unset = UNSET,
    table: None | str | Unset = UNSET,
    organisation: None | str | Unset = UNSET,
) -> Response[ErrorOut | ReportOut]:
    """A customer's report slice

     A customer's slice: days per agreement, vouchers by state, open vouchers with deadlines.

    Args:
        format_ (None | str | Unset): csv: the same as Accept: text/csv.
        table (None | str | Unset): The table to export as CSV.
        organisation (None | str | Unset): Operators: the organisation's public id.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorOut | ReportOut]
    """

    kwargs = _get_kwargs(
        format_=format_,
        table=table,
        organisation=organisation,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    format_: None | str | Unset = UNSET,
    table: None | str | Unset = UNSET,
    organisation: None | str | Unset = UNSET,
) -> ErrorOut | ReportOut | None:
    """A customer's report slice

     A customer's slice: days per agreement, vouchers by state, open vouchers with deadlines.

    Args:
        format_ (None | str | Unset): csv: the same as Accept: text/csv.
        table (None | str | Unset): The table to export as CSV.
        organisation (None | str | Unset): Operators: the organisation's public id.

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
            organisation=organisation,
        )
    ).parsed
