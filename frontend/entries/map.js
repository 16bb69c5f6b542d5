// The interactive map of actors: server clusters at national scale, client clusters close up,
// filters shared with the directory (one query string), and the list as the accessible alternative.
import L from "./map_lib/leaflet_global.js";
import "leaflet.markercluster";
import "leaflet/dist/leaflet.css";
import "leaflet.markercluster/dist/MarkerCluster.css";
import "./map_lib/map.css";
import { escapeHtml, pointOverlay } from "./map_lib/point_overlay.js";
import { donutSvg, symbolSvg } from "./map_lib/symbols.js";

const FLAG_DISAPPEARED = 1;
const FLAG_OUTSIDE = 2;
const FLAG_APPROXIMATE = 4;
const FLAG_SPREAD = 8;
const FRANCE = [[41.2, -5.5], [51.2, 9.8]];

function drawLegend(root, types) {
  for (const el of root.querySelectorAll("[data-shape]")) {
    el.innerHTML = symbolSvg(el.dataset.shape, el.dataset.color, {
      size: 18,
      muted: el.classList.contains("map-symbol-muted"),
      outside: el.classList.contains("map-symbol-outside"),
    });
  }
  for (const el of root.querySelectorAll(".map-cluster-sample")) {
    el.innerHTML = donutSvg(types.map(() => 1), types.map((t) => t.color), types.length).html;
  }
}

function queryFromForm(form) {
  const params = new URLSearchParams();
  for (const [key, value] of new FormData(form)) {
    if (String(value).trim()) params.append(key, value);
  }
  return params;
}

