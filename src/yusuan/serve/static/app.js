// yusuan pages: uploads with progress, charts, jumping to a finding's cell. No external resources.
(function () {
  "use strict";

  function esc(text) {
    var d = document.createElement("div");
    d.textContent = text == null ? "" : String(text);
    return d.innerHTML;
  }

  // ---- upload: several files, one request each, a progress bar and a result per file
  function uploadOne(file, tbody) {
    var tr = document.createElement("tr");
    tr.innerHTML = "<td>" + esc(file.name) + "</td><td><progress max='100' value='0'></progress></td><td class='result'>上传中……</td>";
    tbody.appendChild(tr);
    var bar = tr.querySelector("progress"), cell = tr.querySelector(".result");
    return new Promise(function (resolve) {
      var xhr = new XMLHttpRequest();
      xhr.open("POST", "/api/documents");
      var token = document.querySelector("meta[name='csrf-token']");
      if (token) { xhr.setRequestHeader("X-CSRF-Token", token.getAttribute("content")); }
      xhr.upload.onprogress = function (e) { if (e.lengthComputable) { bar.value = Math.round(e.loaded * 100 / e.total); } };
      xhr.upload.onload = function () { bar.value = 100; cell.textContent = "读取与核查中……"; };
      xhr.onload = function () {
        var body = {};
        try { body = JSON.parse(xhr.responseText); } catch (err) { body = {detail: xhr.statusText}; }
        if (xhr.status === 200 || xhr.status === 201) {
          var f = body.findings || {};
          cell.className = "result ok";
          cell.innerHTML = esc(body.status_label) + "：<a href='/documents/" + body.document_id + "'>" + esc(body.unit_name) + " " + esc(body.year || "") +
            "</a>（错误 " + (f.error || 0) + "，警告 " + (f.warning || 0) + "）";
        } else {
          cell.className = "result fail";
          cell.textContent = "未导入：" + (typeof body.detail === "string" ? body.detail : xhr.status + " " + xhr.statusText);
        }
        resolve();
      };
      xhr.onerror = function () { cell.className = "result fail"; cell.textContent = "网络错误，未导入"; resolve(); };
      var form = new FormData();
      form.append("file", file);
      xhr.send(form);
    });
  }

  function uploadAll(files) {
    var table = document.getElementById("uploads");
    if (!table || !files.length) { return; }
    table.hidden = false;
    var tbody = table.querySelector("tbody");
    var queue = Array.prototype.slice.call(files), running = [];
    for (var i = 0; i < Math.min(3, queue.length); i++) { running.push(next()); }
    function next() {
      var f = queue.shift();
      return f ? uploadOne(f, tbody).then(next) : Promise.resolve();
    }
    Promise.all(running).then(function () { document.body.dispatchEvent(new Event("refresh")); });
  }

  function setupUpload() {
    var zone = document.getElementById("dropzone"), input = document.getElementById("file-input");
    if (!zone) { return; }
    ["dragenter", "dragover"].forEach(function (t) { zone.addEventListener(t, function (e) { e.preventDefault(); zone.classList.add("over"); }); });
    ["dragleave", "drop"].forEach(function (t) { zone.addEventListener(t, function (e) { e.preventDefault(); zone.classList.remove("over"); }); });
    zone.addEventListener("drop", function (e) { uploadAll(e.dataTransfer.files); });
    input.addEventListener("change", function () { uploadAll(input.files); input.value = ""; });
  }

  // ---- charts: specifications rendered by the server, drawn by plotly.js served from /assets.
  // plotly.js names internet addresses in its defaults (Chart Studio for "send to cloud", a CDN for
  // map outlines): every one is replaced by nothing or a local path, and the buttons that use them
  // are off, so a chart never asks the internet for anything (the CSP would refuse it anyway).
  var PLOT_CONFIG = {
    responsive: true, displaylogo: false, locale: "zh-CN",
    plotlyServerURL: "", showSendToCloud: false, showEditInChartStudio: false, showLink: false,
    topojsonURL: "/assets/no-topojson/", typesetMath: false,
    modeBarButtonsToRemove: ["sendDataToCloud", "editInChartStudio"]
  };
  function drawCharts(root) {
    if (!window.Plotly) { return; }
    if (window.Plotly.setPlotConfig) { window.Plotly.setPlotConfig(PLOT_CONFIG); }
    (root || document).querySelectorAll(".charts").forEach(function (box) {
      var data = box.querySelector("script[type='application/json']");
      if (!data) { return; }
      var charts = JSON.parse(data.textContent || "[]");
      box.innerHTML = "";
      charts.forEach(function (c) {
        var div = document.createElement("div");
        div.className = "chart";
        div.id = c.id;
        box.appendChild(div);
        window.Plotly.newPlot(div, c.data, c.layout, PLOT_CONFIG);
      });
    });
  }

  // ---- a finding's place: scroll to the cell and make it flash
  function flash(id) {
    var el = document.getElementById(id);
    if (!el) { return; }
    el.scrollIntoView({block: "center"});
    el.classList.remove("flash");
    void el.offsetWidth;
    el.classList.add("flash");
  }

  document.addEventListener("click", function (e) {
    var a = e.target.closest && e.target.closest("a.goto");
    if (a) { e.preventDefault(); history.replaceState(null, "", "#" + a.dataset.target); flash(a.dataset.target); }
    var z = e.target.closest && e.target.closest("button[data-zoom]");
    if (z) { zoom(Number(z.dataset.zoom)); }
    var b = e.target.closest && e.target.closest(".severity-filter button");
    if (b) { b.parentNode.querySelectorAll("button").forEach(function (x) { x.classList.toggle("on", x === b); }); }
  });

  // ---- the source pane's page image: zoom in steps, the outlined figures scale with it
  var zoomLevel = 1;
  function zoom(step) {
    var view = document.querySelector("#source .page-view");
    if (!view) { return; }
    zoomLevel = step === 0 ? 1 : Math.min(4, Math.max(0.5, zoomLevel * (step > 0 ? 1.25 : 0.8)));
    view.style.width = (zoomLevel * 100) + "%";
    showBoxes();
  }
  function showBoxes() {
    var frame = document.querySelector("#source .page-frame"), box = frame && frame.querySelector(".figure-box");
    if (!box) { return; }
    frame.scrollTop = box.offsetTop - frame.clientHeight / 3;
    frame.scrollLeft = box.offsetLeft - frame.clientWidth / 4;
  }

  document.addEventListener("DOMContentLoaded", function () {
    setupUpload();
    drawCharts();
    var src = /^#src-(\d*)-(\d+)$/.exec(location.hash);  // a search hit's source line: open it in the source pane
    if (src && window.htmx && document.getElementById("source")) {
      var id = location.pathname.split("/").pop();
      window.htmx.ajax("GET", "/documents/" + id + "/source?" + (src[1] ? "page=" + src[1] + "&" : "") + "line=" + src[2], "#source");
    } else if (location.hash) { flash(location.hash.slice(1)); }
  });
  document.addEventListener("htmx:afterSwap", function (e) {
    drawCharts(e.target);
    var count = e.target.id === "documents" && e.target.querySelector(".count[data-sort]"), form = document.getElementById("filters");
    if (count && form) {  // a new filter keeps the list's sort; the page starts again at 1
      form.elements.sort.value = count.dataset.sort;
      form.elements.order.value = count.dataset.order;
    }
    var pre = e.target.querySelector && e.target.querySelector("pre.source-text"), hit = pre && pre.querySelector(".hit");
    if (hit) { pre.scrollTop = hit.offsetTop - pre.offsetTop - pre.clientHeight / 3; }
    if (e.target.id === "source") { e.target.scrollIntoView({block: "start"}); }
    var view = e.target.querySelector && e.target.querySelector(".page-view");
    if (view) {
      view.style.width = (zoomLevel * 100) + "%";
      var img = view.querySelector("img");
      if (img.complete) { showBoxes(); } else { img.addEventListener("load", showBoxes); }
    }
  });
})();
