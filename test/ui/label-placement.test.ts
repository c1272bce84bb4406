import { describe, expect, it } from 'vitest';
import { labelBox, placeLabels, type Box } from '../../src/ui/label-placement';

const bounds: Box = { x0: 0, y0: 0, x1: 900, y1: 250 };
const overlap = (a: Box, b: Box) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

describe('Pareto chart label placement', () => {
  it('never lets two labels overlap, even when the ranked points sit on top of each other', () => {
    const pts = [1, 2, 3].map((rank) => ({ id: `d${rank}`, x: 400 + rank, y: 120, text: `#${rank}` }));
    const { placed, dropped } = placeLabels(pts, pts.map((p) => ({ ...p, r: 6.5 })), bounds);
    expect(placed.length + dropped.length).toBe(3);
    const boxes = placed.map((p) => labelBox(p.x, p.y, p.text));
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) expect(overlap(boxes[i], boxes[j])).toBe(false);
    expect(placed.map((p) => p.text)).toEqual(['#1', '#2', '#3']);
  });

  it('keeps labels off every point and inside the plot, moving a label left at the right edge', () => {
    const pts = [{ id: 'a', x: 895, y: 100, text: '#1' }];
    const { placed } = placeLabels(pts, [{ x: 895, y: 100, r: 6.5 }, { x: 880, y: 80, r: 6.5 }], bounds);
    const b = labelBox(placed[0].x, placed[0].y, '#1');
    expect(b.x1).toBeLessThanOrEqual(900);
    expect(overlap(b, { x0: 873.5, y0: 73.5, x1: 886.5, y1: 86.5 })).toBe(false);
  });

  it('drops a label that has no free spot rather than drawing it over another', () => {
    const crowd = Array.from({ length: 60 }, (_, i) => ({ x: 400 + (i % 10) * 6, y: 100 + Math.floor(i / 10) * 6, r: 6.5 }));
    const { placed, dropped } = placeLabels([{ id: 'x', x: 427, y: 115, text: '#1' }], crowd, bounds);
    expect(placed).toEqual([]);
    expect(dropped.map((d) => d.id)).toEqual(['x']);
  });

  it('places the same points the same way every time', () => {
    const pts = [1, 2, 3].map((rank) => ({ id: `d${rank}`, x: 300 + rank * 3, y: 100 + rank * 2, text: `#${rank}` }));
    const obstacles = pts.map((p) => ({ ...p, r: 5 }));
    expect(placeLabels(pts, obstacles, bounds)).toEqual(placeLabels(pts, obstacles, bounds));
  });
});
