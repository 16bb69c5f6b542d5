// Staff form widget: place or move a marker on a small map to fill latitude and longitude.
import L from "leaflet";
import "leaflet/dist/leaflet.css";
import "./map_lib/picker.css";

function init(root) {
  const latInput = document.getElementById(root.dataset.latitudeInput);
  const form = latInput && latInput.form;
  const lonInput = form && form.elements.namedItem(root.dataset.longitudeName);
  if (!latInput || !lonInput) return;
  const mapBox = root.querySelector(".location-picker-map");
  const map = L.map(mapBox).setView([46.6, 2.4], 5);
  L.tileLayer(root.dataset.tileUrl, { attribution: root.dataset.tileAttribution, maxZoom: 19 }).addTo(map);
  let marker = null;

  function current() {
    const lat = parseFloat(latInput.value);
    const lon = parseFloat(lonInput.value);
    return Number.isFinite(lat) && Number.isFinite(lon) ? L.latLng(lat, lon) : null;
  }

  function place(latlng, { write = true } = {}) {
    if (!latlng) {
      if (marker) map.removeLayer(marker);
      marker = null;
      return;
    }
    if (!marker) {
      marker = L.marker(latlng, {
        draggable: true,
        keyboard: true,
        title: root.dataset.markerTitle,
        icon: L.divIcon({ className: "location-picker-marker", iconSize: [18, 18] }),
      }).addTo(map);
      marker.on("dragend", () => place(marker.getLatLng()));
    } else {
      marker.setLatLng(latlng);
    }
    if (write) {
      latInput.value = latlng.lat.toFixed(6);
      lonInput.value = latlng.lng.toFixed(6);
      latInput.dispatchEvent(new Event("change", { bubbles: true }));
    }
  }

  const initial = current();
  if (initial) {
    place(initial, { write: false });
    map.setView(initial, 13);
  }
  map.on("click", (event) => place(event.latlng));
  for (const input of [latInput, lonInput]) {
    input.addEventListener("input", () => place(current(), { write: false }));
  }
  root.querySelector("[data-location-clear]").addEventListener("click", () => {
    latInput.value = "";
    lonInput.value = "";
    place(null);
  });
  root.locationPicker = { map, place };
}

function start() {
  document.querySelectorAll("[data-location-picker]").forEach(init);
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else start();
