from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_out import ErrorOut
from ...models.reserve_in import ReserveIn
from ...models.voucher_detail_out import VoucherDetailOut
from ...types import UNSET, Response, Unset


def _get_kwargs(
    voucher_id: str,
    *,
    body: ReserveIn,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/vouchers/{voucher_id}/reservation".format(
            voucher_id=quote(str(voucher_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorOut | VoucherDetailOut | None:
    if response.status_code == 201:
        response_201 = VoucherDetailOut.from_dict(response.json())

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
) -> Response[ErrorOut | VoucherDetailOut]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    voucher_id: str,
    *,
    client: AuthenticatedClient,
    body: ReserveIn,
    idempotency_key: str | Unset = UNSET,
) -> Response[ErrorOut | VoucherDetailOut]:
    """Reserve a voucher for the caller's firm

     R-RES-2, R-RES-3: reserve for the caller's firm; a second reserver gets already_reserved.

    Args:
        voucher_id (str):
        idempotency_key (str | Unset):
        body (ReserveIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorOut | VoucherDetailOut]
    """

    kwargs = _get_kwargs(
        voucher_id=voucher_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    voucher_id: str,
    *,
    client: AuthenticatedClient,
    body: ReserveIn,
    idempotency_key: str | Unset = UNSET,
) -> ErrorOut | VoucherDetailOut | None:
    """Reserve a voucher for the caller's firm

     R-RES-2, R-RES-3: reserve for the caller's firm; a second reserver gets already_reserved.

    Args:
        voucher_id (str):
        idempotency_key (str | Unset):
        body (ReserveIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorOut | VoucherDetailOut
    """

    return sync_detailed(
        voucher_id=voucher_id,
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    voucher_id: str,
    *,
    client: AuthenticatedClient,
    body: ReserveIn,
    idempotency_key: str | Unset = UNSET,
) -> Response[ErrorOut | VoucherDetailOut]:
    """Reserve a voucher for the caller's firm

     R-RES-2, R-RES-3: reserve for the caller's firm; a second reserver gets already_reserved.

    Args:
        voucher_id (str):
        idempotency_key (str | Unset):
        body (ReserveIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorOut | VoucherDetailOut]
    """

    kwargs = _get_kwargs(
        voucher_id=voucher_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    voucher_id: str,
    *,
    client: AuthenticatedClient,
    body: ReserveIn,
    idempotency_key: str | Unset = UNSET,
) -> ErrorOut | VoucherDetailOut | None:
    """Reserve a voucher for the caller's firm

     R-RES-2, R-RES-3: reserve for the caller's firm; a second reserver gets already_reserved.

    Args:
        voucher_id (str):
        idempotency_key (str | Unset):
        body (ReserveIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorOut | VoucherDetailOut
    """

    return (
        await asyncio_detailed(
            voucher_id=voucher_id,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
