import { createStore, useStore } from 'zustand';
import { persist } from 'zustand/middleware';
import { defaultCatalog } from '../catalog/default';
import type { Catalog, Offer } from '../model/catalog';
import type { PartCategory, Source } from '../model/common';
import { SOURCES } from '../model/common';
import { checkCatalog, parseJsonText, type FieldProblem } from '../model/validate';
import { notify } from './notices';
import { readNumberText } from './number-text';
import { applyPriceList, type PriceListOutcome } from './price-list';
import { browserStorage, keepNewerVersion, preserveUnreadable, syncedJsonStorage, whereKept } from './saved-storage';
import { receiveFromOtherTab, resolveConflict, type TabConflict, type TabSyncTarget } from './tab-sync';

export const CATALOG_STORAGE_KEY = 'railyard.catalog';
export const CATALOG_STORAGE_VERSION = 1;

export type PartCollection = 'switches' | 'transceivers' | 'cables';
export const COLLECTION_OF: Record<PartCategory, PartCollection> = { switch: 'switches', optic: 'transceivers', cable: 'cables' };

export const OFFER_TEXT_FIELDS = ['vendor', 'notes', 'id'] as const;
export const OFFER_NUMBER_FIELDS = ['price', 'perMeterPrice', 'stock', 'leadTimeWeeks', 'warrantyYears'] as const;
export type OfferField = (typeof OFFER_TEXT_FIELDS)[number] | (typeof OFFER_NUMBER_FIELDS)[number] | 'source';
export type PartField = 'name' | 'powerW' | 'notes';

/** Key of one editable cell: `offer:<id>:<field>` or `part:<id>:<field>`. */
export const offerCell = (offerId: string, field: OfferField) => `offer:${offerId}:${field}`;
export const partCell = (partId: string, field: PartField) => `part:${partId}:${field}`;

export interface CatalogState {
  /** The user's catalog, or null for the built-in default (so a newer default reaches them). */
  custom: Catalog | null;
  drafts: Record<string, string>;
  errors: Record<string, string>;
  setOfferField(offerId: string, field: OfferField, raw: string): void;
  setPartField(collection: PartCollection, partId: string, field: PartField, raw: string): void;
  addOffer(partId: string): void;
  removeOffer(offerId: string): void;
  /** Adds a copy of a part (and its offers) under a new id, to edit into a part the catalog lacks. */
  duplicatePart(collection: PartCollection, partId: string): string;
  /** Removes a part, its offers and the media recipes that use it; refuses when the rest would be invalid. */
  removePart(collection: PartCollection, partId: string): { ok: true } | { ok: false; problems: FieldProblem[] };
  importCatalogJson(text: string): { ok: true } | { ok: false; problems: FieldProblem[] };
  importPriceList(text: string, replaceOffers: boolean): PriceListOutcome;
  reset(): void;
  /** Another tab saved a catalog that this tab has not seen while it changed its own: the user chooses. */
  conflict: TabConflict<Catalog | null> | null;
  /** Reacts to another tab's save (a `storage` event for this key). */
  receiveFromOtherTab(): void;
  resolveConflict(choice: 'theirs' | 'mine'): void;
}

export const currentCatalog = (s: Pick<CatalogState, 'custom'>): Catalog => s.custom ?? defaultCatalog;

export function migrateCatalogState(persisted: unknown, version: number): unknown {
  // Version 0 stored the catalog itself at the top level.
  if (version === 0 && persisted && typeof persisted === 'object' && 'offers' in persisted) return { custom: persisted };
  return persisted;
}

