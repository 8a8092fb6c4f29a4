"""The audit log (审计日志): who logged in (or failed to), uploaded, deleted, and what changed
about users and API tokens, with the time and the client address. Written by the web app and by
`yusuan user`; shown to admins at /admin/log and /api/admin/log."""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import func, select

from yusuan.store.database import Database
from yusuan.store.schema import AuditEntry

ACTION_LABELS = {
    "login": "登录", "login_failed": "登录失败", "login_locked": "登录被暂时锁定", "logout": "退出登录",
    "upload": "上传", "upload_refused": "上传被拒", "delete": "删除文件",
    "user_added": "添加用户", "user_changed": "修改用户", "user_removed": "删除用户",
    "token_created": "创建 API 令牌", "token_revoked": "撤销 API 令牌",
}


def _cut(text: str | None, n: int) -> str | None:
    return None if text is None else str(text)[:n]


def record(db: Database, action: str, user: str | None = None, client: str | None = None,
           target: str | None = None, detail: str | None = None) -> None:
    """Append one entry (every field cut to its column: a document's name is whatever its uploader chose)."""
    assert action in ACTION_LABELS, action
    with db.session() as s:
        s.add(AuditEntry(at=datetime.now(timezone.utc), user_name=_cut(user, 60), client=_cut(client, 64),
                         action=action, target=_cut(target, 400), detail=_cut(detail, 2000)))


def recent(db: Database, limit: int = 100, offset: int = 0, action: str | None = None) -> tuple[int, list[dict]]:
    """The newest entries first, and how many there are."""
    stmt = select(AuditEntry)
    count = select(func.count()).select_from(AuditEntry)
    if action:
        stmt, count = stmt.where(AuditEntry.action == action), count.where(AuditEntry.action == action)
    with db.session() as s:
        total = s.scalar(count) or 0
        rows = s.scalars(stmt.order_by(AuditEntry.id.desc()).limit(limit).offset(offset))
        return total, [{"id": e.id, "at": e.at.isoformat(timespec="seconds"), "user": e.user_name, "client": e.client,
                        "action": e.action, "action_label": ACTION_LABELS.get(e.action, e.action),
                        "target": e.target, "detail": e.detail} for e in rows]
