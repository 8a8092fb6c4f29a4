"""The REST API under /api: everything the pages do, as JSON (amounts as decimal strings, 万元)."""

from __future__ import annotations

import tempfile
from decimal import Decimal
from pathlib import Path
from typing import Literal
from urllib.parse import quote

from fastapi import APIRouter, File, HTTPException, Query, Request, UploadFile
from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel

from yusuan.audit.registry import CATEGORY_LABELS, SEVERITY_LABELS, all_rules
from yusuan.serve import sessions
from yusuan.serve.auth import TooManyAttempts, log_in
from yusuan.store.activity import ACTION_LABELS, record, recent
from yusuan.serve.pdf_pages import page_png
from yusuan.serve.upload import receive, run_upload
from yusuan.store import export as ex
from yusuan.store import queries as q
from yusuan.store.schema import Document, Original

router = APIRouter(prefix="/api", tags=["api"])
DocType = Literal["budget", "final", "adjusted"]  # 预算 / 决算 / 调整预算
MAX_LIMIT = 200


def _json(data, status: int = 200) -> JSONResponse:
    return JSONResponse(jsonable_encoder(data, custom_encoder={Decimal: str}), status_code=status)


def document_meta(d: Document) -> dict:
    return {"id": d.id, "filename": d.filename, "unit": d.unit_name, "unit_id": d.unit_id, "year": d.year,
            "scope": d.scope, "doc_type": d.doc_type, "version": d.version, "current": d.current, "format": d.format, "pages": d.pages,
            "findings": {"error": d.errors, "warning": d.warnings, "info": d.infos}, "sha256": d.sha256,
            "ruleset": d.ruleset, "yusuan_version": d.yusuan_version, "imported_at": d.imported_at.isoformat(),
            "region": d.unit.region if d.unit else None}


def filters(year: int | None = None, region: str | None = None, unit: str | None = None,
            scope: Literal["unit", "department", "unknown"] | None = None, has_errors: bool | None = None,
            rule: str | None = None, all_versions: bool = False, doc_type: str | None = None) -> q.DocumentFilter:
    return q.DocumentFilter(year, region or None, unit or None, scope, has_errors, rule or None, all_versions, doc_type)


def across_findings(final: Document, budget: Document) -> list[dict]:
    """A stored 决算 against its stored 预算 (audit/across.py), worked out when asked, so that it
    always speaks of the current versions of both."""
    from yusuan.audit.across import compare_models

    return compare_models(final.model, budget.model, final.filename, budget.filename)


def get_document(s, document_id: int) -> Document:
    d = s.get(Document, document_id)
    if d is None:
        raise HTTPException(404, f"没有编号为 {document_id} 的文件")
    return d


def _who(request: Request) -> str | None:
    v = sessions.visitor_of(request)
    return v.name if v is not None else None


@router.post("/documents", status_code=201, summary="上传一份预算公开文件（读取、核查、入库）")
async def upload(request: Request, file: UploadFile = File(..., description="PDF、Excel、Word、网页或文本")):
    # reading and checking run in a child process (yusuan.guard), a few at a time (YUSUAN_UPLOAD_WORKERS):
    # the uploads wait for a free place without holding the threads that serve the pages
    result = await run_upload(request.app, _receive_logged, request.app.state.db, file, request.app.state.limits,
                              _who(request), sessions.client_address(request))
    return _json(result.to_dict(), 200 if result.status in ("duplicate", "same") else 201)


def _receive_logged(db, file: UploadFile, limits, who: str | None, client: str):
    try:
        result = receive(db, file, limits)
    except HTTPException as e:
        record(db, "upload_refused", user=who, client=client, target=file.filename, detail=str(e.detail))
        raise
    record(db, "upload", user=who, client=client, target=result.filename,
           detail=f"{result.label}，文件 {result.document_id}" if result.document_id else result.label)
    return result


@router.get("/documents", summary="文件列表（可筛选）")
def list_documents(request: Request, year: int | None = None, region: str | None = None, unit: str | None = None,
                   scope: Literal["unit", "department", "unknown"] | None = None, has_errors: bool | None = None,
                   rule: str | None = None, all_versions: bool = False, doc_type: DocType | None = None,
                   limit: int = Query(50, ge=1, le=MAX_LIMIT), offset: int = Query(0, ge=0, le=10 ** 9)):
    f = filters(year, region, unit, scope, has_errors, rule, all_versions, doc_type)
    with request.app.state.db.session() as s:
        total, docs = q.documents(s, f, limit, offset)
        return _json({"total": total, "limit": limit, "offset": offset, "items": [document_meta(d) for d in docs]})


