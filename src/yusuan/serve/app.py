"""The FastAPI application: pages (Jinja2 + htmx), the REST API under /api, local assets."""

from __future__ import annotations

import gzip
from decimal import Decimal
from pathlib import Path
from urllib.parse import quote

from anyio import to_thread
from fastapi import FastAPI, Request
from markupsafe import Markup
from fastapi_offline import FastAPIOffline
from fastapi.exceptions import HTTPException as FastAPIHTTPException
from fastapi.responses import FileResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from yusuan import __version__
from yusuan.serve.assets import VENDOR, check_assets, vendor_file
from yusuan.serve import sessions
from yusuan.serve.auth import ROLE_LABELS, allows
from yusuan.audit.registry import SEVERITY_LABELS
from yusuan.serve.throttle import Throttle
from yusuan.serve.upload import Limits
from yusuan.store.database import Database

HERE = Path(__file__).parent
OPEN_PATHS = ("/login", "/api/login", "/static/", "/assets/")
# state-changing requests that carry no session's CSRF token: a login has no session yet (the form
# has a token of its own, the JSON login needs a JSON body no other site's form can send), and
# the logout form sends its token as a form field, checked by its endpoint
NO_CSRF_HEADER = ("/login", "/api/login", "/logout")
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")
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


def script_json(text: str) -> Markup:
    """A JSON text to put inside <script type="application/json">: '<', '>' and '&' written as JSON
    escapes, so that no "</script>" or comment opener in a document's text can end the block."""
    return Markup(text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e"))


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
    if method == "DELETE" or path.startswith(("/api/admin", "/admin")):
        return "admin"
    if method == "POST" and path.rstrip("/") in ("/api/documents", "/upload"):
        return "uploader"
    return "viewer"


def marked(text: str, query: str) -> list[tuple[str, bool]]:
    """`text` cut into pieces, those equal to `query` (any case) marked: the page escapes each piece."""
    q = " ".join((query or "").split())
    if not q:
        return [(text, False)]
    out, low, at = [], text.lower(), 0
    while True:
        i = low.find(q.lower(), at)
        if i < 0:
            out.append((text[at:], False))
            return [p for p in out if p[0]]
        out += [(text[at:i], False), (text[i:i + len(q)], True)]
        at = i + len(q)


def create_app(db: Database, auth: bool = False, limits: Limits | None = None, secure_cookies: bool = False,
               allowed_hosts: list[str] | None = None) -> FastAPI:
    """The application over `db`; FastAPIOffline serves /docs with Swagger UI from its package, not a CDN.
    With `auth`, every page and API call needs a login (a session cookie) or an API token.
    `allowed_hosts`: the names a request's Host may give (None: any)."""
    allowed_hosts = {h.lower() for h in allowed_hosts} if allowed_hosts else None
    check_assets()
    # validatorUrl None: Swagger UI would otherwise show a badge fetched from validator.swagger.io
    app = FastAPIOffline(title="yusuan 预算公开数据 API", version=__version__, redoc_url=None,
                         swagger_ui_parameters={"validatorUrl": None},
                  description="上传、查询、比较部门/单位预算公开文件及其核查发现。金额单位万元，以十进制字符串表示。"
                              "启用登录时，脚本以 `Authorization: Bearer <令牌>` 访问（令牌由 `yusuan user token add` 创建）。")
    app.state.db = db
    app.state.auth = auth
    app.state.secure_cookies = secure_cookies
    app.state.limits = limits or Limits()
    app.state.throttle = Throttle()
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    # every template escapes what it prints: the pages are named .html.j2, which Starlette's own
    # choice of extensions would leave unescaped, and every figure, name and sentence on them was
    # written by someone else
    templates.env.autoescape = True
    templates.env.globals.update(version=__version__, auth=auth, role_labels=ROLE_LABELS, severity_labels=SEVERITY_LABELS)
    templates.env.filters["money"] = money
    templates.env.filters["script_json"] = script_json
    templates.env.filters["marked"] = marked
    app.state.templates = templates

    # middleware added later runs earlier: the headers go on every answer, the same-site check
    # comes before the login check, which comes before the endpoint
    @app.middleware("http")
    async def access(request: Request, call_next):
        request.state.visitor = None
        if not auth:
            return await call_next(request)
        path = request.url.path
        bearer = request.headers.get("authorization", "")
        if bearer[:7].lower() == "bearer ":
            request.state.visitor = await to_thread.run_sync(sessions.token_visitor, db, bearer[7:].strip())
            if request.state.visitor is None:
                return JSONResponse({"detail": "API 令牌无效或已撤销"}, status_code=401,
                                    headers={"WWW-Authenticate": "Bearer"})
        else:
            request.state.visitor = await to_thread.run_sync(sessions.visitor, db, request.cookies.get(sessions.COOKIE))
        v = request.state.visitor
        if path.startswith(OPEN_PATHS) or path == "/favicon.ico":
            return await call_next(request)
        if v is None:
            if path.startswith("/api") or request.headers.get("HX-Request"):
                return JSONResponse({"detail": "请先登录"}, status_code=401)
            return RedirectResponse(f"/login?next={quote(path)}", status_code=303)
        if (request.method not in SAFE_METHODS and v.via == "session" and path not in NO_CSRF_HEADER
                and not sessions.csrf_ok(v.csrf, request.headers.get("x-csrf-token"))):
            return JSONResponse({"detail": "缺少或错误的 CSRF 令牌（请刷新页面后重试）"}, status_code=403)
        if not allows(v.role, needed_role(request.method, path)):
            return JSONResponse({"detail": f"当前角色（{ROLE_LABELS.get(v.role, v.role)}）没有此权限"}, status_code=403)
        return await call_next(request)

    @app.middleware("http")
    async def bounded_body(request: Request, call_next):
        # a body is refused by its declared size before it is read: a login is small, an upload at
        # most the upload limit (plus its form's framing)
        size = request.headers.get("content-length", "")
        cap = app.state.limits.max_bytes + 1024 * 1024 if request.url.path.rstrip("/") == "/api/documents" else 256 * 1024
        if request.method not in SAFE_METHODS and size.isdigit() and int(size) > cap:
            return JSONResponse({"detail": f"请求过大（超过 {cap // (1024 * 1024) or 1} MB 上限）"}, status_code=413)
        return await call_next(request)

    @app.middleware("http")
    async def same_origin(request: Request, call_next):
        # a page of another site (or another port of this host) may not make a logged-in browser
        # upload, delete, log in or out: a browser names the page a request comes from
        if allowed_hosts and request.headers.get("host", "").rsplit(":", 1)[0].strip("[]").lower() not in allowed_hosts:
            # another name for this address (DNS rebinding) would make another site "same origin"
            return JSONResponse({"detail": "主机名不在允许之列"}, status_code=400)
        if request.method not in SAFE_METHODS and not same_site(request):
            return JSONResponse({"detail": "跨站请求被拒绝（请求来自其他网站的页面）"}, status_code=403)
        return await call_next(request)

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        docs = request.url.path.startswith("/docs")  # Swagger UI starts itself with an inline script
        response.headers.setdefault("Content-Security-Policy", CSP_DOCS if docs else CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        return response

    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    packed: dict[str, bytes] = {}

    @app.get("/assets/{name}", include_in_schema=False)
    def asset(request: Request, name: str):
        if name not in VENDOR:
            raise FastAPIHTTPException(404, "没有这个文件")
        headers = {"Cache-Control": "public, max-age=86400", "Vary": "Accept-Encoding"}
        if "gzip" not in request.headers.get("accept-encoding", ""):
            return FileResponse(vendor_file(name), media_type="text/javascript", headers=headers)
        if name not in packed:  # compressed once (1.2 MB of plotly.js travels as 0.4 MB)
            packed[name] = gzip.compress(vendor_file(name).read_bytes(), compresslevel=9, mtime=0)
        return Response(packed[name], media_type="text/javascript", headers={**headers, "Content-Encoding": "gzip"})

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
