import { beforeEach, describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../src/catalog/default';
import { formatRowProblems } from '../../src/state/csv-columns';
import {
  applyInventoryCsv, createInventoryStore, INVENTORY_CSV_HEADER, INVENTORY_STORAGE_KEY, inventoryCsv, itemCell, pricedCatalog,
} from '../../src/state/inventory-store';
import { emptyInventory } from '../../src/model/inventory';
import { listCopies } from '../../src/state/saved-storage';
import { MemoryStorage } from './memory-storage';

let storage: MemoryStorage;
const make = () => createInventoryStore(() => storage);
beforeEach(() => {
  storage = new MemoryStorage();
});

const CSV = `part,length m,qty,residual value,condition
QM9700,,64,12000,"ex-Hopper, row 3"
MMA4Z00-NS400,,2000,150,pulled from H100 nodes
MFP7E10-N0xx,3,500,2,
`;

describe('inventory store', () => {
  it('imports a CSV inventory by header spelling, and keeps it across a reload', () => {
    const store = make();
    const r = store.getState().importCsv(CSV, defaultCatalog, false);
    expect(r.ok && [r.added, r.updated]).toEqual([3, 0]);
    const inv = store.getState().inventory;
    expect(inv.items.map((i) => [i.part, i.lengthM, i.quantity, i.residualValue, i.condition])).toEqual([
      ['QM9700', undefined, 64, 12000, 'ex-Hopper, row 3'],
      ['MMA4Z00-NS400', undefined, 2000, 150, 'pulled from H100 nodes'],
      ['MFP7E10-N0xx', 3, 500, 2, ''],
    ]);
    const saved = JSON.parse(storage.getItem(INVENTORY_STORAGE_KEY)!);
    expect(saved.version).toBe(1);
    expect(saved.state.inventory.items).toHaveLength(3);
    expect(make().getState().inventory).toEqual(inv);
  });

  it('lists every bad row and column of a CSV and applies nothing', () => {
    const store = make();
    const bad = `part,quantity,residualValue,colour
QM9700,-1,x,red
NOPE,2,0,
MFP7E10-N0xx,1,0,
`;
    const r = store.getState().importCsv(bad, defaultCatalog, false);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(formatRowProblems(r.problems)).toEqual(['row 1, colour: is not a known column (known: part, lengthM, quantity, residualValue, warrantyYears, supportPerYear, condition)']);
    const r2 = store.getState().importCsv(bad.replace(',colour', '').replace(/,red|,$/gm, ''), defaultCatalog, false);
    expect(r2.ok).toBe(false);
    if (r2.ok) return;
    expect(formatRowProblems(r2.problems)).toEqual([
      'row 2, quantity: must not be negative, got -1',
      'row 2, residualValue: must be a number, got a string ("x")',
    ]);
    const r3 = store.getState().importCsv('part,quantity\nNOPE,2\nMFP7E10-N0xx,1\n', defaultCatalog, false);
    expect(r3.ok).toBe(false);
    if (r3.ok) return;
    expect(formatRowProblems(r3.problems)).toEqual([
      'row 2, part: must name a switch, transceiver or cable in the catalog, got "NOPE"',
      "row 3, lengthM: is required for a cable: one of its standard lengths (1, 2, 3, 5, 7, 10, 15, 20, 30, 50 m)",
    ]);
    expect(store.getState().inventory.items).toEqual([]);
    expect(storage.getItem(INVENTORY_STORAGE_KEY)).toBeNull();
  });

  it('refuses an empty file, a header without lines and a quote never closed', () => {
    const p = (text: string) => {
      const r = applyInventoryCsv(emptyInventory(), text, defaultCatalog);
      return r.ok ? [] : formatRowProblems(r.problems);
    };
    expect(p('')).toEqual(['row 1, (header): the file is empty']);
    expect(p('part,quantity\n')).toEqual(['row 2, (rows): the inventory has a header but no lines']);
    expect(p('part,quantity\n"QM9700,4\n')[0]).toMatch(/^row 2, \(row\): has a quote/);
    expect(p('quantity\n4\n')).toEqual(['row 1, part: column is required']);
  });

  it('updates a line of the same part and length on a merge import, and replaces all lines on a replace import', () => {
    const store = make();
    store.getState().importCsv(CSV, defaultCatalog, false);
    const r = store.getState().importCsv('part,lengthM,quantity\nMFP7E10-N0xx,3,20\nMFP7E10-N0xx,5,10\n', defaultCatalog, false);
    expect(r.ok && [r.added, r.updated]).toEqual([1, 1]);
    expect(store.getState().inventory.items.map((i) => `${i.part}@${i.lengthM ?? ''}=${i.quantity}`)).toEqual([
      'QM9700@=64', 'MMA4Z00-NS400@=2000', 'MFP7E10-N0xx@3=20', 'MFP7E10-N0xx@5=10',
    ]);
    store.getState().importCsv('part,quantity\nQM9700,8\n', defaultCatalog, true);
    expect(store.getState().inventory.items.map((i) => i.quantity)).toEqual([8]);
  });

  it('reads back its own CSV export unchanged, condition text with formula characters included', () => {
    const store = make();
    store.getState().importCsv(CSV.replace('"ex-Hopper, row 3"', '"=cmd, row 3"'), defaultCatalog, false);
    const inv = store.getState().inventory;
    const csv = inventoryCsv(inv);
    expect(csv.startsWith(INVENTORY_CSV_HEADER)).toBe(true);
    const back = applyInventoryCsv(emptyInventory(), csv, defaultCatalog);
    expect(back.ok && back.inventory.items).toEqual(inv.items);
  });

  it('keeps an invalid quantity as a draft with its message, and applies a valid one', () => {
    const store = make();
    store.getState().importCsv(CSV, defaultCatalog, false);
    const item = store.getState().inventory.items[0];
    store.getState().setItemField(0, 'quantity', '1.5');
    expect(store.getState().errors[itemCell(item, 'quantity')]).toBe('must be an integer, got 1.5');
    expect(store.getState().drafts[itemCell(item, 'quantity')]).toBe('1.5');
    expect(store.getState().inventory.items[0].quantity).toBe(64);
    store.getState().setItemField(0, 'quantity', '40');
    expect(store.getState().inventory.items[0].quantity).toBe(40);
    expect(store.getState().errors).toEqual({});
    store.getState().setItemField(0, 'residualValue', '9,500');
    expect(store.getState().inventory.items[0].residualValue).toBe(9500);
  });

  it('imports a JSON inventory only when it is valid against the catalog, and clears to empty', () => {
    const store = make();
    const bad = store.getState().importJson(JSON.stringify({ items: [{ part: 'X', quantity: 1 }] }), defaultCatalog);
    expect(bad.ok ? [] : bad.problems.map((p) => `${p.path}: ${p.message}`)).toEqual(['items[0].part: must name a switch, transceiver or cable in the catalog, got "X"']);
    const broken = store.getState().importJson('{ "items": [', defaultCatalog);
    expect(broken.ok).toBe(false);
    expect(store.getState().importJson(JSON.stringify({ items: [{ part: 'QM9700', quantity: 3 }] }), defaultCatalog)).toEqual({ ok: true });
    expect(store.getState().inventory.items).toHaveLength(1);
    store.getState().clear();
    expect(store.getState().inventory.items).toEqual([]);
    expect(make().getState().inventory.items).toEqual([]);
  });

  it('keeps a saved inventory that no longer validates aside, under a dated key, and starts empty', () => {
    storage.setItem(INVENTORY_STORAGE_KEY, JSON.stringify({ state: { inventory: { items: [{ part: 'QM9700', quantity: -3 }] } }, version: 1 }));
    const store = make();
    expect(store.getState().inventory.items).toEqual([]);
    const copies = listCopies(storage);
    expect(copies.map((c) => [c.of, c.kind])).toEqual([[INVENTORY_STORAGE_KEY, 'unreadable']]);
    expect(storage.getItem(copies[0].key)).toContain('"quantity":-3');
  });

  it('prices with the owned offers only while the inventory fits the catalog', () => {
    const store = make();
    store.getState().importCsv(CSV, defaultCatalog, false);
    const ok = pricedCatalog(defaultCatalog, store.getState().inventory);
    expect(ok.ok && ok.value.offers.filter((o) => o.source === 'owned').map((o) => o.id)).toEqual(['owned:QM9700', 'owned:MMA4Z00-NS400', 'owned:MFP7E10-N0xx@3']);
    const smaller = { ...defaultCatalog, switches: defaultCatalog.switches.filter((s) => s.id !== 'QM9700'), offers: defaultCatalog.offers.filter((o) => o.part !== 'QM9700') };
    const bad = pricedCatalog(smaller, store.getState().inventory);
    expect(bad.ok ? [] : bad.problems.map((p) => `${p.path}: ${p.message}`)).toEqual(['items[0].part: must name a switch, transceiver or cable in the catalog, got "QM9700"']);
    expect(pricedCatalog(defaultCatalog, emptyInventory())).toEqual({ ok: true, value: defaultCatalog });
  });
});
