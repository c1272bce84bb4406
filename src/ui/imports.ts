import { catalogStore, currentCatalog } from '../state/catalog-store';
import { inventoryStore, pricedCatalog } from '../state/inventory-store';
import { isInventoryDocument } from '../model/inventory';
import { notify } from '../state/notices';
import { formatRowProblems } from '../state/price-list';
import { runStore } from '../state/run-store';
import { scenarioStore } from '../state/scenario-store';
import { checkResult, documentKind, parseJsonText, type FieldProblem } from '../model/validate';

/** Most problem lines one notice lists; a file with thousands of bad rows gets a count for the rest. */
export const MAX_NOTICE_LINES = 50;

function capped(lines: string[]): string[] {
  if (lines.length <= MAX_NOTICE_LINES) return lines;
  const rest = lines.length - MAX_NOTICE_LINES;
  return [...lines.slice(0, MAX_NOTICE_LINES), `and ${rest.toLocaleString('en-US')} more problem${rest === 1 ? '' : 's'}`];
}

const lines = (problems: FieldProblem[]) => capped(problems.map((p) => `${p.path}: ${p.message}`));

/** Largest price list we read: 20,000 offers of a few hundred characters each is well under this. */
export const MAX_CSV_BYTES = 16 * 1024 * 1024;

/** Loads a scenario file; an invalid one is reported field by field and changes nothing. */
export function importScenarioText(name: string, text: string): boolean {
  const parsed = parseJsonText(text);
  if (!parsed.ok) {
    notify('error', `${name} was not imported: it is not valid JSON.`, lines(parsed.problems));
    return false;
  }
  const r = scenarioStore.getState().load(parsed.value);
  if (!r.ok) {
    notify('error', `${name} was not imported: the scenario is invalid. Your current scenario is unchanged.`, lines(r.problems));
    return false;
  }
  notify('info', `Scenario loaded from ${name}.`);
  return true;
}

export function importCatalogText(name: string, text: string): boolean {
  const r = catalogStore.getState().importCatalogJson(text);
  if (!r.ok) {
    notify('error', `${name} was not imported: the catalog is invalid. Your current catalog is unchanged.`, lines(r.problems));
    return false;
  }
  notify('info', `Catalog loaded from ${name}.`);
  return true;
}

export function importPriceListText(name: string, text: string, replaceOffers: boolean): boolean {
  if (text.length > MAX_CSV_BYTES) {
    notify('error', `${name} was not imported: no price was changed.`, [
      `(file): must be at most ${MAX_CSV_BYTES / 1024 / 1024} MB, got ${(text.length / 1024 / 1024).toFixed(1)} MB`,
    ]);
    return false;
  }
  const r = catalogStore.getState().importPriceList(text, replaceOffers);
  if (!r.ok) {
    notify('error', `${name} was not imported: fix these rows; no price was changed.`, capped(formatRowProblems(r.problems)));
    return false;
  }
  notify('info', `Price list ${name} applied: ${r.updated} offers updated, ${r.added} added.`);
  return true;
}

/** Loads an inventory JSON file, checked against the current catalog; an invalid one changes nothing. */
export function importInventoryText(name: string, text: string): boolean {
  const r = inventoryStore.getState().importJson(text, currentCatalog(catalogStore.getState()));
  if (!r.ok) {
    notify('error', `${name} was not imported: the inventory is invalid. Your inventory is unchanged.`, lines(r.problems));
    return false;
  }
  notify('info', `Inventory loaded from ${name}.`);
  return true;
}

/** A dropped or picked file: JSON scenarios and catalogs by their content, CSV as a price list. */
export function importAnyFile(name: string, text: string): boolean {
  if (/\.csv$/i.test(name)) return importPriceListText(name, text, false);
  const parsed = parseJsonText(text);
  if (!parsed.ok) {
    notify('error', `${name} was not imported: it is not valid JSON.`, lines(parsed.problems));
    return false;
  }
  if (isInventoryDocument(parsed.value)) return importInventoryText(name, text);
  const kind = documentKind(parsed.value);
  if (kind === 'catalog') return importCatalogText(name, text);
  if (kind === 'result') return importResultValue(name, parsed.value);
  return importScenarioText(name, text);
}

/** Loads a result JSON (e.g. from "All results JSON") to view it again: its designs replace the shown results and its scenario is loaded. */
export function importResultText(name: string, text: string): boolean {
  const parsed = parseJsonText(text);
  if (!parsed.ok) {
    notify('error', `${name} was not imported: it is not valid JSON.`, lines(parsed.problems));
    return false;
  }
  const kind = documentKind(parsed.value);
  if (kind !== 'result') {
    notify('error', `${name} was not imported: it is not a result file${kind ? ` (it looks like a ${kind})` : ''}. Your results are unchanged.`, [
      '(file): a result has "candidates", "scenario" and "catalogName"',
    ]);
    return false;
  }
  return importResultValue(name, parsed.value);
}

function importResultValue(name: string, value: unknown): boolean {
  const checked = checkResult(value);
  if (!checked.ok) {
    notify('error', `${name} was not imported: the result is invalid. Your results and scenario are unchanged.`, lines(checked.problems));
    return false;
  }
  const result = checked.value;
  if (runStore.getState().status === 'running') {
    notify('error', `${name} was not imported: a search is running. Cancel it first.`);
    return false;
  }
  const scenario = scenarioStore.getState().load(result.scenario);
  // The scenario goes in first: loading it marks the old results stale, and the imported ones replace them.
  runStore.getState().importResult(result, name);
  const n = result.candidates.length;
  // As searches and exports price: the catalog with the inventory's owned offers (its name says so).
  const catalog = currentCatalog(catalogStore.getState());
  const priced = pricedCatalog(catalog, inventoryStore.getState().inventory);
  const catalogName = (priced.ok ? priced.value : catalog).name;
  const details: string[] = [];
  if (!scenario.ok) details.push(...lines(scenario.problems).map((l) => `scenario not loaded: ${l}`));
  if (result.catalogName !== catalogName)
    details.push(`priced with the catalog "${result.catalogName}"; the current catalog is "${catalogName}", so fabric exports need that catalog loaded`);
  notify(details.length ? 'warning' : 'info', `Results imported from ${name}: ${n} design${n === 1 ? '' : 's'}, scenario ${scenario.ok ? 'loaded' : 'kept'}.`, details.length ? details : undefined);
  return true;
}
