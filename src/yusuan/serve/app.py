"""The FastAPI application: pages (Jinja2 + htmx), the REST API under /api, local assets."""

from __future__ import annotations

import secrets
from decimal import Decimal
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi_offline import FastAPIOffline
from fastapi.exceptions import HTTPException as FastAPIHTTPException
from fastapi.responses import FileResponse, JSONResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.middleware.sessions import SessionMiddleware

from yusuan import __version__
from yusuan.serve.assets import VENDOR, check_assets, vendor_file
from yusuan.serve.auth import ROLE_LABELS, allows
from yusuan.audit.registry import SEVERITY_LABELS
from yusuan.serve.throttle import Throttle
from yusuan.serve.upload import Limits
from yusuan.store.database import Database

HERE = Path(__file__).parent
OPEN_PATHS = ("/login", "/api/login", "/static/", "/assets/")
# scripts only from this server, never inline; styles inline too (plotly and htmx set them); no frames
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
CSP_DOCS = CSP.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")


def money(value) -> str:
    """A Decimal with thousands separators and its own precision; blank when not stated."""
    if value is None:
        return ""
    if not isinstance(value, Decimal):
        return str(value)
    if value.as_tuple().exponent < -2 and value == value.quantize(Decimal("0.01")):
        value = value.quantize(Decimal("0.01"))  # a figure printed in 元 (4961.600000 万元) as 万元 with fen
    return f"{value:,}"


def same_site(request: Request) -> bool:
    """The request's Origin (else its Referer) is this server, or absent (a script, not a browser)."""
    from urllib.parse import urlsplit

    source = request.headers.get("origin") or request.headers.get("referer")
    if not source:
        return True
    if source == "null":
        return False
    here = request.headers.get("host", "")
    try:
        return urlsplit(source).netloc == here
    except ValueError:
        return False


def needed_role(method: str, path: str) -> str:
    if method == "DELETE" or path.startswith("/api/admin"):
        return "admin"
    if method == "POST" and path.rstrip("/") in ("/api/documents", "/upload"):
        return "uploader"
    return "viewer"


def create_app(db: Database, auth: bool = False, secret: str | None = None, limits: Limits | None = None) -> FastAPI:
    """The application over `db`; FastAPIOffline serves /docs with Swagger UI from its package, not a CDN."""
    check_assets()
    app = FastAPIOffline(title="yusuan 预算公开数据 API", version=__version__, redoc_url=None,
                  description="上传、查询、比较部门/单位预算公开文件及其核查发现。金额单位万元，以十进制字符串表示。")
    app.state.db = db
    app.state.auth = auth
    app.state.limits = limits or Limits()
    app.state.throttle = Throttle()
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    # every template escapes what it prints: the pages are named .html.j2, which Starlette's own
    # choice of extensions would leave unescaped, and every figure, name and sentence on them was
    # written by someone else
    templates.env.autoescape = True
    templates.env.globals.update(version=__version__, auth=auth, role_labels=ROLE_LABELS, severity_labels=SEVERITY_LABELS)
    templates.env.filters["money"] = money
    app.state.templates = templates

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        docs = request.url.path.startswith("/docs")  # Swagger UI starts itself with an inline script
        response.headers.setdefault("Content-Security-Policy", CSP_DOCS if docs else CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        return response

    @app.middleware("http")
    async def same_origin(request: Request, call_next):
        # a page of another site (or another port of this host) may not make a logged-in browser
        # upload, delete, log in or out: a browser names the page a request comes from
        if request.method not in ("GET", "HEAD", "OPTIONS") and not same_site(request):
            return JSONResponse({"detail": "跨站请求被拒绝（请求来自其他网站的页面）"}, status_code=403)
        return await call_next(request)

    @app.middleware("http")
    async def access(request: Request, call_next):
        if auth and not request.url.path.startswith(OPEN_PATHS) and request.url.path != "/favicon.ico":
            role = request.session.get("role")
            if role is None:
                if request.url.path.startswith("/api") or request.headers.get("HX-Request"):
                    return JSONResponse({"detail": "请先登录"}, status_code=401)
                return RedirectResponse(f"/login?next={request.url.path}", status_code=303)
            if not allows(role, needed_role(request.method, request.url.path)):
                return JSONResponse({"detail": f"当前角色（{ROLE_LABELS.get(role, role)}）没有此权限"}, status_code=403)
        return await call_next(request)

    # added after the access check so that it runs first and the session is ready for it
    app.add_middleware(SessionMiddleware, secret_key=secret or secrets.token_urlsafe(32), same_site="strict",
                       https_only=False, max_age=8 * 3600)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    @app.get("/assets/{name}", include_in_schema=False)
    def asset(name: str):
        if name not in VENDOR:
            raise FastAPIHTTPException(404, "没有这个文件")
        return FileResponse(vendor_file(name), media_type="text/javascript",
                            headers={"Cache-Control": "public, max-age=86400"})

    from yusuan.serve import api, pages

    app.include_router(api.router)
    app.include_router(pages.router)

    @app.exception_handler(FastAPIHTTPException)
    async def http_error(request: Request, exc: FastAPIHTTPException):
        if request.url.path.startswith("/api") or request.headers.get("HX-Request"):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)
        return templates.TemplateResponse(request, "error.html.j2", {"status": exc.status_code, "detail": exc.detail},
                                          status_code=exc.status_code)

    return app
