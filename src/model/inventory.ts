import { z } from 'zod';
import type { Catalog } from './catalog';
import { Id, NonNegativeMoney, Notes } from './common';
import { quoteText } from './quote-text';
import { describeIssues, type Checked, type FieldProblem } from './validate';

/**
 * Parts the user already owns (a decommissioned cluster's switches, optics and cables), kept apart
 * from the catalog: the catalog says what can be bought, the inventory what is on the shelf. Each
 * line becomes an `owned` offer (src/topology/inventory.ts) the search allocates like any stock.
 */
export const InventoryItem = z.strictObject({
  /** A switch, transceiver or cable id of the catalog. */
  part: Id,
  /** Cables only, and required for them: the standard length these units are (stock is per length). */
  lengthM: z.number().positive('must be positive').max(100_000, 'must be at most 100,000 m').optional(),
  quantity: z.number().int('must be an integer').min(0, 'must not be negative').max(1e9, 'must be at most 1,000,000,000'),
  /** What one unit would fetch if sold instead: the cost of reusing it. */
  residualValue: NonNegativeMoney.default(0),
  /** Warranty left on the units, years; used gear usually has none. */
  warrantyYears: z.number().min(0, 'must not be negative').max(20, 'must be at most 20 years').default(0),
  /** Annual support or licence per installed unit (e.g. a support contract kept), catalog currency. */
  supportPerYear: z.number().min(0, 'must not be negative').max(10_000_000, 'must be at most 10,000,000 per year').default(0),
  /** Condition notes: where the units are, hours run, what was tested. */
  condition: Notes.default(''),
});

export const InventorySchema = z.strictObject({
  schemaVersion: z.literal(1, { error: 'must be 1' }).default(1),
  /** Marks the file as an inventory, so `railyard validate` can tell it from a catalog. */
  kind: z.literal('inventory', { error: 'must be "inventory"' }).default('inventory'),
  name: z.string().min(1, 'must not be empty').max(200, 'must be at most 200 characters').default('Inventory'),
  /** Residual values are in this currency; it must be the catalog's. */
  currency: z.string().regex(/^[A-Z]{3}$/, 'must be a 3-letter currency code').default('USD'),
  items: z.array(InventoryItem).max(20_000, 'must list at most 20,000 items').default([]),
});

export type Inventory = z.output<typeof InventorySchema>;
export type InventoryInput = z.input<typeof InventorySchema>;
export type InventoryItem = z.output<typeof InventoryItem>;

export const emptyInventory = (): Inventory => InventorySchema.parse({});

/** Whether a JSON document looks like an inventory (its kind, or items without catalog lists). */
export function isInventoryDocument(value: unknown): boolean {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const v = value as Record<string, unknown>;
  return v.kind === 'inventory' || ('items' in v && !('offers' in v) && !('cluster' in v) && !('candidates' in v));
}

/** What a line is about, for messages: "QM9700" or "MFP7E10 at 3 m". */
export const itemLabel = (i: Pick<InventoryItem, 'part' | 'lengthM'>) => (i.lengthM === undefined ? i.part : `${i.part} at ${i.lengthM} m`);

/**
 * Checks an inventory against the catalog it will be used with: every line must name a switch,
 * transceiver or cable of the catalog, a cable line one of its standard lengths, each (part,
 * length) once, and the currency must be the catalog's. Problems carry field paths (items[3].part).
 */
export function checkInventory(input: unknown, catalog: Catalog): Checked<Inventory> {
  const r = InventorySchema.safeParse(input);
  if (!r.success) return { ok: false, problems: describeIssues(r.error.issues, input) };
  const inv = r.data;
  const problems: FieldProblem[] = [];
  if (inv.currency !== catalog.currency)
    problems.push({ path: 'currency', message: `must be the catalog's currency (${catalog.currency}), got "${inv.currency}"` });
  const switches = new Set(catalog.switches.map((p) => p.id));
  const optics = new Set(catalog.transceivers.map((p) => p.id));
  const cables = new Map(catalog.cables.map((c) => [c.id, c.lengthsM]));
  const seen = new Map<string, number>();
  inv.items.forEach((item, i) => {
    const at = `items[${i}]`;
    const lengths = cables.get(item.part);
    if (lengths) {
      if (item.lengthM === undefined) {
        problems.push({ path: `${at}.lengthM`, message: `is required for a cable: one of its standard lengths (${lengths.join(', ')} m)` });
        return;
      }
      if (!lengths.includes(item.lengthM)) {
        problems.push({ path: `${at}.lengthM`, message: `must be one of the cable's standard lengths (${lengths.join(', ')} m), got ${item.lengthM}` });
        return;
      }
    } else if (switches.has(item.part) || optics.has(item.part)) {
      if (item.lengthM !== undefined) {
        problems.push({ path: `${at}.lengthM`, message: 'must be left out: only cables have a length' });
        return;
      }
    } else {
      problems.push({ path: `${at}.part`, message: `must name a switch, transceiver or cable in the catalog, got ${quoteText(item.part)}` });
      return;
    }
    const key = `${item.part}@${item.lengthM ?? ''}`;
    const prior = seen.get(key);
    if (prior !== undefined) problems.push({ path: at, message: `must be the only line for ${itemLabel(item)} (items[${prior}] already lists it); add the quantities into one line` });
    else seen.set(key, i);
  });
  return problems.length ? { ok: false, problems: problems.slice(0, 50) } : { ok: true, value: inv };
}
