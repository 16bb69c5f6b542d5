// A layer of GeoJSON points that link to a page (e.g. initiatives at their territory): blue rounds,
// dashed and lighter when the position is approximate (the centre of a département or région).
// Shared by the initiatives map and the optional layers of the main map.

export const OVERLAY_COLOR = "#00579e";

export function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}

export function pointOverlay(L, collection, { approximateText, pane } = {}) {
  return L.geoJSON(collection, {
    pointToLayer: (feature, latlng) =>
      L.circleMarker(latlng, {
        pane: pane || "overlayPane",
        radius: 8,
        color: OVERLAY_COLOR,
        weight: 2,
        fillOpacity: feature.properties.approximate ? 0.25 : 0.8,
        dashArray: feature.properties.approximate ? "3 3" : null,
      }),
    onEachFeature: (feature, marker) => {
      const p = feature.properties;
      const where = escapeHtml(p.territory) + (p.approximate ? ` (${escapeHtml(approximateText || "")})` : "");
      marker.bindPopup(`<a href="${escapeHtml(p.url)}">${escapeHtml(p.title)}</a><br>${where}`);
    },
  });
}
