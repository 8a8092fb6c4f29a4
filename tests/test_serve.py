"""The web application and its API (FastAPI TestClient, and a real server for parallel uploads)."""

from __future__ import annotations

import io
import json
import re
from decimal import Decimal
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from fastapi.testclient import TestClient

from storage import BIGDATA, ECOMMERCE, EGOV, EXAMPLES, SAMPLES, corrected, make_db
from webserver import Server
from yusuan.audit.registry import all_rules
from yusuan.serve.app import create_app
from yusuan.serve.auth import set_user
from yusuan.serve.upload import Limits
from yusuan.store.ingest import analyse, store


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request, tmp_path):
    database = make_db(request.param, tmp_path)
    yield database
    database.dispose()


@pytest.fixture
def client(db):
    with TestClient(create_app(db)) as c:
        yield c


def upload(c, path=None, data=None, name=None):
    data = path.read_bytes() if data is None else data
    return c.post("/api/documents", files={"file": (name or path.name, data, "application/octet-stream")})


def test_upload_list_and_read_back(client):
    r = upload(client, ECOMMERCE)
    assert r.status_code == 201, r.text
    body = r.json()
    assert (body["status"], body["unit_name"], body["year"], body["findings"]) == (
        "new", "焦作市电子商务发展服务中心", 2023, {"error": 0, "warning": 10, "info": 0})
    again = upload(client, ECOMMERCE, name="copy.txt")
    assert again.status_code == 200 and again.json()["status"] == "duplicate"
    listing = client.get("/api/documents").json()
    assert listing["total"] == 1 and listing["items"][0]["region"] == "焦作市"
    doc_id = body["document_id"]
    one = client.get(f"/api/documents/{doc_id}").json()
    assert one["facts"]["totals"]["expenditure_total"] == "87.02" and one["versions"][0]["version"] == 1
    tables = client.get(f"/api/documents/{doc_id}/tables").json()
    assert tables[0]["title"] == "2023年单位收支预算表"
    warnings = client.get(f"/api/documents/{doc_id}/findings?severity=warning").json()
    assert len(warnings) == 10 and {f["code"] for f in warnings} >= {"YS404", "YS505", "YS603"}
    assert client.get(f"/api/documents/{doc_id}/findings?severity=error").json() == []
    assert client.get(f"/api/documents/{doc_id}/original").content == ECOMMERCE.read_bytes()
    figures = client.get(f"/api/documents/{doc_id}/figures").json()
    assert {"row": "事业运行", "table": "支出表", "amount": "71.86"}.items() <= next(
        f for f in figures if f["row"] == "事业运行" and f["table"] == "支出表" and f["column_role"] == "total").items()
    assert client.get(f"/api/documents/{doc_id}/pages/1.png").status_code == 404  # a text original has no images
    assert client.get("/api/documents/999").status_code == 404


def test_another_file_of_a_version_keeps_its_own_findings(client):
    """The same figures in another file are a file of the stored version; what only that file shows
    (a placeholder in a line that states no figure) is kept with it and shown on the version's page."""
    lines = ECOMMERCE.read_text(encoding="utf-8").split("\n")
    assert lines[147].startswith("目标，包括单位整体绩效目标")
    lines.insert(147, "联系人：XX科")
    doc_id = upload(client, ECOMMERCE).json()["document_id"]
    r = upload(client, data="\n".join(lines).encode(), name="ecommerce-<b>2.txt")
    assert r.status_code == 200 and (r.json()["status"], r.json()["document_id"]) == ("same", doc_id)
    assert r.json()["findings"] == {"error": 0, "warning": 11, "info": 0}
    files = client.get(f"/api/documents/{doc_id}").json()["files"]
    assert [f["filename"] for f in files] == ["ecommerce-<b>2.txt"]
    own = [f for f in files[0]["findings"] if f["code"] == "YS610"]
    assert len(files[0]["findings"]) == 11 and any("“XX”" in f["message"] for f in own)
    page = client.get(f"/documents/{doc_id}").text
    assert "ecommerce-&lt;b&gt;2.txt 自身的核查：错误 0 条，警告 11 条，提示 0 条" in page
    assert "情况说明中有“XX”" in page and "<b>2" not in page


def test_units_compare_rules_and_export(client):
    for p in SAMPLES:
        assert upload(client, p).status_code == 201
    units = client.get("/api/units").json()
    dept = next(u for u in units if u["name"] == "焦作市政务服务和大数据管理局")
    detail = client.get(f"/api/units/{dept['id']}").json()
    assert {m["name"] for m in detail["members"]} == {"焦作市政务大数据中心",
                                                      "焦作市人民政府电子政务管理中心（焦作市云计算服务中心）"}
    assert [(y["year"], y["scope"], y["expenditure_total"], y["three_public_total"]) for y in detail["years"]] == [
        (2024, "department", "1235.32", "12.00")]
    assert {"code": "201", "name": "一般公共服务支出", "total": "1038.03"} in detail["years"][0]["functions"]
    rows = client.get("/api/compare?year=2023").json()
    assert [(r["expenditure_total"], r["basic_share"], r["errors"]) for r in rows] == [
        ("174.15", "91.73", 1), ("87.02", "92.88", 0)]
    csv_text = client.get("/api/compare?year=2023&format=csv&sort=unit&order=asc").content.decode("utf-8-sig")
    assert csv_text.splitlines()[1].startswith("焦作市人民政府电子政务管理中心") and len(csv_text.splitlines()) == 3
    assert csv_text.splitlines()[0].startswith("单位,单位代码,地区,年度,")  # Chinese headers by default
    names = client.get("/api/compare?year=2023&format=csv&headers=names").content.decode("utf-8-sig")
    assert names.splitlines()[0].startswith("unit,unit_code,region,year,")
    assert client.get("/api/compare?sort=nonsense").status_code == 422
    assert "排序字段不可用" in client.get("/api/compare?sort=nonsense").json()["detail"]
    rules = {r["code"]: r for r in client.get("/api/rules").json()}
    assert len(rules) == len(all_rules()) and (rules["YS602"]["findings"], rules["YS602"]["documents"]) == (1, 1)
    assert rules["YS101"]["findings"] == 0 and rules["YS101"]["title"]
    for fmt, magic in (("csv", "\ufeff单位,".encode()), ("parquet", b"PAR1"), ("xlsx", b"PK"), ("json", b"[")):
        r = client.get(f"/api/export?format={fmt}")
        assert r.status_code == 200 and r.content.startswith(magic), fmt


