import { memo, useId, useState } from 'react';
import { ILLUSTRATIVE_PRICE_NOTE } from '../catalog/default';
import type { Catalog, Offer } from '../model/catalog';
import { SOURCES } from '../model/common';
import {
  catalogStore, currentCatalog, offerCell, partCell, useCatalog,
  type OfferField, type PartCollection,
} from '../state/catalog-store';
import { notify } from '../state/notices';
import { PRICE_LIST_HEADER, priceListCsv } from '../state/price-list';
import { downloadText, pickTextFile } from './files';
import { importCatalogText, importPriceListText } from './imports';
import { SOURCE_LABEL } from './view-model';
import { resetCatalog } from '../state/reset-with-undo';

const SECTIONS: { collection: PartCollection; title: string; cable: boolean }[] = [
  { collection: 'switches', title: 'Switches', cable: false },
  { collection: 'transceivers', title: 'Transceivers', cable: false },
  { collection: 'cables', title: 'Cables (price = base + per metre x standard length)', cable: true },
];

function CellInput({ cell, value, label, onCommit, wide, narrow, placeholder }: { cell: string; value: string; label: string; onCommit(raw: string): void; wide?: boolean; narrow?: boolean; placeholder?: string }) {
  const draft = useCatalog((s) => s.drafts[cell]);
  const error = useCatalog((s) => s.errors[cell]);
  const id = useId();
  return (
    <span className={`cell-input${error ? ' has-error' : ''}${wide ? ' wide' : ''}${narrow ? ' narrow' : ''}`}>
      <input
        type="text"
        aria-label={label}
        value={draft ?? value}
        placeholder={placeholder}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? id : undefined}
        onChange={(e) => onCommit(e.target.value)}
        title={error}
      />
      {error && <span className="cell-error" id={id} role="alert">{error}</span>}
    </span>
  );
}

const OfferRow = memo(function OfferRow({ offer, cable }: { offer: Offer; cable: boolean }) {
  const set = (field: OfferField) => (raw: string) => catalogStore.getState().setOfferField(offer.id, field, raw);
  const illustrative = offer.notes.includes(ILLUSTRATIVE_PRICE_NOTE);
  return (
    <tr className="offer-row">
      <td className="mono offer-id ellipsis" title={`${offer.id}\n${offer.notes}`}>
        {offer.id}
        {illustrative && <span className="est" title={ILLUSTRATIVE_PRICE_NOTE}>est.</span>}
      </td>
      <td>
        <select aria-label={`${offer.id} source`} value={offer.source} onChange={(e) => set('source')(e.target.value)}>
          {SOURCES.map((s) => <option key={s} value={s}>{SOURCE_LABEL[s]}</option>)}
        </select>
      </td>
      <td><CellInput cell={offerCell(offer.id, 'vendor')} value={offer.vendor} label={`${offer.id} vendor`} onCommit={set('vendor')} wide /></td>
      <td className="num"><CellInput cell={offerCell(offer.id, 'price')} value={String(offer.price)} label={`${offer.id} price`} onCommit={set('price')} /></td>
      <td className="num">
        {cable ? <CellInput cell={offerCell(offer.id, 'perMeterPrice')} value={String(offer.perMeterPrice)} label={`${offer.id} price per metre`} onCommit={set('perMeterPrice')} /> : <span className="muted">—</span>}
      </td>
      <td className="num"><CellInput cell={offerCell(offer.id, 'stock')} value={offer.stock === null ? '' : String(offer.stock)} label={`${offer.id} stock (blank = unlimited)`} onCommit={set('stock')} placeholder="∞" /></td>
      <td className="num"><CellInput cell={offerCell(offer.id, 'leadTimeWeeks')} value={String(offer.leadTimeWeeks)} label={`${offer.id} lead time weeks`} onCommit={set('leadTimeWeeks')} narrow /></td>
      <td className="num"><CellInput cell={offerCell(offer.id, 'warrantyYears')} value={String(offer.warrantyYears)} label={`${offer.id} warranty years`} onCommit={set('warrantyYears')} narrow /></td>
      <td>
        <button type="button" className="icon-button" aria-label={`Remove offer ${offer.id}`} title="Remove offer" onClick={() => catalogStore.getState().removeOffer(offer.id)}>✕</button>
      </td>
    </tr>
  );
});

function PartRows({ collection, part, offers, cable }: { collection: PartCollection; part: { id: string; model: string; name: string; powerW: number }; offers: Offer[]; cable: boolean }) {
  const remove = () => {
    const r = catalogStore.getState().removePart(collection, part.id);
    if (!r.ok) notify('error', `${part.id} was not removed: the catalog would be invalid.`, r.problems.map((p) => `${p.path}: ${p.message}`));
  };
  return (
    <tbody className="part">
      <tr className="part-row">
        <th scope="rowgroup" colSpan={4} className="ellipsis" title={`${part.id}: ${part.name}`}>
          <span className="mono">{part.model}</span> <span className="part-name">{part.name}</span>
        </th>
        <td colSpan={2} className="num">
          <label className="inline-label">
            <span>Power W</span>
            <CellInput cell={partCell(part.id, 'powerW')} value={String(part.powerW)} narrow label={`${part.id} power watts`} onCommit={(raw) => catalogStore.getState().setPartField(collection, part.id, 'powerW', raw)} />
          </label>
        </td>
        <td colSpan={3} className="part-actions">
          <button type="button" className="link-button" onClick={() => catalogStore.getState().addOffer(part.id)} aria-label={`Add offer for ${part.id}`}>+ offer</button>
          <button type="button" className="link-button" onClick={() => catalogStore.getState().duplicatePart(collection, part.id)} aria-label={`Copy part ${part.id}`}>copy</button>
          <button type="button" className="link-button danger" onClick={remove} aria-label={`Remove part ${part.id}`}>remove</button>
        </td>
      </tr>
      {offers.length === 0 && (
        <tr><td colSpan={9} className="muted">No offers: this part cannot be bought, so designs needing it are infeasible.</td></tr>
      )}
      {offers.map((o) => <OfferRow key={o.id} offer={o} cable={cable} />)}
    </tbody>
  );
}

