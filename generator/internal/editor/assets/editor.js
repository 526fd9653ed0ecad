// The form editor's script: add, remove and reorder the elements of the
// arrays (materials, steps, …), check the form as it is typed (the
// server runs the build's validator on the file the form would save) and
// save without leaving the page. The form works without it, too.
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  var form = document.getElementById("guide-form");
  if (!form) return;
  var token = form.dataset.token;
  var timer = null, seq = 0;

  function post(url) {
    return fetch(url, {
      method: "POST", credentials: "same-origin",
      headers: {"X-Edit-Token": token, "Content-Type": "application/x-www-form-urlencoded"},
      body: new URLSearchParams(new FormData(form)).toString()
    });
  }

  // Renumber the elements of one array: field names, ids, labels and
  // aria references follow their new place.
  function renumber(box) {
    var array = box.dataset.array, idp = "f-" + array.replace(/\./g, "-") + "-";
    var eidp = "e-" + array.replace(/\./g, "-") + "-";
    var esc = function (s) { return s.replace(/[.\-]/g, "\\$&"); };
    var reName = new RegExp("^" + esc(array) + "\\.(\\d+|__I__)\\.");
    var reID = new RegExp("^(" + esc(idp) + "|" + esc(eidp) + ")(\\d+|__I__)");
    Array.prototype.forEach.call(box.querySelectorAll(":scope > [data-entry]"), function (entry, i) {
      var fix = function (el, attr) {
        var v = el.getAttribute(attr);
        if (v === null) return;
        var out = v.split(" ").map(function (part) {
          return part.replace(reName, array + "." + i + ".").replace(reID, "$1" + i);
        }).join(" ");
        el.setAttribute(attr, out);
      };
      [entry].concat(Array.prototype.slice.call(entry.querySelectorAll("*"))).forEach(function (el) {
        ["name", "id", "for", "aria-describedby"].forEach(function (a) { fix(el, a); });
      });
      var num = entry.querySelector("legend .num");
      if (num) num.textContent = String(i + 1);
    });
  }

  form.addEventListener("click", function (ev) {
    var b = ev.target.closest("button[data-act], button[data-add]");
    if (!b) return;
    if (b.dataset.add) {
      var tpl = document.getElementById("tpl-" + b.dataset.add);
      var box = b.parentNode.querySelector(".entries");
      box.appendChild(tpl.content.cloneNode(true));
      renumber(box);
      var last = box.lastElementChild;
      var first = last && last.querySelector("input:not([type=hidden]), textarea, select");
      if (first) first.focus();
    } else {
      var entry = b.closest("[data-entry]"), list = entry.parentNode;
      if (b.dataset.act === "up" && entry.previousElementSibling) list.insertBefore(entry, entry.previousElementSibling);
      if (b.dataset.act === "down" && entry.nextElementSibling) list.insertBefore(entry.nextElementSibling, entry);
      if (b.dataset.act === "remove") {
        var next = entry.nextElementSibling || entry.previousElementSibling;
        entry.remove();
        var target = next ? next.querySelector("button[data-act]") : list.parentNode.querySelector("button[data-add]");
        if (target) target.focus();
      } else {
        b.focus();
      }
      renumber(list);
    }
    schedule();
  });

  // Show the validator's verdict: each message next to its field.
  function show(v) {
    Array.prototype.forEach.call(form.querySelectorAll("ul.err"), function (ul) { ul.textContent = ""; });
    document.getElementById("general").textContent = "";
    Array.prototype.forEach.call(form.querySelectorAll("[aria-invalid]"), function (el) { el.removeAttribute("aria-invalid"); });
    Object.keys(v.fields || {}).forEach(function (id) {
      var ul = document.getElementById("e-" + id.slice(2));
      var field = document.getElementById(id);
      if (field && /^(INPUT|SELECT|TEXTAREA)$/.test(field.tagName)) field.setAttribute("aria-invalid", "true");
      if (!ul) ul = document.getElementById("general");
      v.fields[id].forEach(function (m) {
        var li = document.createElement("li"); li.textContent = m; ul.appendChild(li);
      });
    });
    (v.general || []).forEach(function (m) {
      var li = document.createElement("li"); li.textContent = m; document.getElementById("general").appendChild(li);
    });
    document.getElementById("counts").textContent =
      (v.errors ? "有 " + v.errors + " 个错误" : "没有错误") + (v.warnings ? "，" + v.warnings + " 个警告" : "") + "。";
  }

  function check() {
    var mine = ++seq;
    post(form.dataset.check).then(function (r) { return r.ok ? r.json() : null; }).then(function (v) {
      if (v && mine === seq) show(v);
    }).catch(function () {});
  }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(check, 400);
  }
  form.addEventListener("input", schedule);
  form.addEventListener("change", schedule);

  var result = document.getElementById("result");
  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    clearTimeout(timer);
    seq++;
    result.className = "";
    result.textContent = "正在保存……";
    post(form.action).then(function (r) {
      // Refusals before the editor (token, origin) and files the writer
      // cannot edit come as plain text: show it as it is.
      return r.text().then(function (t) {
        try { return JSON.parse(t); } catch (e) { return {message: t.trim() || "保存失败（HTTP " + r.status + "）"}; }
      });
    }).then(function (res) {
      if (res.verdict) show(res.verdict);
      document.getElementById("stale").hidden = !res.stale;
      result.className = res.ok ? "ok" : "bad";
      result.textContent = res.stale ? "" : res.message;
      if (res.stale) { document.getElementById("reload").focus(); return; }
      if (!res.ok) return;
      document.getElementById("hash").value = res.hash;
      if (res.code && location.pathname !== "/edit/" + res.code) { location.href = "/edit/" + res.code + "?saved=1"; return; }
      var t = "?t=" + Date.now();
      document.getElementById("pv-page").src = res.page + t;
      document.getElementById("pv-print").src = res.print + t;
      document.getElementById("preview").hidden = false;
    }).catch(function (e) {
      result.className = "bad";
      result.textContent = "保存失败：" + e;
    });
  });
})();
