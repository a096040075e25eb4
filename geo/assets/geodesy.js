/* Geodesy on the CGCS2000 ellipsoid for the map's tools: distances, areas, Gauss–Krüger X/Y,
 * and coordinates as officers type them.  Exposed as window.geoGeodesy (the tests call it too).
 *
 * distance: Vincenty's inverse formula (sub-millimetre for the distances measured on a map).
 * area: the polygon projected on the ellipsoidal Lambert azimuthal equal-area projection centred
 *   on it (Snyder 1987, §24), where plane areas are areas on the ellipsoid.
 * Gauss–Krüger: transverse Mercator by Krüger's series to n⁴ (sub-millimetre within a 3° zone).
 */
(function () {
  "use strict";

  var A = 6378137.0, F = 1 / 298.257222101; // CGCS2000 (GRS 80 axes)
  var B = A * (1 - F), E2 = F * (2 - F), E = Math.sqrt(E2);
  function rad(x) { return (x * Math.PI) / 180; }
  function deg(x) { return (x * 180) / Math.PI; }

  // --- distance ------------------------------------------------------------------
  function distance(p, q) {
    var L = rad(q.lng - p.lng);
    var U1 = Math.atan((1 - F) * Math.tan(rad(p.lat))), U2 = Math.atan((1 - F) * Math.tan(rad(q.lat)));
    var sinU1 = Math.sin(U1), cosU1 = Math.cos(U1), sinU2 = Math.sin(U2), cosU2 = Math.cos(U2);
    var lambda = L, prev, sinSigma, cosSigma, sigma, cos2Alpha, cos2SigmaM, iter = 0;
    do {
      var sinL = Math.sin(lambda), cosL = Math.cos(lambda);
      sinSigma = Math.sqrt((cosU2 * sinL) ** 2 + (cosU1 * sinU2 - sinU1 * cosU2 * cosL) ** 2);
      if (sinSigma === 0) return 0;
      cosSigma = sinU1 * sinU2 + cosU1 * cosU2 * cosL;
      sigma = Math.atan2(sinSigma, cosSigma);
      var sinAlpha = (cosU1 * cosU2 * sinL) / sinSigma;
      cos2Alpha = 1 - sinAlpha * sinAlpha;
      cos2SigmaM = cos2Alpha ? cosSigma - (2 * sinU1 * sinU2) / cos2Alpha : 0;
      var C = (F / 16) * cos2Alpha * (4 + F * (4 - 3 * cos2Alpha));
      prev = lambda;
      lambda = L + (1 - C) * F * sinAlpha * (sigma + C * sinSigma * (cos2SigmaM + C * cosSigma * (-1 + 2 * cos2SigmaM ** 2)));
    } while (Math.abs(lambda - prev) > 1e-12 && ++iter < 200);
    var u2 = (cos2Alpha * (A * A - B * B)) / (B * B);
    var bigA = 1 + (u2 / 16384) * (4096 + u2 * (-768 + u2 * (320 - 175 * u2)));
    var bigB = (u2 / 1024) * (256 + u2 * (-128 + u2 * (74 - 47 * u2)));
    var dSigma = bigB * sinSigma * (cos2SigmaM + (bigB / 4) * (cosSigma * (-1 + 2 * cos2SigmaM ** 2) -
      (bigB / 6) * cos2SigmaM * (-3 + 4 * sinSigma ** 2) * (-3 + 4 * cos2SigmaM ** 2)));
    return B * bigA * (sigma - dSigma);
  }

  // --- area --------------------------------------------------------------------------
  function q(phi) {
    var s = Math.sin(phi);
    return (1 - E2) * (s / (1 - E2 * s * s) - (1 / (2 * E)) * Math.log((1 - E * s) / (1 + E * s)));
  }
  var QP = q(Math.PI / 2), RQ = A * Math.sqrt(QP / 2);
  function authalic(phi) { return Math.asin(Math.max(-1, Math.min(1, q(phi) / QP))); }

  function area(points) {
    if (points.length < 3) return 0;
    var lat0 = 0, lng0 = 0;
    points.forEach(function (p) { lat0 += p.lat; lng0 += p.lng; });
    lat0 = rad(lat0 / points.length); lng0 /= points.length;
    var b1 = authalic(lat0), sinB1 = Math.sin(b1), cosB1 = Math.cos(b1);
    var m1 = Math.cos(lat0) / Math.sqrt(1 - E2 * Math.sin(lat0) ** 2);
    var D = (A * m1) / (RQ * cosB1);
    var xy = points.map(function (p) {
      var b = authalic(rad(p.lat)), dl = rad(p.lng - lng0);
      var k = RQ * Math.sqrt(2 / (1 + sinB1 * Math.sin(b) + cosB1 * Math.cos(b) * Math.cos(dl)));
      return [k * D * Math.cos(b) * Math.sin(dl), (k / D) * (cosB1 * Math.sin(b) - sinB1 * Math.cos(b) * Math.cos(dl))];
    });
    var sum = 0;
    for (var i = 0; i < xy.length; i++) {
      var a = xy[i], c = xy[(i + 1) % xy.length];
      sum += a[0] * c[1] - c[0] * a[1];
    }
    return Math.abs(sum / 2);
  }

  // --- Gauss–Krüger ------------------------------------------------------------------
  var N = F / (2 - F), N2 = N * N, N3 = N2 * N, N4 = N3 * N;
  var AA = (A / (1 + N)) * (1 + N2 / 4 + N4 / 64);
  var ALPHA = [N / 2 - (2 * N2) / 3 + (5 * N3) / 16 + (41 * N4) / 180, (13 * N2) / 48 - (3 * N3) / 5 + (557 * N4) / 1440,
    (61 * N3) / 240 - (103 * N4) / 140, (49561 * N4) / 161280];
  var BETA = [N / 2 - (2 * N2) / 3 + (37 * N3) / 96 - N4 / 360, N2 / 48 + N3 / 15 - (437 * N4) / 1440,
    (17 * N3) / 480 - (37 * N4) / 840, (4397 * N4) / 161280];
  var DELTA = [2 * N - (2 * N2) / 3 - 2 * N3 + (116 * N4) / 45, (7 * N2) / 3 - (8 * N3) / 5 - (227 * N4) / 45,
    (56 * N3) / 15 - (136 * N4) / 35, (4279 * N4) / 630];
  var FALSE_EASTING = 500000;

  // lon/lat → {x: northing, y: easting without the zone number} for central meridian cm (degrees).
  function gkForward(lng, lat, cm) {
    var phi = rad(lat), dl = rad(lng - cm);
    var c = (2 * Math.sqrt(N)) / (1 + N);
    var t = Math.sinh(Math.atanh(Math.sin(phi)) - c * Math.atanh(c * Math.sin(phi)));
    var xi = Math.atan2(t, Math.cos(dl)), eta = Math.atanh(Math.sin(dl) / Math.sqrt(1 + t * t));
    var x = xi, y = eta;
    for (var j = 1; j <= 4; j++) {
      x += ALPHA[j - 1] * Math.sin(2 * j * xi) * Math.cosh(2 * j * eta);
      y += ALPHA[j - 1] * Math.cos(2 * j * xi) * Math.sinh(2 * j * eta);
    }
    return { x: AA * x, y: FALSE_EASTING + AA * y };
  }

  function gkInverse(x, y, cm) {
    var xi = x / AA, eta = (y - FALSE_EASTING) / AA, xi1 = xi, eta1 = eta;
    for (var j = 1; j <= 4; j++) {
      xi1 -= BETA[j - 1] * Math.sin(2 * j * xi) * Math.cosh(2 * j * eta);
      eta1 -= BETA[j - 1] * Math.cos(2 * j * xi) * Math.sinh(2 * j * eta);
    }
    var chi = Math.asin(Math.sin(xi1) / Math.cosh(eta1)), phi = chi;
    for (j = 1; j <= 4; j++) phi += DELTA[j - 1] * Math.sin(2 * j * chi);
    return { lat: deg(phi), lng: cm + deg(Math.atan2(Math.sinh(eta1), Math.cos(xi1))) };
  }

  // The zone a Y's leading number names: 25–45 are 3° zones (CM 3n), 13–23 are 6° zones (CM 6n − 3).
  function zoneMeridian(zone) {
    if (zone >= 25 && zone <= 45) return 3 * zone;
    if (zone >= 13 && zone <= 23) return 6 * zone - 3;
    return null;
  }
  function zone3(lng) { return Math.round(lng / 3); }

  // --- coordinates as typed ------------------------------------------------------------
  // One angle: 111°12′30.5″, 111 12 30.5, 111:12:30.5, 111.2085 (with an optional E/N/S/W or 东经/北纬).
  function angle(text) {
    var t = String(text).trim().replace(/[东经北纬ENSW]/gi, "").trim();
    var m = t.match(/^(-?\d+(?:\.\d+)?)(?:\s*[°度:\s]\s*(\d+(?:\.\d+)?)(?:\s*['′’分:\s]\s*(\d+(?:\.\d+)?)\s*(?:["″”]|''|秒)?)?\s*['′’分]?)?\s*[°度]?$/);
    if (!m) return null;
    var d = parseFloat(m[1]), mi = m[2] ? parseFloat(m[2]) : 0, s = m[3] ? parseFloat(m[3]) : 0;
    if (mi >= 60 || s >= 60) return null;
    return (d < 0 ? -1 : 1) * (Math.abs(d) + mi / 60 + s / 3600);
  }

  /* Text an officer types → {lat, lng, how} or {error}.  Accepts:
   *   X=4135821.234 Y=37512342.575   (Gauss–Krüger, X northing, Y easting with its zone number)
   *   4135821.234, 37512342.575      (the same, in either order)
   *   4135821.234, 512342.575        (easting without its number: the 3° zone of `nearLng`)
   *   111°12′30.5″E 37°21′5″N  /  111.2085, 37.3514  (longitude and latitude, in either order)
   */
  function parseLocation(text, nearLng) {
    var t = String(text).trim();
    if (!t) return { error: "empty" };
    var named = t.match(/X\s*[=:：]\s*(-?\d+(?:\.\d+)?)\D+?Y\s*[=:：]\s*(-?\d+(?:\.\d+)?)/i) ||
      t.match(/Y\s*[=:：]\s*(-?\d+(?:\.\d+)?)\D+?X\s*[=:：]\s*(-?\d+(?:\.\d+)?)/i);
    var parts;
    if (named) {
      parts = /^\s*Y/i.test(t.slice(t.search(/[XY]\s*[=:：]/i))) ? [named[2], named[1]] : [named[1], named[2]];
      return gkFrom(parseFloat(parts[0]), parseFloat(parts[1]), nearLng);
    }
    parts = t.split(/\s*[,，;；]\s*|\s{2,}|\t/).filter(Boolean);
    if (parts.length !== 2) {
      var nums = t.match(/-?\d+(?:\.\d+)?/g) || [];
      if (nums.length === 2 && !/[°度′″'"分秒]/.test(t)) parts = nums;
      else parts = splitAngles(t) || parts;
    }
    if (parts.length !== 2) return { error: "format" };
    var a = parts[0], b = parts[1];
    var na = Number(a), nb = Number(b);
    if (isFinite(na) && isFinite(nb) && (Math.abs(na) > 1000 || Math.abs(nb) > 1000)) {
      // Metres: X (northing) is 7 digits in China; Y carries its zone number (8 digits) or not (6).
      var x = na, y = nb;
      if (Math.abs(na) >= 1e7 || (Math.abs(na) < 1e6 && Math.abs(nb) >= 1e6 && Math.abs(nb) < 1e7)) { x = nb; y = na; }
      return gkFrom(x, y, nearLng);
    }
    var u = angle(a), v = angle(b);
    if (u === null || v === null) return { error: "format" };
    // Longitude in China is 73–136°, latitude 3–54°: the larger number is the longitude.
    var lng = Math.max(u, v), lat = Math.min(u, v);
    if (/[NS北纬]/i.test(a) || /[EW东经]/i.test(b)) { lat = u; lng = v; }
    if (/[EW东经]/i.test(a) || /[NS北纬]/i.test(b)) { lng = u; lat = v; }
    if (Math.abs(lat) > 90 || Math.abs(lng) > 180) return { error: "range" };
    return { lat: lat, lng: lng, how: "degrees" };
  }

  // Two angles parted by single spaces ("111°12′30″ 37°21′05″", "111 12 30.5 37 21 5"): the one
  // place to part them where both halves read as angles; with several, the one parting the words evenly.
  function splitAngles(t) {
    var words = t.split(/\s+/), found = [];
    for (var i = 1; i < words.length; i++) {
      var a = words.slice(0, i).join(" "), b = words.slice(i).join(" ");
      if (angle(a) !== null && angle(b) !== null) found.push({ parts: [a, b], even: 2 * i === words.length });
    }
    if (found.length === 1) return found[0].parts;
    var even = found.filter(function (f) { return f.even; });
    return even.length === 1 ? even[0].parts : null;
  }

  function gkFrom(x, y, nearLng) {
    var zone, easting = y;
    if (y >= 1e7 && y < 1e8) { zone = Math.floor(y / 1e6); easting = y - zone * 1e6; }
    else if (y >= 1e6 && y < 1e7) { zone = Math.floor(y / 1e6); easting = y - zone * 1e6; }
    else zone = zone3(nearLng);
    var cm = zoneMeridian(zone);
    if (cm === null) return { error: "zone", zone: zone };
    if (x < 0 || x > 1e7) return { error: "range" };
    var ll = gkInverse(x, easting, cm);
    return { lat: ll.lat, lng: ll.lng, how: "gk", zone: zone, cm: cm };
  }

  window.geoGeodesy = {
    distance: distance,
    area: area,
    gkForward: gkForward,
    gkInverse: gkInverse,
    zone3: zone3,
    zoneMeridian: zoneMeridian,
    angle: angle,
    parseLocation: parseLocation,
  };
})();
