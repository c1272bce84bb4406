import { useId, useMemo, useState } from 'react';
import type { Catalog } from '../model/catalog';
import { itemLabel, type InventoryItem } from '../model/inventory';
import { currentCatalog, useCatalog } from '../state/catalog-store';
import { formatRowProblems } from '../state/csv-columns';
import {
  INVENTORY_CSV_HEADER, inventoryCsv, inventoryStore, itemCell, pricedCatalog, useInventory, type ItemField,
} from '../state/inventory-store';
import { notify } from '../state/notices';
import { downloadText, pickTextFile } from './files';
import { importInventoryText, MAX_CSV_BYTES, MAX_NOTICE_LINES } from './imports';
import { fmtMoney } from './format';

function capped(lines: string[]): string[] {
  if (lines.length <= MAX_NOTICE_LINES) return lines;
  const rest = lines.length - MAX_NOTICE_LINES;
  return [...lines.slice(0, MAX_NOTICE_LINES), `and ${rest.toLocaleString('en-US')} more problem${rest === 1 ? '' : 's'}`];
}

/** Applies CSV text (a file or a paste); problems are listed by row and column and nothing changes. */
export function importInventoryCsvText(name: string, text: string, catalog: Catalog, replace: boolean): boolean {
  if (text.length > MAX_CSV_BYTES) {
    notify('error', `${name} was not imported: the inventory is unchanged.`, [
      `(file): must be at most ${MAX_CSV_BYTES / 1024 / 1024} MB, got ${(text.length / 1024 / 1024).toFixed(1)} MB`,
    ]);
    return false;
  }
  const r = inventoryStore.getState().importCsv(text, catalog, replace);
  if (!r.ok) {
    notify('error', `${name} was not imported: fix these rows; the inventory is unchanged.`, capped(formatRowProblems(r.problems)));
    return false;
  }
  notify('info', `${name} applied to the inventory: ${r.updated} lines updated, ${r.added} added.`);
  return true;
}

