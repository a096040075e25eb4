/* Geography on the map: county lines and names, the office's own layers (--basemap), and the
 * counties of projects known only by a place name, hatched.  Uses geoKit (map.js).
 */
(function () {
  "use strict";
  var K = window.geoKit, el = K.el, escapeHtml = K.escapeHtml;

  // --- geography ------------------------------------------------------------------------
  function geography(map, data, overlays) {
    var out = { counties: null, labels: null };
    if (data.counties.length) {
      map.createPane("geoGeography").style.zIndex = 250;
      var lines = L.geoJSON({ type: "FeatureCollection", features: data.counties }, {
        pane: "geoGeography", interactive: false,
        style: { color: "#6b5b4b", weight: 1.2, opacity: 0.8, fill: false, dashArray: "5 3", className: "geo-county" },
      });
      var labels = L.layerGroup();
      data.counties.forEach(function (c) {
        L.marker(c.properties.label, {
          pane: "geoGeography", interactive: false, keyboard: false,
          icon: L.divIcon({ className: "geo-county-label", html: "", iconSize: null }),
        }).on("add", function (e) { e.target.getElement().textContent = c.properties.name; }).addTo(labels);
      });
      var layer = L.layerGroup([lines, labels]);
      overlays.push([layer, escapeHtml(data.l10n.countyLayer)]);
      layer.addTo(map);
      map.attributionControl.addAttribution(escapeHtml(data.countySource));
      out.counties = lines;
    }
    data.office.forEach(function (office) {
      var layer = L.geoJSON({ type: "FeatureCollection", features: office.features }, {
        pane: "geoGeography",
        style: { color: "#3b6ea8", weight: 1.5, opacity: 0.9, fillColor: "#9ecae1", fillOpacity: 0.15, className: "geo-office" },
        pointToLayer: function (_, latlng) {
          return L.circleMarker(latlng, { pane: "geoGeography", radius: 3, color: "#3b6ea8", weight: 1, fillOpacity: 0.8 });
        },
        onEachFeature: function (f, l) {
          if (f.properties.name) l.bindTooltip(function () { return el("span", null, f.properties.name); }, { sticky: true });
        },
      });
      overlays.push([layer, escapeHtml(office.name)]);
      layer.addTo(map);
    });
    return out;
  }

  // --- projects known by place name: their county, hatched, never a yes or no --------------
  function unlocatedAreas(map, data, overlays) {
    var L10N = data.l10n, groups = data.unlocated.filter(function (g) { return g.area; });
    if (!groups.length) return false;
    map.createPane("geoUnlocated").style.zIndex = 300;
    var renderer = L.svg({ pane: "geoUnlocated" });
    var layer = L.layerGroup();
    groups.forEach(function (g) {
      var head = L10N.unlocatedArea.replace("{county}", g.county).replace("{n}", g.items.length);
      // The county is drawn, not clickable (a click anywhere in it would be no answer); its label is.
      layer.addLayer(L.geoJSON(g.area, {
        renderer: renderer, interactive: false,
        style: { color: "#762a83", weight: 1.5, dashArray: "6 4", fillColor: "#762a83", fillOpacity: 1, className: "geo-unlocated-area" },
      }));
      var label = L.marker(g.area.properties.label, {
        pane: "geoUnlocated", keyboard: false,
        // A zero-size anchor at the county's name; the text, centred under the name, is its child.
        icon: L.divIcon({ className: "geo-unlocated-label" + (g.holds_zone ? " geo-unlocated-may" : ""), html: "", iconSize: [0, 0] }),
      }).on("add", function (e) {
        var node = e.target.getElement();
        node.textContent = "";
        node.appendChild(el("span", null, g.items.length + " " + L10N.unlocatedShort));
      });
      label.bindPopup(function () {
        var box = el("div", "geo-popup");
        box.appendChild(el("div", "geo-popup-title", head));
        box.appendChild(el("p", "geo-note" + (g.holds_zone ? " geo-warning" : ""), g.holds_zone ? L10N.unlocatedMay : L10N.unlocatedNone));
        var list = el("ul", "geo-unlocated-list");
        g.items.slice(0, 30).forEach(function (item) {
          list.appendChild(el("li", null, [item.name, item.location].filter(Boolean).join(" · ")));
        });
        if (g.items.length > 30) list.appendChild(el("li", null, L10N.unlocatedMore.replace("{n}", g.items.length)));
        box.appendChild(list);
        return box;
      }, { maxWidth: 420 });
      label.bindTooltip(function () { return el("span", null, head); });
      layer.addLayer(label);
    });
    overlays.push([layer, escapeHtml(L10N.unlocatedLayer)]);
    layer.addTo(map);
    // Hatching: an SVG pattern in the pane's own drawing, which the areas' fill refers to (map.css).
    var svg = map.getPane("geoUnlocated").querySelector("svg");
    if (svg && !svg.querySelector("#geo-hatch")) {
      var ns = "http://www.w3.org/2000/svg", defs = document.createElementNS(ns, "defs"), pattern = document.createElementNS(ns, "pattern");
      pattern.setAttribute("id", "geo-hatch");
      pattern.setAttribute("patternUnits", "userSpaceOnUse");
      pattern.setAttribute("width", "10");
      pattern.setAttribute("height", "10");
      pattern.setAttribute("patternTransform", "rotate(45)");
      var line = document.createElementNS(ns, "line");
      line.setAttribute("x1", "0"); line.setAttribute("y1", "0"); line.setAttribute("x2", "0"); line.setAttribute("y2", "10");
      line.setAttribute("stroke", "#762a83"); line.setAttribute("stroke-width", "1.5"); line.setAttribute("stroke-opacity", "0.45");
      pattern.appendChild(line);
      defs.appendChild(pattern);
      svg.insertBefore(defs, svg.firstChild);
    }
    return true;
  }

  window.geoGeography = { draw: geography, unlocated: unlocatedAreas };
})();
