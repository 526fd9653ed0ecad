// Filters the list of guides as the editor types (the same filters as
// the form's GET, which works without this script), and shows the
// standard item's select only for the "implement a standard item" wizard.
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  var q = document.getElementById("q"), dept = document.getElementById("dept");
  var att = document.getElementById("attention"), count = document.getElementById("count");
  function apply() {
    var text = q.value.trim().toLowerCase(), n = 0;
    Array.prototype.forEach.call(document.querySelectorAll("table.guides tbody tr"), function (tr) {
      var show = (!text || tr.dataset.text.toLowerCase().indexOf(text) >= 0) &&
        (!dept.value || tr.dataset.dept === dept.value) && (!att.checked || tr.dataset.attention === "1");
      tr.hidden = !show;
      if (show) n++;
    });
    count.textContent = "显示 " + n + " 个";
  }
  [q, dept, att].forEach(function (el) { el.addEventListener("input", apply); el.addEventListener("change", apply); });
  var base = document.querySelector("[data-mode=extends]");
  function mode() { base.hidden = !document.getElementById("mode-extends").checked; }
  Array.prototype.forEach.call(document.querySelectorAll("input[name=mode]"), function (r) { r.addEventListener("change", mode); });
  mode();
})();