function init() {
  const element = document.querySelector("[data-map]");
  if (!element) return;
  const config = JSON.parse(document.getElementById("map-config").textContent);
  const types = config.types;
  const colors = types.map((t) => t.color);
  const text = config.text;
  const groupLabel = (n) => `<span class="visually-hidden">${escapeHtml(text.group.replace("{n}", n))}</span>`;
  const form = document.querySelector("[data-map-filters]");
  const listBox = document.querySelector("[data-map-list]");
  document.querySelectorAll("[data-map-legend]").forEach((legend) => drawLegend(legend, types));

  const map = L.map(element, { zoomControl: true, preferCanvas: false }).fitBounds(FRANCE);
  // Offline background: département and region outlines under the tiles, so the map reads
  // when no tile server is reachable (the tiles cover them when they load).
  map.createPane("outlines").style.zIndex = 150;
  fetch(config.outlinesUrl)
    .then((response) => (response.ok ? response.json() : Promise.reject(new Error(`HTTP ${response.status}`))))
    .then((outlines) => {
      L.geoJSON(outlines, {
        pane: "outlines",
        interactive: false,
        attribution: text.outlines,
        style: (feature) =>
          feature.properties.level === "region"
            ? { color: "#5b6770", weight: 1.6, opacity: 0.9 }
            : { color: "#8a959d", weight: 0.8, opacity: 0.9 },
      }).addTo(map);
      element.dataset.outlines = "drawn";
    })
    .catch((error) => console.warn(error));
  L.tileLayer(config.tileUrl, { attribution: config.tileAttribution, maxZoom: 19 }).addTo(map);

  const pointLayer = L.markerClusterGroup({
    showCoverageOnHover: false,
    maxClusterRadius: 45,
    // From the territory zoom on, the server spreads actors sharing a point: show each one.
    disableClusteringAtZoom: config.spreadZoom,
    iconCreateFunction(cluster) {
      const counts = types.map(() => 0);
      let outside = 0;
      for (const marker of cluster.getAllChildMarkers()) {
        if (marker.options.flags & FLAG_OUTSIDE) outside += 1;
        else counts[marker.options.typeIndex] += 1;
      }
      const total = cluster.getChildCount();
      const donut = donutSvg(counts, colors, total, { outside });
      return L.divIcon({ html: donut.html + groupLabel(total), className: "map-cluster", iconSize: [donut.size, donut.size] });
    },
  });
  const clusterLayer = L.layerGroup();
  const leaderLayer = L.layerGroup();
  map.addLayer(leaderLayer);
  map.addLayer(pointLayer);
  map.addLayer(clusterLayer);

  let params = new URLSearchParams(window.location.search);
  params.delete("embed");
  params.delete("page");
  let sequence = 0;
  let controller = null;
  let fitted = false;
  let loaded = null; // what the drawn markers cover: {bounds, zoom, mode, query}

  function covered() {
    if (!loaded || loaded.query !== params.toString()) return false;
    if (!loaded.bounds.contains(map.getBounds())) return false;
    // Points are complete inside their box at any closer zoom, except where the server spreads
    // them (their offsets are in pixels of one zoom); server clusters are per zoom.
    if (loaded.mode === "points" && map.getZoom() < config.spreadZoom) return map.getZoom() >= loaded.zoom;
    return map.getZoom() === loaded.zoom;
  }

  function popupHtml(point) {
    const [, , , typeIndex, flags, name, slug, commune] = point;
    const type = types[typeIndex] || types[types.length - 1];
    const url = config.actorUrl.replace("__slug__", encodeURIComponent(slug));
    const notes = [];
    if (flags & FLAG_DISAPPEARED) notes.push(text.disappeared);
    if (flags & FLAG_OUTSIDE) notes.push(text.outside);
    const place = [];
    if (flags & FLAG_APPROXIMATE) place.push(text.approximate);
    if (flags & FLAG_SPREAD) place.push(text.spread);
    return `<div class="map-popup"><p class="map-popup-name"><strong>${escapeHtml(name)}</strong></p>
      <p>${escapeHtml(type.label)}${notes.length ? ` <span class="badge badge-muted">${notes.join(", ")}</span>` : ""}</p>
      ${commune ? `<p>${escapeHtml(commune)}</p>` : ""}
      ${place.length ? `<p class="map-popup-place">${escapeHtml(place.join(" "))}</p>` : ""}
      <p><a href="${url}"${config.embed ? ' target="_blank" rel="noopener"' : ""}>${escapeHtml(text.fiche)}</a></p></div>`;
  }

  function drawPoints(points) {
    const markers = points.map((point) => {
      const [, lat, lon, typeIndex, flags, name] = point;
      const type = types[typeIndex] || types[types.length - 1];
      const icon = L.divIcon({
        html: symbolSvg(type.shape, type.color, { muted: !!(flags & FLAG_DISAPPEARED), outside: !!(flags & FLAG_OUTSIDE) }),
        className: "map-marker",
        iconSize: [22, 22],
        popupAnchor: [0, -8],
      });
      const marker = L.marker([lat, lon], { icon, title: `${name} (${type.label})`, alt: name, typeIndex, flags, keyboard: true });
      marker.bindPopup(() => popupHtml(point));
      if (flags & FLAG_SPREAD) {
        const truePoint = [point[8], point[9]];
        leaderLayer.addLayer(L.polyline([truePoint, [lat, lon]], { color: "#4a545b", weight: 1, opacity: 0.8, interactive: false }));
        leaderLayer.addLayer(L.circleMarker(truePoint, { radius: 3, color: "#1a1a1a", weight: 1, fillColor: "#fff", fillOpacity: 1, interactive: false }));
      }
      return marker;
    });
    pointLayer.addLayers(markers);
    return markers.length;
  }

  function drawClusters(clusters) {
    for (const [lat, lon, total, counts, outside] of clusters) {
      const donut = donutSvg(counts, colors, total, { outside });
      const marker = L.marker([lat, lon], {
        icon: L.divIcon({
          html: donut.html + groupLabel(total),
          className: "map-cluster map-server-cluster",
          iconSize: [donut.size, donut.size],
        }),
        title: text.group.replace("{n}", total),
        keyboard: true,
      });
      marker.on("click", () => map.setView([lat, lon], Math.min(map.getZoom() + 2, 18)));
      clusterLayer.addLayer(marker);
    }
    return clusters.length;
  }

  function fitToResults(data) {
    const coords = data.mode === "points" ? data.points.map((p) => [p[1], p[2]]) : data.clusters.map((c) => [c[0], c[1]]);
    if (!coords.length) return false;
    const bounds = L.latLngBounds(coords);
    if (map.getBounds().contains(bounds) && map.getZoom() >= 8) return false;
    map.fitBounds(bounds.pad(0.15), { maxZoom: 10, animate: false }); // 10: the département stays in sight
    return true;
  }

  async function loadData() {
    if (covered()) return; // e.g. a popup panned the map a little: keep markers and popup
    const current = ++sequence;
    const filterQuery = params.toString();
    if (controller) controller.abort();
    controller = new AbortController();
    const bounds = map.getBounds().pad(0.25);
    const query = new URLSearchParams(params);
    query.set("bbox", [bounds.getWest(), bounds.getSouth(), bounds.getEast(), bounds.getNorth()].map((v) => v.toFixed(4)).join(","));
    query.set("zoom", String(map.getZoom()));
    element.dataset.state = "loading";
    let data;
    try {
      const response = await fetch(`${config.dataUrl}?${query}`, { signal: controller.signal, headers: { Accept: "application/json" } });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      data = await response.json();
    } catch (error) {
      if (error.name === "AbortError") return;
      element.dataset.state = "error";
      console.warn(text.loadError, error);
      return;
    }
    if (current !== sequence) return;
    const hasTerritory = params.get("region") || params.get("departement") || params.get("commune") || params.get("q");
    if (!fitted && hasTerritory) {
      fitted = true;
      fitToResults(data);
      if (current !== sequence) return; // the fitted view's moveend is loading its own data
    }
    fitted = true;
    pointLayer.clearLayers();
    clusterLayer.clearLayers();
    leaderLayer.clearLayers();
    const count = data.mode === "points" ? drawPoints(data.points) : drawClusters(data.clusters);
    const [west, south, east, north] = data.bbox;
    loaded = { bounds: L.latLngBounds([south, west], [north, east]), zoom: data.zoom, mode: data.mode, query: filterQuery };
    element.dataset.mode = data.mode;
    element.dataset.spread = String(data.mode === "points" ? data.points.filter((p) => p[4] & FLAG_SPREAD).length : 0);
    element.dataset.markers = String(count);
    element.dataset.total = String(data.total);
    element.dataset.state = "ready";
    element.dispatchEvent(new CustomEvent("map:drawn", { detail: { count, mode: data.mode } }));
  }

  // Optional layers (MAP_OVERLAYS): on when the query string says `<key>=1`; each draws its GeoJSON
  // above the actors and fills its list (the text alternative), both with the map's filters.
  map.createPane("overlay-points").style.zIndex = 620;
  const overlays = (config.overlays || []).map((overlay) => ({
    ...overlay,
    layer: null,
    sequence: 0,
    section: document.querySelector(`[data-map-overlay="${overlay.key}"]`),
    legend: document.querySelector(`[data-legend-overlay="${overlay.key}"]`),
    state: `overlay${overlay.key[0].toUpperCase()}${overlay.key.slice(1)}`, // data-overlay-<key> on the map
  }));

  async function loadOverlay(overlay, search, withList) {
    const on = params.get(overlay.key) === "1";
    const current = ++overlay.sequence;
    if (overlay.legend) overlay.legend.hidden = !on;
    if (overlay.section) overlay.section.hidden = !on;
    if (overlay.layer) {
      map.removeLayer(overlay.layer);
      overlay.layer = null;
    }
    element.dataset[overlay.state] = on ? "loading" : "off";
    if (!on) return;
    try {
      const requests = [fetch(`${overlay.dataUrl}?${search}`, { headers: { Accept: "application/geo+json" } })];
      if (withList && overlay.section) requests.push(fetch(`${overlay.listUrl}?${search}`));
      const [data, list] = await Promise.all(requests);
      if (!data.ok || (list && !list.ok)) throw new Error(`HTTP ${data.status}`);
      const collection = await data.json();
      const html = list ? await list.text() : null;
      if (current !== overlay.sequence) return;
      overlay.layer = pointOverlay(L, collection, { approximateText: text.overlayApproximate, pane: "overlay-points" }).addTo(map);
      if (html !== null) overlay.section.querySelector("[data-map-overlay-list]").innerHTML = html;
      element.dataset[overlay.state] = String(collection.features.length);
    } catch (error) {
      element.dataset[overlay.state] = "error";
      console.warn(text.loadError, error);
    }
  }

  async function loadList(search) {
    if (!listBox) return;
    const response = await fetch(`${config.listUrl}?${search}`);
    if (response.ok) listBox.innerHTML = await response.text();
  }

  function syncLinks() {
    const search = params.toString();
    for (const link of document.querySelectorAll("[data-map-toggle], [data-map-share]")) {
      link.href = search ? `${link.dataset.base}?${search}` : link.dataset.base;
    }
    const outsideEntry = document.querySelector("[data-legend-outside]");
    if (outsideEntry) outsideEntry.hidden = !(params.get("region") || params.get("departement") || params.get("commune"));
    const disappearedEntry = document.querySelector("[data-legend-disappeared]");
    if (disappearedEntry) disappearedEntry.hidden = params.get("disparus") !== "1";
  }

  let debounce = null;
  function applyFilters() {
    params = queryFromForm(form);
    const search = params.toString();
    window.history.replaceState(null, "", search ? `?${search}` : window.location.pathname);
    syncLinks();
    fitted = false;
    loadData();
    loadList(search);
    overlays.forEach((overlay) => loadOverlay(overlay, search, true));
  }

  if (form) {
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      applyFilters();
    });
    form.addEventListener("change", () => {
      clearTimeout(debounce);
      debounce = setTimeout(applyFilters, 150);
    });
  }
  if (listBox) {
    listBox.addEventListener("click", (event) => {
      const link = event.target.closest("[data-map-page]");
      if (!link) return;
      event.preventDefault();
      loadList(new URL(link.href, window.location.href).search.slice(1));
    });
  }

  map.on("moveend", loadData);
  loadData();
  // The server rendered the lists of the layers the page was asked with: draw their points only.
  overlays.forEach((overlay) => loadOverlay(overlay, params.toString(), false));
  window.maillageMap = map;
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
else init();
