// Live reload and error overlay of `generator serve`. Injected into pages at
// serve time only; never part of the published site.
(function () {
  "use strict";
  var script = document.currentScript;
  var pageBuild = script ? script.getAttribute("data-build") : "";
  var OVERLAY_ID = "_serve-overlay";

  function hideOverlay() {
    var old = document.getElementById(OVERLAY_ID);
    if (old) old.parentNode.removeChild(old);
  }

  function el(tag, css, text) {
    var e = document.createElement(tag);
    if (css) e.style.cssText = css;
    if (text) e.textContent = text;
    return e;
  }

  // showOverlay lists the diagnostics of a failed build in a fixed,
  // high-contrast panel. Everything is set with textContent: messages
  // quote the editor's text and are never parsed as HTML.
  function showOverlay(info) {
    hideOverlay();
    var diags = (info.diagnostics || []).filter(function (d) { return d.severity === "error"; });
    var box = el("div",
      "position:fixed;top:0;left:0;right:0;max-height:70vh;overflow:auto;z-index:2147483647;" +
      "background:#111;color:#fff;border-bottom:6px solid #ffd400;padding:16px 24px;" +
      "font:16px/1.6 system-ui,'PingFang SC','Microsoft YaHei',sans-serif;text-align:left;" +
      "box-shadow:0 4px 24px rgba(0,0,0,.6)");
    box.id = OVERLAY_ID;
    box.setAttribute("role", "alert");
    box.setAttribute("aria-live", "assertive");
    box.setAttribute("lang", "zh-CN");

    var title = el("h2", "margin:0 0 4px;font-size:20px;color:#ffd400", "构建失败：有 " +
      (diags.length || 1) + " 处需要修改");
    box.appendChild(title);
    box.appendChild(el("p", "margin:0 0 12px;color:#fff",
      "页面显示的仍是上一次成功构建的内容。按下列提示改正文件并保存，本提示会自动消失。"));

    var list = el("ul", "margin:0;padding:0 0 0 20px");
    if (diags.length === 0 && info.error) {
      list.appendChild(el("li", "margin:4px 0", info.error));
    }
    diags.forEach(function (d) {
      var li = el("li", "margin:4px 0");
      li.appendChild(el("code", "color:#ffd400;font:inherit;font-weight:bold", d.file + ":" + d.line + ":"));
      li.appendChild(document.createTextNode(" [" + d.rule + "] " + d.message));
      list.appendChild(li);
    });
    box.appendChild(list);

    var close = el("button",
      "position:absolute;top:12px;right:16px;background:#fff;color:#111;border:0;padding:4px 12px;" +
      "font:inherit;cursor:pointer", "暂时隐藏");
    close.type = "button";
    close.setAttribute("aria-label", "暂时隐藏构建错误提示");
    close.onclick = hideOverlay;
    box.appendChild(close);

    (document.body || document.documentElement).appendChild(box);
  }

  if (!window.EventSource) return;
  var source = new EventSource("/_serve/events");
  source.addEventListener("hello", function (e) {
    var info = JSON.parse(e.data);
    if (!info.ok) { showOverlay(info); return; }
    if (info.build && pageBuild && info.build !== pageBuild) { location.reload(); return; }
    hideOverlay();
  });
  source.addEventListener("reload", function () { location.reload(); });
  source.addEventListener("errors", function (e) { showOverlay(JSON.parse(e.data)); });
  source.addEventListener("ok", hideOverlay);
})();
