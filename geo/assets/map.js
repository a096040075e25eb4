/* Protection-zone map: layers, popups, source list, measure, fullscreen, mini map,
 * mouse position.  Reads its data from <script type="application/json" id="geo-data">.
 * Every text that comes from data is set with textContent: nothing from a data
 * file is ever parsed as HTML.
 */
(function () {
  "use strict";

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  // The drawn layers inside a (possibly nested) layer group.
  function leaves(layer) {
    if (!layer.eachLayer) return [layer];
    var out = [];
    layer.eachLayer(function (child) { out = out.concat(leaves(child)); });
    return out;
  }

  // An object with no prototype, for maps keyed by text from data.
  function dict() { return Object.create(null); }

  // A zone's level with its part (水域 / 陆域 or a named part) where the level is split.
  function levelName(p) {
    return p.part ? p.level + "（" + p.part + "）" : p.level;
  }

  // Icons drawn as SVG paths, so that no icon font or emoji font is needed.
  var ICONS = {
    fullscreen: "M3 9V3h6M15 3h6v6M21 15v6h-6M9 21H3v-6",
    measure: "M2 16L16 2l6 6L8 22zM6 12l2 2M9 9l3 3M12 6l2 2",
  };
  function icon(name) {
    var ns = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("width", "18");
    svg.setAttribute("height", "18");
    svg.setAttribute("aria-hidden", "true");
    var path = document.createElementNS(ns, "path");
    path.setAttribute("d", ICONS[name]);
    path.setAttribute("fill", "none");
    path.setAttribute("stroke", "currentColor");
    path.setAttribute("stroke-width", "2");
    svg.appendChild(path);
    return svg;
  }

  function cssName(text) {
    // A class-name-safe form of a code, for styles and tests.
    return String(text).replace(/[^A-Za-z0-9_-]/g, "_");
  }

  function escapeHtml(text) {
    // Only for the layer control, whose labels Leaflet writes as HTML.
    return String(text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  function fmt(value, digits) {
    if (value === null || value === undefined || value === "" || Number.isNaN(value)) return "—";
    if (typeof value !== "number") return String(value);
    return value.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
  }

  function dms(deg, pos, neg) {
    var hemi = deg < 0 ? neg : pos;
    var total = Math.round(Math.abs(deg) * 360000);
    var d = Math.floor(total / 360000);
    var m = Math.floor((total % 360000) / 6000);
    var s = (total % 6000) / 100;
    return d + "°" + String(m).padStart(2, "0") + "′" + s.toFixed(2).padStart(5, "0") + "″" + hemi;
  }

  // --- geodesy for the measure tool (sphere of the mean earth radius) ---------
  var R = 6371008.8;
  function rad(x) { return (x * Math.PI) / 180; }
  function distance(a, b) {
    var dLat = rad(b.lat - a.lat), dLng = rad(b.lng - a.lng);
    var h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2;
    return 2 * R * Math.asin(Math.min(1, Math.sqrt(h)));
  }
  function area(points) {
    var sum = 0;
    for (var i = 0; i < points.length; i++) {
      var p = points[i], q = points[(i + 1) % points.length];
      sum += rad(q.lng - p.lng) * (2 + Math.sin(rad(p.lat)) + Math.sin(rad(q.lat)));
    }
    return Math.abs((sum * R * R) / 2);
  }

  // --- popups: DOM tables, text only --------------------------------------------
  function table(rows) {
    var t = el("table", "geo-popup-table");
    rows.forEach(function (row) {
      if (row[1] === null || row[1] === undefined || row[1] === "") return;
      var tr = el("tr");
      tr.appendChild(el("th", null, row[0]));
      var td = el("td");
      if (row[1] instanceof Node) td.appendChild(row[1]); else td.textContent = String(row[1]);
      tr.appendChild(td);
      t.appendChild(tr);
    });
    return t;
  }

  function statusBadge(status, L10N) {
    return el("span", "geo-status geo-status-" + status, L10N.status[status] || status);
  }

  function zonePopup(p, L10N, approvals) {
    var box = el("div", "geo-popup");
    box.appendChild(el("div", "geo-popup-title", p.source_name + " · " + levelName(p)));
    var approval = approvals[p.doc_no] || {};
    var measuredArea = p.area_m2 === null ? null : fmt(p.area_m2, 1) + " m² (" + fmt(p.area_m2 / 1e6, 4) + " km²)";
    var perimeter = p.outer_perimeter_m === null ? null : fmt(p.outer_perimeter_m, 1) + " m" +
      (Math.abs(p.perimeter_m - p.outer_perimeter_m) > 0.05 ? " (" + L10N.allBoundaries + " " + fmt(p.perimeter_m, 1) + " m)" : "");
    box.appendChild(table([
      [L10N.code, p.source_code],
      [L10N.wells, p.wells],
      [L10N.rule, p.rule],
      [L10N.statedArea, p.stated_area_text ? p.stated_area_text + " km²" : null],
      [L10N.measuredArea, measuredArea],
      [L10N.statedPerimeter, p.stated_perimeter_text ? p.stated_perimeter_text + " m" : null],
      [L10N.measuredPerimeter, perimeter],
      [L10N.statusLabel, statusBadge(p.status, L10N)],
      [L10N.approval, [p.doc_no, approval.date].filter(Boolean).join(" · ")],
    ]));
    box.appendChild(el("p", "geo-note", p.note));
    return box;
  }

  function wellPopup(p, L10N, approvals) {
    var box = el("div", "geo-popup");
    box.appendChild(el("div", "geo-popup-title", p.source_name + (p.well_no ? " · " + p.well_no : "")));
    var approval = approvals[p.doc_no] || {};
    var supply = p.source_design_supply ? p.source_design_supply + " " + L10N.supplyUnit +
      (p.wells_in_source > 1 ? " (" + L10N.supplyShared + ")" : "") : null;
    box.appendChild(table([
      [L10N.code, p.source_code],
      [L10N.location, p.location],
      [L10N.depth, p.depth_m === null ? null : fmt(p.depth_m, p.depth_m % 1 ? 2 : 0) + " m"],
      [L10N.aquifer, p.aquifer],
      [L10N.coordinates, p.lon_text + " , " + p.lat_text],
      [L10N.designSupply, supply],
      [L10N.actualSupply, p.actual_supply ? p.actual_supply + " " + L10N.supplyUnit : null],
      [L10N.approval, [p.doc_no, approval.date].filter(Boolean).join(" · ")],
    ]));
    return box;
  }

  function projectPopup(p, L10N) {
    var box = el("div", "geo-popup");
    box.appendChild(el("div", "geo-popup-title", p.name));
    box.appendChild(table([
      [L10N.projectDoc, p.doc_no],
      [L10N.location, p.location],
      [L10N.statedProjectArea, p.stated_area_text ? p.stated_area_text + (/[^\d.]/.test(p.stated_area_text) ? "" : " m²") : null],
      [L10N.planeArea, p.plane_area_m2 === null ? null : fmt(p.plane_area_m2, 3) + " m²"],
      [L10N.ellipsoidArea, p.area_m2 === null ? null : fmt(p.area_m2, 2) + " m²"],
      [L10N.areaCheck, p.area_status === "not_stated" ? null : statusBadge(p.area_status, L10N)],
    ]));
    if (p.area_note) box.appendChild(el("p", "geo-note", p.area_note));
    var head = el("div", "geo-popup-subtitle", L10N.conflicts);
    box.appendChild(head);
    if (!p.conflicts.length) box.appendChild(el("p", "geo-note", L10N.noConflict));
    p.conflicts.forEach(function (c) {
      var item = el("div", "geo-conflict geo-conflict-" + c.relation);
      var figure = c.relation === "near" ? L10N.distanceTo + " " + fmt(c.distance_m, 1) + " m" : L10N.overlap + " " + fmt(c.overlap_m2, 1) + " m²";
      item.appendChild(el("div", "geo-conflict-head", (L10N.relation[c.relation] || c.relation) + " " + c.source_name + " " + c.level + L10N.zoneWord + " · " + figure + " · " + c.law_article));
      item.appendChild(el("div", "geo-note", c[L10N.lawKey]));
      box.appendChild(item);
    });
    return box;
  }

  function undrawnPopup(p, L10N, approvals) {
    var box = zonePopup(p, L10N, approvals);
    box.insertBefore(el("p", "geo-warning", L10N.notDrawn), box.children[1]);
    return box;
  }

  // --- controls -------------------------------------------------------------------
  function control(position, build) {
    var C = L.Control.extend({
      onAdd: function (map) {
        var node = build(map);
        L.DomEvent.disableClickPropagation(node);
        L.DomEvent.disableScrollPropagation(node);
        return node;
      },
    });
    return new C({ position: position });
  }

  function legend(data) {
    return control("bottomright", function () {
      var box = el("div", "geo-legend leaflet-bar");
      box.appendChild(el("div", "geo-legend-title", data.l10n.legend));
      data.levels.forEach(function (level) {
        var row = el("div", "geo-legend-row");
        var swatch = el("span", "geo-swatch");
        swatch.style.background = level.fill;
        swatch.style.borderColor = level.stroke;
        swatch.style.borderStyle = level.dash ? "dashed" : "solid";
        row.appendChild(swatch);
        row.appendChild(el("span", null, level.label));
        box.appendChild(row);
      });
      var wells = el("div", "geo-legend-row");
      wells.appendChild(el("span", "geo-swatch geo-swatch-well"));
      wells.appendChild(el("span", null, data.l10n.wellLayer));
      box.appendChild(wells);
      var project = el("div", "geo-legend-row");
      var ps = el("span", "geo-swatch");
      ps.style.background = "#c2a5cf";
      ps.style.borderColor = "#762a83";
      project.appendChild(ps);
      project.appendChild(el("span", null, data.l10n.projectLayer));
      box.appendChild(project);
      var conflict = el("div", "geo-legend-row");
      var cs = el("span", "geo-swatch");
      cs.style.background = "#c2a5cf";
      cs.style.borderColor = "#e31a1c";
      cs.style.borderWidth = "3px";
      conflict.appendChild(cs);
      conflict.appendChild(el("span", null, data.l10n.conflictLegend));
      box.appendChild(conflict);
      var undrawn = el("div", "geo-legend-row");
      undrawn.appendChild(el("span", "geo-undrawn-icon geo-legend-icon", "?"));
      undrawn.appendChild(el("span", null, data.l10n.undrawnLegend));
      box.appendChild(undrawn);
      return box;
    });
  }

  function sourcePanel(data, state) {
    return control("topleft", function (map) {
      var box = el("div", "geo-panel leaflet-bar");
      box.appendChild(el("div", "geo-panel-title", data.title));
      var search = el("input", "geo-search");
      search.type = "search";
      search.placeholder = data.l10n.search;
      search.setAttribute("aria-label", data.l10n.search);
      box.appendChild(search);
      var list = el("ul", "geo-source-list");
      data.sources.forEach(function (source) {
        var item = el("li", "geo-source");
        item.dataset.code = source.code;
        item.tabIndex = 0;
        item.appendChild(el("span", "geo-source-name", source.name));
        item.appendChild(statusBadge(source.status, data.l10n));
        item.appendChild(el("div", "geo-source-meta", source.code + " · " + source.doc_no));
        item.title = source.summary;
        function go() {
          map.fitBounds(source.bounds, { maxZoom: 17, padding: [40, 40], animate: false });
          var target = state.byCode[source.code];
          if (target) target.openPopup();
          Array.prototype.forEach.call(list.children, function (li) { li.classList.toggle("geo-selected", li === item); });
        }
        item.addEventListener("click", go);
        item.addEventListener("keydown", function (e) { if (e.key === "Enter") go(); });
        list.appendChild(item);
      });
      search.addEventListener("input", function () {
        var q = search.value.trim().toLowerCase();
        var shown = 0;
        data.sources.forEach(function (source, i) {
          var hit = !q || source.name.toLowerCase().indexOf(q) >= 0 || source.code.toLowerCase().indexOf(q) >= 0;
          list.children[i].style.display = hit ? "" : "none";
          if (hit) shown += 1;
        });
        empty.style.display = shown ? "none" : "";
      });
      var empty = el("div", "geo-empty", data.l10n.noMatch);
      empty.style.display = "none";
      box.appendChild(list);
      box.appendChild(empty);
      if (data.unlocated.length) {
        var details = el("details", "geo-unlocated");
        var total = data.unlocated.reduce(function (n, g) { return n + g.items.length; }, 0);
        details.appendChild(el("summary", null, data.l10n.unlocatedTitle + " (" + total + ")"));
        data.unlocated.forEach(function (group) {
          var g = el("details", "geo-unlocated-county");
          g.appendChild(el("summary", null, group.county + " (" + group.items.length + ")"));
          var ul = el("ul", "geo-unlocated-list");
          group.items.forEach(function (item) {
            var li = el("li", null, item.name);
            li.title = [item.doc_no, item.location, data.l10n.unlocatedHint + ": " + item.precision].filter(Boolean).join(" · ");
            li.appendChild(el("div", "geo-source-meta", li.title));
            ul.appendChild(li);
          });
          g.appendChild(ul);
          details.appendChild(g);
        });
        box.appendChild(details);
      }
      return box;
    });
  }

  function fullscreen(data) {
    return control("topright", function (map) {
      var button = el("a", "geo-button geo-fullscreen");
      button.appendChild(icon("fullscreen"));
      button.href = "#";
      button.title = data.l10n.fullscreen;
      button.setAttribute("aria-label", data.l10n.fullscreen);
      button.setAttribute("role", "button");
      var bar = el("div", "leaflet-bar");
      bar.appendChild(button);
      button.addEventListener("click", function (e) {
        e.preventDefault();
        var box = map.getContainer();
        if (document.fullscreenElement) document.exitFullscreen();
        else if (box.requestFullscreen) box.requestFullscreen();
      });
      document.addEventListener("fullscreenchange", function () { map.invalidateSize(); });
      return bar;
    });
  }

  function measure(data) {
    return control("topright", function (map) {
      var bar = el("div", "leaflet-bar geo-measure");
      var button = el("a", "geo-button geo-measure-button");
      button.appendChild(icon("measure"));
      button.href = "#";
      button.title = data.l10n.measure;
      button.setAttribute("aria-label", data.l10n.measure);
      button.setAttribute("role", "button");
      var readout = el("div", "geo-measure-readout");
      readout.style.display = "none";
      bar.appendChild(button);
      bar.appendChild(readout);
      var points = [], line = null, polygon = null, dots = L.layerGroup(), active = false;
      function redraw() {
        if (line) map.removeLayer(line);
        if (polygon) map.removeLayer(polygon);
        line = polygon = null;
        if (points.length > 1) line = L.polyline(points, { color: "#222", weight: 2, dashArray: "4 4", interactive: false }).addTo(map);
        if (points.length > 2) polygon = L.polygon(points, { color: "#222", weight: 0, fillOpacity: 0.12, interactive: false }).addTo(map);
        var length = 0;
        for (var i = 1; i < points.length; i++) length += distance(points[i - 1], points[i]);
        var text = data.l10n.measureHint;
        if (points.length > 1) text = data.l10n.distance + " " + fmt(length, 1) + " m";
        if (points.length > 2) text += " · " + data.l10n.area + " " + fmt(area(points), 1) + " m² (" + fmt(area(points) / 1e6, 4) + " km²)";
        readout.textContent = text;
      }
      function click(e) {
        points.push(e.latlng);
        L.circleMarker(e.latlng, { radius: 3, color: "#222", interactive: false }).addTo(dots);
        redraw();
      }
      button.addEventListener("click", function (e) {
        e.preventDefault();
        active = !active;
        bar.classList.toggle("geo-active", active);
        readout.style.display = active ? "" : "none";
        points = [];
        dots.clearLayers();
        redraw();
        if (active) { dots.addTo(map); map.on("click", click); map.getContainer().style.cursor = "crosshair"; }
        else { map.removeLayer(dots); map.off("click", click); map.getContainer().style.cursor = ""; }
      });
      return bar;
    });
  }

  function mousePosition() {
    return control("bottomleft", function (map) {
      var box = el("div", "geo-mouse leaflet-bar");
      box.textContent = "—";
      map.on("mousemove", function (e) {
        var ll = e.latlng;
        box.textContent = ll.lng.toFixed(6) + ", " + ll.lat.toFixed(6) + "  |  " + dms(ll.lng, "E", "W") + " " + dms(ll.lat, "N", "S");
      });
      return box;
    });
  }

  function miniMap(data) {
    return control("bottomright", function (map) {
      var box = el("div", "geo-minimap leaflet-bar");
      setTimeout(function () {
        var mini = L.map(box, { attributionControl: false, zoomControl: false, dragging: false, scrollWheelZoom: false,
          doubleClickZoom: false, boxZoom: false, keyboard: false, touchZoom: false });
        if (data.baseLayers.length) L.tileLayer(data.baseLayers[0].url, data.baseLayers[0].options).addTo(mini);
        data.sources.forEach(function (s) {
          L.circleMarker(s.centre, { radius: 2, color: "#b2182b", weight: 1, interactive: false }).addTo(mini);
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

  // --- layers -----------------------------------------------------------------------
  function buildLayers(map, data, state) {
    var L10N = data.l10n;
    // Maps keyed by text from data have no prototype: a 批复文号 of "__proto__" is just a key.
    var approvals = dict();
    data.approvals.forEach(function (a) { approvals[a.doc_no] = a; });
    var levelStyle = dict();
    data.levels.forEach(function (l) { levelStyle[l.level] = l; });

    // One group per (approval, level); the control switches levels and approvals.
    var groups = dict();
    function group(docNo, key) {
      var id = docNo + "\u0000" + key;
      if (!groups[id]) groups[id] = { doc_no: docNo, key: key, layer: L.featureGroup() };
      return groups[id].layer;
    }

    data.features.features.forEach(function (f) {
      var p = f.properties;
      if (p.kind === "zone" && f.geometry) {
        var s = levelStyle[p.level];
        var layer = L.geoJSON(f, {
          style: {
            color: s.stroke, weight: 2, fillColor: s.fill, fillOpacity: s.opacity, dashArray: s.dash || null,
            className: "geo-zone geo-level-" + s.key + " geo-zone-" + cssName(p.source_code),
          },
        });
        layer.bindPopup(function () { return zonePopup(p, L10N, approvals); }, { maxWidth: 420 });
        layer.bindTooltip(function () { return el("span", null, p.source_name + " · " + levelName(p)); }, { sticky: true });
        layer.addTo(group(p.doc_no, p.level));
        if (!state.byCode[p.source_code] || p.level === "一级") state.byCode[p.source_code] = layer;
      } else if (p.kind === "zone") {
        var marker = L.marker([p.marker_lat, p.marker_lon], {
          // Up and to the right of the source, so that its wells and drawn zones stay visible.
          icon: L.divIcon({ className: "geo-undrawn-icon", html: "?", iconSize: [22, 22], iconAnchor: [-6, 28] }),
          title: p.source_name + " · " + p.level + " · " + L10N.notDrawnShort,
          keyboard: false,
        });
        marker.bindPopup(function () { return undrawnPopup(p, L10N, approvals); }, { maxWidth: 420 });
        marker.bindTooltip(function () { return el("span", null, p.source_name + " · " + p.level + " · " + L10N.notDrawnShort); });
        marker.addTo(group(p.doc_no, p.level));
      } else if (p.kind === "project") {
        var conflict = p.conflicts.some(function (c) { return c.relation !== "near"; });
        var style = {
          color: conflict ? "#e31a1c" : "#762a83", weight: conflict ? 4 : 2, fillColor: "#c2a5cf", fillOpacity: 0.6,
          className: "geo-project" + (conflict ? " geo-project-conflict" : ""),
        };
        // Every point of any geometry (Point, MultiPoint, a GeometryCollection) as a circle: no default
        // marker, whose icon images would have to come from a server.
        var shape = L.geoJSON(f, {
          style: style,
          pointToLayer: function (_, latlng) { return L.circleMarker(latlng, Object.assign({ radius: 6 }, style)); },
        });
        // Popups and tooltips on each drawn part: Leaflet 1.9's tooltip cannot bind to nested groups
        // (a MultiPoint or GeometryCollection inside the feature's group).
        leaves(shape).forEach(function (part) {
          part.bindPopup(function () { return projectPopup(p, L10N); }, { maxWidth: 440 });
          part.bindTooltip(function () { return el("span", null, p.name); }, { sticky: true });
          part.addTo(group("", "project"));
        });
      } else if (p.kind === "well") {
        var well = L.circleMarker([f.geometry.coordinates[1], f.geometry.coordinates[0]], {
          radius: 5, color: "#111", weight: 2, fillColor: "#fff", fillOpacity: 1,
          className: "geo-well geo-well-" + cssName(p.source_code + "-" + (p.well_no || "1")),
        });
        well.bindPopup(function () { return wellPopup(p, L10N, approvals); }, { maxWidth: 380 });
        well.bindTooltip(function () { return el("span", null, p.source_name + (p.well_no ? " " + p.well_no : "")); });
        well.addTo(group(p.doc_no, "well"));
      }
    });

    // Switches: levels and approvals; a group shows when both of its switches are on.
    var switches = { level: dict(), approval: dict() };
    // A list, not an object keyed by label: a 批复文号 that reads like a level's label is a switch of its own.
    var overlays = [];
    data.levels.forEach(function (l) {
      switches.level[l.level] = L.layerGroup();
      overlays.push([switches.level[l.level], escapeHtml(l.label)]);
    });
    switches.level.well = L.layerGroup();
    overlays.push([switches.level.well, escapeHtml(L10N.wellLayer)]);
    if (data.features.features.some(function (f) { return f.properties.kind === "project"; })) {
      switches.level.project = L.layerGroup();
      overlays.push([switches.level.project, escapeHtml(L10N.projectLayer)]);
    }
    data.approvals.forEach(function (a) {
      switches.approval[a.doc_no] = L.layerGroup();
      overlays.push([switches.approval[a.doc_no], escapeHtml(L10N.approval + " " + a.doc_no)]);
    });
    Object.keys(switches.level).forEach(function (k) { switches.level[k].addTo(map); });
    Object.keys(switches.approval).forEach(function (k) { switches.approval[k].addTo(map); });

    function update() {
      Object.keys(groups).forEach(function (id) {
        var g = groups[id];
        // Projects belong to no approval: only their own switch governs them.
        var byApproval = g.doc_no === "" ? true : map.hasLayer(switches.approval[g.doc_no]);
        var on = map.hasLayer(switches.level[g.key]) && byApproval;
        if (on && !map.hasLayer(g.layer)) g.layer.addTo(map);
        if (!on && map.hasLayer(g.layer)) map.removeLayer(g.layer);
      });
    }
    map.on("overlayadd overlayremove", update);
    update();

    var control = L.control.layers(null, null, { collapsed: false, position: "topright" });
    var first = null;
    data.baseLayers.forEach(function (b) {
      var layer = L.tileLayer(b.url, b.options);
      control.addBaseLayer(layer, escapeHtml(b.name));
      if (!first) first = layer;
    });
    overlays.forEach(function (o) { control.addOverlay(o[0], o[1]); });
    if (first) first.addTo(map); else map.getContainer().classList.add("geo-plain");
    control.addTo(map);

    var all = L.featureGroup(Object.keys(groups).map(function (id) { return groups[id].layer; }));
    return all.getLayers().length ? all.getBounds() : null;
  }

  window.geoBuildMap = function (map) {
    var data = JSON.parse(document.getElementById("geo-data").textContent);
    var state = { byCode: dict() };
    var bounds = buildLayers(map, data, state);
    L.control.scale({ metric: true, imperial: false, position: "bottomleft" }).addTo(map);
    mousePosition().addTo(map);
    sourcePanel(data, state).addTo(map);
    fullscreen(data).addTo(map);
    measure(data).addTo(map);
    legend(data).addTo(map);
    miniMap(data).addTo(map);
    if (bounds) map.fitBounds(bounds, { padding: [30, 30], animate: false });
    document.title = data.title;
    window.geoMapReady = true;
  };
})();
