"""A small asyncio HTTP/1.1 client for the open-loop load generator (PERF-5).

Standard library only: keep-alive connections to one host, reused when idle and opened when none
is, so an open-loop schedule is never throttled by the client (the connection count grows when the
server slows, as real clients' would). Enough HTTP for our own server: Content-Length or chunked
bodies, no TLS, no redirects.
"""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes


class Pool:
    def __init__(self, host: str, port: int, *, limit: int = 512, timeout: float = 30.0) -> None:
        self.host, self.port, self.timeout = host, port, timeout
        self._idle: list[tuple[asyncio.StreamReader, asyncio.StreamWriter]] = []
        self._open = 0
        self._slots = asyncio.Semaphore(limit)
        self.opened = 0

    async def request(
        self, method: str, path: str, *, headers: dict[str, str] | None = None, body: bytes = b""
    ) -> Answer:
        async with self._slots:
            return await asyncio.wait_for(
                self._request(method, path, headers or {}, body), self.timeout
            )

    async def _request(
        self, method: str, path: str, headers: dict[str, str], body: bytes
    ) -> Answer:
        for attempt in range(2):
            reader, writer, fresh = await self._connection()
            try:
                head = [
                    f"{method} {path} HTTP/1.1",
                    f"Host: {self.host}:{self.port}",
                    f"Content-Length: {len(body)}",
                ]
                head += [f"{name}: {value}" for name, value in headers.items()]
                writer.write(("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + body)
                await writer.drain()
                answer, keep = await _read_answer(reader)
            except (ConnectionError, asyncio.IncompleteReadError) as error:
                self._discard(writer)
                if fresh or attempt:  # a stale keep-alive connection is retried once, fresh
                    raise ConnectionError(str(error)) from error
                continue
            except BaseException:
                self._discard(writer)
                raise
            if keep:
                self._idle.append((reader, writer))
            else:
                self._discard(writer)
            return answer
        raise ConnectionError("unreachable")

    async def _connection(self) -> tuple[asyncio.StreamReader, asyncio.StreamWriter, bool]:
        while self._idle:
            reader, writer = self._idle.pop()
            if not writer.is_closing() and not reader.at_eof():
                return reader, writer, False
            self._discard(writer)
        reader, writer = await asyncio.open_connection(self.host, self.port)
        self._open += 1
        self.opened += 1
        return reader, writer, True

    def _discard(self, writer: asyncio.StreamWriter) -> None:
        self._open -= 1
        with contextlib.suppress(Exception):
            writer.close()

    async def close(self) -> None:
        while self._idle:
            _, writer = self._idle.pop()
            self._discard(writer)


async def _read_answer(reader: asyncio.StreamReader) -> tuple[Answer, bool]:
    status_line = await reader.readuntil(b"\r\n")
    parts = status_line.decode("latin-1").split(" ", 2)
    status = int(parts[1])
    headers: dict[str, str] = {}
    while True:
        line = await reader.readuntil(b"\r\n")
        if line == b"\r\n":
            break
        name, _, value = line.decode("latin-1").partition(":")
        headers[name.strip().lower()] = value.strip()
    if "content-length" in headers:
        body = await reader.readexactly(int(headers["content-length"]))
    elif headers.get("transfer-encoding", "").lower() == "chunked":
        chunks = []
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            if size == 0:
                await reader.readuntil(b"\r\n")
                break
            chunks.append(await reader.readexactly(size))
            await reader.readexactly(2)
        body = b"".join(chunks)
    else:
        body = await reader.read()
        return Answer(status, headers, body), False
    keep = headers.get("connection", "").lower() != "close"
    return Answer(status, headers, body), keep