@router.get("/documents/{document_id}", summary="一份文件：概况、facts 与各版本")
def get_one(request: Request, document_id: int):
    with request.app.state.db.session() as s:
        d = get_document(s, document_id)
        return _json({**document_meta(d), "facts": d.model.get("facts"), "warnings": d.model.get("warnings"),
                      "versions": [{"id": v.id, "version": v.version, "current": v.current,
                                    "imported_at": v.imported_at.isoformat()} for v in q.versions(s, d)],
                      "files": [{"sha256": f.sha256, "filename": f.filename, "format": f.format,
                                 "imported_at": f.imported_at.isoformat(), "findings": f.findings}
                                for f in d.files]})


@router.get("/documents/{document_id}/tables", summary="识别出的表格（每个数字带来源位置）")
def tables(request: Request, document_id: int):
    with request.app.state.db.session() as s:
        return _json(get_document(s, document_id).model.get("tables") or [])


@router.get("/documents/{document_id}/findings", summary="核查发现（findings-json.md 的格式）")
def findings(request: Request, document_id: int, severity: Literal["error", "warning", "info"] | None = None):
    with request.app.state.db.session() as s:
        d = get_document(s, document_id)
        return _json([f.detail for f in d.findings if severity in (None, f.severity)])


@router.get("/documents/{document_id}/budget-comparison", summary="决算与同年预算对照（两份文件都在库中时）")
def budget_comparison(request: Request, document_id: int):
    with request.app.state.db.session() as s:
        d = get_document(s, document_id)
        if d.doc_type != "final":
            raise HTTPException(400, "这份文件不是决算，没有与预算的对照")
        b = q.counterpart(s, d)
        return _json({"document_id": d.id, "budget_document_id": b.id if b is not None else None,
                      "findings": across_findings(d, b) if b is not None else []})


@router.get("/documents/{document_id}/figures", summary="文件中的全部数字（长表）")
def figures(request: Request, document_id: int):
    with request.app.state.db.session() as s:
        get_document(s, document_id)
    return _json(list(ex.rows(request.app.state.db, document_id=document_id, all_versions=True)))


@router.get("/documents/{document_id}/original", summary="下载原件")
def original(request: Request, document_id: int):
    with request.app.state.db.session() as s:
        d = get_document(s, document_id)
        data, name = s.get(Original, d.sha256).data, d.filename
    return _attachment(data, name)


def _attachment(data: bytes, name: str) -> Response:
    return Response(data, media_type="application/octet-stream",
                    headers={"Content-Disposition": f"attachment; filename*=UTF-8''{quote(name)}"})


@router.get("/documents/{document_id}/files/{sha256}", summary="下载本版本的另一份文件（内容相同、格式不同）")
def other_file(request: Request, document_id: int, sha256: str):
    with request.app.state.db.session() as s:
        d = get_document(s, document_id)
        f = next((f for f in d.files if f.sha256 == sha256), None)
        if f is None:
            raise HTTPException(404, "本版本没有这份文件")
        data, name = s.get(Original, f.sha256).data, f.filename
    return _attachment(data, name)


@router.get("/documents/{document_id}/diff", summary="同一单位同一年度两个版本的差异：数字增删改、核查发现解决与新出现")
def diff_api(request: Request, document_id: int, against: int):
    from dataclasses import asdict

    from yusuan.store import version_diff

    with request.app.state.db.session() as s:
        try:
            d = version_diff.between(s, get_document(s, document_id), get_document(s, against))
        except version_diff.NotVersions as e:
            raise HTTPException(422, str(e)) from None
        return _json({"older": d.older.id, "newer": d.newer.id, "same_content": d.same_content, "unchanged": d.unchanged,
                      "changed": [asdict(c) for c in d.changed], "added": [asdict(c) for c in d.added],
                      "removed": [asdict(c) for c in d.removed], "fixed": d.fixed, "new": d.new})


