"""Browser tests: Playwright drives Debian's Chromium (/usr/bin/chromium; no browser is downloaded).

They upload a sample through the page, open its document page, see a highlighted finding,
follow a finding to its cell, open the comparison page with its charts, and save screenshots
(in $YUSUAN_SCREENSHOTS, default build/screenshots). Without Chromium they are skipped,
unless YUSUAN_REQUIRE_BROWSER=1 (as in CI), where a missing browser fails.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from storage import BIGDATA, ECOMMERCE, EGOV, corrected
from webserver import Server
from yusuan.serve.app import create_app
from yusuan.store.database import Database

CHROMIUM = os.environ.get("YUSUAN_CHROMIUM", "/usr/bin/chromium")
SHOTS = Path(os.environ.get("YUSUAN_SCREENSHOTS", Path(__file__).resolve().parent.parent / "build" / "screenshots"))
# As root in a container, and with no network: no sandbox, no background connections.
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("YUSUAN_REQUIRE_BROWSER") == "1":
            pytest.fail(f"YUSUAN_REQUIRE_BROWSER=1 but there is no Chromium at {CHROMIUM}")
        pytest.skip("Chromium not installed (apt-get install chromium chromium-driver)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def site(tmp_path):
    db = Database(f"sqlite:///{tmp_path / 'web.db'}")
    with Server(create_app(db)) as server:
        yield server
    db.dispose()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="zh-CN")
    pg = context.new_page()
    outside: list[str] = []
    pg.on("request", lambda r: outside.append(r.url) if not r.url.startswith(("http://127.0.0.1", "data:")) else None)
    yield pg
    context.close()
    assert outside == [], f"the page asked the internet for {outside}"


def shot(pg, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    pg.screenshot(path=str(SHOTS / name), full_page=False)
    assert (SHOTS / name).stat().st_size > 10_000


def test_upload_see_findings_and_compare(page, site, tmp_path):
    page.goto(site.url + "/")
    page.wait_for_selector("#documents >> text=没有符合条件的文件")
    fixed = tmp_path / "ecommerce-2023.txt"
    fixed.write_bytes(corrected())
    page.set_input_files("#file-input", [str(fixed), str(EGOV), str(BIGDATA)])
    results = page.locator("#uploads td.result")
    # (no wait_for_function: the pages' Content-Security-Policy forbids the eval it needs)
    expect(page.locator("#uploads td.result.ok")).to_have_count(3, timeout=60_000)
    assert "新导入" in results.nth(0).inner_text()
    page.wait_for_selector("#documents >> text=共 3 份文件")  # the list refreshes itself after the uploads
    shot(page, "01-upload.png")

    page.click("#documents >> text=焦作市电子商务发展服务中心")
    page.wait_for_selector("h1 >> text=焦作市电子商务发展服务中心")
    flagged = page.locator("td.num.flag.warning", has_text="71.96")  # inferred columns: a warning
    assert flagged.count() == 1
    assert "不等于基本支出、项目支出之和 71.86 万元" in flagged.get_attribute("title")
    flagged.hover()
    shot(page, "02-document.png")

    page.click(".severity-filter button:has-text(\"警告 14\")")
    expect(page.locator("#findings li.finding")).to_have_count(14)
    first = page.locator("#findings li.finding.warning a.goto").first
    target = first.get_attribute("data-target")
    first.click()
    page.wait_for_selector(f"#{target}.flash")
    page.locator("#findings a.source-link").first.click()
    page.wait_for_selector("#source pre.source-text span.hit")
    shot(page, "03-finding.png")

    page.goto(site.url + "/compare?year=2023")
    page.wait_for_selector("#chart-compare-totals-unit .main-svg")
    # plotly's internet defaults replaced: no Chart Studio address, map outlines from this server, no cloud button
    config = page.locator("#chart-compare-totals-unit").evaluate(
        "d => [d._context.plotlyServerURL, d._context.topojsonURL, d._context.showSendToCloud, d._context.displaylogo]")
    assert config == ["", "/assets/no-topojson/", False, False]
    assert page.locator("#chart-compare-totals-unit .modebar-btn[data-title*='Cloud' i]").count() == 0
    rows = page.locator("#compare-table tbody tr")
    assert rows.count() == 2
    page.click("#compare-table >> text=基本支出占比%")  # sort by share, largest first
    page.wait_for_selector("#compare-table a.sort.desc:has-text(\"基本支出占比%\")")
    assert "焦作市电子商务发展服务中心" in rows.nth(0).inner_text()  # 92.88% before 91.73%
    page.wait_for_selector("#chart-compare-totals-unit .main-svg")
    shot(page, "04-compare.png")

    page.goto(site.url + "/")
    page.select_option("select[name=has_errors]", "yes")
    # egov (five tables missing); the ecommerce change is a warning: its columns were inferred
    page.wait_for_selector("#documents >> text=共 1 份文件")
    page.goto(site.url + "/rules")
    assert page.locator("tr#YS602 td.num").first.inner_text() == "1"


XSS = "<img src=x onerror=alert(1)>'\"</script><script>alert(2)</script>{{7*7}}"


def test_document_text_never_runs_as_script(page, site, tmp_path):
    """A unit name, a table title and a narrative sentence carrying markup, in a file whose name
    carries it too: every page shows it as text; no dialog opens, no script runs."""
    fixture = Path(__file__).resolve().parent / "fixtures" / "shanghai-budget-2024.txt"
    text = fixture.read_text(encoding="utf-8").replace("上海市普陀区规划和自然资源局", f"上海市{XSS}局", 3)
    text = text.replace("负责本区自然资源和国土空间规划管理工作。", f"负责{XSS}工作，收入支出总计9713.92万元。")
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    import httpx

    r = httpx.post(f"{site.url}/api/documents", files={"file": (f"x{XSS}.txt", text.encode("utf-8"), "text/plain")})
    assert r.status_code == 201, r.text
    doc_id, unit_id = r.json()["document_id"], None
    unit_id = httpx.get(f"{site.url}/api/documents/{doc_id}").json()["unit_id"]
    for path in ("/", "/documents/list", f"/documents/{doc_id}", f"/documents/{doc_id}/findings",
                 f"/documents/{doc_id}/source?line=1", f"/units/{unit_id}", "/compare?year=2024", "/rules",
                 f"/login?next=/%22%3E{XSS}", f"/?unit={XSS}", f"/compare?region={XSS}&scope={XSS}&sort={XSS}"):
        body = httpx.get(site.url + path).text
        assert "<img src=x" not in body and "<script>alert" not in body, path
        page.goto(site.url + path)
        page.wait_for_load_state("networkidle")
    assert dialogs == []
    page.goto(f"{site.url}/documents/{doc_id}")
    assert page.locator("img[src=x]").count() == 0 and page.locator("script:not([src])").count() == 0
    assert "{{7*7}}" in page.locator("body").inner_text()  # shown as the text it is, not evaluated either


PAYLOADS = ["<img src=x onerror=alert(document.domain)>", "\"><svg onload=alert(document.cookie)>",
            "'><script>alert(origin)</script>", "</script><script>alert(document.domain)</script>",
            "{{ config }}{% raw %}${alert(origin)}", "javascript:alert(origin)//", "<!--<iframe src=javascript:alert(origin)>"]


def test_xss_corpus_in_every_text_field(page, site):
    """Every payload of the corpus in unit and project names, table labels, indicators, narrative
    sentences and the file name: no page or fragment runs it, and no response carries it raw."""
    text = BIGDATA.read_text(encoding="utf-8")
    parts = text.split("焦作市")
    text = parts[0] + "".join(f"焦作市{PAYLOADS[i % len(PAYLOADS)]}" + p for i, p in enumerate(parts[1:]))
    parts = text.split("工作")
    text = parts[0] + "".join(f"工作{PAYLOADS[(i + 3) % len(PAYLOADS)]}" + p for i, p in enumerate(parts[1:]))
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    import httpx

    r = httpx.post(f"{site.url}/api/documents", files={"file": (f"{PAYLOADS[0]}{PAYLOADS[3]}.txt", text.encode())},
                   timeout=120)
    assert r.status_code == 201, r.text
    doc_id = r.json()["document_id"]
    doc = httpx.get(f"{site.url}/api/documents/{doc_id}").json()
    assert doc["unit"].startswith("焦作市<img") and doc["facts"]["performance_targets"]  # the payloads were read as text
    unit_id = doc["unit_id"]
    paths = ["/", "/documents/list", f"/documents/{doc_id}", f"/documents/{doc_id}/findings",
             f"/documents/{doc_id}/findings?severity=warning", f"/documents/{doc_id}/source?line=1",
             f"/documents/{doc_id}/source?line=2262", f"/units/{unit_id}", "/compare?year=2024", "/rules"]
    paths += [f"/?unit={p}" for p in PAYLOADS] + [f"/compare?region={p}&scope={p}&sort={p}&doc_type={p}" for p in PAYLOADS]
    paths += [f"/login?next={p}" for p in PAYLOADS] + [f"/documents/list?unit={p}&rule={p}&year={p}" for p in PAYLOADS]
    shown = 0
    for path in paths:
        body = httpx.get(site.url + path).text
        for p in PAYLOADS:
            assert "<" not in p or p not in body, (path, p)  # markup comes back escaped
        shown += body.count("&lt;")
        page.goto(site.url + path)
        page.wait_for_load_state("networkidle")
        assert page.locator("[href^='javascript:' i], [src^='javascript:' i], [onerror], [onload]").count() == 0, path
    assert shown > 20  # the payloads are on the pages, as text
    assert dialogs == []
    page.goto(f"{site.url}/documents/{doc_id}")
    assert page.locator("img[src=x], svg[onload], iframe").count() == 0
    assert page.locator("h1").inner_text().startswith("焦作市<imgsrc=xonerror=alert（document.domain）>")  # as text
    body = page.locator("body").inner_text()
    assert "config}}" in body.replace(" ", "") and "<Config" not in body  # template syntax shown, never evaluated


@pytest.fixture
def auth_site(tmp_path):
    from yusuan.serve.auth import set_user

    db = Database(f"sqlite:///{tmp_path / 'auth.db'}")
    set_user(db, "boss", "admin", "boss-pass1")
    set_user(db, "mallory", "uploader", "mallory-pass")
    with Server(create_app(db, auth=True)) as server:
        yield server
    db.dispose()


class Evil:
    """Another origin (another port of the same host) serving one attacking page."""

    def __init__(self, html: str):
        import http.server
        import threading

        body = html.encode()

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self):
        self.httpd.shutdown()


def test_logged_in_browser_uploads_and_another_origin_cannot(page, auth_site, tmp_path):
    """The admin logs in through the form and uploads through the page (the CSRF token travels in
    a header); then a page from another port of the same host tries to upload, log the admin out
    and log them in as someone else: every request reaches the server and is refused."""
    site = auth_site
    page.goto(site.url + "/")
    page.wait_for_selector("form.login")
    page.fill("input[name=name]", "boss")
    page.fill("input[name=password]", "boss-pass1")
    page.click("form.login button")
    page.wait_for_selector("#documents >> text=没有符合条件的文件")
    page.set_input_files("#file-input", [str(EGOV)])
    expect(page.locator("#uploads td.result.ok")).to_have_count(1, timeout=60_000)
    page.wait_for_selector("#documents >> text=共 1 份文件")

    target = site.url
    evil = Evil(f"""<!doctype html><html><body>
