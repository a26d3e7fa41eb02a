/* dlgraph HTML report: draws the organisation with Cytoscape.js.
 * Data comes from the JSON script element; nothing from it is ever put into the page as
 * HTML (only textContent and attributes), and the canvas draws labels as text. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("dlgraph-data").textContent);
  var t = data.strings;
  var status = document.getElementById("status");
  var details = document.getElementById("details");
  var report = { ready: false, layoutMs: null, layouts: 0, cy: null };
  window.dlgraphReport = report;

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  var severityRank = { violation: 0, warning: 1, info: 2 };
  var colours = {
    unit: "#2b5d8a", unitFill: "#e3edf7", top: "#1f4566", topFill: "#c9dbee",
    room: "#7b3fa0", roomFill: "#f1e6f8", path: "#0f7f76", delegation: "#33414a",
    person: "#4f5b62", violation: "#c62828", warning: "#b87a00", info: "#1e63b8",
    group: "#8a939a", line: "#9aa7b1"
  };

  // ---- elements --------------------------------------------------------------------
  var peopleByUnit = {};
  data.nodes.forEach(function (n) {
    if (n.kind === "person" && n.parent) peopleByUnit[n.parent] = (peopleByUnit[n.parent] || 0) + 1;
  });
  var elements = [];
  data.nodes.forEach(function (n) {
    var count = peopleByUnit[n.id] || 0;
    elements.push({
      group: "nodes",
      data: {
        id: n.id, kind: n.kind, label: n.label, type: n.type, iri: n.iri, severity: n.severity || "",
        crosses: n.crosses ? 1 : 0, people: count, top: n.kind === "unit" && !n.parent ? 1 : 0,
        folded: n.label + (count ? " (" + count + ")" : "")
      },
      classes: n.kind + (n.severity ? " problem " + n.severity : "") + (n.crosses ? " crosses" : "")
    });
  });
  data.edges.forEach(function (e) {
    elements.push({
      group: "edges",
      data: {
        id: e.id, source: e.source, target: e.target, kind: e.kind, label: e.label || "",
        severity: e.severity || "", crosses: e.crosses ? 1 : 0
      },
      classes: e.kind + (e.severity ? " problem " + e.severity : "") + (e.crosses ? " crosses" : "")
    });
  });

  var style = [
    { selector: "node", style: {
      "label": "data(label)", "font-size": 11, "color": "#1d2327", "text-wrap": "ellipsis",
      "text-max-width": 150, "min-zoomed-font-size": 5, "font-family": "system-ui, sans-serif"
    } },
    { selector: "node.unit", style: {
      "shape": "round-rectangle", "width": 160, "height": 46, "background-color": colours.unitFill,
      "border-width": 2, "border-color": colours.unit, "text-valign": "center", "text-halign": "center",
      "text-wrap": "wrap", "text-max-width": 150, "font-size": 12
    } },
    { selector: "node.unit[top = 1]", style: {
      "background-color": colours.topFill, "border-color": colours.top, "border-width": 3, "font-weight": "bold"
    } },
    { selector: "node.unit.folded", style: { "label": "data(folded)" } },
    { selector: "node.group", style: {
      "shape": "round-rectangle", "width": 160, "height": 36, "background-color": "#ffffff",
      "border-width": 2, "border-style": "dashed", "border-color": colours.group,
      "text-valign": "center", "text-halign": "center", "color": "#5b6770"
    } },
    { selector: "node.person", style: {
      "shape": "ellipse", "width": 22, "height": 22, "background-color": "#ffffff",
      "border-width": 2, "border-color": colours.person, "text-valign": "bottom",
      "text-margin-y": 4, "font-size": 11, "text-max-width": 120
    } },
    { selector: "node.room", style: {
      "shape": "hexagon", "width": 160, "height": 50, "background-color": colours.roomFill,
      "border-width": 2, "border-color": colours.room, "text-valign": "center", "text-halign": "center",
      "text-wrap": "wrap", "text-max-width": 130, "color": "#4a1f66", "font-size": 12
    } },
    { selector: "node.room.crosses", style: { "border-width": 3 } },
    { selector: "node.path", style: {
      "shape": "diamond", "width": 26, "height": 26, "background-color": "#dff3f1",
      "border-width": 2, "border-color": colours.path, "text-valign": "bottom", "font-size": 10
    } },
    { selector: "node.problem", style: { "border-width": 5, "border-style": "double" } },
    { selector: "node.violation", style: { "border-color": colours.violation } },
    { selector: "node.warning", style: { "border-color": colours.warning } },
    { selector: "node.info", style: { "border-color": colours.info } },
    { selector: "edge", style: {
      "width": 1.5, "line-color": colours.line, "curve-style": "straight", "font-size": 10,
      "min-zoomed-font-size": 8, "text-rotation": "none", "text-background-color": "#ffffff",
      "text-background-opacity": 0.85, "text-background-padding": 2, "color": "#3b454c"
    } },
    { selector: "edge.member", style: { "width": 1, "line-color": "#c3ccd3" } },
    { selector: "edge.room, edge.roomunit", style: {
      "line-color": colours.room, "line-style": "dashed", "line-dash-pattern": [4, 4], "width": 1.2,
      "opacity": 0.55, "curve-style": "bezier"
    } },
    { selector: "edge.leads", style: {
      "line-color": colours.room, "width": 2.5, "opacity": 0.85, "curve-style": "bezier"
    } },
    { selector: "edge.path", style: {
      "line-color": colours.path, "line-style": "dashed", "width": 2, "curve-style": "unbundled-bezier",
      "control-point-distances": [-60], "control-point-weights": [0.5], "opacity": 0.6
    } },
    { selector: "edge.pathunit", style: {
      "line-color": colours.path, "line-style": "dashed", "width": 2, "curve-style": "bezier",
      "opacity": 0.6
    } },
    { selector: "edge.path.crosses", style: { "width": 3, "opacity": 0.95, "label": "data(label)", "color": "#0b5953" } },
    { selector: "edge.delegation", style: {
      "line-color": colours.delegation, "target-arrow-color": colours.delegation,
      "target-arrow-shape": "triangle", "width": 2.5, "curve-style": "bezier",
      "control-point-step-size": 46, "label": "data(label)", "color": "#24303a",
      "text-max-width": 160, "text-wrap": "ellipsis"
    } },
    { selector: "edge.problem", style: { "width": 4 } },
    { selector: "edge.violation", style: { "line-color": colours.violation, "target-arrow-color": colours.violation, "color": colours.violation } },
    { selector: "edge.warning", style: { "line-color": colours.warning, "target-arrow-color": colours.warning } },
    { selector: "edge.info", style: { "line-color": colours.info, "target-arrow-color": colours.info } },
    { selector: ".hidden", style: { "display": "none" } },
    { selector: ".faded", style: { "opacity": 0.12 } },
    { selector: ":selected", style: { "overlay-color": "#1e63b8", "overlay-opacity": 0.18, "overlay-padding": 6 } }
  ];

  if (window.cytoscapeFcose) cytoscape.use(window.cytoscapeFcose);
  var container = document.getElementById("cy");
  var cy = cytoscape({
    container: container, elements: elements, style: style, wheelSensitivity: 0.3,
    minZoom: 0.02, maxZoom: 3, textureOnViewport: data.nodes.length > 1500,
    hideEdgesOnViewport: data.nodes.length > 1500, boxSelectionEnabled: false
  });
  report.cy = cy;

  // ---- controls ----------------------------------------------------------------------
  var showPeople = document.getElementById("show-people");
  var showRooms = document.getElementById("show-rooms");
  var showPaths = document.getElementById("show-paths");
  var showDelegations = document.getElementById("show-delegations");
  var focusUnit = document.getElementById("focus-unit");
  var find = document.getElementById("find");
  var names = document.getElementById("find-names");
  var peopleCount = cy.nodes(".person").length;
  showPeople.checked = peopleCount <= data.peopleLimit;

  var units = cy.nodes(".unit").sort(function (a, b) { return a.data("label").localeCompare(b.data("label")); });
  units.forEach(function (u) {
    var option = el("option", null, u.data("label"));
    option.value = u.id();
    focusUnit.appendChild(option);
  });
  var seenNames = {};
  cy.nodes().forEach(function (n) {
    var name = n.data("label");
    if (seenNames[name]) return;
    seenNames[name] = true;
    var option = el("option");
    option.value = name;
    names.appendChild(option);
  });

  function subtree(unit) {
    // the unit, the units and people below it in the line, and the rooms and paths they touch
    var down = unit.union(unit.successors("edge.line, edge.member").targets());
    var chosen = down.union(unit.successors("edge.line, edge.member"));
    var around = down.connectedEdges(".room, .leads, .roomunit, .path, .pathunit, .delegation");
    chosen = chosen.union(around).union(around.connectedNodes());
    return chosen;
  }

  function applyVisibility() {
    var people = showPeople.checked;
    cy.batch(function () {
      cy.elements().removeClass("hidden");
      if (!people) {
        cy.nodes(".person, .group").addClass("hidden");
        cy.nodes(".unit").addClass("folded");
      } else {
        cy.nodes(".unit").removeClass("folded");
        cy.edges(".roomunit, .pathunit").addClass("hidden");
      }
      if (!showRooms.checked) cy.nodes(".room").addClass("hidden");
      if (!showPaths.checked) cy.elements(".path, .pathunit").addClass("hidden");
      if (!showDelegations.checked) cy.edges(".delegation").addClass("hidden");
      if (focusUnit.value) {
        var keep = subtree(cy.getElementById(focusUnit.value));
        cy.elements().not(keep).addClass("hidden");
      }
      // an edge is only drawn when both its ends are
      cy.edges().forEach(function (e) {
        if (e.source().hasClass("hidden") || e.target().hasClass("hidden")) e.addClass("hidden");
      });
    });
    var hiddenPeople = cy.nodes(".person.hidden").length;
    status.textContent = !people && peopleCount ? t.people_collapsed.replace("{count}", String(hiddenPeople)) : "";
  }

  function layout() {
    // fCoSE (a fast force-directed layout for compound graphs) packs the organisation in
    // two dimensions, with what belongs together (a unit and its people, a room and its
    // members) close together.
    var started = performance.now();
    var visible = cy.elements().not(".hidden");
    var nodes = visible.nodes();
    // a small line organisation reads best as a chart, top down; a larger one packs
    // better (and overlaps less) without placement constraints
    var constraints = [];
    if (nodes.filter(".unit").length <= 25) {
      visible.edges(".line").forEach(function (e) {
        constraints.push({ top: e.source().id(), bottom: e.target().id(), gap: 60 });
      });
      visible.edges(".member").forEach(function (e) {
        constraints.push({ top: e.source().id(), bottom: e.target().id(), gap: 25 });
      });
    }
    var lengths = {
      line: 110, member: 50, room: 130, leads: 120, roomunit: 140, path: 160, pathunit: 180,
      delegation: 120
    };
    var elastic = {
      line: 0.45, member: 0.6, room: 0.1, leads: 0.15, roomunit: 0.1, path: 0.05, pathunit: 0.05,
      delegation: 0.05
    };
    visible.layout({
      name: "fcose", quality: nodes.length > 1500 ? "draft" : "proof", randomize: true,
      animate: false, fit: false, padding: 30, nodeDimensionsIncludeLabels: true,
      uniformNodeDimensions: false, packComponents: true, tile: true,
      nodeRepulsion: function (n) { return n.hasClass("person") ? 8000 : 30000; },
      nodeSeparation: 60,
      idealEdgeLength: function (e) { return lengths[e.data("kind")] || 100; },
      edgeElasticity: function (e) { return elastic[e.data("kind")] || 0.2; },
      nestingFactor: 0.1, gravity: 0.4, gravityRange: 3.8, numIter: 2500,
      relativePlacementConstraint: constraints.length ? constraints : undefined
    }).run();
    cy.fit(visible, 30);
    if (cy.zoom() > 1.25) {
      cy.zoom(1.25);
      cy.center(visible);
    }
    report.layoutMs = performance.now() - started;
    report.layouts += 1;
  }

  function redraw() {
    applyVisibility();
    layout();
  }

  // ---- details panel -------------------------------------------------------------------
  function quoteList(parent, indexes) {
    if (!indexes || !indexes.length) {
      parent.appendChild(el("p", "none", t.no_evidence));
      return;
    }
    indexes.forEach(function (i) {
      var q = data.quotes[i];
      var block = el("blockquote");
      if (q.lang) block.lang = q.lang;
      if (q.claim) block.appendChild(el("span", "claim", t.claim + ": " + q.claim));
      block.appendChild(el("p", null, "\u201c" + q.text + "\u201d"));
      var cite = [q.source, q.locator].filter(Boolean).join(", ");
      if (cite) block.appendChild(el("span", "cite", cite));
      parent.appendChild(block);
    });
  }

  function findingList(parent, indexes) {
    if (!indexes || !indexes.length) return;
    parent.appendChild(el("h4", null, t.problems + " (" + indexes.length + ")"));
    var list = el("ul");
    indexes.forEach(function (i) {
      var f = data.findings[i];
      var item = el("li");
      item.appendChild(el("span", "sev " + f.severity, t[f.severity] || f.severity));
      item.appendChild(document.createTextNode(" " + (f.rule !== null ? t.rule.replace("{number}", String(f.rule)) + ": " : "") + f.message));
      if (f.place) item.appendChild(el("div", "place", t.validation_place + ": " + f.place));
      list.appendChild(item);
    });
    parent.appendChild(list);
  }

  function facts(parent, rows) {
    if (!rows.length) return;
    var dl = el("dl");
    rows.forEach(function (row) {
      dl.appendChild(el("dt", null, row[0]));
      dl.appendChild(el("dd", null, row[1]));
    });
    parent.appendChild(dl);
  }

  var nodeData = {};
  data.nodes.forEach(function (n) { nodeData[n.id] = n; });
  var edgeData = {};
  data.edges.forEach(function (e) { edgeData[e.id] = e; });

  function show(ele) {
    details.textContent = "";
    if (ele.isNode()) {
      var n = nodeData[ele.id()];
      details.appendChild(el("h3", null, n.label));
      details.appendChild(el("p", "type", n.type + (n.crosses ? " \u00b7 " + t.crosses : "")));
      var rows = n.details.slice();
      if (n.iri) rows.push(["IRI", n.iri]);
      facts(details, rows);
      findingList(details, n.findings);
      details.appendChild(el("h4", null, t.evidence));
      quoteList(details, n.quotes);
    } else {
      var e = edgeData[ele.id()];
      if (e.kind === "delegation" && e.delegation !== null) {
        var d = data.delegations[e.delegation];
        details.appendChild(el("h3", null, d.task));
        details.appendChild(el("p", "type", d.delegator + " \u2192 " + d.delegatee));
        var m = d.mandate;
        if (m) {
          facts(details, [
            [t.mandate, m.label], [t.granted_by, m.granted_by || t.not_stated],
            [t.granted_to, m.granted_to || t.not_stated], [t.direction, m.direction || t.not_stated],
            [t.frames, m.frames || t.not_stated], [t.room_for_action, m.room_for_action || t.not_stated],
            [t.resources, m.resources.length ? m.resources.join("; ") : t.not_stated],
            [t.valid, m.valid || t.not_stated]
          ].concat(m.other));
        } else {
          details.appendChild(el("p", "missing", t.no_mandate));
        }
        findingList(details, d.findings);
        details.appendChild(el("h4", null, t.evidence));
        quoteList(details, d.quotes);
      } else {
        details.appendChild(el("h3", null, e.label || t["edge_" + e.kind] || e.kind));
        details.appendChild(el("p", "type", nodeData[e.source].label + " \u2014 " + nodeData[e.target].label));
        if (e.crosses) details.appendChild(el("p", null, t.crosses));
        findingList(details, e.findings);
      }
    }
  }

  function focusOn(id) {
    var ele = cy.getElementById(id);
    if (!ele || ele.empty()) return;
    if (ele.hasClass("hidden")) {
      focusUnit.value = "";
      if (ele.isNode() && ele.hasClass("person")) showPeople.checked = true;
      if (ele.isEdge()) showPeople.checked = true;
      redraw();
    }
    cy.elements().unselect();
    ele.select();
    cy.animate({ center: { eles: ele }, zoom: Math.max(cy.zoom(), 0.9) }, { duration: 250 });
    show(ele);
  }

  cy.on("tap", "node, edge", function (event) { show(event.target); });
  [showPeople, showRooms, showPaths, showDelegations, focusUnit].forEach(function (control) {
    control.addEventListener("change", redraw);
  });
  document.getElementById("fit").addEventListener("click", function () {
    cy.fit(cy.elements().not(".hidden"), 30);
  });
  find.addEventListener("change", function () {
    var wanted = find.value.trim().toLowerCase();
    if (!wanted) return;
    var hit = cy.nodes().filter(function (n) { return n.data("label").toLowerCase() === wanted; });
    if (hit.empty()) hit = cy.nodes().filter(function (n) { return n.data("label").toLowerCase().indexOf(wanted) >= 0; });
    if (hit.nonempty()) focusOn(hit[0].id());
  });
  Array.prototype.forEach.call(document.querySelectorAll("button.goto"), function (button) {
    button.addEventListener("click", function () {
      document.getElementById("picture").scrollIntoView({ behavior: "smooth" });
      focusOn(button.getAttribute("data-target"));
    });
  });

  redraw();
  report.ready = true;
  document.documentElement.setAttribute("data-report-ready", "true");
})();
