/* The public map (/carte, issue 14): the same results as the list, as Leaflet markers. Without
   this script (or without Leaflet) the page is the list alone. A marker is a button: Tab reaches
   it, Enter opens its key facts and the link "Détails et admission". */
(function () {
  'use strict';
  // The address field's suggestions (signed-in users: the address reference's autocomplete).
  var near = document.getElementById('near');
  var options = document.getElementById('near-options');
  var timer = null;
  if (near && options) {
    near.addEventListener('input', function () {
      clearTimeout(timer);
      var q = near.value.trim();
      if (q.length < 3) return;
      timer = setTimeout(function () {
        fetch('/adresses?q=' + encodeURIComponent(q), { headers: { Accept: 'application/json' } })
          .then(function (r) { return r.ok ? r.json() : { addresses: [] }; })
          .then(function (d) {
            options.textContent = '';
            (d.addresses || []).forEach(function (a) {
              var o = document.createElement('option');
              o.value = a.label;
              options.appendChild(o);
            });
          })
          .catch(function () {});
      }, 150);
    });
  }

  var dataEl = document.getElementById('map-data');
  var area = document.getElementById('map-area');
  if (!dataEl || !area || !window.L) return;
  var data = JSON.parse(dataEl.textContent);
  area.hidden = false;
  var map = L.map('map', { keyboard: true, scrollWheelZoom: false });
  if (data.tiles) {
    L.tileLayer(data.tiles, { maxZoom: 18 }).addTo(map);
  }
  L.Icon.Default.imagePath = '/static/leaflet/images/';
  var centre = [data.centre.lat, data.centre.lng];
  map.fitBounds(L.latLng(centre).toBounds(data.radius_km * 2000));
  L.circle(centre, { radius: data.radius_km * 1000, weight: 1, fill: false, interactive: false }).addTo(map);
  function text(tag, value, cls) {
    var el = document.createElement(tag);
    el.textContent = value;
    if (cls) el.className = cls;
    return el;
  }
  data.markers.forEach(function (m) {
    var box = document.createElement('div');
    box.appendChild(text('p', m.name, 'map-popup-name'));
    box.appendChild(text('p', m.kind + ' · ' + m.distance));
    box.appendChild(text('p', data.free_label + data.colon + m.free));
    box.appendChild(text('p', data.hours_label + data.colon + m.hours));
    var link = document.createElement('a');
    link.href = m.href;
    link.textContent = data.details;
    var p = document.createElement('p');
    p.appendChild(link);
    box.appendChild(p);
    L.marker([m.lat, m.lng], { title: m.name, alt: m.name, keyboard: true })
      .addTo(map)
      .bindPopup(box);
  });
  // Leaflet's own label-less focusable container: name it for screen readers.
  map.getContainer().setAttribute('aria-label', document.getElementById('map-title').textContent);
})();
