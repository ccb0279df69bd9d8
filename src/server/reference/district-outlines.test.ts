import { describe, expect, it } from 'vitest';
import { districtOutlines, districtViewBoxes } from './district-outlines.ts';
import { loadReference } from './load-reference.ts';
import { regionOutlines } from './region-outlines.ts';

const { territories } = loadReference();

/** The absolute points of a path made of M, relative l and z commands. */
function pointsOf(d: string): [number, number][] {
  const points: [number, number][] = [];
  for (const ring of d.split('M').filter(Boolean)) {
    const [start = '', steps = ''] = ring.replace('z', '').split('l');
    let [x = 0, y = 0] = start.split(' ').map(Number);
    points.push([x, y]);
    const numbers = steps.split(' ').map(Number);
    for (let i = 0; i + 1 < numbers.length; i += 2) {
      x += numbers[i] ?? 0;
      y += numbers[i + 1] ?? 0;
      points.push([x, y]);
    }
  }
  return points;
}

function boxOf(points: [number, number][]) {
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  return { x0: Math.min(...xs), x1: Math.max(...xs), y0: Math.min(...ys), y1: Math.max(...ys) };
}

describe('district outlines', () => {
  it('outline 198 of the 208 districts and cities, each a territory below a region', () => {
    const below = territories.filter((t) => t.parentCode !== null);
    expect(below).toHaveLength(208);
    expect(districtOutlines.size).toBe(198);
    const codes = new Set(below.map((t) => t.code));
    for (const code of districtOutlines.keys()) expect(codes.has(code), code).toBe(true);
    const without = below.filter((t) => !districtOutlines.has(t.code)).map((t) => t.code);
    expect(without.sort()).toEqual([
      '1706403',
      '1710240',
      '1712412',
      '1714410',
      '1714415',
      '1722203',
      '1726292',
      '1733221',
      '1735209',
      '1735228',
    ]);
  });

  it('lays every district inside its own region, as the region map draws that region', () => {
    // Natural Earth's regions are drawn to whole map units (2.4 km), its Tashkent city predates the city's 2020
    // growth, and it gives Jizzakh's Yangiobod district (east of Zomin) to Syrdarya: a district may overhang its
    // region's box by up to 12 units (28 km, Yangiobod) and its middle lie 5 units outside it. A district matched
    // into another region is off by far more, unless it borders this one.
    for (const [code, d] of districtOutlines) {
      const own = boxOf(pointsOf(regionOutlines.get(code.slice(0, 4)) ?? ''));
      const box = boxOf(pointsOf(d));
      const [x, y] = [(box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2];
      const inside = x > own.x0 - 5 && x < own.x1 + 5 && y > own.y0 - 5 && y < own.y1 + 5;
      expect(inside, `${code} middle`).toBe(true);
      expect(box.x0, code).toBeGreaterThan(own.x0 - 12);
      expect(box.x1, code).toBeLessThan(own.x1 + 12);
      expect(box.y0, code).toBeGreaterThan(own.y0 - 12);
      expect(box.y1, code).toBeLessThan(own.y1 + 12);
    }
  });

  it('frames each region’s districts in a box that holds them all', () => {
    for (const [code, d] of districtOutlines) {
      const [x = 0, y = 0, w = 0, h = 0] = (districtViewBoxes.get(code.slice(0, 4)) ?? '')
        .split(' ')
        .map(Number);
      const box = boxOf(pointsOf(d));
      expect(box.x0 >= x && box.x1 <= x + w && box.y0 >= y && box.y1 <= y + h, code).toBe(true);
    }
  });
});
