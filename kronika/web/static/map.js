// The map: Natural Earth country and admin-1 region boundaries (shipped with kronika) in Web Mercator, places
// as markers sized by chronicle events and styled by geo precision; pan, zoom, click.
// Optional raster tiles only when the server was given a tile URL. Text goes in through
// textContent and attributes only, never as markup.
(function () {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";
  var svg = document.getElementById("map");
  var data = JSON.parse(document.getElementById("map-data").textContent);
  var detail = document.getElementById("map-detail");
  var view = { x: 0, y: 0, w: 256, h: 160 };
  var tilesLayer = el("g", { "class": "tiles" });
  var countries = el("g", { "class": "countries" });
  var regions = el("g", { "class": "regions" });
  var borders = el("g", { "class": "borders" });
  var markers = el("g", { "class": "markers" });
  [tilesLayer, countries, regions, borders, markers].forEach(function (g) { svg.appendChild(g); });

  function el(name, attrs) {
    var node = document.createElementNS(SVG, name);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    return node;
  }
  function project(lon, lat) {
    var phi = Math.max(-85, Math.min(85, lat)) * Math.PI / 180;
    return [(lon + 180) / 360 * 256, (1 - Math.log(Math.tan(phi) + 1 / Math.cos(phi)) / Math.PI) / 2 * 256];
  }
  function pixelsPerUnit() {
    var box = svg.getBoundingClientRect();
    return Math.min(box.width / view.w, box.height / view.h) || 1;
  }
  function apply() {
    svg.setAttribute("viewBox", [view.x, view.y, view.w, view.h].join(" "));
    var unit = 1 / pixelsPerUnit();
    markers.querySelectorAll("circle").forEach(function (c) {
      c.setAttribute("r", Number(c.dataset.px) * unit);
    });
    markers.querySelectorAll("text").forEach(function (t) {
      t.setAttribute("font-size", 11 * unit);
      t.setAttribute("stroke-width", 3 * unit);
      t.setAttribute("dx", Number(t.dataset.px) * unit + 2 * unit);
      t.setAttribute("dy", 4 * unit);
    });
    drawTiles();
  }
  function fit(points) {
    if (!points.length) { view = { x: 0, y: 20, w: 256, h: 160 }; apply(); return; }
    var xs = points.map(function (p) { return p[0]; }), ys = points.map(function (p) { return p[1]; });
    var x0 = Math.min.apply(null, xs), x1 = Math.max.apply(null, xs);
    var y0 = Math.min.apply(null, ys), y1 = Math.max.apply(null, ys);
    var box = svg.getBoundingClientRect(), aspect = (box.width || 800) / (box.height || 600);
    var w = Math.max(x1 - x0, 2.5) * 1.6, h = Math.max(y1 - y0, 1.6) * 1.6;
    if (w / h < aspect) { w = h * aspect; } else { h = w / aspect; }
    view = { x: (x0 + x1) / 2 - w / 2, y: (y0 + y1) / 2 - h / 2, w: w, h: h };
    apply();
  }
  function drawTiles() {
    if (!data.tile_url) { return; }
    while (tilesLayer.firstChild) { tilesLayer.removeChild(tilesLayer.firstChild); }
    var z = Math.max(0, Math.min(18, Math.round(Math.log2(pixelsPerUnit()))));
    var size = 256 / Math.pow(2, z), n = Math.pow(2, z);
    for (var tx = Math.floor(view.x / size); tx * size < view.x + view.w; tx++) {
      for (var ty = Math.max(0, Math.floor(view.y / size)); ty * size < view.y + view.h && ty < n; ty++) {
        var wx = ((tx % n) + n) % n;
        var url = data.tile_url.replace("{z}", z).replace("{x}", wx).replace("{y}", ty);
        tilesLayer.appendChild(el("image", { href: url, x: tx * size, y: ty * size, width: size, height: size }));
      }
    }
  }
  function ringPath(ring) {
    return ring.map(function (p, i) {
      var q = project(p[0], p[1]);
      return (i ? "L" : "M") + q[0].toFixed(3) + " " + q[1].toFixed(3);
    }).join("") + "Z";
  }
  function select(place, marker) {
    markers.querySelectorAll(".selected").forEach(function (m) { m.classList.remove("selected"); });
    if (marker) { marker.classList.add("selected"); }
    while (detail.firstChild) { detail.removeChild(detail.firstChild); }
    var h = document.createElement("h2");
    var a = document.createElement("a");
    a.href = "/places/" + encodeURIComponent(place.id);
    a.textContent = place.name;
    h.appendChild(a);
    detail.appendChild(h);
    var meta = document.createElement("p");
    meta.className = "hint";
    meta.textContent = place.precision + " · " + place.mentions + " mention(s) · " + place.events.length + " event(s)";
    detail.appendChild(meta);
    var list = document.createElement("ul");
    place.events.forEach(function (e) {
      var li = document.createElement("li"), link = document.createElement("a");
      link.href = "/chronicle/" + encodeURIComponent(e.id);
      link.textContent = e.label;
      li.appendChild(link);
      list.appendChild(li);
    });
    detail.appendChild(list);
  }

  var focus = [], others = [];
  var byId = {};
  data.places.slice().sort(function (a, b) { return a.events.length - b.events.length; }).forEach(function (p) {
    var q = project(p.lon, p.lat);
    var n = p.events.length;
    var px = n ? 5 + 4 * Math.sqrt(n) : 3.5;
    if (p.precision === "country") { px = Math.max(px, 12); }
    var cls = "marker " + p.precision + (n ? "" : " none");
    var c = el("circle", { cx: q[0], cy: q[1], "class": cls, "data-px": px, "data-place": p.id, tabindex: "0" });
    var title = el("title");
    title.textContent = p.name + " (" + p.precision + "): " + n + " event(s), " + p.mentions + " mention(s)";
    c.appendChild(title);
    c.addEventListener("click", function () { select(p, c); });
    c.addEventListener("keydown", function (ev) { if (ev.key === "Enter") { select(p, c); } });
    markers.appendChild(c);
    byId[p.id] = { place: p, marker: c };
    if (n || p.precision === "town") {
      var label = el("text", { x: q[0], y: q[1], "class": "place-label", "data-px": px });
      label.textContent = p.name;
      markers.appendChild(label);
    }
    if (p.precision !== "country") { (n ? focus : others).push(q); }
  });

  function geometryPath(g) {
    var polygons = g.type === "Polygon" ? [g.coordinates] : g.coordinates;
    return polygons.map(function (poly) { return poly.map(ringPath).join(""); }).join("");
  }
  function load(name) {
    return fetch("/map/" + name + ".geojson", { credentials: "same-origin" }).then(function (r) {
      return r.ok ? r.json() : { features: [] };
    });
  }
  // Country fills, then admin-1 region lines, then the country borders again on top.
  Promise.all([load("world"), load("regions").catch(function () { return { features: [] }; })]).then(function (layers) {
    layers[0].features.forEach(function (f) {
      var path = el("path", { d: geometryPath(f.geometry), "class": "country", "fill-rule": "evenodd" });
      borders.appendChild(el("path", { d: path.getAttribute("d"), "class": "border" }));
      var title = el("title");
      title.textContent = f.properties.name;
      path.appendChild(title);
      countries.appendChild(path);
    });
    layers[1].features.forEach(function (f) {
      regions.appendChild(el("path", { d: geometryPath(f.geometry), "class": "adm1", "data-code": f.properties.iso_3166_2 || "" }));
    });
    svg.dataset.ready = "1";
  });

  var drag = null;
  svg.addEventListener("pointerdown", function (ev) {
    drag = { x: ev.clientX, y: ev.clientY, vx: view.x, vy: view.y };
    svg.setPointerCapture(ev.pointerId);
  });
  svg.addEventListener("pointermove", function (ev) {
    if (!drag) { return; }
    var unit = 1 / pixelsPerUnit();
    view.x = drag.vx - (ev.clientX - drag.x) * unit;
    view.y = drag.vy - (ev.clientY - drag.y) * unit;
    apply();
  });
  svg.addEventListener("pointerup", function () { drag = null; });
  function zoom(factor, cx, cy) {
    var x = cx === undefined ? view.x + view.w / 2 : cx, y = cy === undefined ? view.y + view.h / 2 : cy;
    view = { x: x - (x - view.x) * factor, y: y - (y - view.y) * factor, w: view.w * factor, h: view.h * factor };
    apply();
  }
  svg.addEventListener("wheel", function (ev) {
    ev.preventDefault();
    var box = svg.getBoundingClientRect(), unit = 1 / pixelsPerUnit();
    var cx = view.x + (ev.clientX - box.left) * unit, cy = view.y + (ev.clientY - box.top) * unit;
    zoom(ev.deltaY > 0 ? 1.25 : 0.8, cx, cy);
  }, { passive: false });
  document.getElementById("zoom-in").addEventListener("click", function () { zoom(0.67); });
  document.getElementById("zoom-out").addEventListener("click", function () { zoom(1.5); });
  document.getElementById("zoom-fit").addEventListener("click", function () { fit(focus); });
  window.addEventListener("resize", apply);

  if (!focus.length) { focus = others; }
  fit(focus);
  var wanted = decodeURIComponent(location.hash.slice(1));
  if (wanted && byId[wanted]) { select(byId[wanted].place, byId[wanted].marker); }
})();
