import { useMemo } from 'react';
import { createStore, useStore } from 'zustand';
import { persist } from 'zustand/middleware';
import type { Catalog } from '../model/catalog';
import { checkInventory, emptyInventory, InventoryItem as ItemSchema, InventorySchema, itemLabel, type Inventory, type InventoryItem } from '../model/inventory';
import { describeIssues, parseJsonText, type Checked, type FieldProblem } from '../model/validate';
import { csvRow, restoreFormulaText } from '../export/csv';
import { withInventory } from '../topology/inventory';
import { currentCatalog, useCatalog } from './catalog-store';
import { problemsOnRows, readCsvTable, type RowProblem } from './csv-columns';
import { notify } from './notices';
import { readNumberText } from './number-text';
import { browserStorage, keepNewerVersion, preserveUnreadable, syncedJsonStorage, whereKept } from './saved-storage';
import { receiveFromOtherTab, resolveConflict, type TabConflict, type TabSyncTarget } from './tab-sync';

export const INVENTORY_STORAGE_KEY = 'railyard.inventory';
export const INVENTORY_STORAGE_VERSION = 1;

const COLUMNS = ['part', 'lengthM', 'quantity', 'residualValue', 'warrantyYears', 'supportPerYear', 'condition'] as const;
type Column = (typeof COLUMNS)[number];
const NUMERIC: Column[] = ['lengthM', 'quantity', 'residualValue', 'warrantyYears', 'supportPerYear'];

/** Header spellings we accept for each inventory field, compared without case, spaces, _ or -. */
const ALIASES: Record<string, Column> = {
  part: 'part', partid: 'part', sku: 'part', model: 'part',
  lengthm: 'lengthM', length: 'lengthM', lengthmeters: 'lengthM',
  quantity: 'quantity', qty: 'quantity', count: 'quantity', units: 'quantity', stock: 'quantity',
  residualvalue: 'residualValue', residual: 'residualValue', resalevalue: 'residualValue', resale: 'residualValue', value: 'residualValue',
  warrantyyears: 'warrantyYears', warranty: 'warrantyYears',
  supportperyear: 'supportPerYear', support: 'supportPerYear',
  condition: 'condition', notes: 'condition', note: 'condition',
};

export const INVENTORY_CSV_HEADER = COLUMNS.join(',');

export type InventoryImportOutcome =
  | { ok: true; inventory: Inventory; added: number; updated: number }
  | { ok: false; problems: RowProblem[] };

const lineKey = (i: Pick<InventoryItem, 'part' | 'lengthM'>) => `${i.part}@${i.lengthM ?? ''}`;

/**
 * Applies a CSV inventory: each row is a line, matched by part and length (replaced when it exists,
 * added when not), or replacing every line when `replace`. Nothing is applied unless every row and
 * the resulting inventory are valid against the catalog; problems name the file line and the column.
 */
export function applyInventoryCsv(current: Inventory, text: string, catalog: Catalog, opts: { replace?: boolean } = {}): InventoryImportOutcome {
  const read = readCsvTable(text, { columns: COLUMNS, aliases: ALIASES, required: ['part', 'quantity'], noRows: 'the inventory has a header but no lines' });
  if (!read.ok) return read;
  const { header, rows } = read.table;
  const problems: RowProblem[] = [];
  const parsed: { row: number; item: InventoryItem }[] = [];
  for (const { cells, line: row } of rows) {
    if (cells.length > header.length) problems.push({ row, field: '(row)', message: `has ${cells.length} cells, the header has ${header.length}` });
    const input: Record<string, unknown> = {};
    header.forEach((col, c) => {
      if (!col) return;
      const cell = (cells[c] ?? '').trim();
      if (NUMERIC.includes(col)) {
        if (cell !== '') input[col] = readNumberText(cell, true); // blank: no length, residual 0, no warranty or support
      } else if (cell !== '' || col === 'condition') input[col] = restoreFormulaText(cell);
    });
    const r = ItemSchema.safeParse(input);
    if (!r.success) for (const p of describeIssues(r.error.issues, input)) problems.push({ row, field: p.path, message: p.message });
    else parsed.push({ row, item: r.data });
  }
  if (problems.length) return { ok: false, problems };

  const items = opts.replace ? [] : [...current.items];
  const rowOfItem = new Map<number, number>();
  const index = new Map(items.map((it, i) => [lineKey(it), i]));
  let added = 0;
  let updated = 0;
  const seenInFile = new Map<string, number>();
  for (const { row, item } of parsed) {
    const key = lineKey(item);
    const prior = seenInFile.get(key);
    if (prior !== undefined) {
      problems.push({ row, field: 'part', message: `must be the only line for ${itemLabel(item)} in the file (row ${prior} already lists it); add the quantities into one line` });
      continue;
    }
    seenInFile.set(key, row);
    const at = index.get(key);
    if (at !== undefined) {
      items[at] = item;
      rowOfItem.set(at, row);
      updated++;
    } else {
      index.set(key, items.length);
      rowOfItem.set(items.length, row);
      items.push(item);
      added++;
    }
  }
  if (problems.length) return { ok: false, problems };
  const checked = checkInventory({ ...current, items }, catalog);
  if (!checked.ok) {
    return {
      ok: false,
      problems: problemsOnRows(checked.problems, 'items', rowOfItem),
    };
  }
  return { ok: true, inventory: checked.value, added, updated };
}

