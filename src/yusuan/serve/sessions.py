"""Logins and API tokens, kept in the database so that they can be ended at once.

- A browser's login is a random key in an HttpOnly, SameSite=Strict cookie; the database keeps
  only its SHA-256, the user, the expiry and the session's CSRF token. Logging out, a new role,
  a new password or removing the user deletes the row, and the cookie stops working on the next
  request. The user's role is read from the users table on every request.
- A scripted client sends `Authorization: Bearer ys_…`, a token made by `yusuan user token add`;
  the database keeps its SHA-256 only, so the token is shown once. It needs no CSRF token (a
  browser never adds it to a request on its own) and is revoked with `yusuan user token revoke`.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from sqlalchemy import delete, select

from yusuan.errors import InputError
from yusuan.serve.auth import user_named
from yusuan.store.activity import record
from yusuan.store.database import Database
from yusuan.store.schema import ApiToken, LoginSession, User

COOKIE = "yusuan_session"
LOGIN_COOKIE = "yusuan_login"  # the login form's token, before there is a session
LIFETIME = timedelta(hours=8)
TOKEN_PREFIX = "ys_"


@dataclass(frozen=True)
class Visitor:
    """Who is asking: a logged-in browser (with its CSRF token) or a scripted client (`via` 'token')."""

    name: str
    role: str
    csrf: str | None
    via: str  # 'session' | 'token'


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8", "replace")).hexdigest()


def _now() -> datetime:
    return datetime.now(timezone.utc)


def start(db: Database, user: User) -> tuple[str, str]:
    """A new login for `user`: (the cookie's key, the session's CSRF token). Expired logins are cleared."""
    key, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    now = _now()
    with db.session() as s:
        s.execute(delete(LoginSession).where(LoginSession.expires_at < now))
        s.add(LoginSession(key_hash=_hash(key), user_id=user.id, csrf=csrf, created_at=now, expires_at=now + LIFETIME))
    return key, csrf


def visitor(db: Database, key: str | None) -> Visitor | None:
    """The user of a session cookie, while the session lasts."""
    if not key or len(key) > 100:
        return None
    with db.session() as s:
        row = s.execute(select(User.name, User.role, LoginSession.csrf)
                        .join(LoginSession, LoginSession.user_id == User.id)
                        .where(LoginSession.key_hash == _hash(key), LoginSession.expires_at > _now())).first()
    return Visitor(row.name, row.role, row.csrf, "session") if row else None


def end(db: Database, key: str | None) -> None:
    if key and len(key) <= 100:
        with db.session() as s:
            s.execute(delete(LoginSession).where(LoginSession.key_hash == _hash(key)))


def csrf_ok(expected: str | None, given: str | None) -> bool:
    return bool(expected) and bool(given) and hmac.compare_digest(expected.encode(), (given or "").encode())


def add_token(db: Database, name: str, label: str = "") -> tuple[int, str]:
    """A new API token for user `name`: (its number, the token, shown this once)."""
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with db.session() as s:
        user = user_named(s, name)
        row = ApiToken(user_id=user.id, label=(label or "API")[:100], token_hash=_hash(token), created_at=_now())
        s.add(row)
        s.flush()
        number = row.id
    record(db, "token_created", target=name.strip(), detail=f"令牌 {number}（{label or 'API'}）")
    return number, token


def list_tokens(db: Database, name: str | None = None) -> list[dict]:
    stmt = select(ApiToken, User.name).join(User, User.id == ApiToken.user_id).order_by(ApiToken.id)
    if name:
        stmt = stmt.where(User.name == name.strip())
    with db.session() as s:
        return [{"id": t.id, "user": n, "label": t.label, "created_at": t.created_at.isoformat(timespec="seconds"),
                 "last_used_at": t.last_used_at.isoformat(timespec="seconds") if t.last_used_at else None}
                for t, n in s.execute(stmt)]


def revoke_token(db: Database, number: int) -> None:
    with db.session() as s:
        row = s.get(ApiToken, number)
        if row is None:
            raise InputError(f"没有编号为 {number} 的 API 令牌")
        owner = s.get(User, row.user_id)
        s.delete(row)
    record(db, "token_revoked", target=owner.name if owner else None, detail=f"令牌 {number}")


def token_visitor(db: Database, token: str) -> Visitor | None:
    """The user of an API token that has not been revoked (its last use is noted)."""
    if not token.startswith(TOKEN_PREFIX) or len(token) > 100:
        return None
    with db.session() as s:
        row = s.execute(select(ApiToken, User).join(User, User.id == ApiToken.user_id)
                        .where(ApiToken.token_hash == _hash(token))).first()
        if row is None:
            return None
        t, user = row
        if t.last_used_at is None or _now() - _aware(t.last_used_at) > timedelta(minutes=1):
            t.last_used_at = _now()
        return Visitor(user.name, user.role, None, "token")


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)  # SQLite returns UTC without a zone


def client_address(request) -> str:
    return request.client.host if request.client else ""


def secure(request) -> bool:
    """Cookies are marked Secure when the app is served over HTTPS or started with --secure-cookies."""
    return bool(request.app.state.secure_cookies) or request.url.scheme == "https"


def set_cookie(response, request, name: str, value: str, max_age: int | None = None) -> None:
    response.set_cookie(name, value, max_age=max_age if max_age is not None else int(LIFETIME.total_seconds()),
                        path="/", httponly=True, samesite="strict", secure=secure(request))


def give_cookie(response, request, key: str) -> None:
    """The session's cookie on `response` (and the login form's token cleared)."""
    set_cookie(response, request, COOKIE, key)
    response.delete_cookie(LOGIN_COOKIE, path="/")


def visitor_of(request) -> Visitor | None:
    """Who the access check found behind this request (None without --auth or before login)."""
    return getattr(request.state, "visitor", None)


def log_out_browser(response, request) -> None:
    v = visitor_of(request)
    end(request.app.state.db, request.cookies.get(COOKIE))
    response.delete_cookie(COOKIE, path="/", httponly=True, samesite="strict", secure=secure(request))
    if v is not None:
        record(request.app.state.db, "logout", user=v.name, client=client_address(request))
