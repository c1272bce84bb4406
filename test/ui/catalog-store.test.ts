import { beforeEach, describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../src/catalog/default';
import { CATALOG_STORAGE_KEY, createCatalogStore, currentCatalog, offerCell } from '../../src/state/catalog-store';
import { listCopies } from '../../src/state/saved-storage';
import { MemoryStorage } from './memory-storage';

let storage: MemoryStorage;
const make = () => createCatalogStore(() => storage);
beforeEach(() => {
  storage = new MemoryStorage();
});

describe('catalog store', () => {
  it('uses the built-in catalog until something is edited', () => {
    const store = make();
    expect(currentCatalog(store.getState())).toBe(defaultCatalog);
    store.getState().setOfferField('QM9700:oem-new', 'price', '47500');
    const cat = currentCatalog(store.getState());
    expect(cat.offers.find((o) => o.id === 'QM9700:oem-new')!.price).toBe(47500);
    expect(JSON.parse(storage.getItem(CATALOG_STORAGE_KEY)!).state.custom.offers).toHaveLength(defaultCatalog.offers.length);
    store.getState().reset();
    expect(store.getState().custom).toBeNull();
  });

  it('keeps an invalid cell as a draft with its message and applies nothing', () => {
    const store = make();
    store.getState().setOfferField('QM9700:oem-new', 'warrantyYears', '3');
    store.getState().setOfferField('QM9700:oem-new', 'price', '-5');
    const s = store.getState();
    expect(s.errors[offerCell('QM9700:oem-new', 'price')]).toBe('must not be negative, got -5');
    expect(s.drafts[offerCell('QM9700:oem-new', 'price')]).toBe('-5');
    const offer = currentCatalog(s).offers.find((o) => o.id === 'QM9700:oem-new')!;
    expect(offer.price).toBe(50000);
    expect(offer.warrantyYears).toBe(3);
  });

  it('reads a blank stock as unlimited', () => {
    const store = make();
    store.getState().setOfferField('QM9700:oem-refurbished', 'stock', '');
    expect(currentCatalog(store.getState()).offers.find((o) => o.id === 'QM9700:oem-refurbished')!.stock).toBeNull();
  });

  it('adds and removes offers and parts', () => {
    const store = make();
    store.getState().addOffer('QM9700');
    const added = currentCatalog(store.getState()).offers.filter((o) => o.part === 'QM9700');
    expect(added.map((o) => o.source)).toContain('compatible-new');
    const copy = store.getState().duplicatePart('switches', 'QM9700');
    expect(currentCatalog(store.getState()).switches.some((s) => s.id === copy)).toBe(true);
    expect(currentCatalog(store.getState()).offers.filter((o) => o.part === copy)).toHaveLength(added.length);
    expect(store.getState().removePart('switches', copy)).toEqual({ ok: true });
    expect(currentCatalog(store.getState()).offers.some((o) => o.part === copy)).toBe(false);
    store.getState().removeOffer(added[0].id);
    expect(currentCatalog(store.getState()).offers.some((o) => o.id === added[0].id)).toBe(false);
  });

  it('removes the media recipes that used a removed transceiver', () => {
    const store = make();
    const part = 'MMA4Z00-NS';
    expect(defaultCatalog.mediaRecipes.some((r) => r.parts.some((p) => p.part === part))).toBe(true);
    expect(store.getState().removePart('transceivers', part)).toEqual({ ok: true });
    expect(currentCatalog(store.getState()).mediaRecipes.some((r) => r.parts.some((p) => p.part === part))).toBe(false);
  });

  it('imports a catalog JSON only when valid', () => {
    const store = make();
    const bad = store.getState().importCatalogJson(JSON.stringify({ offers: [{ id: 'x', part: 'nope', source: 'oem-new', vendor: 'v', price: 1 }] }));
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.problems[0]).toMatchObject({ path: 'offers[0].part' });
    expect(store.getState().custom).toBeNull();
    expect(store.getState().importCatalogJson('{ nope').ok).toBe(false);
    expect(store.getState().importCatalogJson(JSON.stringify({ ...defaultCatalog, name: 'Mine' })).ok).toBe(true);
    expect(currentCatalog(store.getState()).name).toBe('Mine');
  });

  it('falls back to the default catalog when the saved one is invalid', () => {
    storage.setItem(CATALOG_STORAGE_KEY, JSON.stringify({ version: 1, state: { custom: { offers: [{ id: 'x' }] } } }));
    expect(make().getState().custom).toBeNull();
    expect(listCopies(storage).map((c) => c.of)).toEqual([CATALOG_STORAGE_KEY]);
  });
});