@router.get("/documents/{document_id}/pages/{page}.png", summary="PDF 原件的一页（图片）")
def page_image(request: Request, document_id: int, page: int):
    with request.app.state.db.session() as s:
        d = get_document(s, document_id)
        if d.format != "pdf":
            raise HTTPException(404, "原件不是 PDF，没有页面图片")
        sha, data = d.sha256, s.get(Original, d.sha256).data
    cache = request.app.state.__dict__.setdefault("page_cache", {})
    png = cache.get((sha, page))
    if png is None:
        png = page_png(data, page)
        if png is None:
            raise HTTPException(404, f"原件没有第 {page} 页")
        if len(cache) > 64:
            cache.clear()
        cache[(sha, page)] = png
    return Response(png, media_type="image/png", headers={"Cache-Control": "private, max-age=3600"})


@router.delete("/documents/{document_id}", summary="删除一份文件（管理员）")
def delete(request: Request, document_id: int):
    from sqlalchemy import select

    with request.app.state.db.session() as s:
        d = get_document(s, document_id)
        shas, was_current = [d.sha256] + [f.sha256 for f in d.files], d.current
        siblings = [v for v in q.versions(s, d) if v.id != d.id]
        s.delete(d)  # its other files (document_files) with it
        s.flush()
        if was_current and siblings:
            siblings[-1].current = True
        for sha in shas:
            if s.scalar(select(Document.id).where(Document.sha256 == sha)) is None:
                s.delete(s.get(Original, sha))
        name = d.filename
    record(request.app.state.db, "delete", user=_who(request), client=sessions.client_address(request),
           target=name, detail=f"文件 {document_id}")
    return _json({"deleted": document_id})


@router.get("/units", summary="单位列表")
def units(request: Request, region: str | None = None, name: str | None = None,
          limit: int = Query(100, ge=1, le=MAX_LIMIT), offset: int = Query(0, ge=0, le=10 ** 9)):
    from sqlalchemy import select

    from yusuan.store.schema import Unit

    stmt = select(Unit).order_by(Unit.name)
    if region:
        stmt = stmt.where(Unit.region.startswith(region))
    if name:
        stmt = stmt.where(Unit.name.contains(name))
    with request.app.state.db.session() as s:
        return _json([{"id": u.id, "code": u.code, "name": u.name, "region": u.region, "parent_id": u.parent_id}
                      for u in s.scalars(stmt.limit(limit).offset(offset))])


@router.get("/units/{unit_id}", summary="一个单位的历年数据")
def unit(request: Request, unit_id: int):
    with request.app.state.db.session() as s:
        u, history, members = q.unit_history(s, unit_id)
        if u is None:
            raise HTTPException(404, f"没有编号为 {unit_id} 的单位")
        return _json({"id": u.id, "code": u.code, "name": u.name, "region": u.region, "parent_id": u.parent_id,
                      "members": [{"id": m.id, "name": m.name, "code": m.code} for m in members],
                      "years": [{**y, "functions": [{"code": c, "name": n, "total": t} for c, (n, t) in y["functions"].items()]}
                                for y in history]})


COMPARE_FIELDS = ["unit", "unit_code", "region", "year", "scope", "doc_type", "expenditure_total", "basic", "project",
                  "basic_share", "project_share", "three_public_total", "abroad", "vehicle_purchase", "vehicle_operation",
                  "reception", "three_public_share", "operating_expenses", "errors", "warnings", "document_id"]


