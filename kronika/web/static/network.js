// The actor network: a small force layout (repulsion, springs, gravity) in plain SVG.
// Nodes are actors sized by chronicle events; arrows run actor1 → actor2, as wide as the
// events between them. Drag a node to move it; click to open the actor.
(function () {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";
  var svg = document.getElementById("network");
  var data = JSON.parse(document.getElementById("network-data").textContent);
  var box = svg.getBoundingClientRect();
  var W = box.width || 900, H = box.height || 560;
  svg.setAttribute("viewBox", "0 0 " + W + " " + H);

  function el(name, attrs) {
    var node = document.createElementNS(SVG, name);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    return node;
  }
  var defs = el("defs");
  var marker = el("marker", { id: "arrow", viewBox: "0 0 10 10", refX: "10", refY: "5", markerWidth: "7", markerHeight: "7", orient: "auto-start-reverse" });
  marker.appendChild(el("path", { d: "M0 0L10 5L0 10z", fill: "#9aa6b8" }));
  defs.appendChild(marker);
  svg.appendChild(defs);

  var nodes = data.nodes.map(function (n, i) {
    var angle = 2 * Math.PI * i / Math.max(1, data.nodes.length);
    return { id: n.id, name: n.name, kind: n.kind || "", events: n.events,
      x: W / 2 + Math.cos(angle) * W / 4, y: H / 2 + Math.sin(angle) * H / 4, vx: 0, vy: 0,
      r: 6 + 3 * Math.sqrt(n.events) };
  });
  var index = {};
  nodes.forEach(function (n) { index[n.id] = n; });
  // one drawn arrow per (source, target): the edges of every type and relation summed
  var pairs = {}, edges = [];
  data.edges.forEach(function (e) {
    if (!index[e.source] || !index[e.target]) { return; }
    var key = e.source + "\u0000" + e.target;
    if (!pairs[key]) {
      pairs[key] = { s: index[e.source], t: index[e.target], events: 0, types: {} };
      edges.push(pairs[key]);
    }
    var label = e.relation === "acts_on" ? e.type : e.relation + " (" + e.type + ")";
    pairs[key].events += e.events;
    pairs[key].types[label] = (pairs[key].types[label] || 0) + e.events;
  });

  // Fruchterman-Reingold: repulsion k²/d between all nodes, attraction d²/k along edges,
  // a pull to the centre so that separate groups stay in view, moves capped by a cooling
  // temperature.
  var K = Math.sqrt(W * H / Math.max(1, nodes.length)) * 0.55;
  function tick(temperature) {
    var i, j, a, b, dx, dy, d, f;
    nodes.forEach(function (n) { n.dx = 0; n.dy = 0; });
    for (i = 0; i < nodes.length; i++) {
      for (j = i + 1; j < nodes.length; j++) {
        a = nodes[i]; b = nodes[j];
        dx = a.x - b.x; dy = a.y - b.y; d = Math.max(0.5, Math.sqrt(dx * dx + dy * dy));
        f = K * K / d;
        a.dx += dx / d * f; a.dy += dy / d * f; b.dx -= dx / d * f; b.dy -= dy / d * f;
      }
    }
    edges.forEach(function (e) {
      dx = e.s.x - e.t.x; dy = e.s.y - e.t.y; d = Math.max(0.5, Math.sqrt(dx * dx + dy * dy));
      f = d * d / K;
      e.s.dx -= dx / d * f; e.s.dy -= dy / d * f; e.t.dx += dx / d * f; e.t.dy += dy / d * f;
    });
    nodes.forEach(function (n) {
      n.dx += (W / 2 - n.x) * 0.15 * K / 10; n.dy += (H / 2 - n.y) * 0.15 * K / 10;
      var disp = Math.sqrt(n.dx * n.dx + n.dy * n.dy) || 1;
      if (!n.fixed) {
        n.x += n.dx / disp * Math.min(disp, temperature);
        n.y += n.dy / disp * Math.min(disp, temperature);
      }
      n.x = Math.max(n.r + 4, Math.min(W - n.r - 90, n.x));
      n.y = Math.max(n.r + 4, Math.min(H - n.r - 4, n.y));
    });
  }
  for (var k = 0; k < 400; k++) { tick(W / 8 * (1 - k / 400) + 0.5); }

  var edgeLayer = el("g"), nodeLayer = el("g");
  svg.appendChild(edgeLayer); svg.appendChild(nodeLayer);
  edges.forEach(function (e) {
    e.line = el("line", { "class": "edge", "stroke-width": 1 + Math.sqrt(e.events) * 1.5, "marker-end": "url(#arrow)" });
    var title = el("title");
    title.textContent = e.s.name + " → " + e.t.name + ": " + Object.keys(e.types).map(function (t) { return t + " " + e.types[t]; }).join(", ");
    e.line.appendChild(title);
    edgeLayer.appendChild(e.line);
  });
  nodes.forEach(function (n) {
    n.g = el("g", { "class": "node " + n.kind, "data-id": n.id, tabindex: "0" });
    n.g.appendChild(el("circle", { r: n.r }));
    var label = el("text", { dx: n.r + 3, dy: 4 });
    label.textContent = n.name;
    n.g.appendChild(label);
    var title = el("title");
    title.textContent = n.name + ": " + n.events + " event(s)";
    n.g.appendChild(title);
    nodeLayer.appendChild(n.g);
  });
  function draw() {
    edges.forEach(function (e) {
      var dx = e.t.x - e.s.x, dy = e.t.y - e.s.y, d = Math.sqrt(dx * dx + dy * dy) || 1;
      e.line.setAttribute("x1", e.s.x + dx / d * e.s.r); e.line.setAttribute("y1", e.s.y + dy / d * e.s.r);
      e.line.setAttribute("x2", e.t.x - dx / d * (e.t.r + 2)); e.line.setAttribute("y2", e.t.y - dy / d * (e.t.r + 2));
    });
    nodes.forEach(function (n) { n.g.setAttribute("transform", "translate(" + n.x.toFixed(1) + "," + n.y.toFixed(1) + ")"); });
  }
  draw();
  svg.dataset.ready = "1";

  var dragging = null, moved = false;
  function point(ev) {
    var b = svg.getBoundingClientRect();
    return { x: (ev.clientX - b.left) * W / b.width, y: (ev.clientY - b.top) * H / b.height };
  }
  nodes.forEach(function (n) {
    n.g.addEventListener("pointerdown", function (ev) { dragging = n; moved = false; n.fixed = true; svg.setPointerCapture(ev.pointerId); });
    n.g.addEventListener("keydown", function (ev) { if (ev.key === "Enter" && n.id.indexOf("name:") !== 0) { location.href = "/actors/" + encodeURIComponent(n.id); } });
  });
  svg.addEventListener("pointermove", function (ev) {
    if (!dragging) { return; }
    var p = point(ev);
    dragging.x = p.x; dragging.y = p.y; moved = true;
    for (var i = 0; i < 3; i++) { tick(3); }
    draw();
  });
  svg.addEventListener("pointerup", function () {
    if (dragging) {
      dragging.fixed = false;
      if (!moved && dragging.id.indexOf("name:") !== 0) { location.href = "/actors/" + encodeURIComponent(dragging.id); }
    }
    dragging = null;
  });
})();
