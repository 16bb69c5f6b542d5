// The initiatives of the catalogue's selection on a map, at their territory (a layer URL of GeoJSON).
// The list under the map says the same thing and is the accessible alternative.
import L from "leaflet";
import "leaflet/dist/leaflet.css";
import { pointOverlay } from "./map_lib/point_overlay.js";

const FRANCE = [[41.2, -5.5], [51.2, 9.8]];

function init() {
  const element = document.querySelector("[data-initiatives-map]");
  if (!element) return;
  const config = JSON.parse(document.getElementById("initiatives-map-config").textContent);
  const map = L.map(element).fitBounds(FRANCE);
  L.tileLayer(config.tileUrl, { attribution: config.tileAttribution, maxZoom: 19 }).addTo(map);
  fetch(config.dataUrl, { headers: { Accept: "application/geo+json" } })
    .then((response) => response.json())
    .then((collection) => {
      const layer = pointOverlay(L, collection, { approximateText: config.approximate }).addTo(map);
      if (collection.features.length) map.fitBounds(layer.getBounds(), { maxZoom: 10, padding: [20, 20] });
    });
}

document.addEventListener("DOMContentLoaded", init);