def test_comparison_keeps_units_apart_and_exports_from_every_view(client):
    """Two units that print the same name (焦作市电子商务发展服务中心, codes 402303 and 402399) are
    two rows and two chart bars; the 部门 summary is a section of its own; every sort a header
    offers is applied; the export links of the default view work, in Chinese, two decimals."""
    from openpyxl import load_workbook

    for p in SAMPLES:
        upload(client, p)
    twin = ECOMMERCE.read_text(encoding="utf-8").replace("402303", "402399")
    assert upload(client, data=twin.encode(), name="twin.txt").json()["status"] == "new"
    page = client.get("/compare?year=2023").text
    assert page.count('class="unit-row"') == 3
    assert "焦作市电子商务发展服务中心〔402303〕" in page and "焦作市电子商务发展服务中心〔402399〕" in page
    charts = json.loads(re.search(r'<script type="application/json">(.*?)</script>', page, re.S).group(1))
    bars = next(c for c in charts if c["id"] == "chart-compare-totals-unit")["data"][0]
    assert len(bars["y"]) == len(set(bars["y"])) == 3  # one bar per unit, never per name
    assert bars["hovertemplate"].endswith("%{x:,.2f} 万元<extra></extra>")
    for link in re.findall(r'href="(/api/compare\?[^"]*format=(?:csv|xlsx))"', page):
        r = client.get(link.replace("&amp;", "&"))
        assert r.status_code == 200, (link, r.text)
    xlsx = client.get(re.search(r'href="(/api/compare\?[^"]*format=xlsx)"', page).group(1).replace("&amp;", "&"))
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet["A1"].value == "单位" and sheet["G1"].value == "支出总计（万元）"
    assert sheet["G2"].value == Decimal("174.15") or float(sheet["G2"].value) == 174.15
    assert sheet["G2"].number_format == "#,##0.00"
    # every header sorts by what it says
    for key in ("abroad", "vehicle_purchase", "vehicle_operation", "reception", "unit_code"):
        sorted_page = client.get(f"/compare?year=2023&sort={key}&order=asc").text
        assert re.search(rf'sort={key}&amp;order=desc"[^>]*class="sort asc"', sorted_page), key
    codes = [r["unit_code"] for r in client.get("/api/compare?year=2023&sort=unit_code&order=asc").json()]
    assert codes == ["402303", "402399", None]  # egov prints no unit code: after the others
    assert client.get("/api/compare?year=&region=&scope=&format=csv").status_code == 200
    # a department's own summary is not compared in one table with units
    later = ECOMMERCE.read_text(encoding="utf-8").replace("2023", "2024")
    assert upload(client, data=later.encode(), name="ecommerce-2024.txt").json()["year"] == 2024
    dept = client.get("/compare?year=2024").text
    assert 'class="section department"' in dept and 'class="section unit"' in dept
    assert "chart-compare-totals-department" in dept and "chart-compare-totals-unit" in dept


def test_pages_show_tables_findings_and_charts(client):
    for p in SAMPLES:
        upload(client, p)
    v2 = upload(client, data=corrected(), name="ecommerce-corrected.txt").json()
    assert (v2["status"], v2["version"]) == ("version", 2)
    home = client.get("/").text
    assert "把预算公开文件拖到这里" in home and "/assets/htmx.min.js" in home
    listing = client.get("/documents/list?has_errors=yes").text
    # the ecommerce text lost its blank cells: its columns are inferred, so the changed figure is a
    # warning, not an error; only egov (five missing tables) has errors
    assert "共 1 份文件" in listing and "焦作市电子商务发展服务中心" not in listing
    assert "共 1 份文件" in client.get("/documents/list?rule=YS608").text
    page = client.get(f"/documents/{v2['document_id']}").text
    # the changed figure: 支出表 row 事业运行, total column, flagged (a warning: the columns of this
    # text were inferred) with its messages on hover
    cell = re.search(r'<td id="(t\d+r\d+c0)" class="num flag warning" title="([^"]*)">71.96</td>', page)
    assert cell and "YS101" in cell.group(2) and "71.96 万元，不等于基本支出、项目支出之和 71.86 万元" in cell.group(2)
    assert f'href="#{cell.group(1)}" class="goto"' in page  # the finding links to its cell
    assert "第 2 版（现行）" in page
    errors = client.get(f"/documents/{v2['document_id']}/findings?severity=error").text
    assert errors.count('class="finding error"') == 0
    warnings = client.get(f"/documents/{v2['document_id']}/findings?severity=warning").text
    assert warnings.count('class="finding warning"') == 14 and "列位置由勾稽关系推断" in warnings
    source = client.get(f"/documents/{v2['document_id']}/source?page=10&line=619").text
    # the line asked for, with the figures read from it marked
    assert '<span class="hit"><b>  619</b> 201 13 50 事业运行 <mark class="figure">71.96</mark>' in source
    finding = re.search(r'source\?page=10&amp;line=619&amp;finding=(\d+)"', warnings)
    source = client.get(f"/documents/{v2['document_id']}/source?page=10&line=619&finding={finding.group(1)}").text
    # the finding's own figures only: 事业运行's 合计 71.96, 基本支出 65.66 and 项目支出 6.20 (printed twice)
    assert re.findall(r'<mark class="figure">([^<]*)</mark>', source) == ["71.96", "65.66", "6.20", "6.20"]
    unit_id = client.get(f"/api/documents/{v2['document_id']}").json()["unit_id"]
    unit_page = client.get(f"/units/{unit_id}").text
    assert "chart-totals" in unit_page and "/assets/plotly-basic.min.js" in unit_page
    compare = client.get("/compare?year=2023&sort=basic_share&order=asc").text
    assert compare.index("焦作市人民政府电子政务管理中心") < compare.index("焦作市电子商务发展服务中心")
    partial = client.get("/compare?year=2023", headers={"HX-Request": "true"}).text
    assert "<html" not in partial and "compare-table" in partial
    assert 'id="YS602"' in client.get("/rules").text
    assert client.get("/documents/12345").status_code == 404 and "没有编号为 12345 的文件" in client.get(
        "/documents/12345").text


