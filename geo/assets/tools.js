/* The map's tools: measure on the ellipsoid, locate by coordinate (degrees or Gauss–Krüger X/Y),
 * mouse position, attribute table, zone downloads (KML, GeoJSON), full screen, mini map, and a
 * plain notice when base tiles fail.  Uses geoKit (map.js) and geoGeodesy (geodesy.js).
 */
(function () {
  "use strict";
  var K = window.geoKit, G = window.geoGeodesy, el = K.el, fmt = K.fmt;

  function button(name, title, className) {
    var a = el("a", "geo-button " + className);
    a.appendChild(K.icon(name));
    a.href = "#";
    a.title = title;
    a.setAttribute("aria-label", title);
    a.setAttribute("role", "button");
    return a;
  }

  function gkText(ll) {
    var zone = G.zone3(ll.lng), xy = G.gkForward(ll.lng, ll.lat, 3 * zone);
    return "X=" + xy.x.toFixed(2) + " Y=" + (zone * 1e6 + xy.y).toFixed(2);
  }

  // --- downloads ------------------------------------------------------------------------
  function save(name, type, text) {
    var url = URL.createObjectURL(new Blob([text], { type: type }));
    var a = el("a");
    a.href = url;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(url); a.remove(); }, 0);
  }

  function fileName(p, ext) {
    return [p.doc_no, p.source_code, K.levelName(p)].join("-").replace(/[\\/:*?"<>|\s]+/g, "_") + "." + ext;
  }

  function xml(text) {
    return String(text === null || text === undefined ? "" : text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" }[c];
    });
  }

  // KML colours are aabbggrr.
  function kmlColour(hex, alpha) {
    var h = hex.replace("#", "");
    return alpha + h.slice(4, 6) + h.slice(2, 4) + h.slice(0, 2);
  }

  function ring(coords, tag) {
    return "<" + tag + "><LinearRing><coordinates>" + coords.map(function (c) { return c[0] + "," + c[1]; }).join(" ") +
      "</coordinates></LinearRing></" + tag + ">";
  }

  function kmlPolygon(rings) {
    return "<Polygon>" + ring(rings[0], "outerBoundaryIs") + rings.slice(1).map(function (r) { return ring(r, "innerBoundaryIs"); }).join("") + "</Polygon>";
  }

  function zoneKml(f, data, style) {
    var p = f.properties, L10N = data.l10n;
    var polys = f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates;
    var shape = polys.length === 1 ? kmlPolygon(polys[0]) : "<MultiGeometry>" + polys.map(kmlPolygon).join("") + "</MultiGeometry>";
    var rows = [
      [L10N.code, p.source_code], [L10N.rule, p.rule], [L10N.statedArea, p.stated_area_text && p.stated_area_text + " km²"],
      [L10N.measuredArea, p.area_m2 !== null && fmt(p.area_m2, 1) + " m²"],
      [L10N.statedPerimeter, p.stated_perimeter_text && p.stated_perimeter_text + " m"],
      [L10N.measuredPerimeter, p.outer_perimeter_m !== null && fmt(p.outer_perimeter_m, 1) + " m"],
      [L10N.statusLabel, L10N.status[p.status]], [L10N.approval, p.doc_no], [L10N.downloadPrecision, L10N.downloadPrecisionText],
    ].filter(function (r) { return r[1]; });
    var description = rows.map(function (r) { return r[0] + "：" + r[1]; }).join("\n") + "\n" + (p.note || "");
    var data_ = rows.map(function (r) { return '<Data name="' + xml(r[0]) + '"><value>' + xml(r[1]) + "</value></Data>"; }).join("");
    return '<?xml version="1.0" encoding="UTF-8"?>\n<kml xmlns="http://www.opengis.net/kml/2.2"><Document>' +
      "<name>" + xml(p.source_name + " · " + K.levelName(p)) + "</name>" +
      '<Style id="zone"><LineStyle><color>' + kmlColour(style.stroke, "ff") + "</color><width>2</width></LineStyle>" +
      "<PolyStyle><color>" + kmlColour(style.fill, "80") + "</color></PolyStyle></Style>" +
      "<Placemark><name>" + xml(p.source_name + " · " + K.levelName(p)) + "</name><description>" + xml(description) +
      "</description><styleUrl>#zone</styleUrl><ExtendedData>" + data_ + "</ExtendedData>" + shape + "</Placemark></Document></kml>\n";
  }

  function downloadsFor(data) {
    var styles = K.dict();
    data.levels.forEach(function (l) { styles[l.level] = l; });
    return function (f) {
      var box = el("div", "geo-downloads");
      box.appendChild(el("span", "geo-downloads-label", data.l10n.download));
      var kml = el("button", "geo-download geo-download-kml", "KML");
      kml.type = "button";
      kml.addEventListener("click", function () {
        save(fileName(f.properties, "kml"), "application/vnd.google-earth.kml+xml", zoneKml(f, data, styles[f.properties.level]));
      });
      var gj = el("button", "geo-download geo-download-geojson", "GeoJSON");
      gj.type = "button";
      gj.addEventListener("click", function () {
        save(fileName(f.properties, "geojson"), "application/geo+json", JSON.stringify({ type: "FeatureCollection", features: [f] }) + "\n");
      });
      box.appendChild(kml);
      box.appendChild(gj);
      return box;
    };
  }

  // --- tiles that fail: said plainly, once -------------------------------------------------
  function tileWatcher(map, data) {
    var failed = 0, banner = null;
    return function (layer) {
      layer.on("tileerror", function () {
        failed += 1;
        if (!banner) {
          banner = el("div", "geo-tile-error");
          banner.setAttribute("role", "status");
          map.getContainer().appendChild(banner);
        }
        banner.textContent = data.l10n.tilesFailed.replace("{n}", failed);
      });
    };
  }

  // --- measure --------------------------------------------------------------------------
  function measure(map, data, state) {
    return K.control("topright", function () {
      var bar = el("div", "leaflet-bar geo-measure");
      var b = button("measure", data.l10n.measure, "geo-measure-button");
      var readout = el("div", "geo-measure-readout");
      readout.style.display = "none";
      bar.appendChild(b);
      bar.appendChild(readout);
      var points = [], line = null, polygon = null, dots = L.layerGroup(), active = false;
      function redraw() {
        if (line) map.removeLayer(line);
        if (polygon) map.removeLayer(polygon);
        line = polygon = null;
        if (points.length > 1) line = L.polyline(points, { color: "#222", weight: 2, dashArray: "4 4", interactive: false }).addTo(map);
        if (points.length > 2) polygon = L.polygon(points, { color: "#222", weight: 0, fillOpacity: 0.12, interactive: false }).addTo(map);
        var length = 0;
        for (var i = 1; i < points.length; i++) length += G.distance(points[i - 1], points[i]);
        var text = data.l10n.measureHint;
        if (points.length > 1) text = data.l10n.distance + " " + fmt(length, 2) + " m";
        if (points.length > 2) {
          var a = G.area(points), closed = length + G.distance(points[points.length - 1], points[0]);
          text += " · " + data.l10n.area + " " + fmt(a, 1) + " m² (" + fmt(a / 1e6, 4) + " km²) · " + data.l10n.perimeter + " " + fmt(closed, 2) + " m";
        }
        readout.textContent = text;
      }
      function click(e) {
        points.push(e.latlng);
        L.circleMarker(e.latlng, { radius: 3, color: "#222", interactive: false }).addTo(dots);
        redraw();
      }
      b.addEventListener("click", function (e) {
        e.preventDefault();
        active = !active;
        state.measuring = active;
        bar.classList.toggle("geo-active", active);
        // While measuring, clicks pass through zones, wells and symbols to the map: each adds a point.
        map.getContainer().classList.toggle("geo-measuring", active);
        readout.style.display = active ? "" : "none";
        points = [];
        dots.clearLayers();
        redraw();
        map.closePopup();
        if (active) { dots.addTo(map); map.on("click", click); }
        else { map.removeLayer(dots); map.off("click", click); }
      });
      return bar;
    });
  }

  // --- locate -----------------------------------------------------------------------------
  function locate(map, data) {
    return K.control("topright", function () {
      var bar = el("div", "leaflet-bar geo-locate");
      var b = button("locate", data.l10n.locate, "geo-locate-button");
      var form = el("form", "geo-locate-form");
      form.style.display = "none";
      var input = el("input", "geo-locate-input");
      input.type = "text";
      input.placeholder = data.l10n.locatePlaceholder;
      input.setAttribute("aria-label", data.l10n.locate);
      var go = el("button", "geo-locate-go", data.l10n.locateGo);
      go.type = "submit";
      var message = el("div", "geo-locate-message");
      form.appendChild(input);
      form.appendChild(go);
      form.appendChild(message);
      bar.appendChild(b);
      bar.appendChild(form);
      var pin = null;
      b.addEventListener("click", function (e) {
        e.preventDefault();
        form.style.display = form.style.display === "none" ? "" : "none";
        if (form.style.display === "") input.focus();
      });
      form.addEventListener("submit", function (e) {
        e.preventDefault();
        var r = G.parseLocation(input.value, map.getCenter().lng);
        if (r.error) {
          message.textContent = data.l10n.locateErrors[r.error] || data.l10n.locateErrors.format;
          message.classList.add("geo-locate-bad");
          return;
        }
        message.classList.remove("geo-locate-bad");
        var ll = L.latLng(r.lat, r.lng);
        var said = ll.lng.toFixed(7) + ", " + ll.lat.toFixed(7) + "  " + K.dms(ll.lng, "E", "W") + " " + K.dms(ll.lat, "N", "S");
        if (r.how === "gk") said = data.l10n.gkZone.replace("{zone}", r.zone).replace("{cm}", r.cm) + " → " + said;
        message.textContent = said;
        if (pin) map.removeLayer(pin);
        pin = L.layerGroup([
          L.circleMarker(ll, { radius: 9, color: "#0050b3", weight: 3, fill: false, interactive: false, className: "geo-locate-pin" }),
          L.circleMarker(ll, { radius: 2, color: "#0050b3", weight: 2, fillOpacity: 1, interactive: false }),
        ]).addTo(map);
        map.setView(ll, Math.max(map.getZoom(), 16), { animate: false });
      });
      return bar;
    });
  }

  // --- mouse position --------------------------------------------------------------------
  function mousePosition(map, data) {
    return K.control("bottomleft", function () {
      var box = el("div", "geo-mouse leaflet-bar");
      var over = false;
      function show(ll, prefix) {
        box.textContent = prefix + ll.lng.toFixed(6) + ", " + ll.lat.toFixed(6) + " | " + K.dms(ll.lng, "E", "W") + " " +
          K.dms(ll.lat, "N", "S") + " | " + data.l10n.gkShort + G.zone3(ll.lng) + " " + gkText(ll);
      }
      map.on("mousemove", function (e) { over = true; show(e.latlng, ""); });
      map.on("mouseout", function () { over = false; });
      // After a jump from the list or a search the readout gives the new centre, never the old cursor.
      map.on("moveend", function () { if (!over) show(map.getCenter(), data.l10n.centre + " "); });
      show(map.getCenter(), data.l10n.centre + " ");
      return box;
    });
  }

  // --- attribute table -------------------------------------------------------------------
  function attributeTable(map, data, state) {
    var L10N = data.l10n;
    var columns = [
      ["source_name", L10N.tableSource], ["source_code", L10N.code], ["level", L10N.tableLevel],
      ["stated_area_km2", L10N.statedArea + " km²"], ["area_m2", L10N.measuredArea + " m²"],
      ["stated_perimeter_m", L10N.statedPerimeter + " m"], ["outer_perimeter_m", L10N.measuredPerimeter + " m"],
      ["status", L10N.statusLabel], ["doc_no", L10N.approval],
    ];
    return K.control("topright", function () {
      var bar = el("div", "leaflet-bar geo-table-control");
      var b = button("table", L10N.table, "geo-table-button");
      bar.appendChild(b);
      var panel = null, sortKey = null, descending = false;
      function value(p, key) {
        if (key === "level") return K.levelName(p);
        if (key === "status") return L10N.status[p.status] || p.status;
        return p[key];
      }
      function render(body) {
        var rows = state.zones.slice();
        if (sortKey) {
          rows.sort(function (a, b) {
            var x = a.feature.properties[sortKey], y = b.feature.properties[sortKey];
            if (x === null || x === undefined) return 1;
            if (y === null || y === undefined) return -1;
            var c = typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y), "zh-CN");
            return descending ? -c : c;
          });
        }
        body.textContent = "";
        var frag = document.createDocumentFragment();
        rows.forEach(function (z) {
          var p = z.feature.properties, tr = el("tr", "geo-table-row");
          columns.forEach(function (c) {
            var v = value(p, c[0]);
            var td = el("td", typeof v === "number" ? "geo-num" : null);
            if (c[0] === "status") td.appendChild(K.statusBadge(p.status, L10N));
            else td.textContent = typeof v === "number" ? fmt(v, c[0] === "stated_area_km2" ? 4 : 1) : v === null || v === undefined ? "—" : String(v);
            tr.appendChild(td);
          });
          tr.addEventListener("click", function () {
            var layer = z.feature.geometry ? state.zoneLayer(z) : z.layer;
            if (layer.getBounds) map.fitBounds(layer.getBounds(), { maxZoom: 18, padding: [40, 40], animate: false });
            else map.setView(layer.getLatLng(), Math.max(map.getZoom(), 16), { animate: false });
            layer.openPopup();
          });
          frag.appendChild(tr);
        });
        body.appendChild(frag);
      }
      function open() {
        panel = el("div", "geo-table-panel");
        L.DomEvent.disableClickPropagation(panel);
        L.DomEvent.disableScrollPropagation(panel);
        var head = el("div", "geo-table-head");
        head.appendChild(el("span", "geo-table-title", L10N.table + "（" + state.zones.length + "）"));
        var close = el("button", "geo-table-close", "×");
        close.type = "button";
        close.setAttribute("aria-label", L10N.close);
        close.addEventListener("click", toggle);
        head.appendChild(close);
        panel.appendChild(head);
        var scroll = el("div", "geo-table-scroll");
        var t = el("table", "geo-table");
        var tr = el("tr");
        var body = el("tbody");
        columns.forEach(function (c) {
          var th = el("th", null, c[1]);
          th.dataset.key = c[0];
          th.addEventListener("click", function () {
            descending = sortKey === c[0] ? !descending : false;
            sortKey = c[0];
            Array.prototype.forEach.call(tr.children, function (h) { h.classList.remove("geo-sort-asc", "geo-sort-desc"); });
            th.classList.add(descending ? "geo-sort-desc" : "geo-sort-asc");
            render(body);
          });
          tr.appendChild(th);
        });
        var thead = el("thead");
        thead.appendChild(tr);
        t.appendChild(thead);
        t.appendChild(body);
        scroll.appendChild(t);
        panel.appendChild(scroll);
        render(body);
        map.getContainer().appendChild(panel);
      }
      function toggle(e) {
        if (e) e.preventDefault();
        if (panel) { panel.remove(); panel = null; bar.classList.remove("geo-active"); }
        else { open(); bar.classList.add("geo-active"); }
      }
      b.addEventListener("click", toggle);
      return bar;
    });
  }

  // --- full screen, mini map -----------------------------------------------------------------
  function fullscreen(map, data) {
    return K.control("topright", function () {
      var bar = el("div", "leaflet-bar");
      var b = button("fullscreen", data.l10n.fullscreen, "geo-fullscreen");
      bar.appendChild(b);
      b.addEventListener("click", function (e) {
        e.preventDefault();
        var box = map.getContainer();
        if (document.fullscreenElement) document.exitFullscreen();
        else if (box.requestFullscreen) box.requestFullscreen();
      });
      document.addEventListener("fullscreenchange", function () { map.invalidateSize(); });
      return bar;
    });
  }

  function miniMap(map, data) {
    return K.control("bottomright", function () {
      var box = el("div", "geo-minimap leaflet-bar");
      setTimeout(function () {
        var mini = L.map(box, { attributionControl: false, zoomControl: false, dragging: false, scrollWheelZoom: false,
          doubleClickZoom: false, boxZoom: false, keyboard: false, touchZoom: false });
        mini.setView(map.getCenter(), Math.max(map.getZoom() - 5, 1), { animate: false });
        if (data.baseLayers.length) L.tileLayer(data.baseLayers[0].url, data.baseLayers[0].options).addTo(mini);
        else box.classList.add("geo-plain");
        // The counties the map carries, so that the mini map says where one is even offline.
        if (data.counties.length) {
          L.geoJSON({ type: "FeatureCollection", features: data.counties }, {
            interactive: false, style: { color: "#8c7b6b", weight: 0.8, fillColor: "#efe8dc", fillOpacity: 0.6, className: "geo-minimap-county" },
          }).addTo(mini);
        }
        var canvas = L.canvas();
        data.sources.forEach(function (s) {
          L.circleMarker(s.centre, { renderer: canvas, radius: 2, color: "#b2182b", weight: 1, interactive: false }).addTo(mini);
        });
        var frame = L.rectangle(map.getBounds(), { color: "#d7301f", weight: 1, fillOpacity: 0.1, interactive: false }).addTo(mini);
        function sync() {
          mini.setView(map.getCenter(), Math.max(map.getZoom() - 5, 1), { animate: false });
          frame.setBounds(map.getBounds());
        }
        map.on("moveend zoomend", sync);
        sync();
      }, 0);
      return box;
    });
  }

  window.geoTools = {
    // What map.js needs while it builds the layers.
    kit: function (map, data) {
      return { downloads: downloadsFor(data), watchTiles: tileWatcher(map, data) };
    },
    add: function (map, data, state) {
      L.control.scale({ metric: true, imperial: false, position: "bottomleft" }).addTo(map);
      mousePosition(map, data).addTo(map);
      fullscreen(map, data).addTo(map);
      measure(map, data, state).addTo(map);
      locate(map, data).addTo(map);
      attributeTable(map, data, state).addTo(map);
      miniMap(map, data).addTo(map);
    },
    gkText: gkText,
  };
})();
