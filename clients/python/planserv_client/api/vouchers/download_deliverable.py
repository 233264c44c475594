from http import HTTPStatus
from io import BytesIO
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_out import ErrorOut
from ...types import File, Response


def _get_kwargs(
    voucher_id: str,
    deliverable_id: int,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/vouchers/{voucher_id}/deliverables/{deliverable_id}".format(
            voucher_id=quote(str(voucher_id), safe=""),
            deliverable_id=quote(str(deliverable_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> ErrorOut | File | None:
    if response.status_code == 200:
        response_200 = File(payload=BytesIO(response.content))

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[ErrorOut | File]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    voucher_id: str,
    deliverable_id: int,
    *,
    client: AuthenticatedClient,
) -> Response[ErrorOut | File]:
    """Download a deliverable of a completion report

     Download a deliverable of the voucher's completion report: for the delivering partner
    firm, the customer and operators (R-DEL-2, R-ROLE-1); anyone else gets 404.

    Args:
        voucher_id (str):
        deliverable_id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorOut | File]
    """

    kwargs = _get_kwargs(
        voucher_id=voucher_id,
        deliverable_id=deliverable_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    voucher_id: str,
    deliverable_id: int,
    *,
    client: AuthenticatedClient,
) -> ErrorOut | File | None:
    """Download a deliverable of a completion report

     Download a deliverable of the voucher's completion report: for the delivering partner
    firm, the customer and operators (R-DEL-2, R-ROLE-1); anyone else gets 404.

    Args:
        voucher_id (str):
        deliverable_id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorOut | File
    """

    return sync_detailed(
        voucher_id=voucher_id,
        deliverable_id=deliverable_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    voucher_id: str,
    deliverable_id: int,
    *,
    client: AuthenticatedClient,
) -> Response[ErrorOut | File]:
    """Download a deliverable of a completion report

     Download a deliverable of the voucher's completion report: for the delivering partner
    firm, the customer and operators (R-DEL-2, R-ROLE-1); anyone else gets 404.

    Args:
        voucher_id (str):
        deliverable_id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorOut | File]
    """

    kwargs = _get_kwargs(
        voucher_id=voucher_id,
        deliverable_id=deliverable_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    voucher_id: str,
    deliverable_id: int,
    *,
    client: AuthenticatedClient,
) -> ErrorOut | File | None:
    """Download a deliverable of a completion report

     Download a deliverable of the voucher's completion report: for the delivering partner
    firm, the customer and operators (R-DEL-2, R-ROLE-1); anyone else gets 404.

    Args:
        voucher_id (str):
        deliverable_id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorOut | File
    """

    return (
        await asyncio_detailed(
            voucher_id=voucher_id,
            deliverable_id=deliverable_id,
            client=client,
        )
    ).parsed