def test_nothing_is_loaded_from_the_internet(client):
    upload(client, BIGDATA)
    for path in ("/", "/documents/1", "/units/1", "/compare", "/rules", "/docs", "/login"):
        html = client.get(path).text
        external = re.findall(r'(?:src|href)="((?:https?:)?//[^"]*)"', html)
        assert external == [], (path, external)
    for asset in ("/assets/htmx.min.js", "/assets/plotly-basic.min.js", "/static/app.js", "/static/app.css"):
        assert client.get(asset).status_code == 200, asset
    assert client.get("/assets/other.js").status_code == 404


def test_bad_uploads_are_refused_with_the_reason(db, tmp_path):
    from reportlab.pdfgen import canvas

    with TestClient(create_app(db, limits=Limits(max_bytes=200_000, max_pages=2))) as c:
        r = upload(c, data=b"x" * 200_001, name="big.txt")
        assert r.status_code == 413 and "文件过大" in r.json()["detail"]
        r = upload(c, data="会议纪要：今天讨论了明年的工作安排。".encode(), name="notes.txt")
        assert r.status_code == 422 and "似乎不是预算公开文件" in r.json()["detail"]
        assert upload(c, data=b"   \n", name="empty.txt").json()["detail"] == "文件为空：empty.txt"
        r = upload(c, data=b"%PDF-1.4 broken", name="bad.pdf")
        assert (r.status_code, r.json()["detail"]) == (422, "PDF 文件损坏或不完整：bad.pdf")
        r = upload(c, data=b"\x89PNG\r\n\x1a\n" + b"\0" * 100, name="scan.png")
        assert (r.status_code, r.json()["detail"]) == (422, "暂不支持读取图片格式：scan.png")
        buf = io.BytesIO()
        pdf = canvas.Canvas(buf)
        for i in range(3):
            pdf.drawString(100, 700, f"page {i}")
            pdf.showPage()
        pdf.save()
        r = upload(c, data=buf.getvalue(), name="long.pdf")
        assert r.status_code == 413 and r.json()["detail"] == "页数过多：long.pdf 有 3 页（上限 2 页）"
        assert c.post("/api/documents").status_code == 422  # no file at all
        assert c.get("/api/documents").json()["total"] == 0


def test_hostile_uploads_are_refused_with_bounded_memory(client):
    """The sparse workbook (one cell at XFD1048576: read from its cells, never as a grid), zip
    bombs and 'billion laughs' in an XML part, uploaded: the bombs are refused (422) with their
    reason, everything is read in a child process, and the server's own memory does not grow."""
    import random
    import resource
    from pathlib import Path

    from yusuan.synth.hostile import entity_bomb

    cases = Path(__file__).resolve().parent.parent.parent / "shared" / "fuzz-cases"
    if not cases.is_dir():
        pytest.skip("../shared/fuzz-cases not beside the checkout")
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    sparse = upload(client, cases / "memory-xlsx-one-cell-at-XFD1048576.xlsx")
    assert sparse.status_code == 201 and sparse.json()["year"] == 2025
    for name, reason in (("hang-xlsx-zip-bomb-512MB-comment.xlsx", "压缩炸弹"),
                         ("memory-docx-zip-bomb-1GB-clean-error.docx", "压缩炸弹")):
        r = upload(client, cases / name)
        assert r.status_code == 422 and reason in r.json()["detail"], (name, r.text)
    for seed in (1, 2):  # one workbook, one Word file
        name, data = entity_bomb(random.Random(seed))
        r = upload(client, data=data, name=name)
        assert r.status_code in (201, 422), r.text  # refused, or read with the entities left unexpanded
        if r.status_code == 201:
            assert len(client.get(f"/api/documents/{r.json()['document_id']}").text) < 100_000
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 150 * 1024  # KB: the server grew < 150 MB
    assert client.get("/api/documents").json()["total"] >= 1


def test_a_full_upload_queue_answers_503_at_once():
    import anyio
    from types import SimpleNamespace

    from fastapi import HTTPException

    from yusuan.serve.upload import run_upload

    app = SimpleNamespace(state=SimpleNamespace(limits=Limits(workers=1, queue=2)))

    async def burst():
        def slow():
            import time

            time.sleep(0.3)
            return "done"

        results = []

        async def one():
            try:
                results.append(await run_upload(app, slow))
            except HTTPException as e:
                results.append(e.status_code)

        async with anyio.create_task_group() as tg:
            for _ in range(4):
                tg.start_soon(one)
        return results

    results = anyio.run(burst)
    assert sorted(results, key=str) == [503, 503, "done", "done"]


