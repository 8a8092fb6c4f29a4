"""The Chinese web pages (server-rendered with Jinja2; htmx swaps the parts that change)."""

from __future__ import annotations

from typing import Literal
from urllib.parse import urlencode, urlsplit

from fastapi import APIRouter, Form, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from yusuan.audit.registry import CATEGORY_LABELS, SEVERITY_LABELS, all_rules
from yusuan.serve.api import across_findings, filters, get_document
from yusuan.serve import sessions
from yusuan.serve.auth import TooManyAttempts, log_in
from yusuan.serve.charts import budget_final_charts, comparison_charts, unit_charts
from yusuan.serve.document_view import DocumentView
from yusuan.serve.pdf_pages import page_size
from yusuan.serve.source_text import page_lines, source_lines
from yusuan.serve.source_view import marks, page_boxes, segments
from yusuan.store import queries as q
from yusuan.store import version_diff
from yusuan.store.search import KIND_LABELS as SEARCH_KINDS
from yusuan.store.search import LIMIT as SEARCH_LIMIT
from yusuan.store.search import search
from yusuan.store.schema import Original
from yusuan.store.types import dumps  # amounts as exact decimal strings

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 50
SCOPE_LABELS = {"unit": "单位", "department": "部门", "unknown": "未识别"}
DOC_TYPE_LABELS = {"budget": "预算", "final": "决算", "adjusted": "调整预算"}


def kind_label(scope: str | None, doc_type: str | None) -> str:
    """部门决算, 单位预算…: what a document is, as its title says it."""
    what = DOC_TYPE_LABELS.get(doc_type or "budget", "预算")
    return f"{SCOPE_LABELS[scope]}{what}" if scope in ("unit", "department") else what
READING_LABELS = {"verified": "已核实（列由表头确定，勾稽关系成立）", "inferred": "推断（原文没有表格列，列位置由勾稽关系确定）",
                  "unverified": "未能核实（未据此核查，请对照原件）", "unreadable": "无法读取"}


def _render(request: Request, name: str, context: dict, status: int = 200) -> HTMLResponse:
    v = sessions.visitor_of(request)
    context = {"scope_labels": SCOPE_LABELS, "doc_type_labels": DOC_TYPE_LABELS, "kind_label": kind_label,
               "reading_labels": READING_LABELS, "totals": q.TOTALS, "visitor": v,
               "csrf": v.csrf if v is not None else "", **context}
    return request.app.state.templates.TemplateResponse(request, name, context, status_code=status)


def _int(value: str | None) -> int | None:
    return int(value) if value and value.strip().isdigit() else None


def _has_errors(value: str | None) -> bool | None:
    return {"yes": True, "no": False}.get(value or "")


@router.get("/", response_class=HTMLResponse)
def home(request: Request):
    with request.app.state.db.session() as s:
        facets = q.facets(s)
    return _render(request, "index.html.j2", {"facets": facets, "args": request.query_params,
                                              "limits": request.app.state.limits})


