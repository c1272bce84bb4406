/** A point to label on a chart, in SVG coordinates. */
export interface LabelRequest {
  id: string;
  x: number;
  y: number;
  text: string;
}

export interface PlacedLabel {
  id: string;
  /** Baseline-left corner of the text. */
  x: number;
  y: number;
  text: string;
}

export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Text box of a label whose baseline starts at (x, y): glyphs ~6.5 px wide, 11 px tall at the chart's 11 px font. */
export function labelBox(x: number, y: number, text: string): Box {
  return { x0: x - 1, y0: y - 10, x1: x + text.length * 6.5 + 1, y1: y + 2 };
}

const overlaps = (a: Box, b: Box) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

/**
 * Places labels beside their points so that no two labels overlap and no label covers a point:
 * each label, in the order given, takes the first free spot of eight around its point (right-up,
 * left-up, right-down, left-down, right, left, above, below); a label with no free spot is
 * dropped (the caller lists it elsewhere). Deterministic: the same points give the same layout.
 */
export function placeLabels(
  labels: LabelRequest[], obstacles: { x: number; y: number; r: number }[], bounds: Box,
): { placed: PlacedLabel[]; dropped: LabelRequest[] } {
  const taken: Box[] = obstacles.map((o) => ({ x0: o.x - o.r, y0: o.y - o.r, x1: o.x + o.r, y1: o.y + o.r }));
  const placed: PlacedLabel[] = [];
  const dropped: LabelRequest[] = [];
  for (const l of labels) {
    const w = l.text.length * 6.5;
    const spots: [number, number][] = [
      [l.x + 8, l.y - 6], [l.x - 8 - w, l.y - 6], [l.x + 8, l.y + 14], [l.x - 8 - w, l.y + 14],
      [l.x + 9, l.y + 4], [l.x - 9 - w, l.y + 4], [l.x - w / 2, l.y - 10], [l.x - w / 2, l.y + 19],
    ];
    const spot = spots.find(([x, y]) => {
      const b = labelBox(x, y, l.text);
      const inside = b.x0 >= bounds.x0 && b.x1 <= bounds.x1 && b.y0 >= bounds.y0 && b.y1 <= bounds.y1;
      // A label may sit next to its own point's circle, never on it.
      return inside && !taken.some((t) => overlaps(b, t));
    });
    if (!spot) {
      dropped.push(l);
      continue;
    }
    placed.push({ id: l.id, x: spot[0], y: spot[1], text: l.text });
    taken.push(labelBox(spot[0], spot[1], l.text));
  }
  return { placed, dropped };
}
