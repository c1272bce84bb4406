import type { Catalog, Offer } from '../model/catalog';
import type { Inventory } from '../model/inventory';
import type { Metrics } from '../model/result';
import type { AllocationLine } from './assess';
import { fromCents } from './money';

/** The offer id of an inventory line: `owned:QM9700`, `owned:MFP7E10@3`. */
export const ownedOfferId = (part: string, lengthM?: number) => `owned:${part}${lengthM === undefined ? '' : `@${lengthM}`}`;

/**
 * An inventory as `owned` offers: price = residual value (the cost of reusing a unit is what it
 * would fetch if sold), stock = quantity, lead time 0 (it is on the shelf). Warranty and support
 * are what the line says (default none). Cable lines sell only their own length. Lines of 0 units
 * offer nothing and are left out.
 */
export function ownedOffers(inventory: Inventory): Offer[] {
  return inventory.items.filter((i) => i.quantity > 0).map((i) => ({
    id: ownedOfferId(i.part, i.lengthM),
    part: i.part,
    source: 'owned' as const,
    vendor: 'owned inventory',
    price: i.residualValue,
    perMeterPrice: 0,
    ...(i.lengthM !== undefined ? { lengthM: i.lengthM } : {}),
    stock: i.quantity,
    leadTimeWeeks: 0,
    warrantyYears: i.warrantyYears,
    supportPerYear: i.supportPerYear,
    notes: i.condition,
  }));
}

/**
 * The catalog the search prices with: the catalog's offers plus the inventory's owned offers. Both
 * engines see owned stock as ordinary limited-stock offers, so neither has source-specific logic.
 * The name records the inventory, so a result can only be exported with the same stock.
 */
export function withInventory(catalog: Catalog, inventory: Inventory | null | undefined): Catalog {
  const offers = inventory ? ownedOffers(inventory) : [];
  if (offers.length === 0) return catalog;
  const taken = new Set(catalog.offers.map((o) => o.id));
  const clash = offers.find((o) => taken.has(o.id));
  if (clash) throw new Error(`the catalog already has an offer with id "${clash.id}", which the inventory's owned offers use`);
  return {
    ...catalog,
    name: `${catalog.name} + ${inventory!.name}`,
    offers: [...catalog.offers, ...offers],
    // Catalogs saved before `owned` existed have no owned failure rates: owned used gear fails like refurbished.
    failureRates: { ...catalog.failureRates, owned: catalog.failureRates.owned ?? catalog.failureRates['oem-refurbished'] },
  };
}

/**
 * What reusing owned parts saves a design. For each part it reuses, the avoided price is what the
 * same units would cost from the part's other allowed offers, cheapest first within their stock,
 * beyond the units the design already buys there; units no offer could supply are priced at the
 * part's all-OEM-new reference. Capex counts reused units at their residual value, so
 * capex(buying everything) - capex = avoided price - residual value, exactly.
 */
export function reuseMetrics(lines: AllocationLine[]): Pick<Metrics, 'reuse'> {
  const owned = lines.filter((l) => l.offer.source === 'owned');
  if (owned.length === 0) return {};
  let units = 0;
  let residualCents = 0;
  let avoidedCents = 0;
  const skus = new Set(owned.map((l) => l.sku));
  for (const sku of skus) {
    const mine = lines.filter((l) => l.sku === sku);
    const need = mine.reduce((x, l) => x + l.quantity, 0);
    const boughtCents = mine.filter((l) => l.offer.source !== 'owned').reduce((x, l) => x + l.cents, 0);
    let left = need;
    let allBoughtCents = 0;
    for (const offer of sku.offers) {
      if (offer.source === 'owned' || left === 0) continue;
      const q = offer.stock === null ? left : Math.min(left, offer.stock);
      allBoughtCents += q * offer.unitCents;
      left -= q;
    }
    allBoughtCents += left * sku.oemNewCents;
    avoidedCents += allBoughtCents - boughtCents;
  }
  for (const l of owned) {
    units += l.quantity;
    residualCents += l.cents;
  }
  const capexCents = lines.reduce((x, l) => x + l.cents, 0);
  return {
    reuse: {
      units,
      residualValue: fromCents(residualCents),
      avoidedPrice: fromCents(avoidedCents),
      capexBought: fromCents(capexCents - residualCents),
      capexBuyingEverything: fromCents(capexCents - residualCents + avoidedCents),
      savingVsBuyingEverything: fromCents(avoidedCents - residualCents),
    },
  };
}