<form id="out" method="post" action="{target}/logout" target="f1"><input name="csrf_token" value="guess"></form>
<form id="in" method="post" action="{target}/login" target="f2"><input name="name" value="mallory">
<input name="password" value="mallory-pass"><input name="next" value="/"></form>
<iframe name="f1"></iframe><iframe name="f2"></iframe>
<script>
var fd = new FormData(); fd.append("file", new Blob(["2024年部门预算"], {{type: "text/plain"}}), "evil.txt");
fetch("{target}/api/documents", {{method: "POST", body: fd, credentials: "include", mode: "no-cors"}});
document.getElementById("out").submit();
document.getElementById("in").submit();
</script></body></html>""")
    answers: dict[str, int] = {}
    page.on("response", lambda r: answers.__setitem__(r.url.replace(target, ""), r.status)
            if r.url.startswith(target) and r.request.method == "POST" else None)
    try:
        page.goto(evil.url)
        page.wait_for_timeout(1500)
        page.wait_for_load_state("networkidle")
    finally:
        evil.close()
    assert answers == {"/api/documents": 403, "/logout": 403, "/login": 403}
    page.goto(site.url + "/")
    assert "boss（管理）" in page.locator("form.who").inner_text()  # still logged in, as themself
    page.wait_for_selector("#documents >> text=共 1 份文件")
    page.goto(site.url + "/admin/log")
    log = page.locator("table.list").inner_text()
    assert "上传\tboss" in log and "evil.txt" not in log and "登录\tmallory" not in log


def test_tables_as_printed_with_their_sides_and_indicators(page, site):
    """The 收支总表 shows 收入 and 支出 side by side on their printed lines (大数据局 预算01表, page
    10: 一、一般公共预算 1,235.32 | 一、一般公共服务 1,038.03); the 项目绩效目标表 shows its
    indicators, the YS704 finding outlined on 网络、网站正常运转率 ≥350天; a finding about rows
    only (YS505) is listed under its table."""
    import httpx

    r = httpx.post(f"{site.url}/api/documents", files={"file": (BIGDATA.name, BIGDATA.read_bytes())}, timeout=120)
    assert r.status_code == 201, r.text
    page.goto(f"{site.url}/documents/{r.json()['document_id']}")
    summary = page.locator("article#t0 table.disclosure.sides")
    expect(summary.locator("thead th", has_text="项目")).to_have_count(2)
    assert summary.locator("thead th").filter(has_text="收入").count() == 1
    first = summary.locator("tbody tr").first.locator("td")
    assert [first.nth(i).inner_text() for i in range(4)] == ["一、一般公共预算", "1,235.32", "一、一般公共服务", "1,038.03"]
    assert "YS505" in page.locator("article#t0 .table-findings").inner_text()
    indicator = page.locator("table.indicators tr.flag.warning", has_text="网络、网站正常运转率")
    expect(indicator).to_have_count(1)
    assert indicator.locator("td.value").inner_text() == "≥350天"
    assert "YS704" in indicator.get_attribute("title")
    page.locator("#findings a.goto", has_text="网络、网站正常运转率").click()
    page.wait_for_selector("table.indicators tr.flash")
    shot(page, "05-indicators.png")


PUTUO = Path(__file__).resolve().parent.parent / "examples" / "shanghai-putuo-planning-2024-final.pdf"


def test_source_pane_shows_the_pdf_page_with_the_figures_outlined(page, site):
    """A finding's source link opens its PDF page beside the tables, the figure outlined where it
    is printed (YS401: 基本支出 5364.75 on page 15 of the 普陀规划资源局 决算); zoom keeps the
    outline on the figure; every page can be paged through, with or without findings."""
    import httpx

    r = httpx.post(f"{site.url}/api/documents", files={"file": (PUTUO.name, PUTUO.read_bytes())}, timeout=120)
    assert r.status_code == 201, r.text
    page.goto(f"{site.url}/documents/{r.json()['document_id']}")
    page.locator("#findings a.source-link", has_text="第 15 页").first.click()
    box = page.locator("#source .page-view .figure-box")
    expect(box).to_have_count(1)
    img = page.locator("#source img.page-image")
    expect(img).to_have_attribute("src", f"/api/documents/{r.json()['document_id']}/pages/15.png")
    img.evaluate("i => i.decode()")  # (the pages' CSP forbids the eval wait_for_function needs)
    width = img.bounding_box()["width"]
    assert width >= 600  # a readable page, not a thumbnail
    before = box.bounding_box()
    page.locator("button[data-zoom='1']").click()
    assert img.bounding_box()["width"] > width * 1.2
    after = box.bounding_box()
    assert after["width"] > before["width"] * 1.2  # the outline grows with the page
    shot(page, "06-source-pdf.png")
    page.locator("#view-pages").click()  # any page, from the first
    expect(page.locator("#source .page-tools")).to_contain_text("第 1 / 30 页")
    page.locator("#source a.source-link", has_text="下一页").click()
    expect(page.locator("#source .page-tools")).to_contain_text("第 2 / 30 页")
    expect(page.locator("#source .figure-box")).to_have_count(0)


def test_source_pane_marks_figures_in_text(page, site):
    import httpx

    r = httpx.post(f"{site.url}/api/documents", files={"file": (BIGDATA.name, BIGDATA.read_bytes())}, timeout=120)
    page.goto(f"{site.url}/documents/{r.json()['document_id']}")
    page.locator("#findings li.finding[data-code=YS704] a.source-link").click()
    marked = page.locator("#source pre.source-text mark.figure")
    expect(marked.first).to_be_visible()
    assert [m.inner_text() for m in marked.all()][:3] == ["网络及网站建设维护", "网络、网站", "正常运转率"]


def test_list_state_in_the_address_back_and_search(page, site):
    """Filters, sort and page go into the address bar; Back shows the earlier list with its own
    filters; a bookmark opens the same list; the search box finds a project and links to its row."""
    import httpx

    for p in (EGOV, BIGDATA):
        assert httpx.post(f"{site.url}/api/documents", files={"file": (p.name, p.read_bytes())}, timeout=120).status_code == 201
    page.goto(site.url + "/")
    page.wait_for_selector("#documents >> text=共 2 份文件")
    page.select_option("select[name=year]", "2023")
    page.wait_for_selector("#documents >> text=共 1 份文件")
    expect(page).to_have_url(f"{site.url}/?year=2023&sort=year&order=desc")
    page.click("#document-table >> text=单位代码")
    expect(page).to_have_url(f"{site.url}/?year=2023&sort=unit_code&order=desc")
    page.go_back()
    expect(page).to_have_url(f"{site.url}/?year=2023&sort=year&order=desc")
    page.wait_for_selector("#documents >> text=共 1 份文件")
    assert page.locator("select[name=year]").input_value() == "2023"  # filters and list agree after Back
    page.go_back()
    page.wait_for_selector("#documents >> text=共 2 份文件")
    assert page.locator("select[name=year]").input_value() == ""
    page.goto(f"{site.url}/?year=2024&sort=unit&order=asc")  # a bookmark
    page.wait_for_selector("#documents >> text=共 1 份文件")
    expect(page.locator("#document-table a.sort.asc")).to_have_text("单位 ↑")
    page.fill("header form.search input", "网络及网站建设维护")
    page.press("header form.search input", "Enter")
    page.wait_for_selector("#search-results")
    page.locator("#search-results a", has_text="表中此行").first.click()
    target = page.url.split("#", 1)[1]
    page.wait_for_selector(f"#{target}.flash")
    assert "网络及网站建设维护" in page.locator(f"#{target}").inner_text()
    shot(page, "07-search.png")


def test_versions_by_content_and_their_diff(page, site, tmp_path):
    """The same budget as DOCX is another file of version 1, not a version; a corrected figure is
    version 2, and the diff page shows 事业运行 71.86 → 71.96 and the findings it brought."""
    import httpx
    from typer.testing import CliRunner

    from yusuan.cli import app

    docx = tmp_path / "ecommerce.docx"
    assert CliRunner().invoke(app, ["convert", str(ECOMMERCE), "-o", str(docx)]).exit_code == 0
    post = lambda name, data: httpx.post(f"{site.url}/api/documents", files={"file": (name, data)}, timeout=120).json()
    v1 = post(ECOMMERCE.name, ECOMMERCE.read_bytes())
    same = post(docx.name, docx.read_bytes())
    assert (same["status"], same["document_id"]) == ("same", v1["document_id"])
    v2 = post("corrected.txt", corrected())
    assert v2["version"] == 2
    page.goto(f"{site.url}/documents/{v1['document_id']}")
    expect(page.locator("p.other-files")).to_contain_text("ecommerce.docx")
    page.goto(f"{site.url}/documents/{v2['document_id']}")
    page.click("a.diff-link")
    row = page.locator("#diff-changed tr", has_text="事业运行").filter(has_text="合计").first
    expect(row).to_contain_text("71.86")
    expect(row).to_contain_text("71.96")
    expect(page.locator("ol.diff-new li")).not_to_have_count(0)
    shot(page, "08-diff.png")
