from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_out import ErrorOut
from ...models.run_confirm_in import RunConfirmIn
from ...models.run_out import RunOut
from ...types import UNSET, Response, Unset


def _get_kwargs(
    run_id: str,
    *,
    body: None | RunConfirmIn | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/payment-runs/{run_id}/confirm".format(
            run_id=quote(str(run_id), safe=""),
        ),
    }

    if isinstance(body, RunConfirmIn):
        _kwargs["json"] = body.to_dict()
    else:
        _kwargs["json"] = body

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> ErrorOut | RunOut | None:
    if response.status_code == 200:
        response_200 = RunOut.from_dict(response.json())

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[ErrorOut | RunOut]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    run_id: str,
    *,
    client: AuthenticatedClient,
    body: None | RunConfirmIn | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Response[ErrorOut | RunOut]:
    """Confirm that the bank executed a payment run

     R-PAY-6: the bank executed the run: its requests are paid. A second reviewer confirms
    (never one who built it); with `expected_count`/`expected_total`, only the run they checked.

    Args:
        run_id (str):
        idempotency_key (str | Unset):
        body (None | RunConfirmIn | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorOut | RunOut]
    """

    kwargs = _get_kwargs(
        run_id=run_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    run_id: str,
    *,
    client: AuthenticatedClient,
    body: None | RunConfirmIn | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> ErrorOut | RunOut | None:
    """Confirm that the bank executed a payment run

     R-PAY-6: the bank executed the run: its requests are paid. A second reviewer confirms
    (never one who built it); with `expected_count`/`expected_total`, only the run they checked.

    Args:
        run_id (str):
        idempotency_key (str | Unset):
        body (None | RunConfirmIn | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorOut | RunOut
    """

    return sync_detailed(
        run_id=run_id,
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    run_id: str,
    *,
    client: AuthenticatedClient,
    body: None | RunConfirmIn | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Response[ErrorOut | RunOut]:
    """Confirm that the bank executed a payment run

     R-PAY-6: the bank executed the run: its requests are paid. A second reviewer confirms
    (never one who built it); with `expected_count`/`expected_total`, only the run they checked.

    Args:
        run_id (str):
        idempotency_key (str | Unset):
        body (None | RunConfirmIn | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorOut | RunOut]
    """

    kwargs = _get_kwargs(
        run_id=run_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    run_id: str,
    *,
    client: AuthenticatedClient,
    body: None | RunConfirmIn | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> ErrorOut | RunOut | None:
    """Confirm that the bank executed a payment run

     R-PAY-6: the bank executed the run: its requests are paid. A second reviewer confirms
    (never one who built it); with `expected_count`/`expected_total`, only the run they checked.

    Args:
        run_id (str):
        idempotency_key (str | Unset):
        body (None | RunConfirmIn | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorOut | RunOut
    """

    return (
        await asyncio_detailed(
            run_id=run_id,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
