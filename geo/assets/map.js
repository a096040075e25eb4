/* Protection-zone map: data, layers, popups, the legend and the side panel; geography.js and
 * symbols.js draw the geography and the symbols and labels.
 * The tools (measure, locate, mouse position, attribute table, downloads, full screen, mini map)
 * are in tools.js.  Reads its data from <script id="geo-data"> (gzip, base64).
 * Every text that comes from data is set with textContent: nothing from a data file is ever
 * parsed as HTML.
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
    locate: "M12 2v4M12 18v4M2 12h4M18 12h4M12 8a4 4 0 1 0 0.01 0",
    table: "M3 4h18v16H3zM3 9h18M3 14h18M9 4v16",
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

  // Status colours, as the badges show them: a source symbol takes its worst zone's.
  var STATUS_COLOURS = { match: "#1a7f37", mismatch: "#c62828", not_derivable: "#6b6b6b", not_stated: "#999999" };

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

  function zonePopup(f, L10N, approvals, kit) {
    var p = f.properties;
    var box = el("div", "geo-popup");
    box.appendChild(el("div", "geo-popup-title", p.source_name + " · " + levelName(p)));
    var approval = approvals[p.doc_no] || {};
    var measuredArea = p.area_m2 === null ? null : fmt(p.area_m2, 1) + " m² (" + fmt(p.area_m2 / 1e6, 4) + " km²)";
    var perimeter = p.outer_perimeter_m === null ? null : fmt(p.outer_perimeter_m, 1) + " m" +
      (Math.abs(p.perimeter_m - p.outer_perimeter_m) > 0.05 ? " (" + L10N.allBoundaries + " " + fmt(p.perimeter_m, 1) + " m)" : "");
    box.appendChild(table([
      [L10N.code, p.source_code],
      [L10N.wells, Array.isArray(p.wells) ? p.wells.join("、") : p.wells],
      [L10N.rule, p.rule],
      [L10N.statedArea, p.stated_area_text ? p.stated_area_text + " km²" : null],
      [L10N.measuredArea, measuredArea],
      [L10N.statedPerimeter, p.stated_perimeter_text ? p.stated_perimeter_text + " m" : null],
      [L10N.measuredPerimeter, perimeter],
      [L10N.statusLabel, statusBadge(p.status, L10N)],
      [L10N.approval, [p.doc_no, approval.date].filter(Boolean).join(" · ")],
    ]));
    box.appendChild(el("p", "geo-note", p.note));
    if (f.geometry && kit.downloads) box.appendChild(kit.downloads(f));
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
      item.appendChild(el("div", "geo-conflict-head", (L10N.relation[c.relation] || c.relation) + " " + c.source_name + " " + c.level + L10N.zoneWord + " · " + figure + " · " + (c.relation === "near" ? L10N.outsideZone : c.law_article)));
      item.appendChild(el("div", "geo-note", c[L10N.lawKey]));
      box.appendChild(item);
    });
    return box;
  }

  function undrawnPopup(f, L10N, approvals, kit) {
    var box = zonePopup(f, L10N, approvals, kit);
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

  function swatchRow(box, swatch, label) {
    var row = el("div", "geo-legend-row");
    row.appendChild(swatch);
    row.appendChild(el("span", null, label));
    box.appendChild(row);
  }

  // The legend lists what this map has, nothing more.
  function legend(data, has) {
    return control("bottomright", function () {
      var box = el("div", "geo-legend leaflet-bar");
      box.appendChild(el("div", "geo-legend-title", data.l10n.legend));
      data.levels.forEach(function (level) {
        var swatch = el("span", "geo-swatch");
        swatch.style.background = level.fill;
        swatch.style.borderColor = level.stroke;
        swatch.style.borderStyle = level.dash ? "dashed" : "solid";
        swatchRow(box, swatch, level.label);
      });
      if (has.wells) swatchRow(box, el("span", "geo-swatch geo-swatch-well"), data.l10n.wellLayer);
      if (has.symbols) {
        Object.keys(STATUS_COLOURS).forEach(function (status) {
          if (!has.statuses[status]) return;
          var s = el("span", "geo-swatch geo-swatch-symbol");
          s.style.background = STATUS_COLOURS[status];
          swatchRow(box, s, data.l10n.symbolLegend + "：" + data.l10n.status[status]);
        });
      }
      if (has.projects) {
        var ps = el("span", "geo-swatch");
        ps.style.background = "#c2a5cf";
        ps.style.borderColor = "#762a83";
        swatchRow(box, ps, data.l10n.projectLayer);
      }
      if (has.conflicts) {
        var cs = el("span", "geo-swatch");
        cs.style.background = "#c2a5cf";
        cs.style.borderColor = "#e31a1c";
        cs.style.borderWidth = "3px";
        swatchRow(box, cs, data.l10n.conflictLegend);
      }
      if (has.undrawn) swatchRow(box, el("span", "geo-undrawn-icon geo-legend-icon", "?"), data.l10n.undrawnLegend);
      if (has.counties) swatchRow(box, el("span", "geo-swatch geo-swatch-county"), data.l10n.countyLayer);
      if (has.unlocatedAreas) swatchRow(box, el("span", "geo-swatch geo-swatch-unlocated"), data.l10n.unlocatedLayer);
      return box;
    });
  }

  function sourcePanel(data, state) {
    return control("topleft", function (map) {
      var box = el("div", "geo-panel leaflet-bar");
      box.appendChild(el("div", "geo-panel-title", data.title));
      if (data.home) {
        var back = el("a", "geo-home", data.l10n.home);
        back.href = data.home;
        box.appendChild(back);
      }
      var search = el("input", "geo-search");
      search.type = "search";
      search.placeholder = data.l10n.search;
      search.setAttribute("aria-label", data.l10n.search);
      box.appendChild(search);
      var countyHits = el("ul", "geo-county-results");
      box.appendChild(countyHits);
      var list = el("ul", "geo-source-list");
      data.sources.forEach(function (source) {
        var item = el("li", "geo-source");
        item.dataset.code = source.code;
        item.tabIndex = 0;
        item.appendChild(el("span", "geo-source-name", source.name));
        item.appendChild(statusBadge(source.status, data.l10n));
        item.appendChild(el("div", "geo-source-meta", [source.code, source.county, source.doc_no].filter(Boolean).join(" · ")));
        item.title = source.summary;
        function go() {
          state.goToSource(source);
          Array.prototype.forEach.call(list.children, function (li) { li.classList.toggle("geo-selected", li === item); });
        }
        item.addEventListener("click", go);
        item.addEventListener("keydown", function (e) { if (e.key === "Enter") go(); });
        list.appendChild(item);
      });
      var empty = el("div", "geo-empty", data.l10n.noMatch);
      empty.style.display = "none";
      search.addEventListener("input", function () {
        var q = search.value.trim().toLowerCase();
        var shown = 0;
        data.sources.forEach(function (source, i) {
          var hit = !q || [source.name, source.code, source.county, source.doc_no].some(function (t) {
            return t && t.toLowerCase().indexOf(q) >= 0;
          });
          list.children[i].style.display = hit ? "" : "none";
          if (hit) shown += 1;
        });
        // Counties by name (中阳 finds 中阳县): a click zooms to the county.
        countyHits.textContent = "";
        if (q) {
          data.counties.forEach(function (c) {
            if (c.properties.name.toLowerCase().indexOf(q) < 0) return;
            var li = el("li", "geo-county-result", c.properties.name + " · " + data.l10n.countyWord);
            li.tabIndex = 0;
            li.addEventListener("click", function () { state.goToCounty(c); });
            countyHits.appendChild(li);
          });
        }
        empty.style.display = shown || countyHits.children.length ? "none" : "";
      });
      box.appendChild(list);
      box.appendChild(empty);
      if (data.links.length) {
        var maps = el("details", "geo-links");
        maps.open = true;
        maps.appendChild(el("summary", null, data.l10n.linksTitle + " (" + data.links.length + ")"));
        var ul = el("ul", "geo-link-list");
        data.links.forEach(function (link) {
          var li = el("li");
          var a = el("a", "geo-link", link.doc_no);
          a.href = link.href;
          li.appendChild(a);
          li.appendChild(el("div", "geo-source-meta", [link.title, link.sources + " " + data.l10n.sourcesWord].filter(Boolean).join(" · ")));
          ul.appendChild(li);
        });
        maps.appendChild(ul);
        box.appendChild(maps);
      }
      if (data.unplaced.length) {
        // Sources whose wells the table gives no coordinates for: listed, as they cannot be drawn.
        var unplaced = el("details", "geo-unplaced");
        unplaced.open = true;
        unplaced.appendChild(el("summary", null, data.l10n.unplacedTitle + " (" + data.unplaced.length + ")"));
        var rows = el("ul", "geo-unlocated-list");
        data.unplaced.forEach(function (s) {
          var li = el("li", "geo-source-unplaced");
          li.dataset.code = s.code;
          li.appendChild(el("span", "geo-source-name", s.name));
          li.appendChild(statusBadge(s.status, data.l10n));
          li.appendChild(el("div", "geo-source-meta", [s.code, s.doc_no, s.summary].filter(Boolean).join(" · ")));
          rows.appendChild(li);
        });
        unplaced.appendChild(rows);
        box.appendChild(unplaced);
      }
      if (data.unlocated.length) {
        var details = el("details", "geo-unlocated");
        var total = data.unlocated.reduce(function (n, g) { return n + g.items.length; }, 0);
        details.appendChild(el("summary", null, data.l10n.unlocatedTitle + " (" + total + ")"));
        data.unlocated.forEach(function (group) {
          var g = el("details", "geo-unlocated-county");
          g.appendChild(el("summary", null, group.county + " (" + group.items.length + ")"));
          var items = el("ul", "geo-unlocated-list");
          group.items.forEach(function (item) {
            var li = el("li", null, item.name);
            li.title = [item.doc_no, item.location, data.l10n.unlocatedHint + ": " + item.precision].filter(Boolean).join(" · ");
            li.appendChild(el("div", "geo-source-meta", li.title));
            items.appendChild(li);
          });
          g.appendChild(items);
          details.appendChild(g);
        });
        box.appendChild(details);
      }
      state.panel = box;
      return box;
    });
  }

  // --- hover: one tooltip for every feature, kept clear of the side panel --------------
  function hover(map, state) {
    var tip = L.tooltip({ sticky: true, direction: "right", offset: [14, 0], className: "geo-hover" });
    var current = null;
    function place(latlng) {
      tip.setLatLng(latlng);
      if (!tip._container || !state.panel) return;
      var a = tip._container.getBoundingClientRect(), b = state.panel.getBoundingClientRect();
      var overlaps = a.left < b.right && a.right > b.left && a.top < b.bottom && a.bottom > b.top;
      if (overlaps) {
        // Slide the tooltip to the right of the panel, where it can be read.
        var shift = b.right - a.left + 8;
        var p = map.latLngToContainerPoint(latlng).add([shift, 0]);
        tip.setLatLng(map.containerPointToLatLng(p));
      }
    }
    state.hoverOn = function (layer, text, highlight) {
      layer.on("mouseover", function (e) {
        if (current && current !== layer && current._geoUnhighlight) current._geoUnhighlight();
        current = layer;
        tip.setContent(el("span", null, text()));
        if (!map.hasLayer(tip)) tip.setLatLng(e.latlng).addTo(map);
        place(e.latlng);
        if (highlight && layer.setStyle) {
          layer.setStyle(highlight.on);
          layer._geoUnhighlight = function () { layer.setStyle(highlight.off); };
        }
      });
      layer.on("mousemove", function (e) { if (current === layer) place(e.latlng); });
      layer.on("mouseout", function () {
        if (layer._geoUnhighlight) layer._geoUnhighlight();
        if (current === layer) { current = null; map.removeLayer(tip); }
      });
    };
  }

  // --- layers -----------------------------------------------------------------------
  function buildLayers(map, data, state, kit) {
    var L10N = data.l10n;
    // Maps keyed by text from data have no prototype: a 批复文号 of "__proto__" is just a key.
    var approvals = dict();
    data.approvals.forEach(function (a) { approvals[a.doc_no] = a; });
    var levelStyle = dict();
    data.levels.forEach(function (l) { levelStyle[l.level] = l; });
    // Canvas above a few thousand zones (Leaflet hit-tests clicks on it), SVG below.
    var renderer = data.canvas ? L.canvas({ padding: 0.1, tolerance: 3 }) : L.svg();
    var has = { wells: false, projects: false, conflicts: false, undrawn: false, symbols: true, statuses: dict(), counties: data.counties.length > 0 };
    data.sources.forEach(function (s) { has.statuses[s.status] = true; });

    // One group per (approval, level); the control switches levels and approvals.
    var groups = dict();
    function group(docNo, key) {
      var id = docNo + "\u0000" + key;
      if (!groups[id]) groups[id] = { doc_no: docNo, key: key, layer: L.featureGroup() };
      return groups[id].layer;
    }
    var wells = [];
    state.zones = [];

    // A zone's layer, made when first needed: at once on SVG maps, while in view on canvas maps.
    function makeZone(z) {
      var f = z.feature, p = f.properties, s = levelStyle[p.level];
      window.geoSymbols.decodeGeometry(f.geometry);
      var style = {
        renderer: renderer, color: s.stroke, weight: 2, fillColor: s.fill, fillOpacity: s.opacity, dashArray: s.dash || null,
        className: "geo-zone geo-level-" + s.key + " geo-zone-" + cssName(p.source_code),
      };
      var layer = L.GeoJSON.geometryToLayer(f, style);
      layer.feature = f;
      layer.bindPopup(function () { return zonePopup(f, L10N, approvals, kit); }, { maxWidth: 420 });
      state.hoverOn(layer, function () { return p.source_name + " · " + levelName(p); }, { on: { weight: 4 }, off: { weight: 2 } });
      layer.addTo(z.group);
      z.layer = layer;
      return layer;
    }
    state.zoneLayer = function (z) { return z.layer || makeZone(z); };
    state.zonesByCode = dict();

    data.features.features.forEach(function (f) {
      var p = f.properties;
      if (p.kind === "zone" && f.geometry) {
        var z = { feature: f, layer: null, group: group(p.doc_no, p.level) };
        if (!data.canvas) makeZone(z);
        state.zones.push(z);
        (state.zonesByCode[p.source_code] = state.zonesByCode[p.source_code] || []).push(z);
        if (!state.byCode[p.source_code] || p.level === "一级") state.byCode[p.source_code] = z;
      } else if (p.kind === "zone" && p.marker_lat != null) {  // a source with no position has no marker
        has.undrawn = true;
        var marker = L.marker([p.marker_lat, p.marker_lon], {
          // Up and to the right of the source, so that its wells and drawn zones stay visible.
          icon: L.divIcon({ className: "geo-undrawn-icon", html: "?", iconSize: [22, 22], iconAnchor: [-6, 28] }),
          title: p.source_name + " · " + p.level + " · " + L10N.notDrawnShort,
          keyboard: false,
        });
        marker.bindPopup(function () { return undrawnPopup(f, L10N, approvals, kit); }, { maxWidth: 420 });
        state.hoverOn(marker, function () { return p.source_name + " · " + p.level + " · " + L10N.notDrawnShort; });
        marker.addTo(group(p.doc_no, p.level));
        state.zones.push({ feature: f, layer: marker });
        if (!state.byCode[p.source_code]) state.byCode[p.source_code] = state.zones[state.zones.length - 1];
      } else if (p.kind === "project") {
        has.projects = true;
        var conflict = p.conflicts.some(function (c) { return c.relation !== "near"; });
        if (conflict) has.conflicts = true;
        var pstyle = {
          renderer: renderer, color: conflict ? "#e31a1c" : "#762a83", weight: conflict ? 4 : 2, fillColor: "#c2a5cf", fillOpacity: 0.6,
          className: "geo-project" + (conflict ? " geo-project-conflict" : ""),
        };
        // Every point of any geometry (Point, MultiPoint, a GeometryCollection) as a circle: no default
        // marker, whose icon images would have to come from a server.
        var shape = L.geoJSON(f, {
          style: pstyle,
          pointToLayer: function (_, latlng) { return L.circleMarker(latlng, Object.assign({ radius: 6 }, pstyle)); },
        });
        leaves(shape).forEach(function (part) {
          part.bindPopup(function () { return projectPopup(p, L10N); }, { maxWidth: 440 });
          state.hoverOn(part, function () { return p.name; });
          part.addTo(group("", "project"));
        });
      } else if (p.kind === "well") {
        has.wells = true;
        var latlng = [f.geometry.coordinates[1], f.geometry.coordinates[0]];
        var well = L.circleMarker(latlng, {
          renderer: renderer, radius: 5, color: "#111", weight: 2, fillColor: "#fff", fillOpacity: 1,
          className: "geo-well geo-well-" + cssName(p.source_code + "-" + (p.well_no || "1")),
        });
        well.bindPopup(function () { return wellPopup(p, L10N, approvals); }, { maxWidth: 380 });
        state.hoverOn(well, function () { return p.source_name + (p.well_no ? " " + p.well_no : ""); });
        well.addTo(group(p.doc_no, "well"));
        wells.push({ latlng: L.latLng(latlng), no: p.well_no || "", doc_no: p.doc_no });
      }
    });

    // Switches: geography, levels, approvals; a group shows when both of its switches are on.
    var switches = { level: dict(), approval: dict() };
    // Whether an approval's switch is on (the sources' symbols and labels follow it as its zones do).
    state.approvalShown = function (doc) {
      var sw = switches.approval[doc];
      return !sw || map.hasLayer(sw);
    };
    // A list, not an object keyed by label: a 批复文号 that reads like a level's label is a switch of its own.
    var overlays = [];
    state.geography = window.geoGeography.draw(map, data, overlays);
    has.unlocatedAreas = window.geoGeography.unlocated(map, data, overlays);
    data.levels.forEach(function (l) {
      switches.level[l.level] = L.layerGroup();
      overlays.push([switches.level[l.level], escapeHtml(l.label)]);
    });
    if (has.wells) {
      switches.level.well = L.layerGroup();
      overlays.push([switches.level.well, escapeHtml(L10N.wellLayer)]);
    }
    if (has.projects) {
      switches.level.project = L.layerGroup();
      overlays.push([switches.level.project, escapeHtml(L10N.projectLayer)]);
    }
    overlays.push([window.geoSymbols.symbols(map, data, state, renderer), escapeHtml(L10N.symbolLayer)]);
    if (data.canvas) window.geoSymbols.zonesInView(map, state);
    overlays.push([window.geoSymbols.labels(map, data, state, wells), escapeHtml(L10N.labelLayer)]);
    // Up to APPROVAL_SWITCHES approvals each have their switch among the layers; more (a register's
    // hundreds) have theirs in a folded, scrolling list of their own below them (approvalSwitches).
    var inline = data.approvals.length <= APPROVAL_SWITCHES;
    if (data.approvals.length > 1) {
      data.approvals.forEach(function (a) {
        switches.approval[a.doc_no] = L.layerGroup();
        if (inline) overlays.push([switches.approval[a.doc_no], escapeHtml(L10N.approval + " " + a.doc_no)]);
      });
    }
    Object.keys(switches.level).forEach(function (k) { switches.level[k].addTo(map); });
    Object.keys(switches.approval).forEach(function (k) { switches.approval[k].addTo(map); });

    function update() {
      Object.keys(groups).forEach(function (id) {
        var g = groups[id];
        // Projects belong to no approval: only their own switch governs them.
        var sw = switches.approval[g.doc_no];
        var byApproval = g.doc_no === "" || !sw ? true : map.hasLayer(sw);
        var on = map.hasLayer(switches.level[g.key]) && byApproval;
        if (on && !map.hasLayer(g.layer)) g.layer.addTo(map);
        if (!on && map.hasLayer(g.layer)) map.removeLayer(g.layer);
      });
    }
    map.on("overlayadd overlayremove", update);
    update();
    var shownApprovals = function () { map.fire("geoapprovals"); };
    map.on("overlayadd overlayremove", shownApprovals);

    var layers = L.control.layers(null, null, { collapsed: false, position: "topright" });
    var first = null;
    data.baseLayers.forEach(function (b) {
      var tiles = L.tileLayer(b.url, b.options);
      var layer = b.labels ? L.layerGroup([tiles, L.tileLayer(b.labels.url, b.labels.options)]) : tiles;
      leaves(layer).forEach(function (t) { kit.watchTiles(t); });
      layers.addBaseLayer(layer, escapeHtml(b.name));
      if (!first) first = layer;
    });
    overlays.forEach(function (o) { layers.addOverlay(o[0], o[1]); });
    if (first) first.addTo(map); else map.getContainer().classList.add("geo-plain");
    layers.addTo(map);
    if (!inline && data.approvals.length > 1) {
      approvalSwitches(map, layers, L10N, data.approvals, switches.approval, function () { update(); shownApprovals(); });
    }
    state.has = has;
    state.renderer = renderer;
    state.approvals = approvals;
  }

  // The most approvals whose switches are listed among the layers, one by one.
  var APPROVAL_SWITCHES = 8;

  // A register's approvals' switches: folded under "批复 (N)" below the layers, with one for all of them.
  // Kept outside the lists Leaflet's control redraws, so a layer switched on or off leaves them as they are.
  function approvalSwitches(map, layers, L10N, approvals, byDoc, update) {
    var box = el("details", "geo-approval-switches");
    box.appendChild(el("summary", null, L10N.approval + " (" + approvals.length + ")"));
    var list = el("div", "geo-approval-switch-list");
    function row(text, checked, onChange) {
      var label = el("label");
      var input = el("input");
      input.type = "checkbox";
      input.checked = checked;
      input.addEventListener("change", function () { onChange(input.checked); });
      label.appendChild(input);
      label.appendChild(el("span", null, " " + text));
      list.appendChild(label);
      return input;
    }
    var boxes = [];
    var all = row(L10N.all, true, function (on) {
      boxes.forEach(function (b) { b.input.checked = on; switchTo(b.layer, on); });
      update();
    });
    function switchTo(layer, on) {
      if (on && !map.hasLayer(layer)) layer.addTo(map);
      if (!on && map.hasLayer(layer)) map.removeLayer(layer);
    }
    approvals.forEach(function (a) {
      var layer = byDoc[a.doc_no];
      var input = row(a.doc_no, true, function (on) {
        switchTo(layer, on);
        all.checked = boxes.every(function (b) { return b.input.checked; });
        update();
      });
      boxes.push({ input: input, layer: layer });
    });
    box.appendChild(list);
    var section = layers.getContainer().querySelector(".leaflet-control-layers-list");
    section.appendChild(box);
    L.DomEvent.disableClickPropagation(box);
    L.DomEvent.disableScrollPropagation(box);
  }

  function loadData() {
    var node = document.getElementById("geo-data");
    if (typeof DecompressionStream === "undefined") {
      return Promise.reject(new Error("DecompressionStream"));
    }
    var text = atob(node.textContent.trim());
    var bytes = new Uint8Array(text.length);
    for (var i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    return new Response(stream).text().then(JSON.parse);
  }

  // The title block a print carries (map.css shows it only in print), and the map re-laid out for the page.
  function printTitle(map, data) {
    var box = el("div", "geo-print-title");
    box.appendChild(el("h1", null, data.title));
    var today = new Date();
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    var date = today.getFullYear() + "-" + pad(today.getMonth() + 1) + "-" + pad(today.getDate());
    box.appendChild(el("p", null, data.l10n.printNote.replace("{date}", date)));
    document.body.insertBefore(box, document.body.firstChild);
    var media = window.matchMedia("print");
    var relayout = function () { map.invalidateSize({ animate: false }); };
    if (media.addEventListener) media.addEventListener("change", relayout);
    window.addEventListener("beforeprint", relayout);
    window.addEventListener("afterprint", relayout);
  }

  window.geoKit = {
    el: el, dict: dict, fmt: fmt, dms: dms, icon: icon, control: control, levelName: levelName,
    statusBadge: statusBadge, cssName: cssName, escapeHtml: escapeHtml, STATUS_COLOURS: STATUS_COLOURS,
  };

  // The map opens on its zones between the side panel and the layers (before, the sources at the west
  // edge of a register opened under the panel); where that leaves too narrow a strip, over the whole map.
  function openingPadding(map, state) {
    var box = map.getContainer().getBoundingClientRect();
    var layers = map.getContainer().querySelector(".leaflet-control-layers");
    var left = state.panel ? state.panel.getBoundingClientRect().right - box.left + 20 : 30;
    var right = layers ? box.right - layers.getBoundingClientRect().left + 20 : 30;
    if (box.width - left - right < 320) left = right = 30;
    return { paddingTopLeft: [left, 30], paddingBottomRight: [right, 30] };
  }

  window.geoBuildMap = function (map) {
    loadData().then(function (data) {
      var state = { byCode: dict() };
      var kit = window.geoTools.kit(map, data, state);
      hover(map, state);
      state.goToSource = function (source, fromSymbol) {
        map.fitBounds(source.bounds, { maxZoom: 17, padding: [40, 40], animate: false });
        var target = state.byCode[source.code];
        if (target && !fromSymbol) (target.feature.geometry ? state.zoneLayer(target) : target.layer).openPopup();
      };
      state.goToCounty = function (county) {
        var layer = L.geoJSON(county);
        map.fitBounds(layer.getBounds(), { animate: false });
      };
      buildLayers(map, data, state, kit);
      sourcePanel(data, state).addTo(map);
      window.geoTools.add(map, data, state);
      legend(data, state.has).addTo(map);
      if (data.fit) map.fitBounds(data.fit, L.extend(openingPadding(map, state), { maxZoom: 17, animate: false }));
      document.title = data.title;
      printTitle(map, data);
      window.geoMap = { map: map, data: data, state: state };
      window.geoMapReady = true;
    }).catch(function (err) {
      var box = el("div", "geo-fatal", "此浏览器无法打开本地图（需 Chrome/Edge 80、Firefox 113、Safari 16.4 或更新版本）。" +
        " This browser cannot open the map (it needs Chrome/Edge 80, Firefox 113, Safari 16.4 or newer). " + err);
      map.getContainer().appendChild(box);
      throw err;
    });
  };
})();
