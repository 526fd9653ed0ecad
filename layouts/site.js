// Small improvements for every page of the site; each page works without
// them. Loaded with defer, so it never holds up the first paint.
(function () {
  var root = document.documentElement;

  // 关怀版 (large print): the header's #care-toggle link (href="#care")
  // becomes a toggle button.
  // The choice is kept in localStorage; the inline script in base.html
  // reads it before the next page is painted.
  function store(on) {
    try { localStorage.setItem('care', on ? '1' : '0'); } catch (e) { /* private mode: this page only */ }
  }
  var link = document.getElementById('care-toggle');
  if (link) {
    if (location.hash === '#care') store(true);
    var button = document.createElement('button');
    button.type = 'button';
    button.id = 'care-toggle';
    button.className = link.className;
    button.innerHTML = link.innerHTML; // our own markup: 大字 in a span a phone may hide
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

  // 朗读 (read aloud, partials/read-aloud.html): shown only where the
  // browser can speak; reads the elements named by data-read (or <main>)
  // in zh-CN, a sentence an utterance (long utterances stop early in some
  // browsers), and pressing it again stops.
  var read = document.getElementById('read-aloud');
  var speech = window.speechSynthesis;
  if (read && speech && window.SpeechSynthesisUtterance) {
    read.hidden = false;
    var setPressed = function (on) { read.setAttribute('aria-pressed', on ? 'true' : 'false'); };
    var textToRead = function () {
      var parts = [];
      var nodes = document.querySelectorAll(read.getAttribute('data-read') || 'main');
      if (!nodes.length) nodes = document.querySelectorAll('main');
      for (var i = 0; i < nodes.length; i++) {
        var skip = false;
        for (var j = 0; j < i; j++) if (nodes[j].contains(nodes[i])) skip = true;
        if (!skip) parts.push(nodes[i].innerText);
      }
      return parts.join('\n').replace(read.textContent, '');
    };
    read.addEventListener('click', function () {
      if (read.getAttribute('aria-pressed') === 'true') {
        speech.cancel();
        setPressed(false);
        return;
      }
      speech.cancel();
      var pieces = textToRead().replace(/([。！？；\n])/g, '$1\u0000').split('\u0000');
      var last = null;
      for (var k = 0; k < pieces.length; k++) {
        var t = pieces[k].replace(/\s+/g, ' ').trim();
        if (!t) continue;
        last = new SpeechSynthesisUtterance(t);
        last.lang = 'zh-CN';
        last.rate = 0.9;
        speech.speak(last);
      }
      if (!last) return;
      last.onend = function () { setPressed(false); };
      setPressed(true);
    });
    window.addEventListener('pagehide', function () { speech.cancel(); });
  }

  // The notification sheet's print button.
  var print = document.getElementById('print-now');
  if (print) {
    print.hidden = false;
    print.addEventListener('click', function () { window.print(); });
  }
})();
