import { useId } from 'react';
import type { Catalog, SwitchPart } from '../model/catalog';
import { FAMILIES, TECHNOLOGIES } from '../model/common';
import type { Pin } from '../model/scenario';
import { currentCatalog, useCatalog } from '../state/catalog-store';
import { getAt, type FieldPath } from '../state/field-path';
import { editPin } from '../state/pin-edit';
import { scenarioStore, useScenario } from '../state/scenario-store';
import { FieldError, NumberField, Section } from './fields';
import { FAMILY_LABEL } from './view-model';

const TECH_LABEL = { infiniband: 'InfiniBand', ethernet: 'Ethernet (RoCE)' } as const;
const ROLES = [['leaf', 'Leaf'], ['spine', 'Spine'], ['core', 'Core']] as const;
type Role = (typeof ROLES)[number][0];

interface Option { value: string | number; label: string }

const edit = (path: FieldPath, raw: unknown) => editPin(scenarioStore, path, raw);
const unique = <T,>(xs: T[]) => [...new Set(xs)];

/** A select for one pin field: "Not pinned" leaves it out; a value the options lack (from a file) stays shown. */
function PinSelect({ path, label, options, onPick }: { path: FieldPath; label: string; options: Option[]; onPick?: (v: string | number | undefined) => void }) {
  const id = useId();
  const value = useScenario((s) => getAt(s.scenario, path)) as string | number | undefined;
  const error = useScenario((s) => s.errors[path]);
  const listed = value === undefined || options.some((o) => o.value === value) ? options : [...options, { value, label: `${value} (not offered by the catalog and scenario)` }];
  const pick = (text: string) => {
    const v = text === '' ? undefined : listed.find((o) => String(o.value) === text)?.value;
    if (onPick) onPick(v);
    else edit(path, v);
  };
  return (
    <div className={`field${error ? ' has-error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <select id={id} name={path} value={value === undefined ? '' : String(value)} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-err` : undefined} onChange={(e) => pick(e.target.value)}>
        <option value="">Not pinned</option>
        {listed.map((o) => <option key={String(o.value)} value={String(o.value)}>{o.label}</option>)}
      </select>
      <FieldError id={`${id}-err`} error={error} />
    </div>
  );
}

/** The switches a tier pin may name: the scenario's technologies (or the pinned one) and switch-model allow-list. */
function allowedSwitches(catalog: Catalog, technologies: string[], allowList: string[]): SwitchPart[] {
  return catalog.switches.filter((s) => technologies.includes(s.technology) && (allowList.length === 0 || allowList.includes(s.model) || allowList.includes(s.id)));
}

const partsOf = (catalog: Catalog, allowed: SwitchPart[], model: string | undefined) =>
  model === undefined ? allowed : catalog.switches.filter((s) => s.model === model || s.id === model);
const modesOf = (parts: SwitchPart[]) => unique(parts.flatMap((s) => s.portModes.map((m) => m.id)));
/** Up modes of the cage splits whose down mode is `down` (any split when the port mode is not pinned). */
const upModesOf = (parts: SwitchPart[], down: string | undefined) =>
  unique(parts.flatMap((s) => (s.cageSplits ?? []).filter((sp) => down === undefined || sp.down === down).map((sp) => sp.up)));

