from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_out import ErrorOut
from ...models.page_directory_entry_out import PageDirectoryEntryOut
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    country: None | str | Unset = UNSET,
    offering: None | str | Unset = UNSET,
    q: None | str | Unset = UNSET,
    cursor: None | str | Unset = UNSET,
    limit: int | None | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_country: None | str | Unset
    if isinstance(country, Unset):
        json_country = UNSET
    else:
        json_country = country
    params["country"] = json_country

    json_offering: None | str | Unset
    if isinstance(offering, Unset):
        json_offering = UNSET
    else:
        json_offering = offering
    params["offering"] = json_offering

    json_q: None | str | Unset
    if isinstance(q, Unset):
        json_q = UNSET
    else:
        json_q = q
    params["q"] = json_q

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
        "url": "/api/v1/directory",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorOut | PageDirectoryEntryOut | None:
    if response.status_code == 200:
        response_200 = PageDirectoryEntryOut.from_dict(response.json())

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
) -> Response[ErrorOut | PageDirectoryEntryOut]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    country: None | str | Unset = UNSET,
    offering: None | str | Unset = UNSET,
    q: None | str | Unset = UNSET,
    cursor: None | str | Unset = UNSET,
    limit: int | None | Unset = UNSET,
) -> Response[ErrorOut | PageDirectoryEntryOut]:
    """Search the partner directory

     The partner directory: published profiles of firms enrolled today, by country served,
    offering and text, with their valid competencies; ordered by name.

    Args:
        country (None | str | Unset):
        offering (None | str | Unset):
        q (None | str | Unset):
        cursor (None | str | Unset):
        limit (int | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorOut | PageDirectoryEntryOut]
    """

    kwargs = _get_kwargs(
        country=country,
        offering=offering,
        q=q,
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
    country: None | str | Unset = UNSET,
    offering: None | str | Unset = UNSET,
    q: None | str | Unset = UNSET,
    cursor: None | str | Unset = UNSET,
    limit: int | None | Unset = UNSET,
) -> ErrorOut | PageDirectoryEntryOut | None:
    """Search the partner directory

     The partner directory: published profiles of firms enrolled today, by country served,
    offering and text, with their valid competencies; ordered by name.

    Args:
        country (None | str | Unset):
        offering (None | str | Unset):
        q (None | str | Unset):
        cursor (None | str | Unset):
        limit (int | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorOut | PageDirectoryEntryOut
    """

    return sync_detailed(
        client=client,
        country=country,
        offering=offering,
        q=q,
        cursor=cursor,
        limit=limit,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    country: None | str | Unset = UNSET,
    offering: None | str | Unset = UNSET,
    q: None | str | Unset = UNSET,
    cursor: None | str | Unset = UNSET,
    limit: int | None | Unset = UNSET,
) -> Response[ErrorOut | PageDirectoryEntryOut]:
    """Search the partner directory

     The partner directory: published profiles of firms enrolled today, by country served,
    offering and text, with their valid competencies; ordered by name.

    Args:
        country (None | str | Unset):
        offering (None | str | Unset):
        q (None | str | Unset):
        cursor (None | str | Unset):
        limit (int | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorOut | PageDirectoryEntryOut]
    """

    kwargs = _get_kwargs(
        country=country,
        offering=offering,
        q=q,
        cursor=cursor,
        limit=limit,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    country: None | str | Unset = UNSET,
    offering: None | str | Unset = UNSET,
    q: None | str | Unset = UNSET,
    cursor: None | str | Unset = UNSET,
    limit: int | None | Unset = UNSET,
) -> ErrorOut | PageDirectoryEntryOut | None:
    """Search the partner directory

     The partner directory: published profiles of firms enrolled today, by country served,
    offering and text, with their valid competencies; ordered by name.

    Args:
        country (None | str | Unset):
        offering (None | str | Unset):
        q (None | str | Unset):
        cursor (None | str | Unset):
        limit (int | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorOut | PageDirectoryEntryOut
    """

    return (
        await asyncio_detailed(
            client=client,
            country=country,
            offering=offering,
            q=q,
            cursor=cursor,
            limit=limit,
        )
    ).parsed
