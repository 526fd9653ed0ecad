// Small improvements for every page of the site; each page works without
// them. Loaded with defer, so it never holds up the first paint.
(function () {
  var root = document.documentElement;

  // 关怀版 (large print): the header's #care link becomes a toggle button.
  // The choice is kept in localStorage; the inline script in base.html
  // reads it before the next page is painted.
  function store(on) {
    try { localStorage.setItem('care', on ? '1' : '0'); } catch (e) { /* private mode: this page only */ }
  }
  var link = document.getElementById('care');
  if (link) {
    if (location.hash === '#care') store(true);
    var button = document.createElement('button');
    button.type = 'button';
    button.id = 'care';
    button.className = link.className;
    button.textContent = link.textContent;
    var show = function () {
      button.setAttribute('aria-pressed', root.classList.contains('care') ? 'true' : 'false');
    };
    show();
    button.addEventListener('click', function () {
      var on = !root.classList.contains('care');
      root.classList.toggle('care', on);
      store(on);
      show();
    });
    link.parentNode.replaceChild(button, link);
  }

  // The notification sheet's print button.
  var print = document.getElementById('print-now');
  if (print) {
    print.hidden = false;
    print.addEventListener('click', function () { window.print(); });
  }
})();
