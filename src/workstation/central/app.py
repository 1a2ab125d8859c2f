"""The reference platform's HTTP API (FastAPI). OpenAPI at /openapi.json."""

from __future__ import annotations

import asyncio
from typing import Any

from fastapi import FastAPI, Header, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from workstation.central.service import Central, ServiceError


class EnrollRequest(BaseModel):
    code: str = Field(min_length=1, max_length=64)
    station_code: str = Field(min_length=1, max_length=32)
    sign_pub: str = Field(min_length=1, max_length=128, description="device Ed25519 public key, base64")


class EnrollResponse(BaseModel):
    device_id: str
    station_code: str
    key_id: str
    platform_enc_pub: str
    platform_sign_pub: str


class Problem(BaseModel):
    reason: str
    message: str
    expected: int | None = None


class Receipt(BaseModel):
    body: dict[str, Any]
    sig: str


class DownlinkResponse(BaseModel):
    items: list[dict[str, Any]]
    next: int
    more: bool


ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": Problem},
    401: {"model": Problem},
    403: {"model": Problem},
    409: {"model": Problem},
    503: {"model": Problem},
}


def signing_message(method: str, path: str, query: str, timestamp: str) -> bytes:
    return f"{method}\n{path}\n{query}\n{timestamp}".encode()


def create_app(central: Central) -> FastAPI:
    app = FastAPI(title="Workstation reference central platform", version="1.0.0")
    app.state.central = central

    @app.exception_handler(ServiceError)
    async def _service_error(_req: Request, exc: ServiceError) -> JSONResponse:
        return JSONResponse(status_code=exc.status, content=exc.body())

    @app.get("/v1/health")
    async def health() -> dict[str, str]:
        return {"status": "ok", "key_id": central.keys.key_id}

    @app.post("/v1/enroll", response_model=EnrollResponse, responses=ERRORS)
    async def enroll(req: EnrollRequest) -> dict[str, Any]:
        return await asyncio.to_thread(central.enroll, req.code, req.station_code, req.sign_pub)

    @app.post(
        "/v1/batches",
        response_model=Receipt,
        responses=ERRORS,
        openapi_extra={
            "requestBody": {
                "required": True,
                "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}},
            }
        },
    )
    async def upload(request: Request) -> dict[str, Any]:
        data = await request.body()
        return await asyncio.to_thread(central.ingest, data)

    @app.get("/v1/downlink", response_model=DownlinkResponse, responses=ERRORS)
    async def downlink(
        request: Request,
        after: int = Query(0, ge=0, le=2**62),
        limit: int = Query(500, ge=1, le=1000),
        x_ws_device: str = Header(..., max_length=64),
        x_ws_time: str = Header(..., max_length=64),
        x_ws_sig: str = Header(..., max_length=200),
    ) -> dict[str, Any]:
        msg = signing_message("GET", request.url.path, f"after={after}&limit={limit}", x_ws_time)
        device = await asyncio.to_thread(central.authenticate, x_ws_device, x_ws_time, x_ws_sig, msg)
        return await asyncio.to_thread(central.downlink, device, after, limit)

    return app
