// The encoder's growable typed arrays: what was appended is what comes out, across growth, and a
// write outside what was appended fails instead of vanishing (a typed array drops it silently).
import { describe, expect, it } from 'vitest';
import { growableFloats, growableInts } from '../../src/engine/growable';

describe('Growable', () => {
  it('keeps every number pushed, in order, while growing from a capacity of 1', () => {
    const g = growableInts(1);
    const want: number[] = [];
    for (let i = 0; i < 5000; i++) {
      const v = (i * 7919) % 10007 - 5000;
      g.push(v);
      want.push(v);
    }
    expect(g.length).toBe(5000);
    expect(Array.from(g.toArray())).toEqual(want);
    expect(g.data.length).toBeGreaterThanOrEqual(5000);
  });

  it('reserves zeros and returns where they start, after growth too', () => {
    const g = growableFloats(4);
    g.push(1.5);
    expect(g.reserve(10)).toBe(1);
    expect(g.length).toBe(11);
    expect(Array.from(g.view())).toEqual([1.5, ...new Array(10).fill(0)]);
    g.set(5, 2.25);
    expect(g.reserve(3)).toBe(11);
    expect(g.view()[5]).toBe(2.25);
    expect(Array.from(g.view().subarray(11))).toEqual([0, 0, 0]);
  });

  it('appends an array at the end', () => {
    const g = growableInts(2);
    g.push(9);
    g.append([1, 2, 3, 4, 5]);
    g.append(new Int32Array([6]));
    expect(Array.from(g.toArray())).toEqual([9, 1, 2, 3, 4, 5, 6]);
  });

  it('gives a copy of exactly the numbers appended, untouched by later appends', () => {
    const g = growableFloats(8);
    g.push(0.1);
    g.push(0.2);
    const copy = g.toArray();
    g.push(0.3);
    g.set(0, 7);
    expect(copy).toBeInstanceOf(Float64Array);
    expect(Array.from(copy)).toEqual([0.1, 0.2]);
  });

  it('stores int32 as an Int32Array does, so the encoded input matches Int32Array.from of plain numbers', () => {
    const values = [0, -1, 2 ** 31 - 1, 2 ** 31, 2.9, -2.9, 2 ** 32 + 5];
    const g = growableInts();
    for (const v of values) g.push(v);
    expect(Array.from(g.toArray())).toEqual(Array.from(Int32Array.from(values)));
  });

  it('refuses to set outside the numbers appended, naming the index', () => {
    const g = growableInts(16);
    g.reserve(3);
    expect(() => g.set(3, 1)).toThrow('index 3 is outside the 3 numbers appended');
    expect(() => g.set(-1, 1)).toThrow(RangeError);
    expect(() => g.set(Number.NaN, 1)).toThrow(RangeError);
    g.set(2, 4);
    expect(Array.from(g.view())).toEqual([0, 0, 4]);
  });
});
