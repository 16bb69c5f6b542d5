// Network page: sigma.js (WebGL) + graphology.
// The graph comes from the JSON endpoint with the page's filters, already laid out by the
// server (once per data version, cached): it is drawn settled and nothing moves. ForceAtlas2
// in a web worker remains only for a graph that arrives without positions. The table of
// relations is the accessible alternative (and the fallback without WebGL).
import Graph from "graphology";
import Sigma from "sigma";
import {
  EdgeRectangleProgram,
  EdgeArrowProgram,
  EdgeArrowHeadProgram,
  createEdgeClampedProgram,
  createEdgeCompoundProgram,
} from "sigma/rendering";
import forceAtlas2 from "graphology-layout-forceatlas2";
import FA2Layout from "graphology-layout-forceatlas2/worker";
import { createLabelDrawer } from "./network_lib/labels.js";

const FADED_NODE = "#E4E7EA";
const FADED_EDGE = "#EEF0F2";

// A dashed variant of an edge program: the fragment shader drops every other few pixels
// along the edge (prestation de service is dashed in the report's legend).
function dashed(Base) {
  return class extends Base {
    getDefinition() {
      const def = super.getDefinition();
      return {
        ...def,
        UNIFORMS: [...def.UNIFORMS, "u_resolution"],
        VERTEX_SHADER_SOURCE: def.VERTEX_SHADER_SOURCE.replace(
          "varying float v_feather;",
          "varying float v_feather;\nvarying float v_along;\nuniform vec2 u_resolution;",
        ).replace(
          "void main() {",
          "void main() {\n  vec2 dashStart = (u_matrix * vec3(a_positionStart, 1)).xy;\n" +
            "  vec2 dashEnd = (u_matrix * vec3(a_positionEnd, 1)).xy;\n" +
            "  v_along = a_positionCoef * length((dashEnd - dashStart) * u_resolution * 0.5);",
        ),
        FRAGMENT_SHADER_SOURCE: def.FRAGMENT_SHADER_SOURCE.replace(
          "varying vec4 v_color;",
          "varying vec4 v_color;\nvarying float v_along;",
        ).replace("void main(void) {", "void main(void) {\n  if (mod(v_along, 10.0) > 6.0) discard;"),
      };
    }

    setUniforms(params, programInfo) {
      super.setUniforms(params, programInfo);
      programInfo.gl.uniform2f(programInfo.uniformLocations.u_resolution, params.width, params.height);
    }
  };
}

const EdgeDashedProgram = dashed(EdgeRectangleProgram);
const EdgeDashedArrowProgram = createEdgeCompoundProgram([dashed(createEdgeClampedProgram()), EdgeArrowHeadProgram]);
// The most connected actors always have their label (then sigma's grid, biggest node first).
const FORCED_LABELS = 12;

function hasWebGL() {
  try {
    const canvas = document.createElement("canvas");
    return Boolean(canvas.getContext("webgl2") || canvas.getContext("webgl"));
  } catch (error) {
    return false;
  }
}

function format(template, values) {
  return template.replace(/\{(\w+)\}/g, (_, key) => (key in values ? values[key] : ""));
}

function normalize(text) {
  return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim();
}

function edgeType(dashed, directed) {
  if (dashed) return directed ? "dashedArrow" : "dashed";
  return directed ? "arrow" : "line";
}

// The server sends rows of values under one header (nodeFields, edgeFields) and what a type,
// a kind or a status says once (maillage/network/page_data.py): the graph's attributes are
// rebuilt here, with the names the rest of this script reads.
function rowReader(fields) {
  const index = Object.fromEntries(fields.map((name, i) => [name, i]));
  return (row, name) => row[index[name]];
}

