// sgee: small enhancements over pages that work without this file. The dossier form: the
// schedule grids show only the period's weeks and apply a common schedule at once; the parent
// block (DOS-12) and the NECSG (DOS-06) show when the rules ask for them; the guardian's address
// is found in the address reference as one types. A child's month has a print button.
(function () {
  'use strict';

  var summary = document.getElementById('form-summary');
  if (summary) summary.focus();

  // A print button where the page is made to be printed (a child's month): the browser's own
  // print command does the same without this file.
  document.querySelectorAll('button[data-print]').forEach(function (button) {
    button.hidden = false;
    button.addEventListener('click', function () { window.print(); });
  });

  document.querySelectorAll('.schedule-editor').forEach(function (editor) {
    var path = editor.dataset.schedule;
    var weeks = editor.querySelector('select[name="' + path + '.weeks"]');
    var picker = editor.querySelector('select[name="pattern@' + path + '"]');
    var apply = editor.querySelector('button[value="pattern:' + path + '"]');
    var patterns = JSON.parse(editor.dataset.patterns || '{}');
    function showWeeks() {
      var n = Number(weeks.value) || 1;
      editor.querySelectorAll('table[data-week]').forEach(function (table) {
        table.hidden = Number(table.dataset.week) > n;
      });
    }
    if (!weeks) return;
    weeks.addEventListener('change', showWeeks);
    showWeeks();
    if (!picker || !apply) return;
    apply.addEventListener('click', function (event) {
      var p = patterns[picker.value];
      if (!p) return;
      event.preventDefault();
      weeks.value = String(p.weeks);
      for (var k = 0; k < 28; k++) {
        var halves = k < p.days.length ? p.days[k].split(' ') : [];
        editor.querySelectorAll('input[name="' + path + '.days[' + k + ']"]').forEach(function (box) {
          box.checked = halves.indexOf(box.value) >= 0;
        });
      }
      showWeeks();
    });
  });

  // The family file's home address (data-prefix="" on its search field) uses the same lookup.
  var form = document.getElementById('dossier-form') || document.getElementById('family-form');
  if (!form) return;
  function value(name) {
    var el = form.elements[name];
    return el ? el.value : '';
  }
  function inUse(block) {
    return Array.prototype.some.call(block.querySelectorAll('input:not([type=hidden]), select'),
      function (el) { return el.value !== ''; }) || block.querySelector('.field-messages') !== null;
  }
  var parentBlock = form.querySelector('[data-rule="DOS-12"]');
  var necsgBlock = form.querySelector('[data-rule="DOS-06"]');
  var parentRoles = ['mother', 'biological_mother', 'father'];
  function applyRules() {
    var outside = value('child.born_outside_quebec') === 'true';
    var needed = outside && parentRoles.indexOf(value('guardian.role')) < 0 &&
      parentRoles.indexOf(value('other_guardian.role')) < 0;
    if (parentBlock) parentBlock.hidden = !needed && !inUse(parentBlock);
    if (necsgBlock) necsgBlock.hidden = !outside && !inUse(necsgBlock);
  }
  form.addEventListener('change', applyRules);
  applyRules();

  var search = document.getElementById('address-search');
  var list = document.getElementById('address-options');
  if (!search || !list) return;
  search.closest('.address-search').hidden = false;
  var prefix = search.getAttribute('data-prefix');
  if (prefix === null) prefix = 'guardian.address.';
  var found = [];
  var active = -1;
  var asked = 0;
  var timer = null;
  function close() {
    list.hidden = true;
    search.setAttribute('aria-expanded', 'false');
    search.removeAttribute('aria-activedescendant');
    active = -1;
  }
  function choose(a) {
    ['civic_number', 'civic_suffix', 'street', 'municipality', 'postal_code'].forEach(function (k) {
      var el = form.elements[prefix + k];
      if (el) el.value = a[k] || '';
    });
    search.value = a.label;
    close();
    var apartment = form.elements[search.getAttribute('data-next') || prefix + 'apartment'];
    if (apartment) apartment.focus();
  }
  function show(addresses) {
    found = addresses;
    list.textContent = '';
    addresses.forEach(function (a, i) {
      var li = document.createElement('li');
      li.id = 'address-option-' + i;
      li.setAttribute('role', 'option');
      li.setAttribute('aria-selected', 'false');
      li.textContent = a.label;
      li.addEventListener('mousedown', function (event) {
        event.preventDefault();
        choose(a);
      });
      list.appendChild(li);
    });
    active = -1;
    list.hidden = addresses.length === 0;
    search.setAttribute('aria-expanded', addresses.length ? 'true' : 'false');
  }
  function highlight(i) {
    active = i;
    Array.prototype.forEach.call(list.children, function (li, k) {
      li.setAttribute('aria-selected', k === i ? 'true' : 'false');
    });
    if (i >= 0) search.setAttribute('aria-activedescendant', 'address-option-' + i);
  }
  search.addEventListener('input', function () {
    clearTimeout(timer);
    var q = search.value.trim();
    if (q.length < 3) { close(); return; }
    timer = setTimeout(function () {
      var mine = ++asked;
      fetch('/adresses?q=' + encodeURIComponent(q), { headers: { Accept: 'application/json' } })
        .then(function (r) { return r.ok ? r.json() : { addresses: [] }; })
        .then(function (data) { if (mine === asked) show(data.addresses || []); })
        .catch(close);
    }, 120);
  });
  search.addEventListener('keydown', function (event) {
    if (list.hidden) return;
    if (event.key === 'ArrowDown') { event.preventDefault(); highlight(Math.min(active + 1, found.length - 1)); }
    else if (event.key === 'ArrowUp') { event.preventDefault(); highlight(Math.max(active - 1, 0)); }
    else if (event.key === 'Enter' && active >= 0) { event.preventDefault(); choose(found[active]); }
    else if (event.key === 'Escape') { close(); }
  });
  search.addEventListener('blur', close);
})();

