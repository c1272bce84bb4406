import { switchMaxPowerW, type Catalog, type Confidence } from '../model/catalog';
import type { PartCategory } from '../model/common';
import type { BomLine } from '../model/result';
import type { AllocationLine } from './assess';
import type { Context } from './context';
import { fromCents } from './money';

/** What the BOM needs to know about one catalog part to make its lines orderable. */
interface PartFacts {
  confidence: Confidence;
  powerW: number;
  maxPowerW: number;
  /** Cables: length-coded part numbers by standard length ("1.5" -> "MCP7Y00-N01A"). */
  partNumbers?: Record<string, string>;
}

const factsCache = new WeakMap<Catalog, Map<string, PartFacts>>();

function partFacts(catalog: Catalog): Map<string, PartFacts> {
  let m = factsCache.get(catalog);
  if (m) return m;
  m = new Map();
  for (const s of catalog.switches) m.set(s.id, { confidence: s.confidence, powerW: s.powerW, maxPowerW: switchMaxPowerW(s) });
  for (const t of catalog.transceivers) m.set(t.id, { confidence: t.confidence, powerW: t.powerW, maxPowerW: t.powerW });
  for (const c of catalog.cables) m.set(c.id, { confidence: c.confidence, powerW: c.powerW, maxPowerW: c.powerW, partNumbers: c.partNumbers });
  factsCache.set(catalog, m);
  return m;
}

const RANK: Record<Confidence, number> = { verified: 0, estimated: 1, unconfirmed: 2 };
const worse = (a: Confidence, b: Confidence): Confidence => (RANK[a] >= RANK[b] ? a : b);

/**
 * The number to order for a part: a cable at a standard length takes its length-coded number when
 * the catalog gives one; otherwise the model, which for a cable is a family ("MCP7Y00-N00x").
 */
export function bomPartNumber(category: PartCategory, model: string, lengthM: number | undefined, partNumbers?: Record<string, string>):
  { partNumber: string; partNumberKind: 'orderable' | 'family' } {
  if (category !== 'cable') return { partNumber: model, partNumberKind: 'orderable' };
  const coded = lengthM === undefined ? undefined : partNumbers?.[String(lengthM)];
  return coded ? { partNumber: coded, partNumberKind: 'orderable' } : { partNumber: model, partNumberKind: 'family' };
}

/** The candidate's BOM lines from the sourcing allocation: prices, ordering, lead time, warranty, power and confidence. */
export function bomLines(ctx: Context, lines: AllocationLine[]): BomLine[] {
  const facts = partFacts(ctx.catalog);
  const out: BomLine[] = new Array(lines.length);
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    const f = facts.get(l.sku.partId);
    const lengthM = l.sku.lengthCm !== undefined ? l.sku.lengthCm / 100 : undefined;
    const pn = bomPartNumber(l.sku.category, l.sku.model, lengthM, f?.partNumbers);
    // Fields set in the order the result lists them, the optional ones only when present (one
    // object shape per kind of line: the page makes thousands of these per run).
    const line: BomLine = {
      part: l.sku.partId,
      model: l.sku.model,
      name: l.sku.name,
      category: l.sku.category,
      source: l.offer.source,
      vendor: l.offer.vendor,
      offer: l.offer.offerId,
    } as BomLine;
    if (lengthM !== undefined) line.lengthM = lengthM;
    line.quantity = l.quantity;
    line.unitPrice = fromCents(l.offer.unitCents);
    line.extendedPrice = fromCents(l.cents);
    if (l.spare) line.spare = true;
    line.partNumber = pn.partNumber;
    line.partNumberKind = pn.partNumberKind;
    line.leadTimeWeeks = l.offer.leadTimeWeeks;
    line.warrantyYears = l.offer.warrantyYears;
    line.unitPowerW = f?.powerW ?? l.sku.milliwatts / 1000;
    line.unitMaxPowerW = f?.maxPowerW ?? l.sku.milliwatts / 1000;
    line.confidence = worse(f?.confidence ?? l.sku.confidence, pn.partNumberKind === 'family' ? 'estimated' : 'verified');
    out[i] = line;
  }
  return out;
}
