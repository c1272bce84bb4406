import { catalogStore } from '../state/catalog-store';
import { notify } from '../state/notices';
import { formatRowProblems } from '../state/price-list';
import { scenarioStore } from '../state/scenario-store';
import { documentKind, formatProblems, parseJsonText, type FieldProblem } from '../model/validate';

const lines = (problems: FieldProblem[]) => formatProblems(problems).split('\n');

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
  const r = catalogStore.getState().importPriceList(text, replaceOffers);
  if (!r.ok) {
    notify('error', `${name} was not imported: fix these rows; no price was changed.`, formatRowProblems(r.problems));
    return false;
  }
  notify('info', `Price list ${name} applied: ${r.updated} offers updated, ${r.added} added.`);
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
  const kind = documentKind(parsed.value);
  if (kind === 'catalog') return importCatalogText(name, text);
  if (kind === 'result') {
    const scen = (parsed.value as { scenario?: unknown }).scenario;
    return importScenarioText(`${name} (its scenario)`, JSON.stringify(scen ?? null));
  }
  return importScenarioText(name, text);
}