function ItemInput({ item, index, field, value, label }: { item: InventoryItem; index: number; field: ItemField; value: number; label: string }) {
  const cell = itemCell(item, field);
  const draft = useInventory((s) => s.drafts[cell]);
  const error = useInventory((s) => s.errors[cell]);
  const id = useId();
  return (
    <span className={`cell-input${error ? ' has-error' : ''}`}>
      <input
        type="text"
        aria-label={label}
        value={draft ?? String(value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? id : undefined}
        onChange={(e) => inventoryStore.getState().setItemField(index, field, e.target.value)}
        title={error}
      />
      {error && <span className="cell-error" id={id} role="alert">{error}</span>}
    </span>
  );
}

/** The parts the user owns: imported, pasted or edited; searches reuse them as `owned` offers at their residual value. */
export function InventoryPanel() {
  const catalog = useCatalog(currentCatalog);
  const inventory = useInventory((s) => s.inventory);
  const conflict = useInventory((s) => s.conflict);
  const [replace, setReplace] = useState(false);
  const [paste, setPaste] = useState('');
  const [confirmClear, setConfirmClear] = useState(false);
  const fit = useMemo(() => pricedCatalog(catalog, inventory), [catalog, inventory]);
  const names = useMemo(() => {
    const m = new Map<string, string>();
    for (const p of [...catalog.switches, ...catalog.transceivers, ...catalog.cables]) m.set(p.id, `${p.model} · ${p.name}`);
    return m;
  }, [catalog]);
  const units = inventory.items.reduce((x, i) => x + i.quantity, 0);
  const residual = inventory.items.reduce((x, i) => x + i.quantity * i.residualValue, 0);
  const importCsv = async () => {
    const f = await pickTextFile('.csv,text/csv');
    if (f) importInventoryCsvText(f.name, f.text, catalog, replace);
  };
  const importJson = async () => {
    const f = await pickTextFile('.json,application/json');
    if (f) importInventoryText(f.name, f.text);
  };
  const applyPaste = () => {
    if (importInventoryCsvText('The pasted CSV', paste, catalog, replace)) setPaste('');
  };
  return (
    <div className="inventory">
      <div className="catalog-head card">
        <div>
          <h2>Inventory <span className="muted">{inventory.name} · {inventory.currency}</span></h2>
          <p className="muted small">
            {inventory.items.length} lines, {units.toLocaleString('en-US')} units, residual value {fmtMoney(residual, catalog.currency)}.
            {' '}Owned parts are offered to the search at their residual value (what they would fetch if sold), with lead time 0,
            {' '}no warranty unless a line gives one, and refurbished failure rates; sourcing may allow or forbid them per category.
          </p>
          {!fit.ok && (
            <div className="field-error" role="alert">
              <p>The inventory does not fit the current catalog, so searches do not use it until this is fixed:</p>
              <ul>{fit.problems.slice(0, 10).map((p) => <li key={p.path + p.message}>{p.path}: {p.message}</li>)}</ul>
            </div>
          )}
          {conflict && (
            <div className="notice warning" role="alert">
              <p>Another tab saved a different inventory while this one changed.</p>
              <button type="button" onClick={() => inventoryStore.getState().resolveConflict('theirs')}>Use the other tab&apos;s</button>{' '}
              <button type="button" onClick={() => inventoryStore.getState().resolveConflict('mine')}>Keep this tab&apos;s</button>
            </div>
          )}
        </div>
        <div className="catalog-actions">
          <button type="button" onClick={() => void importCsv()} title={`Columns: ${INVENTORY_CSV_HEADER}`}>Import inventory CSV</button>
          <button type="button" onClick={() => void importJson()}>Import inventory JSON</button>
          <label className="check small"><input type="checkbox" checked={replace} onChange={(e) => setReplace(e.target.checked)} /> CSV replaces all lines</label>
          <button type="button" disabled={inventory.items.length === 0} onClick={() => downloadText('railyard-inventory.json', JSON.stringify(inventory, null, 2) + '\n', 'application/json')}>Export inventory JSON</button>
          <button type="button" disabled={inventory.items.length === 0} onClick={() => downloadText('railyard-inventory.csv', inventoryCsv(inventory), 'text/csv')}>Export inventory CSV</button>
          {!confirmClear ? (
            <button type="button" className="danger" disabled={inventory.items.length === 0} onClick={() => setConfirmClear(true)}>Clear inventory</button>
          ) : (
            <span role="group" aria-label="Confirm clearing the inventory">
              <span className="small">Remove all {inventory.items.length} lines?</span>{' '}
              <button type="button" className="danger" onClick={() => { inventoryStore.getState().clear(); setConfirmClear(false); }}>Yes, clear</button>{' '}
              <button type="button" onClick={() => setConfirmClear(false)}>Cancel</button>
            </span>
          )}
        </div>
      </div>
      <section className="card" aria-label="Paste inventory CSV">
        <h3>Paste CSV</h3>
        <p className="muted small">Columns: <span className="mono">{INVENTORY_CSV_HEADER}</span> (part and quantity required; a cable line names one of its standard lengths).</p>
        <textarea aria-label="Inventory CSV text" rows={5} className="mono" style={{ width: '100%', boxSizing: 'border-box' }} value={paste} placeholder={`${INVENTORY_CSV_HEADER}\nQM9700,,64,12000,,,ex-Hopper row 3`} onChange={(e) => setPaste(e.target.value)} />
        <div><button type="button" className="primary" disabled={paste.trim() === ''} onClick={applyPaste}>Apply pasted CSV</button></div>
      </section>
      <section className="card" aria-label="Owned parts">
        <h3>Owned parts <span className="muted">{inventory.items.length} lines</span></h3>
        {inventory.items.length === 0 ? (
          <p className="muted">Nothing owned yet: import or paste an inventory to let designs reuse parts you have.</p>
        ) : (
          <table className="data" style={{ tableLayout: 'fixed', width: '100%' }}>
            <colgroup>
              <col style={{ width: '38%' }} /><col style={{ width: '8%' }} /><col style={{ width: '11%' }} /><col style={{ width: '13%' }} />
              <col style={{ width: '8%' }} /><col style={{ width: '18%' }} /><col style={{ width: '4%' }} />
            </colgroup>
            <thead>
              <tr>
                <th scope="col">Part</th>
                <th scope="col" className="num">Length m</th>
                <th scope="col" className="num">Quantity</th>
                <th scope="col" className="num">Residual value / unit</th>
                <th scope="col" className="num">Warranty</th>
                <th scope="col">Condition</th>
                <th scope="col"><span className="sr-only">Remove</span></th>
              </tr>
            </thead>
            <tbody>
              {inventory.items.map((item, i) => (
                <tr key={`${item.part}@${item.lengthM ?? ''}`}>
                  <td className="ellipsis" title={names.get(item.part) ?? 'not in the catalog'}>
                    <span className="mono">{item.part}</span> <span className="muted small">{names.get(item.part) ?? 'not in the catalog'}</span>
                  </td>
                  <td className="num">{item.lengthM ?? '—'}</td>
                  <td className="num"><ItemInput item={item} index={i} field="quantity" value={item.quantity} label={`${itemLabel(item)} quantity`} /></td>
                  <td className="num"><ItemInput item={item} index={i} field="residualValue" value={item.residualValue} label={`${itemLabel(item)} residual value`} /></td>
                  <td className="num">{item.warrantyYears} y</td>
                  <td className="ellipsis" title={item.condition}>{item.condition}</td>
                  <td>
                    <button type="button" className="icon-button" aria-label={`Remove ${itemLabel(item)}`} title="Remove line" onClick={() => inventoryStore.getState().removeItem(i)}>✕</button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
