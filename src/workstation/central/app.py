"""The reference platform's HTTP API (FastAPI). OpenAPI at /openapi.json.

The schema carries the real rules (patterns and lengths of codes, keys, ids, nonces and signatures,
`format: date-time` for times, the sealed batch's own media type), so a request the schema calls valid
is refused only for what a schema cannot say (an unknown code, a signature that does not verify, a
sequence gap). Limits on what a request may cost are enforced by `RequestLimits` before the route runs.
"""

from __future__ import annotations

import asyncio
import json
import time
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import FastAPI, Header, Path, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import AwareDatetime, BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from workstation.central.service import Central, ServiceError
from workstation.i18n import QT_TRANSLATE_NOOP
from workstation.sync import envelope as env

BATCH_MEDIA_TYPE = "application/vnd.workstation.wsb1"
"""The media type of a sealed batch (``wsb/1`` framing, PROTOCOL.md); the only body `/v1/batches` takes."""

B64_KEY32 = r"^[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=$"  # exactly 32 bytes in canonical base64 (44 chars)
B64_SIG64 = r"^[A-Za-z0-9+/]{85}[AQgw]==$"  # exactly 64 bytes in canonical base64 (88 chars)
UUID_RE = r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
NONCE_RE = r"^[0-9a-f]{32}$"
CODE_RE = r"^[A-Za-z0-9]{12}$"
STATION_RE = r"^[0-9A-Za-z_-]{1,32}$"
RECORD_TYPE_RE = r"^[a-z_]{1,32}$"
RECORD_ID_RE = r"^[0-9A-Za-z_-]{1,36}$"


@dataclass(frozen=True)
class Limits:
    """What one request may cost (PROTOCOL.md, "Limits").

    max_batch_bytes: largest sealed batch accepted (bytes); a larger Content-Length is refused with
    413 before any of the body is read, and a chunked body is refused as soon as it passes the cap.
    max_body_bytes: the same for every other route (JSON requests are small).
    read_timeout_s: longest wait for the next piece of a body (408 after it: a Content-Length larger
    than the body sent cannot hold a worker).
    body_deadline_s: longest time to receive a whole body, however it is dribbled (408)."""

    max_batch_bytes: int = 16 * 1024 * 1024
    max_body_bytes: int = 64 * 1024
    read_timeout_s: float = 15.0
    body_deadline_s: float = 120.0


def _safe_text(value: object) -> str:
    """Text that always encodes as UTF-8 (lone surrogates and other unencodable code points become U+FFFD)."""
    return str(value).encode("utf-8", "replace").decode("utf-8")