def test_parallel_uploads_never_lose_or_duplicate(db):
    variants = [(f"v{i}.txt", corrected("71.86", f"7{i}.86")) for i in range(2, 6)]
    jobs = [(ECOMMERCE.name, ECOMMERCE.read_bytes())] * 4 + [(EGOV.name, EGOV.read_bytes())] * 3 + variants
    with Server(create_app(db)) as server, ThreadPoolExecutor(len(jobs)) as pool:
        def send(job):
            name, data = job
            return httpx.post(f"{server.url}/api/documents", files={"file": (name, data)}, timeout=120)

        responses = list(pool.map(send, jobs))
        assert all(r.status_code in (200, 201) for r in responses), [r.text for r in responses]
        statuses = [r.json()["status"] for r in responses]
        assert statuses.count("duplicate") == 5  # 3 more of the first file, 2 more of the second
        listing = httpx.get(f"{server.url}/api/documents?all_versions=true").json()
    assert listing["total"] == 6
    ecommerce = sorted(i["version"] for i in listing["items"] if i["unit"] == "焦作市电子商务发展服务中心")
    assert ecommerce == [1, 2, 3, 4, 5]


def login(c, name: str, password: str):
    """Log `c` in through the API and send the session's CSRF token with its next requests."""
    r = c.post("/api/login", json={"name": name, "password": password})
    if r.status_code == 200:
        c.headers["X-CSRF-Token"] = r.json()["csrf_token"]
    return r


def logout(c):
    r = c.post("/api/logout")
    c.headers.pop("X-CSRF-Token", None)
    return r


