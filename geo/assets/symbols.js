/* Every source findable at every zoom: a symbol where its zones are too small to see, labels
 * where there is room, and on canvas maps the zones made only while in view (from the compact
 * rings the page carries).  Uses geoKit (map.js).
 */
(function () {
  "use strict";
  var K = window.geoKit, el = K.el, dict = K.dict, cssName = K.cssName, STATUS_COLOURS = K.STATUS_COLOURS;

  // --- sources at every zoom: a symbol where the zones are too small to see -------------
  var SYMBOL_MIN_PX = 10;

  function symbols(map, data, state, shared) {
    // SVG: a pane above the zones and wells (a renderer of its own, since a shared one draws in its pane).
    // Canvas: the zones' own canvas, on which symbols are drawn last, so on top; a second canvas above
    // would take every click away from the first.
    map.createPane("geoSymbols").style.zIndex = 620;
    var renderer = data.canvas ? shared : L.svg({ pane: "geoSymbols" });
    var layer = L.layerGroup();
    // A source shown as a symbol shows its "not drawn" markers once zoomed in, not on top of the symbols.
    var undrawn = dict(), hiddenIcon = L.divIcon({ className: "geo-undrawn-icon geo-undrawn-hidden", html: "", iconSize: [0, 0] });
    state.zones.forEach(function (z) {
      if (z.feature.geometry) return;
      var code = z.feature.properties.source_code;
      (undrawn[code] = undrawn[code] || []).push({ marker: z.layer, icon: z.layer.options.icon });
    });
    var items = data.sources.map(function (s) {
      var sw = map.project(s.bounds[0], 0), ne = map.project(s.bounds[1], 0);
      var extent = Math.max(Math.abs(ne.x - sw.x), Math.abs(ne.y - sw.y));
      // The zoom from which the source's zones are SYMBOL_MIN_PX or more across.
      var visibleFrom = extent > 0 ? Math.log2(SYMBOL_MIN_PX / extent) : 16;
      var marker = L.circleMarker(s.centre, {
        pane: "geoSymbols", renderer: renderer, radius: 7, color: "#fff", weight: 2,
        fillColor: STATUS_COLOURS[s.status] || "#999", fillOpacity: 1,
        className: "geo-symbol geo-symbol-" + s.status + " geo-symbol-" + cssName(s.code),
      });
      marker.on("click", function () { state.goToSource(s, true); });
      state.hoverOn(marker, function () { return s.name + " · " + (s.summary || data.l10n.status[s.status]); });
      return { source: s, marker: marker, until: Math.min(visibleFrom, 16), on: false };
    });
    var shown = true;  // the layer's switch
    function mark(it) {
      (undrawn[it.source.code] || []).forEach(function (u) { u.marker.setIcon(shown && it.on ? hiddenIcon : u.icon); });
    }
    function update() {
      var z = map.getZoom();
      items.forEach(function (it) {
        var on = z < it.until && state.approvalShown(it.source.doc_no);
        if (on === it.on) return;
        it.on = on;
        if (on) layer.addLayer(it.marker);
        else layer.removeLayer(it.marker);
        mark(it);
      });
    }
    map.on("zoomend geoapprovals", update);
    update();
    layer.on("add remove", function (e) { shown = e.type === "add"; items.forEach(mark); });
    layer.addTo(map);
    state.symbols = items;
    return layer;
  }

  // On canvas maps (thousands of zones) a source's zones exist only while it is in view and no longer
  // a symbol; they are made again from the data when it comes back.  The page's memory stays that of
  // what is on screen.
  function zonesInView(map, state) {
    var made = dict();
    function update() {
      var view = map.getBounds().pad(0.5), z = map.getZoom(), keep = dict();
      state.symbols.forEach(function (it) {
        var s = it.source;
        if (z < it.until || !view.intersects(s.bounds)) return;  // a symbol hides zones that small
        keep[s.code] = true;
        if (!made[s.code]) (state.zonesByCode[s.code] || []).forEach(state.zoneLayer);
      });
      Object.keys(made).forEach(function (code) {
        if (keep[code]) return;
        (state.zonesByCode[code] || []).forEach(function (zone) {
          if (zone.layer && !zone.layer.isPopupOpen()) { zone.group.removeLayer(zone.layer); zone.layer = null; }
        });
      });
      made = keep;
    }
    map.on("moveend", update);
    update();
  }

  // Rings as the page carries them (mapdata.delta_geometries): integer steps of 1e-6°, unclosed.
  function decodeRing(d) {
    var out = [], x = 0, y = 0;
    for (var i = 0; i < d.length; i += 2) {
      x += d[i];
      y += d[i + 1];
      out.push([x / 1e6, y / 1e6]);
    }
    if (out.length) out.push(out[0].slice());
    return out;
  }
  function decodeGeometry(g) {
    if (!g || !g.d) return g;
    g.coordinates = g.type === "Polygon" ? g.d.map(decodeRing) : g.d.map(function (p) { return p.map(decodeRing); });
    delete g.d;
    return g;
  }

  // --- labels: source names and well numbers where there is room --------------------------
  var MAX_LABELS = 300;

  function labels(map, data, state, wells) {
    map.createPane("geoLabels").style.zIndex = 640;
    map.getPane("geoLabels").style.pointerEvents = "none";
    var layer = L.layerGroup();
    var on = true;
    // A label dx px right of the point, centred on it (dy 0) or dy px above it.
    function text(width, latlng, content, className, taken, dx, dy) {
      var p = map.latLngToContainerPoint(latlng);
      var w = width * 12 + 8, h = 18, up = dy || 0;
      var box = [p.x + dx, p.y - h / 2 - up, p.x + dx + w, p.y + h / 2 - up];
      for (var i = 0; i < taken.length; i++) {
        var t = taken[i];
        if (box[0] < t[2] && box[2] > t[0] && box[1] < t[3] && box[3] > t[1]) return false;
      }
      taken.push(box);
      L.marker(latlng, {
        pane: "geoLabels", interactive: false, keyboard: false,
        icon: L.divIcon({ className: className, html: "", iconSize: null, iconAnchor: [-dx, h / 2 + up] }),
      }).on("add", function (e) { e.target.getElement().textContent = content; }).addTo(layer);
      return true;
    }
    function update() {
      layer.clearLayers();
      if (!on) return;
      var view = map.getBounds().pad(0.05), z = map.getZoom(), taken = [], count = 0;
      state.panel && taken.push((function () {
        var r = state.panel.getBoundingClientRect(), m = map.getContainer().getBoundingClientRect();
        return [r.left - m.left, r.top - m.top, r.right - m.left, r.bottom - m.top];
      })());
      for (var i = 0; i < state.symbols.length && count < MAX_LABELS; i++) {
        var it = state.symbols[i], s = it.source;
        if (!view.contains(s.centre) || !state.approvalShown(s.doc_no)) continue;
        if (z < it.until) {
          if (text(s.name.length, s.centre, s.name, "geo-label geo-label-source", taken, 10)) count++;
        } else if (text(s.name.length, [s.bounds[1][0], s.centre[1]], s.name, "geo-label geo-label-source", taken, -s.name.length * 6, 12)) {
          count++;
        }
      }
      if (z >= 16) {
        wells.forEach(function (w) {
          if (count >= MAX_LABELS || !w.no || !view.contains(w.latlng) || !state.approvalShown(w.doc_no)) return;
          if (text(w.no.length, w.latlng, w.no, "geo-label geo-label-well", taken, 8)) count++;
        });
      }
      // A county's name gives way where it would cover a source's or a well's.
      var m = map.getContainer().getBoundingClientRect();
      Array.prototype.forEach.call(map.getContainer().querySelectorAll(".geo-county-label"), function (c) {
        var r = c.getBoundingClientRect(), x0 = r.left - m.left, y0 = r.top - m.top, x1 = r.right - m.left, y1 = r.bottom - m.top;
        var covered = taken.slice(state.panel ? 1 : 0).some(function (t) { return x0 < t[2] && x1 > t[0] && y0 < t[3] && y1 > t[1]; });
        c.style.visibility = covered ? "hidden" : "";
      });
    }
    map.on("moveend zoomend geoapprovals", update);
    layer.on("add", function () { on = true; update(); });
    layer.on("remove", function () { on = false; layer.clearLayers(); });
    layer.addTo(map);
    return layer;
  }

  window.geoSymbols = { symbols: symbols, zonesInView: zonesInView, labels: labels, decodeGeometry: decodeGeometry };
})();
