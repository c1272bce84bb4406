// Price sets for the robustness analysis (docs/robustness.md): each catalog offer's price swings in
// a range, its own priceLow..priceHigh or the scenario's robustness.ranges in % by source and
// category, and a sample draws every swinging price uniformly in its range. The generator is ours
// (xoshiro128**, seeded by splitmix32), so the same seed gives the same prices, and the same bytes,
// on every machine and in every JavaScript engine; each sample has its own stream, seeded from
// (seed, sample index), so sample i is the same whether 10 or 10,000 are drawn, in any order.
import type { Catalog, Offer } from '../model/catalog';
import type { PartCategory } from '../model/common';
import type { Scenario } from '../model/scenario';
import { roundHalfUp } from './money';

export type RobustnessSpec = NonNullable<Scenario['robustness']>;

/** splitmix32: spreads a 32-bit seed into well-mixed words (xoshiro must not start from zeros). */
function splitmix32(state: { s: number }): number {
  state.s = (state.s + 0x9e3779b9) | 0;
  let z = state.s;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** xoshiro128** (Blackman and Vigna): small, fast and good enough for sampling prices. */
export class Xoshiro128 {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /** A stream from a seed and a stream number (the sample index): independent streams per sample. */
  constructor(seed: number, stream = 0) {
    const st = { s: (seed >>> 0) ^ Math.imul(stream + 1, 0x632be5ab) };
    // The stream number goes through the mixer twice so neighbouring samples share no state words.
    splitmix32(st);
    st.s ^= Math.imul(stream >>> 0, 0x9e3779b1);
    this.a = splitmix32(st);
    this.b = splitmix32(st);
    this.c = splitmix32(st);
    this.d = splitmix32(st);
    if ((this.a | this.b | this.c | this.d) === 0) this.a = 1;
  }

  /** The next 32 random bits, unsigned. */
  nextU32(): number {
    const result = Math.imul(rotl(Math.imul(this.b, 5), 7), 9) >>> 0;
    const t = this.b << 9;
    this.c ^= this.a;
    this.d ^= this.b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = rotl(this.d, 11);
    return result;
  }

  /** A uniform number in [0, 1) with 53 random bits. */
  nextFloat(): number {
    const hi = this.nextU32() >>> 5; // 27 bits
    const lo = this.nextU32() >>> 6; // 26 bits
    return (hi * 67_108_864 + lo) / 9_007_199_254_740_992;
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** Where one offer's price may swing, in catalog currency units; `from` says which rule set it. */
export interface PriceRange {
  offerIndex: number;
  low: number;
  high: number;
  from: 'offer' | 'scenario';
  /** Scenario ranges: the factors on the catalog price (1 + lowPct / 100, 1 + highPct / 100). */
  factors?: [number, number];
}

/** The category a catalog part belongs to (offers name a switch, transceiver or cable). */
export function partCategories(catalog: Catalog): Map<string, PartCategory> {
  const m = new Map<string, PartCategory>();
  for (const s of catalog.switches) m.set(s.id, 'switch');
  for (const t of catalog.transceivers) m.set(t.id, 'optic');
  for (const c of catalog.cables) m.set(c.id, 'cable');
  return m;
}

/**
 * Every offer whose price swings, in catalog order: the offer's own priceLow..priceHigh (an end
 * left out is the price itself) wins over the scenario's range for its source and category; an
 * offer with neither keeps its price, and owned parts always keep their residual value.
 */
export function priceRanges(catalog: Catalog, spec: RobustnessSpec | undefined): PriceRange[] {
  const categories = partCategories(catalog);
  const out: PriceRange[] = [];
  catalog.offers.forEach((o, offerIndex) => {
    if (o.source === 'owned') return;
    if (o.priceLow !== undefined || o.priceHigh !== undefined) {
      const low = o.priceLow ?? o.price;
      const high = o.priceHigh ?? o.price;
      if (high > low) out.push({ offerIndex, low, high, from: 'offer' });
      return;
    }
    const category = categories.get(o.part);
    const r = spec?.ranges.find((x) => x.source === o.source && x.category === category);
    if (!r || r.lowPct === r.highPct || (o.price === 0 && o.perMeterPrice === 0)) return;
    const factors: [number, number] = [1 + r.lowPct / 100, 1 + r.highPct / 100];
    out.push({ offerIndex, low: o.price * factors[0], high: o.price * factors[1], from: 'scenario', factors });
  });
  return out;
}

/**
 * One drawn price set: the price and per-metre price of every swinging offer (by offerIndex),
 * plain numbers so it crosses to workers by structured clone.
 */
export interface PriceSet {
  offerIndex: number[];
  price: number[];
  perMeterPrice: number[];
}

/**
 * The price set of sample `index`: each range, in catalog order, draws u uniform in [0, 1) and the
 * price low + u (high - low), in whole cents. A cable offer's per-metre price moves by the same
 * factor as its price, so a -20% draw is -20% at every length (a scenario range scales both terms
 * even where the fixed price is 0; an offer range on a price of 0 moves only the fixed price).
 */
export function drawPrices(catalog: Catalog, ranges: PriceRange[], seed: number, index: number): PriceSet {
  const rng = new Xoshiro128(seed, index);
  const set: PriceSet = { offerIndex: [], price: [], perMeterPrice: [] };
  const cents = (x: number) => roundHalfUp(x * 100) / 100;
  for (const r of ranges) {
    const o = catalog.offers[r.offerIndex];
    const u = rng.nextFloat();
    let price: number;
    let perMeter: number;
    if (r.factors) {
      const k = r.factors[0] + u * (r.factors[1] - r.factors[0]);
      price = cents(o.price * k);
      perMeter = o.perMeterPrice * k;
    } else {
      price = Math.min(r.high, Math.max(r.low, cents(r.low + u * (r.high - r.low))));
      perMeter = o.price > 0 ? o.perMeterPrice * (price / o.price) : o.perMeterPrice;
    }
    set.offerIndex.push(r.offerIndex);
    set.price.push(price);
    set.perMeterPrice.push(perMeter);
  }
  return set;
}

/** The catalog with a price set applied (offers not in the set are the catalog's own objects). */
export function applyPrices(catalog: Catalog, set: PriceSet): Catalog {
  if (set.offerIndex.length === 0) return catalog;
  const offers: Offer[] = catalog.offers.slice();
  set.offerIndex.forEach((i, k) => {
    offers[i] = { ...offers[i], price: set.price[k], perMeterPrice: set.perMeterPrice[k] };
  });
  return { ...catalog, offers };
}

/** The first `count` samples' price sets (what the analysis runs; tests compare streams with it). */
export function drawSamples(catalog: Catalog, spec: RobustnessSpec | undefined, seed: number, count: number): PriceSet[] {
  const ranges = priceRanges(catalog, spec);
  return Array.from({ length: count }, (_, i) => drawPrices(catalog, ranges, seed, i));
}