function buildGraph(data) {
  const graph = new Graph({ type: "mixed", multi: true, allowSelfLoops: false });
  const node = rowReader(data.nodeFields);
  const edge = rowReader(data.edgeFields);
  const unknownType = { label: "", color: data.externalColor };
  let placed = true;
  for (const row of data.nodes) {
    const x = node(row, "x");
    const y = node(row, "y");
    const label = node(row, "label");
    const slug = node(row, "slug");
    const external = Boolean(node(row, "external"));
    const type = data.types[node(row, "type")] || unknownType;
    const degree = node(row, "degree");
    placed = placed && Number.isFinite(x) && Number.isFinite(y);
    graph.addNode(`a${node(row, "id")}`, {
      label,
      baseLabel: label,
      name: node(row, "name") ?? label,
      slug,
      url: data.urlTemplate ? data.urlTemplate.replace(data.slugPlaceholder, slug) : "",
      actorType: node(row, "type"),
      typeLabel: type.label,
      color: external ? data.externalColor : type.color || data.externalColor,
      external,
      degree,
      size: node(row, "size"),
      x: Number.isFinite(x) ? x : Math.random() * 100,
      y: Number.isFinite(y) ? y : Math.random() * 100,
      zIndex: degree || 0, // the most connected drawn on top
    });
  }
  graph.setAttribute("placed", placed);
  for (const row of data.edges) {
    const kind = data.kinds[edge(row, "kind")];
    const status = edge(row, "status");
    const attributes = {
      kind: edge(row, "kind"),
      label: kind.label,
      color: kind.color,
      size: kind.width,
      status,
      statusLabel: data.statuses[status] || status,
      type: edgeType(kind.dashed, kind.directed),
    };
    const key = `r${edge(row, "id")}`;
    const source = `a${edge(row, "source")}`;
    const target = `a${edge(row, "target")}`;
    if (kind.directed) graph.addDirectedEdgeWithKey(key, source, target, attributes);
    else graph.addUndirectedEdgeWithKey(key, source, target, attributes);
  }
  return graph;
}

// Runs ForceAtlas2 in its worker and stops it once nodes barely move (or after a time cap).
function runLayout(graph, onSettled) {
  if (graph.order < 2 || graph.size === 0) {
    onSettled("empty");
    return null;
  }
  const settings = forceAtlas2.inferSettings(graph);
  const layout = new FA2Layout(graph, { settings: { ...settings, barnesHutOptimize: graph.order > 300 } });
  layout.start();
  const started = performance.now();
  const maxDuration = Math.min(4000 + graph.order * 2, 20000);
  let previous = snapshot(graph);
  let calm = 0;
  const timer = setInterval(() => {
    const current = snapshot(graph);
    const movement = meanMovement(previous, current);
    previous = current;
    calm = movement < 0.001 ? calm + 1 : 0;
    const elapsed = performance.now() - started;
    const isCalm = calm >= 2 && elapsed > 1500;
    if (isCalm || elapsed > maxDuration) {
      clearInterval(timer);
      layout.stop();
      layout.kill();
      onSettled(isCalm ? "calm" : "time-cap");
    }
  }, 400);
  return layout;
}

function snapshot(graph) {
  const xs = new Float64Array(graph.order);
  const ys = new Float64Array(graph.order);
  let i = 0;
  graph.forEachNode((_, a) => {
    xs[i] = a.x;
    ys[i] = a.y;
    i += 1;
  });
  return { xs, ys };
}

function meanMovement(a, b) {
  let minX = Infinity;
  let maxX = -Infinity;
  let total = 0;
  for (let i = 0; i < b.xs.length; i += 1) {
    minX = Math.min(minX, b.xs[i], b.ys[i]);
    maxX = Math.max(maxX, b.xs[i], b.ys[i]);
    total += Math.hypot(b.xs[i] - a.xs[i], b.ys[i] - a.ys[i]);
  }
  const extent = maxX - minX || 1;
  return total / b.xs.length / extent;
}

function init() {
  const container = document.getElementById("network-canvas");
  if (!container) return;
  const status = document.getElementById("network-status");
  const msg = container.dataset;
  const timings = { start: performance.now() };
  window.maillageNetwork = { timings };

  if (!hasWebGL()) {
    container.hidden = true;
    document.getElementById("network-fallback").hidden = false;
    document.getElementById("network-focus-form").hidden = true;
    status.textContent = document.querySelector("#network-fallback p").textContent;
    container.dataset.layout = "unavailable";
    return;
  }

  fetch(container.dataset.graphUrl, { headers: { Accept: "application/json" } })
    .then((response) => {
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      return response.json();
    })
    .then((data) => start(container, status, data, timings))
    .catch((error) => {
      status.textContent = msg.msgError;
      container.dataset.layout = "error";
      console.warn(error);
    });
}