/** One tier's pins: switch model, port mode, a split's up mode, count per plane and ports per switch. */
function TierPinFields({ role, label, catalog, allowed }: { role: Role; label: string; catalog: Catalog; allowed: SwitchPart[] }) {
  const tier = useScenario((s) => s.scenario.fabric.pin?.[role]);
  const base = `fabric.pin.${role}`;
  const parts = partsOf(catalog, allowed, tier?.switchModel);
  const models = unique(allowed.map((s) => s.model));
  // A new model or port mode drops the modes it does not run, so the pin never names a mode the switch lacks.
  const keepModes = (nextParts: SwitchPart[], portMode: string | undefined) => {
    if (tier?.portMode !== undefined && portMode === tier.portMode && !modesOf(nextParts).includes(portMode)) edit(`${base}.portMode`, undefined);
    const down = modesOf(nextParts).includes(portMode ?? '') ? portMode : undefined;
    if (tier?.upPortMode !== undefined && !upModesOf(nextParts, down).includes(tier.upPortMode)) edit(`${base}.upPortMode`, undefined);
  };
  const pickModel = (v: string | number | undefined) => {
    if (!edit(`${base}.switchModel`, v)) return;
    keepModes(partsOf(catalog, allowed, v as string | undefined), tier?.portMode);
  };
  const pickMode = (v: string | number | undefined) => {
    if (!edit(`${base}.portMode`, v)) return;
    keepModes(parts, v as string | undefined);
  };
  return (
    <fieldset className="pin-tier">
      <legend>{label}</legend>
      <div className="row">
        <PinSelect path={`${base}.switchModel`} label="Switch model" options={models.map((m) => ({ value: m, label: m }))} onPick={pickModel} />
        <PinSelect path={`${base}.portMode`} label="Port mode" options={modesOf(parts).map((m) => ({ value: m, label: m }))} onPick={pickMode} />
      </div>
      <div className="row">
        <PinSelect path={`${base}.upPortMode`} label="Up mode (cage split)" options={upModesOf(parts, tier?.portMode).map((m) => ({ value: m, label: `${m} up` }))} />
        <NumberField path={`${base}.switchesPerPlane`} label="Switches per plane" onText={edit} placeholder="any" />
      </div>
      <div className="row">
        <NumberField path={`${base}.downPorts`} label="Down ports" onText={edit} placeholder="any" />
        <NumberField path={`${base}.upPorts`} label="Up ports" onText={edit} placeholder="any" />
      </div>
    </fieldset>
  );
}

/** How many fields a pin fixes, for the section's summary. */
function pinnedCount(pin: Pin | undefined): number {
  if (!pin) return 0;
  return Object.values(pin).reduce<number>((n, v) => n + (v === undefined ? 0 : typeof v === 'object' ? Object.values(v).filter((x) => x !== undefined).length : 1), 0);
}

/**
 * "Pinned choices": fabric.pin field by field (docs/model.md "Pins"). An empty field is not pinned;
 * every value is checked as the other scenario fields are, and an emptied pin is removed.
 */
export function PinEditor() {
  const catalog = useCatalog(currentCatalog);
  const fabric = useScenario((s) => s.scenario.fabric);
  const errors = useScenario((s) => Object.keys(s.errors).filter((p) => p.startsWith('fabric.pin.')).length);
  const pin = fabric.pin;
  const n = pinnedCount(pin);
  const allowed = allowedSwitches(catalog, pin?.technology ? [pin.technology] : fabric.technologies, fabric.switchModels);
  const summary = [n === 0 ? 'none' : `${n} pinned`, errors > 0 ? `${errors} invalid` : ''].filter(Boolean).join(', ');
  return (
    <Section title="Pinned choices" open={false} summary={summary}>
      <p className="field-hint">
        Fix what you have already chosen; the search varies only the rest. Empty fields are not pinned. Switch counts are per plane, ports per
        switch; a pinned top-tier count or down ports replaces the fewest switches balanced wiring would pick.
      </p>
      <div className="row">
        <PinSelect path="fabric.pin.family" label="Family" options={FAMILIES.map((f) => ({ value: f, label: FAMILY_LABEL[f] }))} />
        <PinSelect path="fabric.pin.technology" label="Technology" options={TECHNOLOGIES.map((t) => ({ value: t, label: TECH_LABEL[t] }))} />
      </div>
      <div className="row">
        <PinSelect path="fabric.pin.planes" label="Planes" options={[1, 2, 4, 8].map((p) => ({ value: p, label: `${p} plane${p > 1 ? 's' : ''}` }))} />
        <PinSelect path="fabric.pin.tiers" label="Tiers" options={[1, 2, 3].map((t) => ({ value: t, label: `${t} tier${t > 1 ? 's' : ''}` }))} />
      </div>
      <div className="row">
        <NumberField path="fabric.pin.nodesPerLeafGroup" label="Nodes per leaf group" onText={edit} placeholder="any" />
        <NumberField path="fabric.pin.leavesPerNode" label="Leaves per node" onText={edit} placeholder="any" />
      </div>
      {ROLES.map(([role, label]) => <TierPinFields key={role} role={role} label={label} catalog={catalog} allowed={allowed} />)}
    </Section>
  );
}