@router.get("/documents/list", response_class=HTMLResponse)
def document_list(request: Request, year: str | None = None, region: str | None = None, unit: str | None = None,
                  scope: str | None = None, has_errors: str | None = None, rule: str | None = None,
                  doc_type: str | None = None, page: int = 1, sort: str = "year", order: str = "desc"):
    f = filters(_int(year), region, unit, scope if scope in SCOPE_LABELS else None, _has_errors(has_errors), rule,
                doc_type=doc_type if doc_type in DOC_TYPE_LABELS else None)
    f.sort = sort if sort in q.LIST_SORTS else "year"
    f.descending = order != "asc"
    page = min(max(page, 1), 10 ** 6)
    with request.app.state.db.session() as s:
        total, docs = q.documents(s, f, PAGE_SIZE, (page - 1) * PAGE_SIZE)
        pages = max(1, -(-total // PAGE_SIZE))
        given = [(k, v) for k, v in request.query_params.multi_items() if v and k not in ("page", "sort", "order")]
        state = given + [("sort", f.sort), ("order", "desc" if f.descending else "asc")]
        response = _render(request, "_documents.html.j2", {
            "docs": docs, "total": total, "page": page, "pages": pages, "sort": f.sort,
            "order": "desc" if f.descending else "asc", "given": given, "state": state,
            "columns": LIST_COLUMNS, "pager": _pager(page, pages)})
    # the list's filters, sort and page in the address bar: Back, bookmarks and shared links show this list
    # (a new entry for a reader's step; the list's first load and a refresh only restate the address)
    address = "/?" + urlencode(state + ([("page", page)] if page > 1 else []))
    current = urlsplit(request.headers.get("HX-Current-URL", ""))
    same = f"{current.path}?{current.query}" == address
    first = request.headers.get("HX-Trigger") == "documents"
    response.headers["HX-Replace-Url" if same or first else "HX-Push-Url"] = address
    return response


LIST_COLUMNS = [("unit", "单位"), ("unit_code", "单位代码"), ("year", "年度"), ("doc_type", "类型"), ("region", "地区"),
                ("format", "格式"), ("version", "版本"), ("errors", "错误"), ("warnings", "警告"), ("imported", "导入时间")]


def _pager(page: int, pages: int) -> list[int | None]:
    """Page numbers to offer: the first, the last and those near this one (None: a gap)."""
    near = sorted({1, pages, *range(max(1, page - 2), min(pages, page + 2) + 1)})
    out: list[int | None] = []
    for p in near:
        if out and p - (out[-1] or 0) > 1:
            out.append(None)
        out.append(p)
    return out


@router.get("/documents/{document_id}", response_class=HTMLResponse)
def document_page(request: Request, document_id: int):
    with request.app.state.db.session() as s:
        d = get_document(s, document_id)
        view = DocumentView(d.model, [f.detail for f in d.findings])
        other = q.counterpart(s, d)
        across = across_findings(d, other) if other is not None and d.doc_type == "final" else []
        return _render(request, "document.html.j2", {"d": d, "view": view, "items": view.finding_items(),
                                                      "versions": q.versions(s, d), "counterpart": other,
                                                      "across": across, "cells": view.cells, "model": d.model})


@router.get("/documents/{document_id}/diff", response_class=HTMLResponse)
def document_diff(request: Request, document_id: int, against: int):
    """Two versions of one unit, year and type: figures added, removed, changed; findings fixed and new."""
    with request.app.state.db.session() as s:
        a = get_document(s, document_id)
        try:
            d = version_diff.between(s, a, get_document(s, against))
        except version_diff.NotVersions as e:
            raise HTTPException(422, str(e)) from None
        return _render(request, "diff.html.j2", {"diff": d, "versions": q.versions(s, a)})


@router.get("/documents/{document_id}/findings", response_class=HTMLResponse)
def document_findings(request: Request, document_id: int, severity: str | None = None):
    with request.app.state.db.session() as s:
        d = get_document(s, document_id)
        view = DocumentView(d.model, [f.detail for f in d.findings])
        items = [i for i in view.finding_items() if severity in (None, "", i["severity"])]
        return _render(request, "_findings.html.j2", {"d": d, "items": items, "severity": severity})


@router.get("/documents/{document_id}/source", response_class=HTMLResponse)
def document_source(request: Request, document_id: int, page: int | None = None, line: int | None = None,
                    finding: int | None = None):
    """The original beside the reading: a PDF page as an image with the finding's figures
    outlined (zoomable, every page reachable), other formats as their printed lines with the
    figures marked."""
    with request.app.state.db.session() as s:
        d = get_document(s, document_id)
        view = DocumentView(d.model, [f.detail for f in d.findings])
        data = s.get(Original, d.sha256).data
        context = {"d": d, "page": page, "line": line, "finding": finding, "lines": [], "boxes": []}
        if d.format == "pdf" and page is not None:  # shown as its image: reading it again (OCR for a scan) is slow
            page = min(max(page, 1), d.pages or 1)
            size = page_size(data, page)
            if size is not None:
                context.update(page=page, boxes=[(b, b.percent(*size)) for b in page_boxes(view, finding, page, line)],
                               aspect=f"{size[0]:.1f} / {size[1]:.1f}")
        else:
            marked = marks(view, finding, line)
            context["lines"] = [(no, segments(text, marked.get(no, set())), hit)
                                for no, text, hit in page_lines(source_lines(d.sha256, data, d.filename), page, line)]
        return _render(request, "_source.html.j2", context)


@router.get("/units/{unit_id}", response_class=HTMLResponse)
def unit_page(request: Request, unit_id: int):
    with request.app.state.db.session() as s:
        unit, history, members = q.unit_history(s, unit_id)
        if unit is None:
            raise HTTPException(404, f"没有编号为 {unit_id} 的单位")
        parent = unit.parent
        pairs = q.budget_vs_final(history)
        return _render(request, "unit.html.j2", {"unit": unit, "history": history, "members": members,
                                                  "parent": parent, "pairs": pairs,
                                                  "charts": dumps(unit_charts(history) + budget_final_charts(pairs))})


COMPARE_COLUMNS = [("unit", "单位"), ("unit_code", "单位代码"), ("expenditure_total", "支出总计"), ("basic", "基本支出"),
                   ("project", "项目支出"), ("basic_share", "基本支出占比%"), ("three_public_total", "“三公”经费"),
                   ("abroad", "因公出国（境）"), ("vehicle_purchase", "公务用车购置"),
                   ("vehicle_operation", "公务用车运行"), ("reception", "公务接待"),
                   ("three_public_share", "“三公”占比%"), ("errors", "错误")]
SCOPE_ORDER = ("department", "unit", "unknown")  # a 部门's summary never shares a table or chart with its 单位


@router.get("/compare", response_class=HTMLResponse)
def compare_page(request: Request, year: str | None = None, region: str | None = None, scope: str | None = None,
                 sort: str = "expenditure_total", order: str = "desc", doc_type: str = "budget"):
    doc_type = doc_type if doc_type in DOC_TYPE_LABELS else "budget"  # 预算 and 决算 figures are never mixed in one table
    sort = sort if sort in q.SORTS else "expenditure_total"  # the header shows the sort applied, no other
    order = order if order in ("asc", "desc") else "desc"
    scope = scope if scope in SCOPE_LABELS else ""
    with request.app.state.db.session() as s:
        facets = q.facets(s)
        chosen = _int(year) if year else (facets["years"][0] if facets["years"] else None)
        rows = q.comparison(s, chosen, region or None, scope or None, sort, order == "desc", doc_type)
    sections = []
    for part in SCOPE_ORDER:
        members = [r for r in rows if r["scope"] == part]
        if members:
            for r, label in zip(members, q.unit_labels(members)):
                r["label"] = label
            sections.append({"scope": part, "label": SCOPE_LABELS[part], "rows": members,
                             "charts": comparison_charts(members, part)})
    query = {k: v for k, v in (("year", chosen), ("region", region), ("scope", scope), ("doc_type", doc_type),
                               ("sort", sort), ("order", order)) if v not in (None, "")}
    context = {"rows": rows, "sections": sections, "year": chosen, "region": region or "", "scope": scope,
               "doc_type": doc_type, "sort": sort, "order": order, "columns": COMPARE_COLUMNS, "facets": facets,
               "query": query, "charts": dumps([c for sec in sections for c in sec["charts"]])}
    name = "_compare.html.j2" if request.headers.get("HX-Request") else "compare.html.j2"
    return _render(request, name, context)


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request, q_: str = Query("", alias="q", max_length=400), page: int = 1):
    """Full-text search (store/search.py): each hit linked to its row or its source line."""
    page = min(max(page, 1), 10 ** 5)
    with request.app.state.db.session() as s:
        total, hits = search(s, q_, SEARCH_LIMIT, (page - 1) * SEARCH_LIMIT)
    pages = max(1, -(-total // SEARCH_LIMIT))
    return _render(request, "search.html.j2", {"query": q_, "total": total, "hits": hits, "page": page, "pages": pages,
                                                "kinds": SEARCH_KINDS})


@router.get("/rules", response_class=HTMLResponse)
def rules_page(request: Request):
    with request.app.state.db.session() as s:
        counts = q.rule_counts(s)
    return _render(request, "rules.html.j2", {"rules": all_rules(), "counts": counts,
                                               "categories": CATEGORY_LABELS, "severities": SEVERITY_LABELS})


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, next: str = "/"):
    return _login_form(request, next, None)


def _login_form(request: Request, next: str, error: str | None, status: int = 200) -> HTMLResponse:
    """The login form with a fresh token, also set as a cookie: a form posted from another site's
    page cannot know it (login CSRF)."""
    import secrets

    token = secrets.token_urlsafe(24)
    response = _render(request, "login.html.j2", {"next": local_path(next), "error": error, "login_token": token},
                       status=status)
    sessions.set_cookie(response, request, sessions.LOGIN_COOKIE, token, max_age=3600)
    return response


@router.post("/login", response_class=HTMLResponse)
def login_form(request: Request, name: str = Form(...), password: str = Form(...), next: str = Form("/"),
               login_token: str = Form("")):
    if not sessions.csrf_ok(request.cookies.get(sessions.LOGIN_COOKIE), login_token):
        return _login_form(request, next, "登录表单已过期或来自其他页面，请重新输入", status=403)
    try:
        user = log_in(request.app.state.db, name, password, request.app.state.throttle, sessions.client_address(request))
    except TooManyAttempts as e:
        response = _login_form(request, next, e.message, status=429)
        response.headers["Retry-After"] = str(e.seconds)
        return response
    if user is None:
        return _login_form(request, next, "用户名或密码不正确", status=401)
    response = RedirectResponse(local_path(next), status_code=303)
    key, _ = sessions.start(request.app.state.db, user)
    sessions.give_cookie(response, request, key)
    return response


def local_path(target: str) -> str:
    """A path on this server to go back to after logging in; anything else ('//evil', '/\\evil',
    'javascript:') goes home."""
    ok = target.startswith("/") and not target.startswith(("//", "/\\")) and "\\" not in target and len(target) < 500
    return target if ok and all(ord(ch) >= 32 for ch in target) else "/"


@router.post("/logout")
def logout_form(request: Request, csrf_token: str = Form("")):
    v = sessions.visitor_of(request)
    if v is not None and v.via == "session" and not sessions.csrf_ok(v.csrf, csrf_token):
        raise HTTPException(403, "缺少或错误的 CSRF 令牌（请刷新页面后重试）")
    response = RedirectResponse("/login" if request.app.state.auth else "/", status_code=303)
    sessions.log_out_browser(response, request)
    return response


@router.get("/admin/log", response_class=HTMLResponse)
def audit_log_page(request: Request, page: int = 1, action: str | None = None):
    from yusuan.store.activity import ACTION_LABELS, recent

    page = min(max(page, 1), 10 ** 6)
    total, entries = recent(request.app.state.db, PAGE_SIZE, (page - 1) * PAGE_SIZE,
                            action if action in ACTION_LABELS else None)
    return _render(request, "audit_log.html.j2", {"entries": entries, "total": total, "page": page,
                                                   "pages": max(1, -(-total // PAGE_SIZE)), "labels": ACTION_LABELS,
                                                   "action": action if action in ACTION_LABELS else ""})
