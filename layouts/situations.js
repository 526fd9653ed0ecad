// Situations (情形) of a guide: on the guide page, the questions above the
// materials become checkboxes that hide the materials not needed in the
// ticked case; on the notification sheet, the choice in the URL
// (print.html#s=1,2) hides the groups of the other situations. The
// choice lives in the hash, so a shared or printed link keeps it, and the
// page's link to the sheet carries it. Without this script every material
// shows with its condition. Loaded with defer, only on such pages.
(function () {
  // each runs fn on every node of a list (NodeList.forEach is too new for
  // some phones' browsers).
  function each(list, fn) { Array.prototype.forEach.call(list, fn); }
  // chosen reads #s=1,2 into {1: true, 2: true}; null when the hash
  // makes no choice.
  function chosen() {
    var m = /(?:^#|&)s=([\d,]*)/.exec(location.hash);
    if (!m) return null;
    var out = {};
    m[1].split(',').forEach(function (n) { if (n) out[n] = true; });
    return out;
  }
  // needed tells whether an element marked data-when="1,2" is needed.
  function needed(el, choice) {
    var when = el.getAttribute('data-when');
    return !when || when.split(',').some(function (n) { return choice[n]; });
  }
  // filter hides the elements of selector not needed in choice and
  // returns [shown, all].
  function filter(selector, choice) {
    var shown = 0, all = document.querySelectorAll(selector);
    each(all, function (el) {
      el.hidden = !needed(el, choice);
      if (!el.hidden) shown++;
    });
    return [shown, all.length];
  }

  var form = document.getElementById('situations');
  if (form) {
    var boxes = form.querySelectorAll('input[type=checkbox]');
    var status = document.getElementById('situations-status');
    // each list's heading goes when none of its materials is needed
    var heads = [['#materials .checklist li', 'to-bring'], ['#materials .instead-list li', 'not-to-bring']];
    var sheet = document.querySelector('.sheet-link a');
    var sheetURL = sheet && sheet.getAttribute('href');
    var update = function (write) {
      var choice = {}, ids = [];
      each(boxes, function (b) { if (b.checked) { choice[b.value] = true; ids.push(b.value); } });
      var n = heads.map(function (h) {
        var c = filter(h[0], choice), head = document.getElementById(h[1]);
        if (head) head.hidden = c[0] === 0;
        return c;
      });
      var shown = n[0][0] + n[1][0], all = n[0][1] + n[1][1];
      status.textContent = '按您勾选的情形，要带 ' + n[0][0] + ' 项材料' +
        (n[1][0] ? '，另有 ' + n[1][0] + ' 项不用带' : '') +
        (shown < all ? '；另有 ' + (all - shown) + ' 项只在其他情形下需要，已隐去。' : '。');
      var hash = '#s=' + ids.join(',');
      if (sheet) sheet.setAttribute('href', sheetURL + hash);
      if (write) history.replaceState(null, '', hash);
    };
    var start = chosen() || {};
    each(boxes, function (b) {
      b.checked = !!start[b.value];
      b.addEventListener('change', function () { update(true); });
    });
    update(false);
  }

  var text = document.getElementById('sheet-case');
  var choice = chosen();
  if (text && choice) {
    filter('.when-group, .shared-list li', choice);
    // back to the guide with the same choice ticked
    var back = document.querySelector('.sheet-actions a');
    if (back) back.setAttribute('href', back.getAttribute('href') + location.hash);
    var names = text.getAttribute('data-names').split('|').filter(function (name, i) { return choice[i + 1]; });
    text.textContent = names.length ?
      '只列出您的情形所需的材料（' + names.join('、') + '）；其他情形的材料未列出。' :
      '只列出不属于任何特殊情形时所需的材料；特殊情形的材料未列出。';
  }
})();