def download(records: list[dict], fmt: str, name: str, headers: str = "zh", **table) -> Response:
    """Records as a file to download, written by the exporter (`table`: its fields and sheet);
    Chinese column headers unless `headers` is 'names' (the machine names)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"{name}.{fmt}"
        ex.write(records, path, fmt, headers=headers, **table)
        data = path.read_bytes()
    return Response(data, media_type=MEDIA[fmt], headers={"Content-Disposition": f"attachment; filename={name}.{fmt}"})


def _choice(value: str | None, allowed, what: str) -> str | None:
    """An optional query parameter: empty means not given; anything else must be one of `allowed`."""
    if value in (None, ""):
        return None
    if value not in allowed:
        raise HTTPException(422, f"{what}不可用：{value[:40]}（可用：{'、'.join(allowed)}）")
    return value


@router.get("/compare", summary="同一年度的单位并列比较（CSV/Excel 导出默认中文表头，headers=names 用字段名）")
def compare(request: Request, year: str | None = None, region: str | None = None, scope: str | None = None,
            sort: str | None = None, order: str | None = None, format: str | None = None,
            doc_type: str | None = None, headers: str | None = None):
    if year not in (None, "") and not (year.strip().isdigit() and 1900 <= int(year) <= 2200):
        raise HTTPException(422, f"年度应为四位数字：{year[:40]}")
    scope = _choice(scope, ("unit", "department", "unknown"), "范围")
    sort = _choice(sort, q.SORTS, "排序字段") or "expenditure_total"
    order = _choice(order, ("asc", "desc"), "排序方向") or "desc"
    fmt = _choice(format, ("json", "csv", "xlsx"), "格式") or "json"
    doc_type = _choice(doc_type, ("budget", "final", "adjusted"), "文件类型") or "budget"
    headers = _choice(headers, ("zh", "names"), "表头") or "zh"
    with request.app.state.db.session() as s:
        rows = q.comparison(s, int(year) if year not in (None, "") else None, region or None, scope, sort,
                            order == "desc", doc_type)
    if fmt != "json":
        return download(rows, fmt, "compare", headers, fields=COMPARE_FIELDS, sheet="单位比较")
    return _json(rows)


@router.get("/search", summary="全文搜索：单位名称与代码、项目、科目编码与名称、情况说明（各结果带位置）")
def search_api(request: Request, q_: str = Query(..., alias="q", min_length=1, max_length=400),
               limit: int = Query(50, ge=1, le=MAX_LIMIT), offset: int = Query(0, ge=0, le=10 ** 6)):
    from dataclasses import asdict

    from yusuan.store.search import search

    with request.app.state.db.session() as s:
        total, hits = search(s, q_, limit, offset)
    return _json({"total": total, "limit": limit, "offset": offset, "items": [asdict(h) for h in hits]})


@router.get("/rules", summary="全部核查规则及其在库中出现的次数")
def rules(request: Request):
    with request.app.state.db.session() as s:
        counts = q.rule_counts(s)
    return _json([{"code": r.code, "name": r.name, "category": r.category,
                   "category_label": CATEGORY_LABELS[r.category], "severity": r.severity,
                   "severity_label": SEVERITY_LABELS[r.severity], "title": r.title, "why": r.why, "bad": r.bad,
                   "good": r.good, "findings": counts.get(r.code, (0, 0))[0],
                   "documents": counts.get(r.code, (0, 0))[1]} for r in all_rules()])


MEDIA = {"csv": "text/csv; charset=utf-8", "json": "application/json",
         "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
         "parquet": "application/vnd.apache.parquet"}


@router.get("/export", summary="导出全部数字（长表：单位、年度、表、编码、列、金额）")
def export(request: Request, format: Literal["csv", "xlsx", "json", "parquet"] = "csv", year: int | None = None,
           all_versions: bool = False, headers: Literal["zh", "names"] = "zh"):
    records = list(ex.rows(request.app.state.db, year=year, all_versions=all_versions))
    return download(records, format, "yusuan-export", headers)


class Login(BaseModel):
    name: str
    password: str


@router.post("/login", summary="登录（--auth 时）：设置会话 cookie，返回其 CSRF 令牌（此后的 POST/DELETE 以 X-CSRF-Token 头发送）")
def login(request: Request, body: Login):
    try:
        user = log_in(request.app.state.db, body.name, body.password, request.app.state.throttle,
                      sessions.client_address(request))
    except TooManyAttempts as e:
        raise HTTPException(429, e.message, headers={"Retry-After": str(e.seconds)}) from None
    if user is None:
        raise HTTPException(401, "用户名或密码不正确")
    key, csrf = sessions.start(request.app.state.db, user)
    response = _json({"user": user.name, "role": user.role, "csrf_token": csrf})
    sessions.give_cookie(response, request, key)
    return response


@router.post("/logout", summary="退出登录（结束会话）")
def logout(request: Request):
    response = _json({"ok": True})
    sessions.log_out_browser(response, request)
    return response


@router.get("/admin/log", summary="审计日志：登录、上传、删除与用户变更（管理员）")
def audit_log(request: Request, action: str | None = None, limit: int = Query(100, ge=1, le=MAX_LIMIT),
              offset: int = Query(0, ge=0, le=10 ** 9)):
    if action and action not in ACTION_LABELS:
        raise HTTPException(422, f"未知操作：{action[:40]}（可用：{'、'.join(ACTION_LABELS)}）")
    total, entries = recent(request.app.state.db, limit, offset, action)
    return _json({"total": total, "limit": limit, "offset": offset, "items": entries})