class SafeJSONResponse(JSONResponse):
    """JSON that is always encodable: a lone surrogate that came in with a request goes out as a JSON
    ``\\uXXXX`` escape instead of making the error answer itself fail (HTTP 500)."""

    def render(self, content: Any) -> bytes:
        return json.dumps(content, ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode(
            "utf-8", "backslashreplace"
        )


def _problem_response(
    status: int, reason: str, message: str, headers: dict[str, str] | None = None
) -> SafeJSONResponse:
    return SafeJSONResponse(status_code=status, content={"reason": reason, "message": message}, headers=headers)


class RequestLimits:
    """ASGI middleware: reads the request body itself, streamed, under `Limits`, then hands it on.

    A declared Content-Length above the cap → 413 at once (nothing read); a body that grows past the
    cap → 413 as soon as it does; no next piece within `read_timeout_s`, or the whole body not within
    `body_deadline_s` → 408. Each answer closes the connection."""

    def __init__(self, app: ASGIApp, limits: Limits) -> None:
        self.app = app
        self.limits = limits

    def _cap(self, path: str) -> int:
        return self.limits.max_batch_bytes if path == "/v1/batches" else self.limits.max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        cap = self._cap(scope.get("path", ""))
        close = {"connection": "close"}
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                if not value.isdigit():
                    await _problem_response(400, "bad_length", "Content-Length is not a number", close)(
                        scope, receive, send
                    )
                    return
                if int(value) > cap:
                    await _problem_response(
                        413, "too_large", f"the request body is larger than this route accepts ({cap} bytes)", close
                    )(scope, receive, send)
                    return
        chunks: list[bytes] = []
        total = 0
        deadline = time.monotonic() + self.limits.body_deadline_s
        while True:
            wait = min(self.limits.read_timeout_s, deadline - time.monotonic())
            try:
                if wait <= 0:
                    raise TimeoutError
                message = await asyncio.wait_for(receive(), wait)
            except TimeoutError:
                await _problem_response(
                    408, "timeout", "the request body did not arrive in time (shorter than its Content-Length?)", close
                )(scope, receive, send)
                return
            if message["type"] == "http.disconnect":
                return
            body = message.get("body", b"")
            total += len(body)
            if total > cap:
                await _problem_response(
                    413, "too_large", f"the request body is larger than this route accepts ({cap} bytes)", close
                )(scope, receive, send)
                return
            chunks.append(body)
            if not message.get("more_body", False):
                break
        whole = b"".join(chunks)
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": whole, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)


class EnrollRequest(BaseModel):
    code: str = Field(pattern=CODE_RE, description="one-time enrollment code (12 letters and digits)")
    station_code: str = Field(pattern=STATION_RE, description="the station the code was issued for")
    sign_pub: str = Field(
        min_length=44, max_length=44, pattern=B64_KEY32, description="device Ed25519 public key, 32 bytes, base64"
    )


class EnrollResponse(BaseModel):
    device_id: str
    station_code: str
    key_id: str
    platform_enc_pub: str
    platform_sign_pub: str


class Checkpoint(BaseModel):
    seq: int
    hash: str


class Problem(BaseModel):
    reason: str
    message: str
    expected: int | None = None
    checkpoint: Checkpoint | None = None
    errors: list[dict[str, Any]] | None = None


class Receipt(BaseModel):
    body: dict[str, Any]
    sig: str


class RecordCopy(BaseModel):
    record_type: str
    record_id: str
    version: int
    deleted: bool
    payload: dict[str, Any]
    updated_at: AwareDatetime


class DownlinkResponse(BaseModel):
    items: list[dict[str, Any]]
    next: int
    more: bool


def _errors(*codes: int) -> dict[int | str, dict[str, Any]]:
    return {c: {"model": Problem} for c in (*codes, 422, 500, 503)}


def signing_message(method: str, path: str, query: str, timestamp: str, nonce: str) -> bytes:
    """Kept for callers of the old place; see `workstation.sync.envelope.signing_message`."""
    return env.signing_message(method, path, query, timestamp, nonce)


def create_app(central: Central, *, limits: Limits | None = None) -> FastAPI:
    """The platform's API around `central`. `limits` defaults to `Limits()`."""
    app = FastAPI(
        title="Workstation reference central platform", version="1.1.0", default_response_class=SafeJSONResponse
    )
    app.state.central = central
    app.add_middleware(RequestLimits, limits=limits or Limits())

    @app.exception_handler(ServiceError)
    async def _service_error(_req: Request, exc: ServiceError) -> SafeJSONResponse:
        return SafeJSONResponse(status_code=exc.status, content=exc.body())

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(_req: Request, exc: StarletteHTTPException) -> SafeJSONResponse:
        reason = {400: "bad_request", 404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "http_error")
        return SafeJSONResponse(
            status_code=exc.status_code,
            content={"reason": reason, "message": _safe_text(exc.detail)},
            headers=getattr(exc, "headers", None),
        )

    @app.exception_handler(RequestValidationError)
    async def _invalid(_req: Request, exc: RequestValidationError) -> SafeJSONResponse:
        # The request's own values are not echoed back: only where and what, as encodable text.
        errors = [
            {"loc": [_safe_text(p) for p in e.get("loc", ())], "msg": _safe_text(e.get("msg", ""))}
            for e in exc.errors()
        ]
        return SafeJSONResponse(
            status_code=422,
            content={"reason": "invalid_request", "message": "the request does not match the API", "errors": errors},
        )

    @app.get("/v1/health")
    async def health() -> dict[str, str]:
        return {"status": "ok", "key_id": central.keys.key_id}

    @app.post("/v1/enroll", response_model=EnrollResponse, responses=_errors(400, 403, 408, 413))
    async def enroll(req: EnrollRequest) -> dict[str, Any]:
        return await asyncio.to_thread(central.enroll, req.code, req.station_code, req.sign_pub)

    @app.post(
        "/v1/batches",
        response_model=Receipt,
        responses=_errors(400, 403, 408, 409, 413, 415),
        openapi_extra={
            "requestBody": {
                "required": True,
                "content": {BATCH_MEDIA_TYPE: {"schema": {"type": "string", "format": "binary"}}},
            }
        },
    )
    async def upload(request: Request) -> dict[str, Any]:
        media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if media_type != BATCH_MEDIA_TYPE:
            raise ServiceError(
                415,
                "media_type",
                QT_TRANSLATE_NOOP("platform", "a sealed batch is sent as {media_type}").format(
                    media_type=BATCH_MEDIA_TYPE
                ),
            )
        data = await request.body()
        return await asyncio.to_thread(central.ingest, data)

    @app.get("/v1/downlink", response_model=DownlinkResponse, responses=_errors(401, 403))
    async def downlink(
        request: Request,
        x_ws_device: Annotated[str, Header(pattern=UUID_RE, description="device id from enrollment")],
        x_ws_time: Annotated[AwareDatetime, Header(description="request time, with a UTC offset")],
        x_ws_nonce: Annotated[str, Header(pattern=NONCE_RE, description="16 random bytes, hex, new per request")],
        x_ws_sig: Annotated[str, Header(pattern=B64_SIG64, description="Ed25519 signature, base64")],
        after: int = Query(0, ge=0, le=2**62),
        limit: int = Query(500, ge=1, le=1000),
    ) -> dict[str, Any]:
        raw_time = request.headers["x-ws-time"]  # signed as sent; parsed again by the service
        msg = env.signing_message("GET", request.url.path, f"after={after}&limit={limit}", raw_time, x_ws_nonce)
        device = await asyncio.to_thread(central.authenticate, x_ws_device, raw_time, x_ws_nonce, x_ws_sig, msg)
        return await asyncio.to_thread(central.downlink, device, after, limit)

    @app.get(
        "/v1/records/{record_type}/{record_id}", response_model=RecordCopy, responses=_errors(401, 403, 404)
    )
    async def record_copy(
        request: Request,
        record_type: Annotated[str, Path(pattern=RECORD_TYPE_RE, description="e.g. person, property")],
        record_id: Annotated[str, Path(pattern=RECORD_ID_RE, description="the record's id")],
        x_ws_device: Annotated[str, Header(pattern=UUID_RE, description="device id from enrollment")],
        x_ws_time: Annotated[AwareDatetime, Header(description="request time, with a UTC offset")],
        x_ws_nonce: Annotated[str, Header(pattern=NONCE_RE, description="16 random bytes, hex, new per request")],
        x_ws_sig: Annotated[str, Header(pattern=B64_SIG64, description="Ed25519 signature, base64")],
    ) -> dict[str, Any]:
        raw_time = request.headers["x-ws-time"]
        msg = env.signing_message("GET", request.url.path, "", raw_time, x_ws_nonce)
        device = await asyncio.to_thread(central.authenticate, x_ws_device, raw_time, x_ws_nonce, x_ws_sig, msg)
        return await asyncio.to_thread(central.record_copy, device, record_type, record_id)

    return app