const uniqueId = (base: string, taken: Set<string>) => {
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`;
};

/** The saved catalog in a persisted state: null for the built-in one. */
function readSavedCatalog(state: unknown) {
  const custom = (state as { custom?: unknown } | null)?.custom;
  return custom === undefined || custom === null ? ({ ok: true, value: null } as const) : checkCatalog(custom);
}

export function createCatalogStore(getStorage: () => Storage | undefined = browserStorage) {
  const synced = syncedJsonStorage<Pick<CatalogState, 'custom'>>('catalog', CATALOG_STORAGE_KEY, getStorage);
  const store = createStore<CatalogState>()(
    persist(
      (set, get) => {
        const tabs: TabSyncTarget<Catalog | null> = {
          what: 'catalog',
          synced: synced as TabSyncTarget<Catalog | null>['synced'],
          version: CATALOG_STORAGE_VERSION,
          migrate: migrateCatalogState,
          read: readSavedCatalog,
          current: () => get().custom,
          conflict: () => get().conflict,
          // Cell text the user could not apply yet stays; the rest shows the adopted catalog.
          adopt: (custom) => {
            const { drafts, errors } = get();
            set({ custom, drafts: Object.fromEntries(Object.entries(drafts).filter(([cell]) => cell in errors)), errors });
          },
          setConflict: (conflict) => set({ conflict }),
          document: (custom) => JSON.stringify(custom ?? defaultCatalog, null, 2) + '\n',
          storage: getStorage,
        };
        /** Validates a changed catalog; on success it becomes the catalog and the cell's draft and error clear. */
        const commit = (next: unknown, cell?: string, raw?: string, match?: (path: string) => boolean) => {
          const checked = checkCatalog(next);
          const drafts = { ...get().drafts };
          const errors = { ...get().errors };
          if (!checked.ok) {
            if (cell) {
              const own = checked.problems.filter((p) => (match ? match(p.path) : true));
              drafts[cell] = raw ?? '';
              errors[cell] = (own.length ? own : checked.problems).map((p) => (own.length ? p.message : `${p.path}: ${p.message}`)).join('; ');
              set({ drafts, errors });
            }
            return checked;
          }
          if (cell) {
            delete drafts[cell];
            delete errors[cell];
          }
          set({ custom: checked.value, drafts, errors });
          return checked;
        };
        return {
          custom: null,
          drafts: {},
          errors: {},
          conflict: null,
          receiveFromOtherTab: () => receiveFromOtherTab(tabs),
          resolveConflict: (choice) => resolveConflict(tabs, choice),
          setOfferField(offerId, field, raw) {
            const cat = currentCatalog(get());
            const i = cat.offers.findIndex((o) => o.id === offerId);
            if (i < 0) return;
            let value: unknown = raw;
            if ((OFFER_NUMBER_FIELDS as readonly string[]).includes(field)) {
              value = field === 'stock' && /^\s*(|unlimited|∞)\s*$/i.test(raw) ? null : readNumberText(raw, false);
              if (value === '') value = raw;
            }
            const offers = cat.offers.map((o, j) => (j === i ? { ...o, [field]: value } : o));
            const cell = offerCell(offerId, field);
            const prefix = `offers[${i}].${field}`;
            commit({ ...cat, offers }, cell, raw, (p) => p === prefix || p.startsWith(prefix));
          },
          setPartField(collection, partId, field, raw) {
            const cat = currentCatalog(get());
            const parts = cat[collection] as { id: string }[];
            const i = parts.findIndex((p) => p.id === partId);
            if (i < 0) return;
            const value = field === 'powerW' ? readNumberText(raw, false) : raw;
            const next = { ...cat, [collection]: parts.map((p, j) => (j === i ? { ...p, [field]: value } : p)) };
            const prefix = `${collection}[${i}].${field}`;
            commit(next, partCell(partId, field), raw, (p) => p.startsWith(prefix));
          },
          addOffer(partId) {
            const cat = currentCatalog(get());
            const mine = cat.offers.filter((o) => o.part === partId);
            // A new catalog offer is something to buy; owned parts come from the inventory.
            const source: Source = SOURCES.find((s) => s !== 'owned' && !mine.some((o) => o.source === s)) ?? 'compatible-new';
            const template = mine[0];
            const offer: Offer = {
              id: uniqueId(`${partId}:${source}`, new Set(cat.offers.map((o) => o.id))),
              part: partId,
              source,
              vendor: 'quote',
              price: template?.price ?? 0,
              perMeterPrice: template?.perMeterPrice ?? 0,
              stock: null,
              leadTimeWeeks: 0,
              warrantyYears: 1,
              supportPerYear: template?.supportPerYear ?? 0,
              notes: '',
            };
            commit({ ...cat, offers: [...cat.offers, offer] });
          },
          removeOffer(offerId) {
            const cat = currentCatalog(get());
            commit({ ...cat, offers: cat.offers.filter((o) => o.id !== offerId) });
          },
          duplicatePart(collection, partId) {
            const cat = currentCatalog(get());
            const parts = cat[collection] as { id: string; name: string }[];
            const part = parts.find((p) => p.id === partId);
            if (!part) return partId;
            const taken = new Set([...cat.switches, ...cat.transceivers, ...cat.cables, ...cat.nics].map((p) => p.id));
            const id = uniqueId(`${partId}-copy`, taken);
            const offerIds = new Set(cat.offers.map((o) => o.id));
            const copies = cat.offers
              .filter((o) => o.part === partId)
              .map((o) => {
                const oid = uniqueId(o.id.replace(partId, id) === o.id ? `${id}:${o.source}` : o.id.replace(partId, id), offerIds);
                offerIds.add(oid);
                return { ...o, id: oid, part: id };
              });
            commit({ ...cat, [collection]: [...parts, { ...part, id, name: `${part.name} (copy)` }], offers: [...cat.offers, ...copies] });
            return id;
          },
          removePart(collection, partId) {
            const cat = currentCatalog(get());
            const next = {
              ...cat,
              [collection]: (cat[collection] as { id: string }[]).filter((p) => p.id !== partId),
              offers: cat.offers.filter((o) => o.part !== partId),
              mediaRecipes: cat.mediaRecipes.filter((r) => !r.parts.some((p) => p.part === partId)),
            };
            const r = commit(next);
            return r.ok ? { ok: true } : { ok: false, problems: r.problems };
          },
          importCatalogJson(text) {
            const parsed = parseJsonText(text);
            if (!parsed.ok) return parsed;
            const checked = checkCatalog(parsed.value);
            if (!checked.ok) return checked;
            set({ custom: checked.value, drafts: {}, errors: {} });
            return { ok: true };
          },
          importPriceList(text, replaceOffers) {
            const outcome = applyPriceList(currentCatalog(get()), text, { replaceOffers });
            if (outcome.ok) set({ custom: outcome.catalog, drafts: {}, errors: {} });
            return outcome;
          },
          reset() {
            set({ custom: null, drafts: {}, errors: {} });
          },
        };
      },
      {
        name: CATALOG_STORAGE_KEY,
        version: CATALOG_STORAGE_VERSION,
        storage: synced,
        partialize: (s) => ({ custom: s.custom }),
        migrate: (persisted, version) => {
          if (version > CATALOG_STORAGE_VERSION) keepNewerVersion(getStorage(), CATALOG_STORAGE_KEY, 'catalog', version);
          return migrateCatalogState(persisted, version) as Pick<CatalogState, 'custom'>;
        },
        merge(persisted, current) {
          const saved = (persisted as { custom?: unknown } | undefined)?.custom;
          if (saved === undefined || saved === null) return current;
          const checked = checkCatalog(saved);
          if (checked.ok) return { ...current, custom: checked.value };
          const storage = getStorage();
          const raw = storage?.getItem(CATALOG_STORAGE_KEY);
          const kept = storage && raw ? preserveUnreadable(storage, CATALOG_STORAGE_KEY, raw) : null;
          notify(
            'warning',
            'Your saved catalog does not pass validation, so the default catalog is loaded. The saved data is at risk until you export it.',
            [...checked.problems.slice(0, 20).map((p) => `${p.path}: ${p.message}`), whereKept(kept)],
          );
          return current;
        },
      },
    ),
  );
  synced.startFrom({ custom: store.getState().custom });
  return store;
}

export type CatalogStore = ReturnType<typeof createCatalogStore>;
export const catalogStore = createCatalogStore();

export function useCatalog<T>(select: (s: CatalogState) => T): T {
  return useStore(catalogStore, select);
}
