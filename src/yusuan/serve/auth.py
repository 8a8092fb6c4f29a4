"""Users and roles for a shared deployment (`yusuan serve --auth`).

Passwords are hashed with scrypt (salted, memory-hard, in the standard library); a login is a
row of the database (serve/sessions.py), so that changing a user's role or password, or removing
them, ends their sessions at once. Roles are ordered: a viewer reads, an uploader also uploads,
an admin also deletes documents and reads the audit log.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os

from sqlalchemy import delete, func, select

from yusuan.errors import InputError, YusuanError
from yusuan.store.activity import record
from yusuan.store.database import Database
from yusuan.store.schema import ApiToken, LoginSession, User

ROLES = ("viewer", "uploader", "admin")
ROLE_LABELS = {"viewer": "查看", "uploader": "上传", "admin": "管理"}
_N, _R, _P = 2 ** 14, 8, 1


def hash_password(password: str) -> str:
    salt = os.urandom(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=_N, r=_R, p=_P, dklen=32)
    return "scrypt${}${}${}${}${}".format(_N, _R, _P, base64.b64encode(salt).decode(), base64.b64encode(digest).decode())


def verify_password(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        got = hashlib.scrypt(password.encode(), salt=base64.b64decode(salt), n=int(n), r=int(r), p=int(p),
                             dklen=len(base64.b64decode(digest)))
    except ValueError:
        return False
    return hmac.compare_digest(got, base64.b64decode(digest))


def _check_role(role: str) -> None:
    if role not in ROLES:
        raise InputError(f"未知角色：{role}（可用：{'、'.join(ROLES)}）")


def _check_password(password: str) -> None:
    if len(password) < 8:
        raise InputError("密码至少 8 个字符")
    if len(password) > 1024:
        raise InputError("密码过长（至多 1024 个字符）")


def user_named(s, name: str) -> User:
    """The user of that name in session `s`; InputError when there is none."""
    user = s.scalar(select(User).where(User.name == name.strip()))
    if user is None:
        raise InputError(f"没有这个用户：{name.strip()[:60]}")
    return user


def end_sessions(s, user: User) -> int:
    """End every login of `user` (their cookies stop working on the next request)."""
    return s.execute(delete(LoginSession).where(LoginSession.user_id == user.id)).rowcount or 0


def set_user(db: Database, name: str, role: str, password: str) -> bool:
    """Add a user or change their role and password (ending their sessions); True when the user is new."""
    name = name.strip()
    if not name:
        raise InputError("用户名不能为空")
    if len(name) > 60 or any(ord(ch) < 32 for ch in name):
        raise InputError("用户名至多 60 个字符，且不含控制字符")
    _check_role(role)
    _check_password(password)
    with db.session() as s:
        user = s.scalar(select(User).where(User.name == name))
        if user is None:
            s.add(User(name=name, role=role, password_hash=hash_password(password)))
        else:
            user.role, user.password_hash = role, hash_password(password)
            end_sessions(s, user)
    record(db, "user_added" if user is None else "user_changed", target=name, detail=f"角色 {role}")
    return user is None


def set_role(db: Database, name: str, role: str) -> None:
    """Change a user's role; their sessions end (they log in again with the new role)."""
    _check_role(role)
    with db.session() as s:
        user = user_named(s, name)
        user.role = role
        end_sessions(s, user)
    record(db, "user_changed", target=name.strip(), detail=f"角色 {role}")


def set_password(db: Database, name: str, password: str) -> None:
    """Change a user's password; their sessions end."""
    _check_password(password)
    with db.session() as s:
        user = user_named(s, name)
        user.password_hash = hash_password(password)
        end_sessions(s, user)
    record(db, "user_changed", target=name.strip(), detail="修改密码")


def remove_user(db: Database, name: str) -> None:
    """Remove a user with their sessions and API tokens."""
    with db.session() as s:
        user = user_named(s, name)
        end_sessions(s, user)
        s.execute(delete(ApiToken).where(ApiToken.user_id == user.id))
        s.delete(user)
    record(db, "user_removed", target=name.strip())


def list_users(db: Database) -> list[dict]:
    """Every user with their role and how many sessions and API tokens they hold now."""
    from datetime import datetime, timezone

    now = datetime.now(timezone.utc)
    with db.session() as s:
        sessions = dict(s.execute(select(LoginSession.user_id, func.count()).where(LoginSession.expires_at > now)
                                  .group_by(LoginSession.user_id)).all())
        tokens = dict(s.execute(select(ApiToken.user_id, func.count()).group_by(ApiToken.user_id)).all())
        return [{"name": u.name, "role": u.role, "sessions": sessions.get(u.id, 0), "tokens": tokens.get(u.id, 0)}
                for u in s.scalars(select(User).order_by(User.name))]


def user_count(db: Database) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(User)) or 0


_DUMMY = hash_password(os.urandom(16).hex())  # checked for unknown names: the same work, the same time


def authenticate(db: Database, name: str, password: str) -> User | None:
    with db.session() as s:
        user = s.scalar(select(User).where(User.name == name.strip()))
    ok = verify_password(password, user.password_hash if user is not None else _DUMMY)
    return user if ok and user is not None else None


class TooManyAttempts(YusuanError):
    """Too many failed logins for this name or from this address: try again after `seconds`."""

    def __init__(self, seconds: int):
        super().__init__(f"登录失败次数过多，请 {seconds} 秒后再试")
        self.seconds = seconds


def log_in(db: Database, name: str, password: str, throttle=None, client: str = "") -> User | None:
    """Check the password; the caller starts the session (serve/sessions.py) when it is right.
    With a `throttle` (serve/throttle.py), repeated failures lock the name and the client out for a
    growing time: TooManyAttempts. Every attempt is written to the audit log."""
    key = name.strip()[:60]
    if throttle is not None:
        wait = throttle.wait(key, client)
        if wait:
            record(db, "login_locked", user=key, client=client, detail=f"{wait} 秒后可再试")
            raise TooManyAttempts(wait)
        # counted as a failure before the password is checked, and cleared when it is right: parallel
        # attempts cannot all pass the check above while their hashes are being computed
        throttle.failed(key, client)
    user = authenticate(db, name, password[:1024])
    if user is not None:
        if throttle is not None:
            throttle.succeeded(key, client)
        record(db, "login", user=user.name, client=client)
    else:
        record(db, "login_failed", user=key, client=client)
    return user


def allows(role: str | None, needed: str) -> bool:
    return role in ROLES and ROLES.index(role) >= ROLES.index(needed)