function start(container, status, data, timings) {
  const msg = container.dataset;
  // Times are in ms since navigation start (performance.now()).
  timings.loaded = performance.now();
  const graph = buildGraph(data);
  const state = { focus: null, hovered: null, neighbours: new Set(), showIsolated: false };
  // Isolated actors (no relation in this view) are hidden by default; a switch shows them.
  const isolated = new Set(graph.filterNodes((node) => graph.degree(node) === 0));
  const isolatedSwitch = document.getElementById("network-show-isolated");
  const isolatedBox = document.getElementById("network-isolated");
  const isolatedCount = document.getElementById("network-isolated-count");
  if (isolatedBox) {
    isolatedBox.hidden = isolated.size === 0;
    isolatedCount.textContent = format(msg.msgIsolated, { n: isolated.size });
    state.showIsolated = isolatedSwitch.checked;
  }
  const visibleOrder = () => graph.order - (state.showIsolated ? 0 : isolated.size);

  // Labels by importance: the most connected core actors are always labelled.
  const forced = new Set(
    graph
      .filterNodes((node, a) => !a.external && graph.degree(node) > 0)
      .sort((x, y) => graph.degree(y) - graph.degree(x))
      .slice(0, FORCED_LABELS),
  );
  const labelDrawer = createLabelDrawer();
  // Sigma starts on an empty graph (its constructor draws at once): the real one is set once
  // framing and labels are ready, so 5,000 actors are processed and drawn a single time.
  const renderer = new Sigma(new Graph({ type: "mixed", multi: true, allowSelfLoops: false }), container, {
    renderEdgeLabels: false,
    labelRenderedSizeThreshold: graph.order > 500 ? 12 : 6,
    labelDensity: 0.8,
    labelGridCellSize: 120,
    zIndex: true,
    // Room for the labels of the nodes at the edge of the graph.
    stagePadding: 40,
    defaultDrawNodeLabel: labelDrawer.drawLabel,
    defaultDrawNodeHover: labelDrawer.drawHover,
    defaultEdgeType: "line",
    edgeProgramClasses: {
      line: EdgeRectangleProgram,
      arrow: EdgeArrowProgram,
      dashed: EdgeDashedProgram,
      dashedArrow: EdgeDashedArrowProgram,
    },
    nodeReducer(node, attributes) {
      const result = { ...attributes };
      if (!state.showIsolated && isolated.has(node) && node !== state.focus) {
        result.hidden = true;
        return result;
      }
      const active = state.focus || state.hovered;
      if (!active && forced.has(node)) result.forceLabel = true;
      if (active && node !== active && !state.neighbours.has(node)) {
        result.color = FADED_NODE;
        result.label = "";
        result.zIndex = 0;
      } else if (active) {
        result.zIndex = 1;
        result.forceLabel = true;
      }
      if (node === state.focus) result.highlighted = true;
      return result;
    },
    edgeReducer(edge, attributes) {
      const result = { ...attributes };
      const active = state.focus || state.hovered;
      if (active && !graph.extremities(edge).includes(active)) {
        if (state.focus) result.hidden = true;
        else result.color = FADED_EDGE;
      }
      return result;
    },
  });

  // Frame the nodes shown: hidden isolated actors must not leave the graph small in a corner.
  function frameVisible(render = true) {
    let box = null;
    graph.forEachNode((node, a) => {
      if (!state.showIsolated && isolated.has(node)) return;
      if (!box) box = { x: [a.x, a.x], y: [a.y, a.y] };
      box.x = [Math.min(box.x[0], a.x), Math.max(box.x[1], a.x)];
      box.y = [Math.min(box.y[0], a.y), Math.max(box.y[1], a.y)];
    });
    renderer.setCustomBBox(box && box.x[0] < box.x[1] && box.y[0] < box.y[1] ? box : null);
    renderer.getCamera().setState({ x: 0.5, y: 0.5, ratio: 1, angle: 0 });
    if (render) renderer.refresh({ skipIndexation: true });
  }

  // Each frame places the labels of the actors that matter most first (see network_lib/labels.js).
  const byDegree = (nodes) => [...nodes].sort((x, y) => graph.degree(y) - graph.degree(x));
  renderer.on("beforeRender", () => {
    const active = state.focus || state.hovered;
    labelDrawer.reset(renderer, active ? [active, ...byDegree(state.neighbours)] : forced);
  });
  const summary = format(msg.msgSummary, { nodes: graph.order, edges: graph.size });
  container.dataset.nodeCount = String(graph.order);
  container.dataset.edgeCount = String(graph.size);
  container.dataset.visibleCount = String(visibleOrder());
  container.dataset.isolatedCount = String(isolated.size);
  status.textContent = graph.getAttribute("placed") ? summary : `${summary} ${msg.msgLayout}`;
  const settled = (reason) => {
    timings.settled = performance.now();
    timings.settledBy = reason;
    container.dataset.layout = "settled";
    if (!state.focus) status.textContent = summary;
  };
  // Drawn: the first frame of the graph, with its labels.
  renderer.once("afterRender", () => {
    timings.drawn = performance.now();
    container.dataset.drawn = "true";
    // Laid out by the server: shown as it is, never moving.
    if (graph.getAttribute("placed")) settled("server");
  });
  if (graph.getAttribute("placed")) frameVisible(false);
  renderer.setGraph(graph);
  if (!graph.getAttribute("placed")) {
    container.dataset.layout = "running";
    runLayout(graph, settled);
  }

  // Empty state: nothing to draw says why and what to do (server-rendered text, shown here).
  const empty = document.getElementById("network-empty");
  function updateEmpty() {
    const nothing = visibleOrder() === 0;
    if (empty) empty.hidden = !nothing;
    container.classList.toggle("is-empty", nothing);
  }
  updateEmpty();
  if (isolatedSwitch) {
    isolatedSwitch.addEventListener("change", () => {
      state.showIsolated = isolatedSwitch.checked;
      container.dataset.visibleCount = String(visibleOrder());
      updateEmpty();
      frameVisible();
    });
  }

  // Search and focus.
  const datalist = document.getElementById("network-actors");
  const labels = [];
  graph.forEachNode((node, a) => labels.push([a.label, node]));
  labels.sort((a, b) => a[0].localeCompare(b[0], "fr"));
  const fragment = document.createDocumentFragment();
  for (const [label] of labels) {
    const option = document.createElement("option");
    option.value = label;
    fragment.appendChild(option);
  }
  datalist.appendChild(fragment);

  const neighboursBox = document.getElementById("network-neighbours");
  const input = document.getElementById("network-focus-input");

  // Best match first: exact label or name, slug, then names starting with or containing
  // the query, the most connected first.
  function findNodes(query) {
    const q = normalize(query);
    if (!q) return [];
    const found = [];
    graph.forEachNode((node, a) => {
      const label = normalize(a.label);
      const name = normalize(a.name || a.label);
      let score = -1;
      if (label === q || name === q || a.slug === query.trim()) score = 4;
      else if (name.startsWith(q)) score = 3;
      else if (label.includes(q)) score = name.includes(q) ? 2 : 1;
      if (score < 0) return;
      found.push({ node, score, degree: graph.degree(node), label: a.label });
    });
    found.sort((x, y) => y.score - x.score || y.degree - x.degree || x.label.localeCompare(y.label, "fr"));
    return found;
  }

  // "Centrer": one obvious match is focused; several are offered to choose from, most connected first.
  const matchesBox = document.getElementById("network-matches");
  function offerMatches(matches) {
    const list = matchesBox.querySelector("ul");
    list.replaceChildren();
    for (const match of matches.slice(0, 12)) {
      const li = document.createElement("li");
      const button = document.createElement("button");
      button.type = "button";
      button.className = "link-button";
      button.textContent = match.label;
      button.addEventListener("click", () => {
        input.value = match.label;
        matchesBox.hidden = true;
        setFocus(match.node);
      });
      li.appendChild(button);
      li.append(` — ${format(msg.msgDegree, { n: match.degree })}`);
      list.appendChild(li);
    }
    matchesBox.querySelector("p").textContent = format(msg.msgMatches, { n: matches.length, q: input.value.trim() });
    matchesBox.hidden = false;
    list.querySelector("button").focus();
  }

  function setFocus(node) {
    state.focus = node;
    state.neighbours = node ? new Set(graph.neighbors(node)) : new Set();
    container.dataset.focus = node ? graph.getNodeAttribute(node, "slug") : "";
    container.dataset.visibleCount = String(node ? state.neighbours.size + 1 : visibleOrder());
    const list = neighboursBox.querySelector("ul");
    list.replaceChildren();
    if (node) {
      const a = graph.getNodeAttributes(node);
      neighboursBox.querySelector("h2").textContent = a.label;
      const items = [...state.neighbours].map((n) => graph.getNodeAttributes(n));
      items.sort((x, y) => x.label.localeCompare(y.label, "fr"));
      for (const item of items) {
        const li = document.createElement("li");
        const link = document.createElement(item.url ? "a" : "span");
        if (item.url) link.href = item.url;
        link.textContent = item.label;
        li.appendChild(link);
        li.append(` — ${item.typeLabel}${item.external ? ` (${msg.msgExternal})` : ""}`);
        list.appendChild(li);
      }
      neighboursBox.hidden = false;
      status.textContent = format(msg.msgFocus, { label: a.label, n: state.neighbours.size });
      const position = renderer.getNodeDisplayData(node);
      if (position) renderer.getCamera().animate({ x: position.x, y: position.y, ratio: 0.5 }, { duration: 400 });
    } else {
      neighboursBox.hidden = true;
      status.textContent = summary;
      renderer.getCamera().animatedReset({ duration: 300 });
    }
    renderer.refresh({ skipIndexation: true });
    // The figure exports follow the current view: same filters, same focus.
    for (const link of document.querySelectorAll("[data-figure-link]")) {
      const url = new URL(link.href, window.location.href);
      if (node) url.searchParams.set("focus", graph.getNodeAttribute(node, "slug"));
      else url.searchParams.delete("focus");
      link.href = url.pathname + url.search;
    }
  }

  document.getElementById("network-focus-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const matches = findNodes(input.value);
    matchesBox.hidden = true;
    if (matches.length === 1 || (matches.length && matches[0].score === 4 && matches[1]?.score !== 4)) {
      setFocus(matches[0].node);
    } else if (matches.length) offerMatches(matches);
    else if (input.value.trim()) status.textContent = format(msg.msgNotfound, { q: input.value.trim() });
  });
  document.getElementById("network-focus-clear").addEventListener("click", () => {
    input.value = "";
    matchesBox.hidden = true;
    setFocus(null);
  });

  renderer.on("enterNode", ({ node }) => {
    if (state.focus) return;
    state.hovered = node;
    state.neighbours = new Set(graph.neighbors(node));
    container.style.cursor = "pointer";
    renderer.refresh({ skipIndexation: true });
  });
  renderer.on("leaveNode", () => {
    container.style.cursor = "";
    if (state.focus) return;
    state.hovered = null;
    state.neighbours = new Set();
    renderer.refresh({ skipIndexation: true });
  });
  renderer.on("clickNode", ({ node }) => {
    const url = graph.getNodeAttribute(node, "url");
    if (url) window.location.assign(url);
  });

  const initial = container.dataset.focus;
  if (initial) {
    const node = graph.findNode((_, a) => a.slug === initial);
    if (node) {
      input.value = graph.getNodeAttribute(node, "label");
      setFocus(node);
    }
  }
  window.maillageNetwork = { timings, graph, renderer, setFocus, isolated, drawnLabels: labelDrawer.drawnLabels };
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
else init();
