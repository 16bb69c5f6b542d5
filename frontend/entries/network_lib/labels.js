// Network labels that are never cut at the canvas edge and never drawn over one another.
//
// Sigma picks label candidates per grid cell, biggest node first (node size grows with the
// number of relations, so the most connected actors win their cell). Before each frame the
// page gives the actors that matter most, in order (the most connected; or the centred
// actor and its neighbours): their labels are placed first, each unless it would overlap
// one placed before it. Then every label is drawn on the right of its node, or on its left
// when the right side would leave the canvas, clamped inside it vertically; a label that
// would overlap one already placed in this frame is skipped, so the important ones show.

const GAP = 3;
const MARGIN = 2;

function font(settings) {
  return `${settings.labelWeight} ${settings.labelSize}px ${settings.labelFont}`;
}

function canvasSize(context) {
  const ratio = window.devicePixelRatio || 1;
  return { width: context.canvas.width / ratio, height: context.canvas.height / ratio };
}

// Where the label of a node at (x, y) with radius `size` goes: a box in CSS pixels.
export function placeLabel(x, y, size, textWidth, fontSize, canvas) {
  let left = x + size + GAP;
  if (left + textWidth > canvas.width - MARGIN) left = x - size - GAP - textWidth;
  left = Math.max(MARGIN, Math.min(left, canvas.width - MARGIN - textWidth));
  const top = Math.max(MARGIN, Math.min(y - fontSize / 2 - 1, canvas.height - MARGIN - fontSize - 2));
  return { left, top, width: textWidth, height: fontSize + 2 };
}

function overlaps(a, b) {
  return a.left < b.left + b.width && b.left < a.left + a.width && a.top < b.top + b.height && b.top < a.top + a.height;
}

export function createLabelDrawer() {
  let drawn = [];
  let reserved = new Map();
  let ready = false; // no label before the places of the forced ones are known (see reset)
  const measureContext = document.createElement("canvas").getContext("2d");

  function color(data, settings) {
    return settings.labelColor.attribute
      ? data[settings.labelColor.attribute] || settings.labelColor.color || "#000"
      : settings.labelColor.color;
  }

  function drawLabel(context, data, settings) {
    if (!data.label || !ready) return;
    context.font = font(settings);
    const width = context.measureText(data.label).width;
    let box = reserved.get(data.key);
    if (box) box.drawn = true;
    else {
      box = placeLabel(data.x, data.y, data.size, width, settings.labelSize, canvasSize(context));
      if (drawn.some((other) => overlaps(box, other))) return;
      for (const other of reserved.values()) if (overlaps(box, other)) return;
      box.label = data.label;
      box.drawn = true;
      drawn.push(box);
    }
    context.fillStyle = color(data, settings);
    context.fillText(data.label, box.left, box.top + settings.labelSize - 1);
  }

  function drawHover(context, data, settings) {
    context.font = font(settings);
    const label = typeof data.label === "string" ? data.label : "";
    const width = context.measureText(label).width;
    const box = placeLabel(data.x, data.y, data.size, width, settings.labelSize, canvasSize(context));
    context.fillStyle = "#FFF";
    context.shadowBlur = 8;
    context.shadowColor = "#000";
    context.beginPath();
    context.arc(data.x, data.y, data.size + 2, 0, Math.PI * 2);
    context.fill();
    if (label) context.fillRect(box.left - 2, box.top - 2, box.width + 4, box.height + 4);
    context.shadowBlur = 0;
    if (label) {
      context.fillStyle = color(data, settings);
      context.fillText(label, box.left, box.top + settings.labelSize - 1);
    }
  }

  // Called before each frame: forget last frame's boxes and reserve the places of the
  // priority labels, in order, each unless it overlaps one reserved before it.
  function reset(renderer, priorityNodes) {
    ready = true;
    drawn = [];
    reserved = new Map();
    const settings = renderer.getSettings();
    measureContext.font = font(settings);
    const { width, height } = renderer.getDimensions();
    for (const node of priorityNodes) {
      const data = renderer.getNodeDisplayData(node);
      if (!data || data.hidden || !data.label) continue;
      const position = renderer.framedGraphToViewport(data);
      const textWidth = measureContext.measureText(data.label).width;
      const size = renderer.scaleSize(data.size);
      const box = placeLabel(position.x, position.y, size, textWidth, settings.labelSize, { width, height });
      box.label = data.label;
      if (position.x < 0 || position.x > width || position.y < 0 || position.y > height) continue;
      let free = true;
      for (const other of reserved.values()) if (overlaps(box, other)) free = false;
      if (free) reserved.set(node, box);
    }
  }

  // The labels drawn in the last frame, as boxes in CSS pixels (for tests and debugging).
  function drawnLabels() {
    return [...reserved.values()].filter((box) => box.drawn).concat(drawn).map((box) => ({ ...box }));
  }

  return { drawLabel, drawHover, reset, drawnLabels };
}
