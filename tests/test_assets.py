"""The browser files the web app serves: exactly the vendored npm files, small enough, compressed."""

from __future__ import annotations

import gzip
import hashlib
import re

from fastapi.testclient import TestClient

from yusuan.serve.app import create_app
from yusuan.serve.assets import VENDOR, vendor_file
from yusuan.store.database import Database


def test_vendored_files_match_the_digests_in_their_readme():
    readme = (vendor_file("plotly-basic.min.js").parent / "README.md").read_text(encoding="utf-8")
    listed = dict(re.findall(r"\| `([\w.-]+\.js)` \|.*\| `([0-9a-f]{64})` \|", readme))
    assert set(listed) == {"plotly-basic.min.js", "plotly-locale-zh-cn.js"}
    for name, digest in listed.items():
        assert hashlib.sha256(vendor_file(name).read_bytes()).hexdigest() == digest, name
    assert vendor_file("plotly-basic.min.js").stat().st_size < 1_500_000  # the bound for the chart bundle
    assert "Plotly.register(" in vendor_file("plotly-locale-zh-cn.js").read_text(encoding="utf-8")
    assert "name: 'zh-CN'" in vendor_file("plotly-locale-zh-cn.js").read_text(encoding="utf-8")


def test_assets_travel_compressed_when_the_browser_accepts_it(tmp_path):
    client = TestClient(create_app(Database(f"sqlite:///{tmp_path / 'a.db'}")))
    for name in VENDOR:
        r = client.get(f"/assets/{name}", headers={"Accept-Encoding": "gzip"})
        assert r.status_code == 200 and r.content == vendor_file(name).read_bytes()  # decoded by the client
        assert r.headers.get("content-encoding") == "gzip" and "max-age" in r.headers["cache-control"]
    raw = client.get("/assets/plotly-basic.min.js", headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in raw.headers and raw.content == vendor_file("plotly-basic.min.js").read_bytes()
    packed = gzip.compress(vendor_file("plotly-basic.min.js").read_bytes(), compresslevel=9)
    assert len(packed) < 500_000
    assert client.get("/assets/plotly.min.js").status_code == 404  # the full 4.8 MB bundle is gone


# Every address the served scripts name, and why naming it loads nothing from the internet. A new
# vendored version that names another address fails here until it is looked at.
KNOWN_ADDRESSES = {
    # XML namespaces: identifiers, never fetched
    "http://www.w3.org/2000/svg", "http://www.w3.org/2000/xmlns/", "http://www.w3.org/1999/xlink",
    "http://www.w3.org/XML/1998/namespace", "http://www.w3.org/1999/xhtml",
    # links in licence comments and error messages: text, never fetched
    "https://github.com/voidqk/polybooljs", "https://github.com/d3/d3-time-format/tree/v2.2.3#locale_format",
    "https://github.com/d3/d3-format/tree/v1.4.5#d3-format", "http://syntheti.cc", "http://getify.mit-license.org",
    "https://plotly.com/javascript/animations/",
    # the logo's link: displaylogo is off
    "https://plotly.com/",
}
# hosts of the config defaults patched out of the vendored file (vendor/README.md): no address on
# them may remain; app.js sets both settings to local values as well
PATCHED_HOSTS = {"cloud.plotly.com", "cdn.plot.ly"}
OVERRIDDEN = {"plotlyServerURL": 'plotlyServerURL: ""', "topojsonURL": 'topojsonURL: "/assets/no-topojson/"'}


def test_served_scripts_name_no_address_that_would_load_from_the_internet():
    app_js = (vendor_file("plotly-basic.min.js").parents[1] / "static" / "app.js").read_text(encoding="utf-8")
    for name in VENDOR:
        named = set(re.findall(r"https?://[^\s\"'`)<>\\]+", vendor_file(name).read_text(encoding="utf-8")))
        assert named <= KNOWN_ADDRESSES, (name, sorted(named - KNOWN_ADDRESSES))
        assert not {a for a in named if a.split("/")[2] in PATCHED_HOSTS}, name
        assert not any(host in vendor_file(name).read_text(encoding="utf-8") for host in PATCHED_HOSTS), name
    for option, setting in OVERRIDDEN.items():
        assert setting in app_js, option
    assert "showSendToCloud: false" in app_js and "displaylogo: false" in app_js
    assert not re.search(r"https?://", app_js)


def test_api_docs_page_loads_only_local_files(tmp_path):
    """Swagger UI from fastapi-offline's package; its validator badge (validator.swagger.io) is off."""
    client = TestClient(create_app(Database(f"sqlite:///{tmp_path / 'd.db'}")))
    page = client.get("/docs").text
    assert '"validatorUrl": null' in page
    sources = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert sources and all(s.startswith("/") for s in sources), sources
    for s in sources:
        assert client.get(s).status_code == 200, s
