// sgee MES: the typical day's hours per day (MES-06) updated as the user types, computed as the
// server does (mes::union_minutes: the union of the moments, overlaps counted once). The server
// computes them again at every save; the page works without this file.
(function () {
  'use strict';
  var out = document.getElementById('hours');
  var moments = document.getElementById('moments');
  if (!out || !moments) return;
  var lang = document.documentElement.lang || 'fr';
  function minutes(text) {
    var m = /^(\d\d):(\d\d)$/.exec((text || '').trim());
    if (!m) return null;
    var h = Number(m[1]), mi = Number(m[2]);
    if (h > 23 || mi > 59) return null;
    return h * 60 + mi;
  }
  function words(total) {
    var h = Math.floor(total / 60), m = total % 60;
    var mm = (m < 10 ? '0' : '') + m;
    return lang === 'fr' ? h + ' h' + (m ? ' ' + mm : '') : h + ':' + mm;
  }
  function update() {
    var spans = [];
    moments.querySelectorAll('fieldset.mes-moment').forEach(function (set) {
      var start = set.querySelector('input[name$=".start"]');
      var end = set.querySelector('input[name$=".end"]');
      var a = minutes(start && start.value), b = minutes(end && end.value);
      if (a !== null && b !== null && a < b) spans.push([a, b]);
    });
    spans.sort(function (x, y) { return x[0] - y[0] || x[1] - y[1]; });
    var total = 0, from = -1, to = -1;
    spans.forEach(function (s) {
      if (s[0] > to) { total += to - from; from = s[0]; to = s[1]; }
      else if (s[1] > to) { to = s[1]; }
    });
    total += to - from;
    out.textContent = words(total);
    var max = Number(out.dataset.max || '8') * 60;
    out.classList.toggle('mes-hours-over', total > max);
  }
  moments.addEventListener('input', update);
})();
