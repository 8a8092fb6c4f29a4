"""Users and roles for a shared deployment (`yusuan serve --auth`).

Passwords are hashed with scrypt (salted, memory-hard, in the standard library); the login
session is a cookie signed by Starlette's SessionMiddleware. Roles are ordered: a viewer
reads, an uploader also uploads, an admin also deletes documents.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os

from sqlalchemy import select

from yusuan.errors import YusuanError
from yusuan.store.database import Database
from yusuan.store.schema import User

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


def set_user(db: Database, name: str, role: str, password: str) -> bool:
    """Add a user or change their role and password; True when the user is new."""
    name = name.strip()
    if not name:
        raise YusuanError("用户名不能为空")
    if role not in ROLES:
        raise YusuanError(f"未知角色：{role}（可用：{'、'.join(ROLES)}）")
    if len(password) < 8:
        raise YusuanError("密码至少 8 个字符")
    with db.session() as s:
        user = s.scalar(select(User).where(User.name == name))
        if user is None:
            s.add(User(name=name, role=role, password_hash=hash_password(password)))
            return True
        user.role, user.password_hash = role, hash_password(password)
        return False


def user_count(db: Database) -> int:
    from sqlalchemy import func

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


def log_in(db: Database, session: dict, name: str, password: str, throttle=None, client: str = "") -> User | None:
    """Check the password and, when it is right, keep the user and role in the signed session.
    With a `throttle` (serve/throttle.py), repeated failures lock the name and the client out for a
    growing time: TooManyAttempts."""
    key = name.strip()
    if throttle is not None:
        wait = throttle.wait(key, client)
        if wait:
            raise TooManyAttempts(wait)
    user = authenticate(db, name, password)
    if user is not None:
        session.update({"user": user.name, "role": user.role})
        if throttle is not None:
            throttle.succeeded(key)
    elif throttle is not None:
        throttle.failed(key, client)
    return user


def allows(role: str | None, needed: str) -> bool:
    return role in ROLES and ROLES.index(role) >= ROLES.index(needed)
