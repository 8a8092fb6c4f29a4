"""Third-party browser files, served under /assets/ (no CDN): htmx from the Python package
`django-js-lib-htmx`; plotly.js's partial bundle (bar, scatter, pie) and its Chinese locale
vendored from npm into `serve/vendor/` (see its README for versions, licence and digests)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from yusuan.errors import YusuanError

# name served under /assets/ -> (package, path inside it)
VENDOR = {
    "htmx.min.js": ("js_lib_htmx", "static/htmx/htmx.min.js"),
    "plotly-basic.min.js": ("yusuan.serve", "vendor/plotly-basic.min.js"),
    "plotly-locale-zh-cn.js": ("yusuan.serve", "vendor/plotly-locale-zh-cn.js"),
}


def vendor_file(name: str) -> Path:
    package, inner = VENDOR[name]
    spec = importlib.util.find_spec(package)  # finds the package without importing it
    if spec is None or not spec.submodule_search_locations:
        raise YusuanError(f"缺少网页依赖包 {package}（请重新安装：pip install -e .）")
    path = Path(list(spec.submodule_search_locations)[0]) / inner
    if not path.is_file():
        raise YusuanError(f"依赖包 {package} 中缺少 {inner}（请重新安装）")
    return path


def check_assets() -> None:
    for name in VENDOR:
        vendor_file(name)
