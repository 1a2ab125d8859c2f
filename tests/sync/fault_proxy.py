"""A TCP fault proxy on loopback in front of the TLS service.

It passes TLS through untouched but reads the record framing (5-byte headers), so it knows when the
client's first application-data record (the HTTP request) and the server's first application-data
record (the response) go by. Clients in these tests are limited to TLS 1.2 so that the handshake's
Finished messages are not themselves application-data records (in TLS 1.3 they are).

Faults (one per new connection, taken from `faults`; "pass" when empty):
  drop_request   handshake completes, the request is swallowed and both sides are closed
  drop_response  the request reaches the service (which commits), the response is swallowed
  stall          the request is held for `stall_s` seconds before it is forwarded
  reset          half of the request is forwarded, then both connections are reset (RST)
  hold_response  like drop_response, but the client connection is left hanging
"""

from __future__ import annotations

import asyncio
import collections
import socket
import struct
import threading

APP_DATA = 23


async def _record(reader: asyncio.StreamReader) -> bytes | None:
    try:
        head = await reader.readexactly(5)
        (n,) = struct.unpack(">H", head[3:5])
        return head + await reader.readexactly(n)
    except (asyncio.IncompleteReadError, ConnectionError):
        return None


def _rst(writer: asyncio.StreamWriter) -> None:
    sock = writer.get_extra_info("socket")
    if sock is not None:
        try:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        except OSError:
            pass
    writer.transport.abort()


class FaultProxy:
    def __init__(self, upstream_port: int, stall_s: float = 3.0) -> None:
        self.upstream_port = upstream_port
        self.stall_s = stall_s
        self.faults: collections.deque[str] = collections.deque()
        self.seen: list[str] = []
        self.requests_forwarded = 0
        self.requests_seen = 0
        self.responses_dropped = 0
        self.loop = asyncio.new_event_loop()
        self.ready = threading.Event()
        self.request_in_flight = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.port = 0
        self._server: asyncio.base_events.Server | None = None
        self._writers: set[asyncio.StreamWriter] = set()

    @property
    def url(self) -> str:
        return f"https://127.0.0.1:{self.port}"

    def start(self) -> FaultProxy:
        self.thread.start()
        self.ready.wait(10)
        return self

    def _run(self) -> None:
        asyncio.set_event_loop(self.loop)

        async def main() -> None:
            self._server = await asyncio.start_server(self._handle, "127.0.0.1", 0)
            self.port = self._server.sockets[0].getsockname()[1]
            self.ready.set()

        self.loop.run_until_complete(main())
        self.loop.run_forever()
        # stopped: end the connection handlers still waiting (their connections were aborted) before
        # the loop goes, so none is destroyed pending (asyncio would log an error for each)
        pending = asyncio.all_tasks(self.loop)
        for task in pending:
            task.cancel()
        self.loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
        self.loop.close()

    def stop(self) -> None:
        def _close() -> None:
            if self._server is not None:
                self._server.close()
            for w in list(self._writers):
                w.transport.abort()
            self.loop.stop()

        self.loop.call_soon_threadsafe(_close)
        self.thread.join(10)

    async def _handle(self, cr: asyncio.StreamReader, cw: asyncio.StreamWriter) -> None:
        try:
            await self._serve(cr, cw)
        except asyncio.CancelledError:
            pass  # the proxy is stopping (`stop`); ending normally keeps asyncio's stream callback quiet

    async def _serve(self, cr: asyncio.StreamReader, cw: asyncio.StreamWriter) -> None:
        fault = self.faults.popleft() if self.faults else "pass"
        self.seen.append(fault)
        self._writers.add(cw)
        try:
            ur, uw = await asyncio.open_connection("127.0.0.1", self.upstream_port)
        except OSError:
            cw.transport.abort()
            return
        self._writers.add(uw)
        stop = asyncio.Event()

        async def up() -> None:
            first = True
            while (rec := await _record(cr)) is not None:
                if rec[0] == APP_DATA and first:
                    first = False
                    self.requests_seen += 1
                    self.request_in_flight.set()
                    if fault == "drop_request":
                        cw.transport.abort()
                        uw.transport.abort()
                        return
                    if fault == "stall":
                        await asyncio.sleep(self.stall_s)
                    if fault == "reset":
                        uw.write(rec[: len(rec) // 2])
                        await uw.drain()
                        _rst(uw)
                        _rst(cw)
                        return
                    self.requests_forwarded += 1
                uw.write(rec)
                await uw.drain()
            uw.close()

        async def down() -> None:
            while (rec := await _record(ur)) is not None:
                if rec[0] == APP_DATA and fault in ("drop_response", "hold_response"):
                    self.responses_dropped += 1
                    if fault == "drop_response":
                        cw.transport.abort()
                        uw.transport.abort()
                    else:
                        await stop.wait()
                    return
                cw.write(rec)
                await cw.drain()
            cw.close()

        try:
            await asyncio.gather(up(), down(), return_exceptions=True)
        finally:
            self._writers.discard(cw)
            self._writers.discard(uw)