function CatalogSection({ catalog, collection, title, cable, filter }: { catalog: Catalog; collection: PartCollection; title: string; cable: boolean; filter: string }) {
  const parts = (catalog[collection] as { id: string; model: string; name: string; powerW: number }[]).filter(
    (p) => !filter || `${p.id} ${p.model} ${p.name}`.toLowerCase().includes(filter),
  );
  const offersOf = new Map<string, Offer[]>();
  for (const o of catalog.offers) offersOf.set(o.part, [...(offersOf.get(o.part) ?? []), o]);
  return (
    <section className="card catalog-section" aria-label={title}>
      <h3>{title} <span className="muted">{parts.length} parts</span></h3>
      <table className="data catalog-table">
        <colgroup>
          <col style={{ width: '23%' }} /><col style={{ width: '13%' }} /><col style={{ width: '17%' }} /><col style={{ width: '10%' }} />
          <col style={{ width: '8%' }} /><col style={{ width: '8%' }} /><col style={{ width: '8%' }} /><col style={{ width: '9%' }} /><col style={{ width: '4%' }} />
        </colgroup>
        <thead>
          <tr>
            <th scope="col">Offer</th>
            <th scope="col">Source</th>
            <th scope="col">Vendor</th>
            <th scope="col" className="num">Price</th>
            <th scope="col" className="num">Per m</th>
            <th scope="col" className="num">Stock</th>
            <th scope="col" className="num" title="Lead time, weeks">Lead</th>
            <th scope="col" className="num" title="Warranty, years">Warranty</th>
            <th scope="col"><span className="sr-only">Remove</span></th>
          </tr>
        </thead>
        {parts.map((p) => (
          <PartRows key={p.id} collection={collection} part={p} offers={offersOf.get(p.id) ?? []} cable={cable} />
        ))}
      </table>
    </section>
  );
}

/** Every part and offer, editable; imports and exports of catalogs and price lists. */
export function CatalogPanel() {
  const catalog = useCatalog(currentCatalog);
  const isDefault = useCatalog((s) => s.custom === null);
  const errorCount = useCatalog((s) => Object.keys(s.errors).length);
  const [filter, setFilter] = useState('');
  const [replaceOffers, setReplaceOffers] = useState(false);
  const illustrative = catalog.offers.filter((o) => o.notes.includes(ILLUSTRATIVE_PRICE_NOTE)).length;
  const importJson = async () => {
    const f = await pickTextFile('.json,application/json');
    if (f) importCatalogText(f.name, f.text);
  };
  const importCsv = async () => {
    const f = await pickTextFile('.csv,text/csv');
    if (f) importPriceListText(f.name, f.text, replaceOffers);
  };
  return (
    <div className="catalog">
      <div className="catalog-head card">
        <div>
          <h2>{catalog.name} <span className="muted">{catalog.currency}{isDefault ? ' · built-in' : ' · edited'}</span></h2>
          <p className="muted small">
            {catalog.switches.length} switches, {catalog.transceivers.length} transceivers, {catalog.cables.length} cables, {catalog.offers.length} offers,{' '}
            {catalog.serverProfiles.length} server profiles, {catalog.mediaRecipes.length} media recipes
          </p>
          {illustrative > 0 && (
            <p className="illustrative" role="note">
              <strong>Prices:</strong> {illustrative} of {catalog.offers.length} offers are an {ILLUSTRATIVE_PRICE_NOTE}. Marked <span className="est">est.</span> below.
            </p>
          )}
          {errorCount > 0 && <p className="field-error">{errorCount} cell{errorCount > 1 ? 's are' : ' is'} invalid and not applied.</p>}
        </div>
        <div className="catalog-actions">
          <button type="button" onClick={() => void importJson()}>Import catalog JSON</button>
          <button type="button" onClick={() => void importCsv()} title={`Columns: ${PRICE_LIST_HEADER}`}>Import price list CSV</button>
          <label className="check small"><input type="checkbox" checked={replaceOffers} onChange={(e) => setReplaceOffers(e.target.checked)} /> CSV replaces all offers</label>
          <button type="button" onClick={() => downloadText('railyard-catalog.json', JSON.stringify(catalog, null, 2) + '\n', 'application/json')}>Export catalog JSON</button>
          <button type="button" onClick={() => downloadText('railyard-price-list.csv', priceListCsv(catalog), 'text/csv')}>Export price list CSV</button>
          <button type="button" className="danger" disabled={isDefault} onClick={() => resetCatalog(catalogStore)}>Reset to default</button>
        </div>
      </div>
      <div className="filter">
        <label htmlFor="catalog-filter">Filter parts</label>
        <input id="catalog-filter" type="search" value={filter} placeholder="model, name or id" onChange={(e) => setFilter(e.target.value)} />
      </div>
      {SECTIONS.map((s) => (
        <CatalogSection key={s.collection} catalog={catalog} collection={s.collection} title={s.title} cable={s.cable} filter={filter.trim().toLowerCase()} />
      ))}
    </div>
  );
}
