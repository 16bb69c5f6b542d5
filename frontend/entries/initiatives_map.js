// The initiatives of the catalogue's selection on a map, at their territory (a layer URL of GeoJSON).
// The list under the map says the same thing and is the accessible alternative.
import L from "leaflet";
import "leaflet/dist/leaflet.css";

const FRANCE = [[41.2, -5.5], [51.2, 9.8]];

function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}

function init() {
  const element = document.querySelector("[data-initiatives-map]");
  if (!element) return;
  const config = JSON.parse(document.getElementById("initiatives-map-config").textContent);
  const map = L.map(element).fitBounds(FRANCE);
  L.tileLayer(config.tileUrl, { attribution: config.tileAttribution, maxZoom: 19 }).addTo(map);
  fetch(config.dataUrl, { headers: { Accept: "application/geo+json" } })
    .then((response) => response.json())
    .then((collection) => {
      const layer = L.geoJSON(collection, {
        pointToLayer: (feature, latlng) =>
          L.circleMarker(latlng, {
            radius: 8,
            color: "#00579e",
            weight: 2,
            fillOpacity: feature.properties.approximate ? 0.25 : 0.8,
            dashArray: feature.properties.approximate ? "3 3" : null,
          }),
        onEachFeature: (feature, marker) => {
          const p = feature.properties;
          const where = escapeHtml(p.territory) + (p.approximate ? " (" + escapeHtml(config.approximate) + ")" : "");
          marker.bindPopup(`<a href="${escapeHtml(p.url)}">${escapeHtml(p.title)}</a><br>${where}`);
        },
      }).addTo(map);
      if (collection.features.length) map.fitBounds(layer.getBounds(), { maxZoom: 10, padding: [20, 20] });
    });
}

document.addEventListener("DOMContentLoaded", init);