def test_access_control(db):
    set_user(db, "reader", "viewer", "reader-pass")
    set_user(db, "clerk", "uploader", "clerk-pass")
    set_user(db, "boss", "admin", "boss-pass1")
    from sqlalchemy import select

    from yusuan.store.schema import User

    with db.session() as s:
        assert all(u.password_hash.startswith("scrypt$") and "pass" not in u.password_hash
                   for u in s.scalars(select(User)))
    with TestClient(create_app(db, auth=True)) as c:
        r = c.get("/", follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"] == "/login?next=/"
        assert c.get("/api/documents").status_code == 401
        assert c.get("/static/app.css").status_code == 200  # the login page needs its style
        assert login(c, "reader", "wrong").status_code == 401
        assert login(c, "reader", "reader-pass").json()["role"] == "viewer"
        assert c.get("/api/documents").status_code == 200
        r = upload(c, ECOMMERCE)
        assert r.status_code == 403 and "没有此权限" in r.json()["detail"]
        assert c.get("/admin/log").status_code == 403 and c.get("/api/admin/log").status_code == 403
        logout(c)
        form = c.get("/login?next=/rules").text
        token = re.search(r'name="login_token" value="([^"]+)"', form).group(1)
        r = c.post("/login", data={"name": "clerk", "password": "clerk-pass", "next": "/rules", "login_token": token},
                   follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"] == "/rules"
        page = c.get("/rules").text
        c.headers["X-CSRF-Token"] = re.search(r'<meta name="csrf-token" content="([^"]+)">', page).group(1)
        assert "clerk（上传）" in page and "审计日志" not in page
        doc_id = upload(c, ECOMMERCE).json()["document_id"]
        assert c.delete(f"/api/documents/{doc_id}").status_code == 403
        logout(c)
        login(c, "boss", "boss-pass1")
        assert c.delete(f"/api/documents/{doc_id}").json() == {"deleted": doc_id}
        assert c.get("/api/documents").json()["total"] == 0
        assert '<a href="/admin/log">审计日志</a>' in c.get("/").text
    with TestClient(create_app(db, auth=True)) as c:
        c.cookies.set("yusuan_session", "forged")
        assert c.get("/api/documents").status_code == 401


def test_sessions_end_on_logout_role_password_change_and_removal(db):
    """A copied session cookie stops working the moment its user logs out, gets another role or
    password, or is removed; the role is read on every request."""
    from yusuan.serve.auth import remove_user, set_password, set_role

    set_user(db, "boss", "admin", "boss-pass1")
    app = create_app(db, auth=True)

    def stolen(c):
        login(c, "boss", "boss-pass1")
        return dict(c.cookies), c.headers["X-CSRF-Token"]

    def replay(cookies, csrf):
        with TestClient(app) as thief:
            thief.cookies.update(cookies)
            return thief.get("/api/documents").status_code, thief.delete("/api/documents/1",
                                                                          headers={"X-CSRF-Token": csrf}).status_code

    with TestClient(app) as c:
        cookies, csrf = stolen(c)
        assert replay(cookies, csrf) == (200, 404)  # the copy works while the session lasts: no document 1
        logout(c)
        assert replay(cookies, csrf) == (401, 401)
        cookies, csrf = stolen(c)
        set_role(db, "boss", "viewer")
        assert replay(cookies, csrf) == (401, 401)
        login(c, "boss", "boss-pass1")
        assert c.delete("/api/documents/1").status_code == 403  # a viewer now
        set_role(db, "boss", "admin")
        cookies, csrf = stolen(c)
        set_password(db, "boss", "new-pass-2")
        assert replay(cookies, csrf) == (401, 401)
        assert login(c, "boss", "boss-pass1").status_code == 401
        login(c, "boss", "new-pass-2")
        cookies, csrf = dict(c.cookies), c.headers["X-CSRF-Token"]
        remove_user(db, "boss")
        assert replay(cookies, csrf) == (401, 401)
        assert login(c, "boss", "new-pass-2").status_code == 401
    with TestClient(create_app(db, auth=True, secure_cookies=True)) as c:
        set_user(db, "boss", "admin", "boss-pass1")
        cookie = c.post("/api/login", json={"name": "boss", "password": "boss-pass1"}).headers["set-cookie"]
        assert "Secure" in cookie and "SameSite=strict" in cookie and "HttpOnly" in cookie


def test_state_changes_need_the_session_csrf_token(db):
    """With a session cookie, an upload, a deletion or a logout without the session's token (or
    with another's) is refused; the login form needs the token it was served with."""
    set_user(db, "boss", "admin", "boss-pass1")
    with TestClient(create_app(db, auth=True)) as c:
        token = login(c, "boss", "boss-pass1").json()["csrf_token"]
        del c.headers["X-CSRF-Token"]
        r = upload(c, ECOMMERCE)
        assert r.status_code == 403 and "CSRF" in r.json()["detail"]
        assert c.post("/api/documents", files={"file": ("e.txt", b"x")}, headers={"X-CSRF-Token": "guess"}).status_code == 403
        assert c.delete("/api/documents/1").status_code == 403
        assert c.post("/api/logout").status_code == 403
        assert c.post("/logout", data={"csrf_token": "guess"}, follow_redirects=False).status_code == 403
        assert c.get("/api/documents").status_code == 200  # still logged in
        c.headers["X-CSRF-Token"] = token
        assert upload(c, ECOMMERCE).status_code == 201
        page = c.get("/").text
        assert f'<input type="hidden" name="csrf_token" value="{token}">' in page
        assert f'hx-headers=\'{{"X-CSRF-Token": "{token}"}}\'' in page
        r = c.post("/logout", data={"csrf_token": token}, follow_redirects=False)
        assert r.status_code == 303 and c.get("/api/documents").status_code == 401
        # a login form posted from elsewhere has no token (or the wrong one): refused before the password is checked
        r = c.post("/login", data={"name": "boss", "password": "boss-pass1"}, follow_redirects=False)
        assert r.status_code == 403 and "登录表单已过期" in r.text
        c.get("/login")
        r = c.post("/login", data={"name": "boss", "password": "boss-pass1", "login_token": "guess"},
                   follow_redirects=False)
        assert r.status_code == 403


def test_api_tokens_for_scripts(db, tmp_path):
    """`yusuan user token add` prints a token once; a script sends it as Bearer (no CSRF token),
    with its user's role; a revoked or made-up token is refused."""
    from typer.testing import CliRunner

    from yusuan.cli import app as cli

    url = db.url
    run = CliRunner().invoke
    assert run(cli, ["user", "add", "robot", "--role", "uploader", "--password", "robot-pass", "--db", url]).exit_code == 0
    r = run(cli, ["user", "token", "add", "robot", "--label", "每晚导入", "--db", url])
    assert r.exit_code == 0
    token = r.stdout.strip().splitlines()[-1]
    assert token.startswith("ys_") and len(token) > 40
    from sqlalchemy import select

    from yusuan.store.schema import ApiToken

    with db.session() as s:
        assert token not in str([(t.token_hash, t.label) for t in s.scalars(select(ApiToken))])
    with TestClient(create_app(db, auth=True)) as c:
        bearer = {"Authorization": f"Bearer {token}"}
        assert c.get("/api/documents", headers=bearer).status_code == 200
        r = c.post("/api/documents", files={"file": (ECOMMERCE.name, ECOMMERCE.read_bytes())}, headers=bearer)
        assert r.status_code == 201
        assert c.delete(f"/api/documents/{r.json()['document_id']}", headers=bearer).status_code == 403  # an uploader
        assert c.get("/api/documents", headers={"Authorization": "Bearer ys_made-up"}).status_code == 401
        listing = run(cli, ["user", "token", "list", "--db", url])
        assert "robot" in listing.stdout and "每晚导入" in listing.stdout
        number = re.search(r"(\d+)\s*│\s*robot", listing.stdout).group(1)
        assert run(cli, ["user", "token", "revoke", number, "--db", url]).exit_code == 0
        assert c.get("/api/documents", headers=bearer).status_code == 401
    r = run(cli, ["user", "token", "revoke", "999", "--db", url])
    assert r.exit_code == 2 and "没有编号为 999 的 API 令牌" in r.output


def test_user_commands(db):
    from typer.testing import CliRunner

    from yusuan.cli import app as cli

    run, url = CliRunner().invoke, db.url
    assert run(cli, ["user", "add", "ann", "--role", "admin", "--password", "ann-pass-1", "--db", url]).exit_code == 0
    assert run(cli, ["user", "add", "bob", "--password", "bob-pass-1", "--db", url]).exit_code == 0
    with TestClient(create_app(db, auth=True)) as c:
        login(c, "bob", "bob-pass-1")
        listing = run(cli, ["user", "list", "--db", url]).stdout
        assert re.search(r"ann\s*│\s*admin（管理）\s*│\s*0", listing) and re.search(r"bob\s*│\s*viewer（查看）\s*│\s*1", listing)
        assert run(cli, ["user", "set-role", "bob", "uploader", "--db", url]).exit_code == 0
        assert c.get("/api/documents").status_code == 401  # his session ended
        assert run(cli, ["user", "passwd", "bob", "--password", "bob-pass-2", "--db", url]).exit_code == 0
        assert login(c, "bob", "bob-pass-2").json()["role"] == "uploader"
        assert run(cli, ["user", "remove", "bob", "--db", url]).exit_code == 0
        assert c.get("/api/documents").status_code == 401
    r = run(cli, ["user", "remove", "bob", "--db", url])
    assert r.exit_code == 2 and "没有这个用户：bob" in r.output
    r = run(cli, ["user", "set-role", "ann", "king", "--db", url])
    assert r.exit_code == 2
    r = run(cli, ["user", "passwd", "ann", "--password", "short", "--db", url])
    assert r.exit_code == 2 and "密码至少 8 个字符" in r.output


def test_audit_log_records_logins_uploads_and_deletions(db):
    set_user(db, "boss", "admin", "boss-pass1")
    hostile = "<img src=x onerror=alert(1)>.txt"
    with TestClient(create_app(db, auth=True)) as c:
        assert login(c, "boss", "wrong-pass").status_code == 401
        login(c, "boss", "boss-pass1")
        doc = upload(c, ECOMMERCE, name=hostile).json()["document_id"]
        assert upload(c, data=b"not a budget at all", name="notes.txt").status_code == 422
        c.delete(f"/api/documents/{doc}")
        log = c.get("/api/admin/log").json()
        actions = [(e["action"], e["user"], e["target"]) for e in log["items"]]
        assert actions[:5] == [("delete", "boss", hostile), ("upload_refused", "boss", "notes.txt"),
                               ("upload", "boss", hostile), ("login", "boss", None), ("login_failed", "boss", None)]
        assert log["items"][0]["client"] == "testclient" and log["items"][2]["detail"].startswith("新导入")
        assert [e["action"] for e in c.get("/api/admin/log?action=login").json()["items"]] == ["login"]
        assert c.get("/api/admin/log?action=nonsense").status_code == 422
        page = c.get("/admin/log").text
        assert "上传被拒" in page and "<img src=x" not in page and "&lt;img src=x" in page


def test_user_command_rejects_bad_input(db):
    from yusuan.errors import YusuanError

    with pytest.raises(YusuanError, match="密码至少 8 个字符"):
        set_user(db, "x", "viewer", "short")
    with pytest.raises(YusuanError, match="未知角色"):
        set_user(db, "x", "king", "long-enough")
    assert set_user(db, "x", "viewer", "long-enough") is True
    assert set_user(db, "x", "admin", "long-enough2") is False


def test_deleting_the_current_version_restores_the_previous(client):
    first = upload(client, ECOMMERCE).json()
    second = upload(client, data=corrected(), name="v2.txt").json()
    client.delete(f"/api/documents/{second['document_id']}")
    assert client.get(f"/api/documents/{first['document_id']}").json()["current"] is True


def test_store_and_analyse_are_the_api_path(db):
    # the CLI import and the upload share analyse+store: a file imported one way is a duplicate the other way
    store(db, analyse(EGOV.read_bytes(), EGOV.name))
    with TestClient(create_app(db)) as c:
        assert upload(c, EGOV).json()["status"] == "duplicate"


def test_a_pdf_original_shows_its_page_image(client, tmp_path):
    from yusuan.synth import generate
    from yusuan.synth.office import write_pdf

    path = tmp_path / "generated.pdf"
    write_pdf(generate(7), path)
    body = upload(client, path).json()
    assert body["status"] == "new" and body["findings"]["error"] == 0
    doc = client.get(f"/api/documents/{body['document_id']}").json()
    assert doc["format"] == "pdf" and doc["pages"] >= 2
    png = client.get(f"/api/documents/{body['document_id']}/pages/2.png")
    assert png.status_code == 200 and png.content.startswith(b"\x89PNG")
    assert client.get(f"/api/documents/{body['document_id']}/pages/999.png").status_code == 404
    panel = client.get(f"/documents/{body['document_id']}/source?page=2").text
    assert f'src="/api/documents/{body["document_id"]}/pages/2.png"' in panel


def test_serve_with_auth_needs_a_user(tmp_path):
    from typer.testing import CliRunner

    from yusuan.cli import app

    r = CliRunner().invoke(app, ["serve", "--auth", "--db", f"sqlite:///{tmp_path / 'a.db'}"])
    assert r.exit_code == 2 and "--auth 需要至少一个用户" in r.output
    r = CliRunner().invoke(app, ["user", "add", "admin", "--role", "admin", "--password", "short",
                                 "--db", f"sqlite:///{tmp_path / 'a.db'}"])
    assert r.exit_code == 2 and "密码至少 8 个字符" in r.output


def test_budget_and_final_side_by_side(client):
    """The 预算 and the 决算 of one unit and year: both listed with their kind, filtered by it, and
    compared only with their own kind."""
    budget = EXAMPLES.parent / "tests" / "fixtures" / "shanghai-budget-2024.txt"
    final = EXAMPLES / "shanghai-putuo-planning-2024-final.pdf"
    assert upload(client, budget).status_code == 201 and upload(client, final).status_code == 201
    items = client.get("/api/documents").json()["items"]
    assert sorted((i["doc_type"], i["version"], i["current"]) for i in items) == [("budget", 1, True), ("final", 1, True)]
    assert [i["doc_type"] for i in client.get("/api/documents?doc_type=final").json()["items"]] == ["final"]
    assert client.get("/api/documents?doc_type=nonsense").status_code == 422
    listing = client.get("/documents/list?doc_type=final").text
    assert "部门决算" in listing and "部门预算" not in listing and "共 1 份文件" in listing
    rows = client.get("/api/compare?year=2024&doc_type=final").json()
    assert [(r["doc_type"], r["expenditure_total"]) for r in rows] == [("final", "9859.38")]
    assert [r["doc_type"] for r in client.get("/api/compare?year=2024").json()] == ["budget"]
    page = client.get("/compare?year=2024&doc_type=final").text
    assert "2024 年决算 共 1 份" in page and "doc_type=final" in page
    unit_id = items[0]["unit_id"]
    unit_page = client.get(f"/units/{unit_id}").text
    assert unit_page.index("部门预算") < unit_page.index("部门决算")
    # the 决算 against its 预算, worked out from both stored documents
    final_id = next(i["id"] for i in items if i["doc_type"] == "final")
    budget_id = next(i["id"] for i in items if i["doc_type"] == "budget")
    across = client.get(f"/api/documents/{final_id}/budget-comparison").json()
    assert across["budget_document_id"] == budget_id
    [f] = across["findings"]
    assert f["code"] == "YS332" and "6 个科目" in f["message"] and "合计 496.41 万元" in f["message"]
    assert f["locations"][-1] == {"table": "2024年一般公共预算支出功能分类预算表", "row": "合计", "column": "合计",
                                  "page": 1, "line": 87, "document": "shanghai-budget-2024.txt"}
    assert client.get(f"/api/documents/{budget_id}/budget-comparison").status_code == 400
    page = client.get(f"/documents/{final_id}").text
    assert "与 2024 年预算对照" in page and f'href="/documents/{budget_id}"' in page and "YS332" in page
    assert f'href="/documents/{final_id}"' in client.get(f"/documents/{budget_id}").text
    # the unit page: 预算 and 决算 of 2024 side by side, with the chart of both
    assert "2024 年部门预算与决算（万元）" in unit_page
    row = re.search(r"<td>基本支出</td><td class=\"num\">([^<]*)</td><td class=\"num\">([^<]*)</td>"
                    r"\s*<td class=\"num\">([^<]*)</td><td class=\"num\">([^<]*)</td>", unit_page)
    assert row.groups() == ("4,961.60", "5,377.64", "416.04", "108.39")
    assert "chart-budget-final-2024-department" in unit_page


def test_pages_escape_and_send_security_headers(client):
    """Reflected parameters come back escaped; every page forbids inline script and framing;
    the login form sends nobody elsewhere."""
    from yusuan.serve.pages import local_path

    payload = "<script>alert(1)</script>'\""
    for path in (f"/login?next=/{payload}", f"/?unit={payload}", f"/compare?region={payload}&sort={payload}",
                 f"/documents/list?unit={payload}"):
        r = client.get(path)
        assert "<script>alert(1)" not in r.text, path
        assert "script-src 'self'" in r.headers["content-security-policy"] and "unsafe-inline" not in \
            r.headers["content-security-policy"].split("script-src")[1].split(";")[0]
        assert r.headers["x-content-type-options"] == "nosniff" and "frame-ancestors 'none'" in r.headers[
            "content-security-policy"]
    assert client.get("/redoc").status_code == 404  # it would fetch its logo from a CDN
    assert [local_path(p) for p in ("/units/3", "//evil.example", "/\\evil.example", "javascript:x", "http://a",
                                    "/a\nb")] == ["/units/3", "/", "/", "/", "/", "/"]


def test_cross_site_requests_are_refused(client):
    """A page of another origin (another port of this host too) cannot make the browser upload,
    delete or log in; the same origin and scripts without an Origin can."""
    data = ECOMMERCE.read_bytes()
    files = {"file": ("e.txt", data, "text/plain")}
    evil = client.post("/api/documents", files=files, headers={"Origin": "http://127.0.0.1:9999"})
    assert evil.status_code == 403 and "跨站请求" in evil.json()["detail"]
    assert client.post("/api/documents", files=files, headers={"Referer": "http://evil.example/x"}).status_code == 403
    assert client.post("/api/documents", files=files, headers={"Origin": "null"}).status_code == 403
    assert client.delete("/api/documents/1", headers={"Origin": "http://evil.example"}).status_code == 403
    same = client.post("/api/documents", files=files, headers={"Origin": "http://testserver"})
    assert same.status_code == 201
    assert client.get("/api/documents", headers={"Origin": "http://evil.example"}).status_code == 200  # reads: CORS keeps them


def test_logins_are_throttled(db):
    """Five wrong passwords, then each try waits longer (429 with Retry-After), for that name and
    that address; unknown names get the same answer as known ones."""
    from yusuan.serve.throttle import Throttle

    set_user(db, "admin", "admin", "correct horse")
    now = [1000.0]
    app = create_app(db, auth=True)
    with TestClient(app) as c:
        app.state.throttle = Throttle(clock=lambda: now[0])
        for _ in range(5):
            assert c.post("/api/login", json={"name": "admin", "password": "wrong"}).status_code == 401
        assert c.post("/api/login", json={"name": "nobody", "password": "x"}).status_code == 401
        locked = c.post("/api/login", json={"name": "admin", "password": "correct horse"})
        assert locked.status_code == 429 and locked.headers["retry-after"] == "1"
        now[0] += 1.5
        assert c.post("/api/login", json={"name": "admin", "password": "wrong"}).status_code == 401
        again = c.post("/api/login", json={"name": "admin", "password": "correct horse"})
        assert again.status_code == 429 and int(again.headers["retry-after"]) == 2  # the lock doubles
        now[0] += 3
        assert c.post("/api/login", json={"name": "admin", "password": "correct horse"}).status_code == 200
        c.get("/login")
        page = c.post("/login", data={"name": "admin", "password": "wrong", "next": "/",
                                      "login_token": c.cookies["yusuan_login"]})
        assert page.status_code == 401 and "用户名或密码不正确" in page.text


def test_review_mends_body_size_host_names_and_huge_offsets(db):
    """A body is refused by its declared size before it is read (a 400 MB login, an upload past the
    limit); a Host name not allowed (DNS rebinding) is refused; huge pages and offsets are 422, not 500."""
    set_user(db, "boss", "admin", "boss-pass1")
    with TestClient(create_app(db, auth=True, limits=Limits(max_bytes=1024 * 1024), allowed_hosts=["testserver"])) as c:
        r = c.post("/api/login", content=b"{}", headers={"Content-Length": str(400 * 1024 * 1024),
                                                           "Content-Type": "application/json"})
        assert r.status_code == 413 and "请求过大" in r.json()["detail"]
        r = c.post("/api/documents", content=b"x", headers={"Content-Length": str(3 * 1024 * 1024)})
        assert r.status_code == 413
        assert c.get("/login", headers={"Host": "evil.example:8000"}).status_code == 400
        login(c, "boss", "boss-pass1")
        assert c.get(f"/api/admin/log?offset={10 ** 20}").status_code == 422
        assert c.get(f"/api/documents?offset={10 ** 20}").status_code == 422
        assert c.get(f"/admin/log?page={10 ** 20}").status_code == 200


def test_cli_messages_with_brackets_are_printed_as_text(tmp_path):
    from typer.testing import CliRunner

    from yusuan.cli import app

    r = CliRunner().invoke(app, ["check", str(tmp_path / "[/]nothere.txt")])
    assert r.exit_code == 2 and "[/]nothere.txt" in r.output


def test_parallel_wrong_passwords_cannot_outrun_the_throttle(db):
    """Failures are counted before the password is checked: 30 attempts at once get about five
    password checks, not thirty."""
    from yusuan.serve.auth import TooManyAttempts, log_in
    from yusuan.serve.throttle import FREE, Throttle

    set_user(db, "boss", "admin", "boss-pass1")
    throttle = Throttle()

    def attempt(_):
        try:
            return log_in(db, "boss", "wrong-pass", throttle, "10.0.0.1") is None and "checked"
        except TooManyAttempts:
            return "locked"

    with ThreadPoolExecutor(30) as pool:
        results = list(pool.map(attempt, range(30)))
    assert results.count("checked") <= FREE + 2 and results.count("locked") >= 30 - FREE - 2


def test_search_finds_units_projects_subjects_and_narrative_with_their_places(client):
    """Full-text search on the database's own index (SQLite FTS5 trigram / PostgreSQL pg_trgm):
    a project of the 大数据局 项目绩效目标表, a 项 code of the ecommerce 支出表, a unit code, a
    narrative phrase; FTS syntax in a query is only text."""
    for p in SAMPLES:
        upload(client, p)
    hits = client.get("/api/search", params={"q": "网络及网站建设维护"}).json()
    project = next(h for h in hits["items"] if h["kind"] == "project")
    assert project["text"] == "410800230000000011631 网络及网站建设维护" and project["anchor"].endswith("l")
    page = client.get(f"/documents/{project['document_id']}").text
    assert f'id="{project["anchor"]}"' in page  # the link lands on the row
    subject = client.get("/api/search", params={"q": "2011350"}).json()["items"]
    assert {(h["kind"], h["text"]) for h in subject} >= {("subject", "2011350 事业运行")}
    unit = client.get("/api/search", params={"q": "402303"}).json()["items"]
    assert unit[0]["kind"] == "unit" and unit[0]["text"] == "402303 焦作市电子商务发展服务中心"
    said = client.get("/api/search", params={"q": "一般公共预算支出"}).json()
    assert said["total"] > 0 and any(h["kind"] == "narrative" and h["line"] for h in said["items"])
    assert client.get("/api/search", params={"q": "政务"}).json()["total"] > 0  # two characters: no trigram, LIKE
    for hostile in ('"OR 1', "a*", "NEAR(x y)", "%_%", "'; DROP TABLE documents; --"):
        assert client.get("/api/search", params={"q": hostile}).json()["total"] == 0, hostile
    html = client.get("/search", params={"q": "网络及网站"}).text
    assert "<mark>网络及网站</mark>建设维护" in html and f'href="/documents/{project["document_id"]}#{project["anchor"]}"' in html
    assert client.get("/search", params={"q": "<script>alert(1)</script>"}).text.count("<script>alert") == 0


def test_document_list_sorts_pages_and_keeps_its_state_in_the_address(client):
    for p in SAMPLES:
        upload(client, p)
    r = client.get("/documents/list?sort=unit_code&order=asc", headers={"HX-Request": "true"})
    assert r.headers["HX-Push-Url"] == "/?sort=unit_code&order=asc"
    first = client.get("/documents/list?year=2023", headers={"HX-Request": "true", "HX-Trigger": "documents"})
    assert first.headers["HX-Replace-Url"] == "/?year=2023&sort=year&order=desc" and "HX-Push-Url" not in first.headers
    codes = re.findall(r'<td class="code">([^<]*)</td>', r.text)
    assert codes == sorted(c for c in codes if c) + [c for c in codes if not c]  # codes ascending, none last
    assert "402303" in codes and 'class="sort asc">单位代码 ↑' in r.text
    r = client.get("/documents/list?year=2023&sort=errors&order=desc&page=1")
    assert r.headers["HX-Push-Url"] == "/?year=2023&sort=errors&order=desc"
    home = client.get("/?year=2023&sort=errors&order=desc").text  # a bookmark shows this list again
    assert '<option selected>2023</option>' in home and 'name="sort" value="errors"' in home
    assert 'hx-get="/documents/list?year=2023&amp;sort=errors&amp;order=desc"' in home


def test_version_diff_and_other_files_over_http(client):
    v1 = upload(client, ECOMMERCE).json()
    v2 = upload(client, data=corrected(), name="ecommerce-corrected.txt").json()
    other = upload(client, EGOV).json()
    d = client.get(f"/api/documents/{v2['document_id']}/diff", params={"against": v1["document_id"]}).json()
    assert (d["older"], d["newer"], d["same_content"]) == (v1["document_id"], v2["document_id"], False)
    assert {(c["row"], c["column"], c["printed_before"], c["printed_after"]) for c in d["changed"]} >= {
        ("事业运行", "合计", "71.86", "71.96")}
    r = client.get(f"/api/documents/{v1['document_id']}/diff", params={"against": other["document_id"]})
    assert r.status_code == 422 and "同一单位" in r.json()["detail"]
    page = client.get(f"/documents/{v1['document_id']}/diff", params={"against": v2["document_id"]}).text
    assert "第 1 版 → 第 2 版" in page and 'id="diff-changed"' in page
    assert client.get(f"/api/documents/{v1['document_id']}/files/{'0' * 64}").status_code == 404
