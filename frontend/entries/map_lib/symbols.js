// Marker symbols shared by the map and the location picker: colour AND shape per actor type,
// so that the type never depends on colour alone.

function polygon(sides, radius, rotation = -Math.PI / 2, inner = null) {
  const points = [];
  const count = inner ? sides * 2 : sides;
  for (let i = 0; i < count; i += 1) {
    const r = inner && i % 2 ? inner : radius;
    const angle = rotation + (i * 2 * Math.PI) / count;
    points.push(`${(12 + r * Math.cos(angle)).toFixed(2)},${(12 + r * Math.sin(angle)).toFixed(2)}`);
  }
  return points.join(" ");
}

const SHAPES = {
  circle: () => '<circle cx="12" cy="12" r="8.5"/>',
  square: () => '<rect x="4" y="4" width="16" height="16" rx="1"/>',
  triangle: () => '<polygon points="12,2.5 21.5,20 2.5,20"/>',
  diamond: () => '<polygon points="12,1.5 22.5,12 12,22.5 1.5,12"/>',
  pentagon: () => `<polygon points="${polygon(5, 10)}"/>`,
  hexagon: () => `<polygon points="${polygon(6, 10)}"/>`,
  star: () => `<polygon points="${polygon(5, 11, -Math.PI / 2, 5)}"/>`,
};

export function symbolSvg(shape, color, { size = 22, muted = false, outside = false } = {}) {
  const body = (SHAPES[shape] || SHAPES.circle)();
  const fill = outside ? "#ffffff" : color;
  const stroke = outside ? color : "#1a1a1a";
  const dash = muted || outside ? ' stroke-dasharray="3 2"' : "";
  const opacity = muted ? ' opacity="0.45"' : "";
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 24 24" aria-hidden="true" focusable="false"><g fill="${fill}" stroke="${stroke}" stroke-width="${outside ? 2.5 : 1.5}"${dash}${opacity}>${body}</g></svg>`;
}

// A ring whose arcs show the share of each type in a group of actors.
export function donutSvg(counts, colors, total, { outside = 0 } = {}) {
  const size = total < 10 ? 34 : total < 100 ? 40 : total < 1000 ? 48 : 56;
  const radius = 15;
  const circumference = 2 * Math.PI * radius;
  let offset = 0;
  const arcs = [];
  const parts = counts.map((n, i) => [n, colors[i]]);
  if (outside) parts.push([outside, "#8a8f94"]);
  for (const [n, color] of parts) {
    if (!n) continue;
    const length = (n / total) * circumference;
    arcs.push(
      `<circle cx="20" cy="20" r="${radius}" fill="none" stroke="${color}" stroke-width="8" stroke-dasharray="${length.toFixed(2)} ${(circumference - length).toFixed(2)}" stroke-dashoffset="${(-offset).toFixed(2)}" transform="rotate(-90 20 20)"/>`,
    );
    offset += length;
  }
  const label = total >= 10000 ? `${Math.round(total / 1000)}k` : total >= 1000 ? `${(total / 1000).toFixed(1)}k` : String(total);
  return {
    size,
    html: `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 40 40" aria-hidden="true" focusable="false"><circle cx="20" cy="20" r="19.5" fill="#ffffff" stroke="#1a1a1a" stroke-width="1"/>${arcs.join("")}<circle cx="20" cy="20" r="10.5" fill="#ffffff"/><text x="20" y="24" text-anchor="middle" font-size="${label.length > 3 ? 8.5 : 11}" font-weight="700" fill="#1a1a1a" font-family="sans-serif">${label}</text></svg>`,
  };
}
