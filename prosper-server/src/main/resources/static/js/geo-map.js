// Draws the boundaries of a unit's children from the page's GeoJSON (no tile server); a click opens the unit.
document.addEventListener('DOMContentLoaded', function () {
  var el = document.getElementById('geo-map');
  if (!el || !window.L) return;
  fetch(el.dataset.url, {credentials: 'same-origin', headers: {'Accept': 'application/geo+json'}})
    .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
    .then(function (data) {
      if (!data.features || data.features.length === 0) { el.hidden = true; return; }
      var map = L.map(el, {attributionControl: false, zoomSnap: 0.25, scrollWheelZoom: false});
      var layer = L.geoJSON(data, {
        style: {color: '#b3261e', weight: 1, fillColor: '#b3261e', fillOpacity: 0.12},
        onEachFeature: function (f, l) {
          var p = f.properties || {};
          l.bindTooltip(p.nameLocal && p.nameLocal !== p.name ? p.name + ' · ' + p.nameLocal : p.name, {sticky: true});
          l.on('click', function () { window.location.href = el.dataset.base + p.id; });
          l.on('mouseover', function () { l.setStyle({fillOpacity: 0.35}); });
          l.on('mouseout', function () { layer.resetStyle(l); });
        }
      }).addTo(map);
      map.fitBounds(layer.getBounds(), {padding: [8, 8]});
      el.dataset.features = String(data.features.length);
    })
    .catch(function () { el.hidden = true; });
});