/** The inventory as CSV in the columns applyInventoryCsv reads (text through the formula guard, read back unchanged). */
export function inventoryCsv(inventory: Inventory): string {
  let out = csvRow(COLUMNS);
  for (const i of inventory.items) out += csvRow([i.part, i.lengthM, i.quantity, i.residualValue, i.warrantyYears, i.supportPerYear, i.condition]);
  return out;
}

/** The catalog a search prices with: the catalog plus the owned offers of a valid inventory. */
export function pricedCatalog(catalog: Catalog, inventory: Inventory): Checked<Catalog> {
  if (inventory.items.length === 0) return { ok: true, value: catalog };
  const checked = checkInventory(inventory, catalog);
  if (!checked.ok) return checked;
  try {
    return { ok: true, value: withInventory(catalog, checked.value) };
  } catch (e) {
    return { ok: false, problems: [{ path: 'items', message: (e as Error).message }] };
  }
}

export type ItemField = 'quantity' | 'residualValue';
/** Key of one editable cell: `item:<part>@<length>:<field>`. */
export const itemCell = (item: Pick<InventoryItem, 'part' | 'lengthM'>, field: ItemField) => `item:${lineKey(item)}:${field}`;

export interface InventoryState {
  inventory: Inventory;
  drafts: Record<string, string>;
  errors: Record<string, string>;
  /** Sets a line's quantity or residual value from typed text; invalid text stays as a draft with its message. */
  setItemField(index: number, field: ItemField, raw: string): void;
  removeItem(index: number): void;
  importCsv(text: string, catalog: Catalog, replace: boolean): InventoryImportOutcome;
  importJson(text: string, catalog: Catalog): { ok: true } | { ok: false; problems: FieldProblem[] };
  /** Empties the inventory (the panel asks first). */
  clear(): void;
  conflict: TabConflict<Inventory> | null;
  receiveFromOtherTab(): void;
  resolveConflict(choice: 'theirs' | 'mine'): void;
}

export function migrateInventoryState(persisted: unknown): unknown {
  return persisted;
}

function readSavedInventory(state: unknown): Checked<Inventory> {
  const saved = (state as { inventory?: unknown } | null)?.inventory;
  if (saved === undefined || saved === null) return { ok: true, value: emptyInventory() };
  const r = InventorySchema.safeParse(saved);
  return r.success ? { ok: true, value: r.data } : { ok: false, problems: describeIssues(r.error.issues, saved) };
}

