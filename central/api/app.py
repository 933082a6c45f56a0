"""The app factory for uvicorn (`central.api.app:create_app`, --factory).

Each worker process builds its own Centre from the environment (the CLI has already
migrated the database and checked the keys), records and signs the catalogue, and
serves. Nothing is kept between requests but the parsed definitions and the
signed catalogue, so workers and hosts can be added freely.
"""

from __future__ import annotations

import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI
from starlette.middleware.gzip import GZipMiddleware

from central.api import problems
from central.api.encoding import GunzipRequests
from central.api.limits import BodyLimit
from central.api.routes import router
from central.api.schemas import Problem
from central.centre import Centre
from central.errors import SetupError
from central.settings import Settings

TITLE = "Anjungan central service"
API_VERSION = "1"


def create_app(centre: Centre | None = None) -> FastAPI:
    """The app around `centre`, or around one opened from the environment."""
    return _app(centre or _centre_from_environment())


def openapi_document() -> dict[str, Any]:
    """The OpenAPI document, without keys or a database."""
    return _app(None).openapi()


def _app(centre: Centre | None) -> FastAPI:
    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        if centre is not None:
            centre.close()

    app = FastAPI(
        title=TITLE,
        version=API_VERSION,
        summary="Enrolment, sealed applications, statuses, the signed catalogue, kiosk health.",
        docs_url=None,
        redoc_url=None,
        openapi_url="/v1/openapi.json",
        lifespan=lifespan,
    )
    app.state.centre = centre
    app.include_router(router)
    problems.install(app)
    # The last added runs first: the raw body's limit, then inflating, then the routes;
    # answers of a kilobyte or more are gzipped for clients that accept it.
    app.add_middleware(GZipMiddleware, minimum_size=1024, compresslevel=6)
    app.add_middleware(GunzipRequests)
    app.add_middleware(BodyLimit)
    _document_problem(app)
    return app


def _centre_from_environment() -> Centre:
    try:
        centre = Centre.open(Settings.from_environment())
        centre.serve_catalogue()
    except SetupError as error:
        print(f"central: {error}", file=sys.stderr)
        raise SystemExit(1) from None
    return centre


def _document_problem(app: FastAPI) -> None:
    """Put Problem in the schema's components (the routes refer to it by $ref)."""
    original = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = original()
            components = schema.setdefault("components", {}).setdefault("schemas", {})
            components["Problem"] = Problem.model_json_schema(
                ref_template="#/components/schemas/{model}"
            )
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