/* == FORMS: confirmation dialogs for danger buttons, copy buttons == */
(function () {
  'use strict';

  // A form that deletes or revokes carries data-confirm (the question), data-confirm-subject (what
  // it is about), data-confirm-yes and data-confirm-no (the buttons' words). Sending it opens a
  // dialog first; only "yes" sends it, with confirme=1 so the server does not ask again. Without
  // this file the server answers the same question on a page of its own.
  var dialog = null;
  var pending = null;
  function build() {
    dialog = document.createElement('dialog');
    dialog.className = 'confirm-dialog';
    dialog.setAttribute('aria-labelledby', 'confirm-dialog-question');
    dialog.innerHTML = '<p id="confirm-dialog-question" class="confirm-question"></p>' +
      '<p class="confirm-subject"></p>' +
      '<form method="dialog" class="danger-actions">' +
      '<button type="submit" value="yes" class="danger"></button> ' +
      '<button type="submit" value="no" class="secondary" autofocus></button></form>';
    document.body.appendChild(dialog);
    dialog.addEventListener('close', function () {
      var p = pending;
      pending = null;
      if (!p || dialog.returnValue !== 'yes') return;
      var mark = document.createElement('input');
      mark.type = 'hidden';
      mark.name = 'confirme';
      mark.value = '1';
      p.form.appendChild(mark);
      p.form.dataset.confirmed = '1';
      if (p.form.requestSubmit && p.submitter) p.form.requestSubmit(p.submitter);
      else p.form.submit();
    });
  }
  document.querySelectorAll('form[data-confirm]').forEach(function (form) {
    form.addEventListener('submit', function (event) {
      if (form.dataset.confirmed === '1' || typeof HTMLDialogElement !== 'function') return;
      var about = form.dataset.confirmSubject || '';
      if (form.hasAttribute('data-confirm-unchecked')) {
        // A form of checkboxes (rights) asks only when it takes something away, naming it.
        var off = Array.prototype.filter.call(form.querySelectorAll('input[type=checkbox]'),
          function (box) { return box.defaultChecked && !box.checked; });
        if (off.length === 0) return;
        about = off.map(function (box) {
          var group = box.closest('fieldset');
          var legend = group ? group.querySelector('legend') : null;
          var label = form.querySelector('label[for="' + box.id + '"]');
          return (legend ? legend.textContent.trim() + ' : ' : '') + (label ? label.textContent : box.name);
        }).join(' ; ');
      }
      event.preventDefault();
      if (!dialog) build();
      dialog.querySelector('.confirm-question').textContent = form.dataset.confirm;
      var subject = dialog.querySelector('.confirm-subject');
      subject.textContent = about;
      subject.hidden = !about;
      dialog.querySelector('button[value="yes"]').textContent = form.dataset.confirmYes;
      dialog.querySelector('button[value="no"]').textContent = form.dataset.confirmNo;
      dialog.returnValue = '';
      pending = { form: form, submitter: event.submitter };
      dialog.showModal();
    });
  });

  // A copy button beside a secret shown once (a new access code): it copies the text of the
  // element named by data-copy and says so in its status line. Without this file the button stays
  // hidden and the code is plain text to select.
  document.querySelectorAll('button[data-copy]').forEach(function (button) {
    var source = document.getElementById(button.dataset.copy);
    var status = document.getElementById(button.dataset.copyStatus);
    if (!source || !navigator.clipboard) return;
    button.hidden = false;
    button.addEventListener('click', function () {
      navigator.clipboard.writeText(source.textContent.trim()).then(function () {
        if (status) status.textContent = button.dataset.copied;
      }, function () {
        if (status) status.textContent = button.dataset.copyFailed;
      });
    });
  });
})();

// == NAV: a table wider than a phone scrolls in its own box (site.css); until its template wraps
// it in <div class="table-scroll" tabindex="0" role="region" aria-label="…">, the table itself
// takes the keyboard focus so that it can be scrolled with the arrow keys. ==
(function () {
  'use strict';
  function focusable() {
    document.querySelectorAll('main table.table').forEach(function (table) {
      if (table.closest('.table-scroll, .audit-scroll')) return;
      var scrolls = table.scrollWidth > table.clientWidth + 1;
      if (scrolls && !table.hasAttribute('tabindex')) table.setAttribute('tabindex', '0');
      if (!scrolls && table.getAttribute('tabindex') === '0') table.removeAttribute('tabindex');
    });
  }
  focusable();
  window.addEventListener('resize', focusable);
})();