export function createInventoryStore(getStorage: () => Storage | undefined = browserStorage) {
  const synced = syncedJsonStorage<Pick<InventoryState, 'inventory'>>('inventory', INVENTORY_STORAGE_KEY, getStorage);
  const store = createStore<InventoryState>()(
    persist(
      (set, get) => {
        const tabs: TabSyncTarget<Inventory> = {
          what: 'inventory',
          synced: synced as TabSyncTarget<Inventory>['synced'],
          version: INVENTORY_STORAGE_VERSION,
          migrate: migrateInventoryState,
          read: readSavedInventory,
          current: () => get().inventory,
          conflict: () => get().conflict,
          adopt: (inventory) => {
            const { drafts, errors } = get();
            set({ inventory, drafts: Object.fromEntries(Object.entries(drafts).filter(([cell]) => cell in errors)), errors });
          },
          setConflict: (conflict) => set({ conflict }),
          document: (inventory) => JSON.stringify(inventory, null, 2) + '\n',
          storage: getStorage,
        };
        return {
          inventory: emptyInventory(),
          drafts: {},
          errors: {},
          conflict: null,
          receiveFromOtherTab: () => receiveFromOtherTab(tabs),
          resolveConflict: (choice) => resolveConflict(tabs, choice),
          setItemField(index, field, raw) {
            const inv = get().inventory;
            const item = inv.items[index];
            if (!item) return;
            const cell = itemCell(item, field);
            const drafts = { ...get().drafts };
            const errors = { ...get().errors };
            const value = readNumberText(raw, false);
            const r = ItemSchema.safeParse({ ...item, [field]: value === '' ? raw : value });
            if (!r.success) {
              const own = describeIssues(r.error.issues, { ...item, [field]: value });
              drafts[cell] = raw;
              errors[cell] = own.map((p) => p.message).join('; ');
              set({ drafts, errors });
              return;
            }
            delete drafts[cell];
            delete errors[cell];
            set({ inventory: { ...inv, items: inv.items.map((x, i) => (i === index ? r.data : x)) }, drafts, errors });
          },
          removeItem(index) {
            const inv = get().inventory;
            set({ inventory: { ...inv, items: inv.items.filter((_, i) => i !== index) } });
          },
          importCsv(text, catalog, replace) {
            const outcome = applyInventoryCsv(get().inventory, text, catalog, { replace });
            if (outcome.ok) set({ inventory: outcome.inventory, drafts: {}, errors: {} });
            return outcome;
          },
          importJson(text, catalog) {
            const parsed = parseJsonText(text);
            if (!parsed.ok) return parsed;
            const checked = checkInventory(parsed.value, catalog);
            if (!checked.ok) return checked;
            set({ inventory: checked.value, drafts: {}, errors: {} });
            return { ok: true };
          },
          clear() {
            set({ inventory: emptyInventory(), drafts: {}, errors: {} });
          },
        };
      },
      {
        name: INVENTORY_STORAGE_KEY,
        version: INVENTORY_STORAGE_VERSION,
        storage: synced,
        partialize: (s) => ({ inventory: s.inventory }),
        migrate: (persisted, version) => {
          if (version > INVENTORY_STORAGE_VERSION) keepNewerVersion(getStorage(), INVENTORY_STORAGE_KEY, 'inventory', version);
          return migrateInventoryState(persisted) as Pick<InventoryState, 'inventory'>;
        },
        merge(persisted, current) {
          const checked = readSavedInventory(persisted);
          if (checked.ok) return { ...current, inventory: checked.value };
          // Never drop the user's saved inventory silently: keep a copy aside and say where.
          const storage = getStorage();
          const raw = storage?.getItem(INVENTORY_STORAGE_KEY);
          const kept = storage && raw ? preserveUnreadable(storage, INVENTORY_STORAGE_KEY, raw) : null;
          notify(
            'warning',
            'Your saved inventory does not pass validation, so an empty inventory is loaded. The saved data is at risk until you export it.',
            [...checked.problems.slice(0, 20).map((p) => `${p.path}: ${p.message}`), whereKept(kept)],
          );
          return current;
        },
      },
    ),
  );
  synced.startFrom({ inventory: store.getState().inventory });
  return store;
}

export type InventoryStore = ReturnType<typeof createInventoryStore>;
export const inventoryStore = createInventoryStore();

export function useInventory<T>(select: (s: InventoryState) => T): T {
  return useStore(inventoryStore, select);
}

/** The catalog with the inventory's owned offers, as searches and exports price with it (the plain catalog while the inventory does not fit it). */
export function usePricedCatalog(): Catalog {
  const catalog = useCatalog(currentCatalog);
  const inventory = useInventory((s) => s.inventory);
  return useMemo(() => {
    const r = pricedCatalog(catalog, inventory);
    return r.ok ? r.value : catalog;
  }, [catalog, inventory]);
}
