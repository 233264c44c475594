from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_out import ErrorOut
from ...models.reply_to_support_request_files_body import ReplyToSupportRequestFilesBody
from ...models.reply_to_support_request_json_body import ReplyToSupportRequestJsonBody
from ...models.support_message_out import SupportMessageOut
from ...types import UNSET, Response, Unset


def _get_kwargs(
    request_id: int,
    *,
    body: ReplyToSupportRequestJsonBody | ReplyToSupportRequestFilesBody | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/support/requests/{request_id}/messages".format(
            request_id=quote(str(request_id), safe=""),
        ),
    }

    if isinstance(body, ReplyToSupportRequestJsonBody):
        _kwargs["json"] = body.to_dict()

        headers["Content-Type"] = "application/json"
    if isinstance(body, ReplyToSupportRequestFilesBody):
        _kwargs["files"] = body.to_multipart()

        headers["Content-Type"] = "multipart/form-data; boundary=+++"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorOut | SupportMessageOut | None:
    if response.status_code == 201:
        response_201 = SupportMessageOut.from_dict(response.json())

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
) -> Response[ErrorOut | SupportMessageOut]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    request_id: int,
    *,
    client: AuthenticatedClient,
    body: ReplyToSupportRequestJsonBody | ReplyToSupportRequestFilesBody | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Response[ErrorOut | SupportMessageOut]:
    """Reply to a support request

     Reply (JSON, or multipart with `attachments`). A requester's reply reopens the request;
    support staff may set `then_status` (default: unchanged).

    Args:
        request_id (int):
        idempotency_key (str | Unset):
        body (ReplyToSupportRequestJsonBody):
        body (ReplyToSupportRequestFilesBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorOut | SupportMessageOut]
    """

    kwargs = _get_kwargs(
        request_id=request_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    request_id: int,
    *,
    client: AuthenticatedClient,
    body: ReplyToSupportRequestJsonBody | ReplyToSupportRequestFilesBody | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> ErrorOut | SupportMessageOut | None:
    """Reply to a support request

     Reply (JSON, or multipart with `attachments`). A requester's reply reopens the request;
    support staff may set `then_status` (default: unchanged).

    Args:
        request_id (int):
        idempotency_key (str | Unset):
        body (ReplyToSupportRequestJsonBody):
        body (ReplyToSupportRequestFilesBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorOut | SupportMessageOut
    """

    return sync_detailed(
        request_id=request_id,
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    request_id: int,
    *,
    client: AuthenticatedClient,
    body: ReplyToSupportRequestJsonBody | ReplyToSupportRequestFilesBody | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Response[ErrorOut | SupportMessageOut]:
    """Reply to a support request

     Reply (JSON, or multipart with `attachments`). A requester's reply reopens the request;
    support staff may set `then_status` (default: unchanged).

    Args:
        request_id (int):
        idempotency_key (str | Unset):
        body (ReplyToSupportRequestJsonBody):
        body (ReplyToSupportRequestFilesBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorOut | SupportMessageOut]
    """

    kwargs = _get_kwargs(
        request_id=request_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    request_id: int,
    *,
    client: AuthenticatedClient,
    body: ReplyToSupportRequestJsonBody | ReplyToSupportRequestFilesBody | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> ErrorOut | SupportMessageOut | None:
    """Reply to a support request

     Reply (JSON, or multipart with `attachments`). A requester's reply reopens the request;
    support staff may set `then_status` (default: unchanged).

    Args:
        request_id (int):
        idempotency_key (str | Unset):
        body (ReplyToSupportRequestJsonBody):
        body (ReplyToSupportRequestFilesBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorOut | SupportMessageOut
    """

    return (
        await asyncio_detailed(
            request_id=request_id,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
