import { useId, useMemo, useState } from 'react';
import type { Catalog } from '../model/catalog';
import { FAMILIES, SOURCES, TECHNOLOGIES, type PartCategory } from '../model/common';
import { currentCatalog, useCatalog } from '../state/catalog-store';
import { usePricedCatalog } from '../state/inventory-store';
import { scenarioStore, useScenario } from '../state/scenario-store';
import { CheckList, FieldError, NumberField, Section } from './fields';
import { floorDefaults } from './FloorSummary';
import { buildContext } from '../topology/context';
import type { FabricDefaults } from '../topology/fabric-defaults';
import type { Scenario } from '../model/scenario';
import { fmtInt } from './format';
import { TemplatePicker } from './TemplatePicker';
import { FAMILY_LABEL, SOURCE_LABEL } from './view-model';
import { resetScenario } from '../state/reset-with-undo';

const OVERSUB_PRESETS = [1, 1.5, 2, 3, 4];
const TECH_LABEL = { infiniband: 'InfiniBand', ethernet: 'Ethernet (RoCE)' } as const;
const CATEGORY_ROW: Record<PartCategory, string> = { switch: 'Switches', optic: 'Optics', cable: 'Cables' };

function ProfileField() {
  const id = useId();
  const catalog = useCatalog(currentCatalog);
  const profileId = useScenario((s) => s.scenario.cluster.serverProfile);
  const error = useScenario((s) => s.errors['cluster.serverProfile']);
  const known = catalog.serverProfiles.some((p) => p.id === profileId);
  return (
    <div className="field field-wide">
      <label htmlFor={id}>Server profile</label>
      <select id={id} value={profileId} onChange={(e) => scenarioStore.getState().setField('cluster.serverProfile', e.target.value)}>
        {!known && <option value={profileId}>{profileId} (not in catalog)</option>}
        {catalog.serverProfiles.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </select>
      <FieldError id={`${id}-err`} error={error ?? (known ? undefined : `must be a profile in the catalog, got "${profileId}"`)} />
    </div>
  );
}

function ProfileFacts() {
  const catalog = useCatalog(currentCatalog);
  const cluster = useScenario((s) => s.scenario.cluster);
  const p = catalog.serverProfiles.find((x) => x.id === cluster.serverProfile);
  if (!p) return null;
  const g = cluster.gpusPerNode ?? p.gpusPerNode;
  const r = cluster.railsPerNode ?? p.railsPerNode;
  const nodes = Math.ceil(cluster.gpus / g);
  return (
    <p className="facts" aria-live="polite">
      {fmtInt(nodes)} nodes x {r} rails = {fmtInt(nodes * r)} endpoint ports at {cluster.nicGbps ?? p.nicGbps}G; scale-up domain{' '}
      {fmtInt(cluster.scaleUpDomainGpus ?? p.scaleUpDomainGpus)} GPUs
    </p>
  );
}

function OversubscriptionField({ resolved }: { resolved: number | undefined }) {
  const id = useId();
  const value = useScenario((s) => s.scenario.fabric.maxOversubscription);
  const error = useScenario((s) => s.errors['fabric.maxOversubscription']);
  const preset = (v: number | undefined) => v === undefined || OVERSUB_PRESETS.includes(v);
  const [custom, setCustom] = useState(() => !preset(value));
  const isCustom = custom || !preset(value) || Boolean(error);
  const grown = resolved !== undefined && resolved > 1 ? `${resolved}:1: no plane count connects this cluster non-blocking` : 'non-blocking';
  return (
    <div className="field">
      <label htmlFor={id}>Max oversubscription</label>
      <select
        id={id}
        value={isCustom ? 'custom' : value === undefined ? 'default' : String(value)}
        onChange={(e) => {
          if (e.target.value === 'custom') setCustom(true);
          else {
            setCustom(false);
            scenarioStore.getState().setField('fabric.maxOversubscription', e.target.value === 'default' ? undefined : Number(e.target.value));
          }
        }}
      >
        <option value="default">Default ({grown})</option>
        {OVERSUB_PRESETS.map((r) => (
          <option key={r} value={String(r)}>
            {r}:1{r === 1 ? ' (non-blocking)' : ''}
          </option>
        ))}
        <option value="custom">Custom…</option>
      </select>
      {isCustom && <NumberField path="fabric.maxOversubscription" label="Custom ratio" unit=":1" hint="down:up, 1 to 64" />}
    </div>
  );
}

/** The plane counts and oversubscription cap the current scenario would search, for the fabric fields' defaults. */
function fabricDefaults(scenario: Scenario, catalog: Catalog): FabricDefaults | undefined {
  const ctx = buildContext(scenario, catalog);
  return 'ok' in ctx ? undefined : ctx.resolvedFabric;
}

/** Which (category, source) pairs have at least one offer in the catalog: a checkbox for any other pair changes nothing. */
function offeredPairs(catalog: Catalog): Set<string> {
  const category = new Map<string, PartCategory>();
  for (const p of catalog.switches) category.set(p.id, 'switch');
  for (const p of catalog.transceivers) category.set(p.id, 'optic');
  for (const p of catalog.cables) category.set(p.id, 'cable');
  const pairs = new Set<string>();
  for (const o of catalog.offers) {
    const cat = category.get(o.part);
    if (cat) pairs.add(`${cat}|${o.source}`);
  }
  return pairs;
}

function SourcingMatrix() {
  const sourcing = useScenario((s) => s.scenario.sourcing);
  const drafts = useScenario((s) => s.drafts);
  const errors = useScenario((s) => s.errors);
  // With the inventory's owned offers, so the Owned column is live for the categories the user owns.
  const catalog = usePricedCatalog();
  const offered = useMemo(() => offeredPairs(catalog), [catalog]);
  const cats: PartCategory[] = ['switch', 'optic', 'cable'];
  const missing = cats.flatMap((cat) => SOURCES.filter((src) => src !== 'owned' && !offered.has(`${cat}|${src}`)).map((src) => `${SOURCE_LABEL[src]} ${CATEGORY_ROW[cat].toLowerCase()}`));
  // Owned parts come from the Inventory tab, not from catalog offers.
  const unowned = cats.filter((cat) => !offered.has(`${cat}|owned`)).map((cat) => CATEGORY_ROW[cat].toLowerCase());
  return (
    <div className="field field-wide">
      <table className="matrix" aria-label="Allowed sources">
        <thead>
          <tr>
            <th scope="col">Allowed sources</th>
            {SOURCES.map((s) => (
              <th key={s} scope="col">
                {SOURCE_LABEL[s]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {cats.map((cat) => {
            const list = (drafts[`sourcing.${cat}`] as string[] | undefined) ?? sourcing[cat];
            return (
              <tr key={cat}>
                <th scope="row">{CATEGORY_ROW[cat]}</th>
                {SOURCES.map((src) => (
                  <td key={src}>
                    <input
                      type="checkbox"
                      aria-label={`${CATEGORY_ROW[cat]}: ${SOURCE_LABEL[src]}`}
                      disabled={!offered.has(`${cat}|${src}`)}
                      aria-describedby={!offered.has(`${cat}|${src}`) ? 'src-no-offers' : undefined}
                      title={!offered.has(`${cat}|${src}`) ? `The catalog has no ${SOURCE_LABEL[src]} offers for ${CATEGORY_ROW[cat].toLowerCase()}, so this choice changes nothing` : undefined}
                      checked={list.includes(src)}
                      onChange={(e) => {
                        const next = SOURCES.filter((x) => (x === src ? e.target.checked : list.includes(x)));
                        scenarioStore.getState().setField(`sourcing.${cat}`, next);
                      }}
                    />
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
      {(missing.length > 0 || unowned.length > 0) && (
        <p className="hint" id="src-no-offers">
          {missing.length > 0 && <>Greyed out: the catalog has no offers for {missing.join(', ')}, so those choices change nothing. Add offers in the Catalog panel to use them. </>}
          {unowned.length > 0 && <>Owned {unowned.join(', ')}: none in the Inventory tab, so there is nothing to reuse.</>}
        </p>
      )}
      {cats.map((cat) => (
        <FieldError key={cat} id={`src-${cat}-err`} error={errors[`sourcing.${cat}`] && `${CATEGORY_ROW[cat]}: ${errors[`sourcing.${cat}`]}`} />
      ))}
    </div>
  );
}

/** sourcing.allowUnconfirmed: parts and recipes the catalog marks unconfirmed are withheld unless this is on. */
function AllowUnconfirmedField() {
  const allow = useScenario((s) => s.scenario.sourcing.allowUnconfirmed);
  const catalog = useCatalog(currentCatalog);
  const count = useMemo(
    () => [...catalog.switches, ...catalog.transceivers, ...catalog.cables, ...catalog.mediaRecipes].filter((p) => p.confidence === 'unconfirmed').length,
    [catalog],
  );
  return (
    <div className="field field-wide">
      <label className="check">
        <input
          type="checkbox"
          checked={allow}
          aria-describedby="allow-unconfirmed-hint"
          onChange={(e) => scenarioStore.getState().setField('sourcing.allowUnconfirmed', e.target.checked)}
        />{' '}
        Allow unconfirmed parts
      </label>
      <p className="hint" id="allow-unconfirmed-hint">
        {count === 0
          ? 'The catalog marks no part or media recipe unconfirmed.'
          : `${fmtInt(count)} parts and media recipes in the catalog are unconfirmed (not known as standard products, e.g. plane-split cables). ` +
            'Off: designs that need them are rejected. On: they may be used, and every design using one is flagged.'}
      </p>
    </div>
  );
}

function ObjectiveField() {
  const minimize = useScenario((s) => s.scenario.objective.minimize);
  return (
    <fieldset className="segmented">
      <legend>Minimize</legend>
      {(['capex', 'tco'] as const).map((m) => (
        <label key={m} className={minimize === m ? 'on' : ''}>
          <input type="radio" name="objective" value={m} checked={minimize === m} onChange={() => scenarioStore.getState().setField('objective.minimize', m)} />
          {m === 'capex' ? 'Capex' : 'TCO'}
        </label>
      ))}
    </fieldset>
  );
}

function TiersField() {
  const id = useId();
  const maxTiers = useScenario((s) => s.scenario.fabric.maxTiers);
  return (
    <div className="field">
      <label htmlFor={id}>Max tiers</label>
      <select id={id} value={maxTiers} onChange={(e) => scenarioStore.getState().setField('fabric.maxTiers', Number(e.target.value))}>
        <option value={1}>1 (single switch layer)</option>
        <option value={2}>2 (leaf-spine)</option>
        <option value={3}>3 (leaf-spine-core)</option>
      </select>
    </div>
  );
}

function NameField() {
  const id = useId();
  const name = useScenario((s) => (typeof s.drafts.name === 'string' ? s.drafts.name : (s.scenario.name ?? '')));
  const error = useScenario((s) => s.errors.name);
  return (
    <div className="field field-wide">
      <label htmlFor={id}>Scenario name</label>
      <input id={id} type="text" value={name} placeholder="optional" onChange={(e) => scenarioStore.getState().setField('name', e.target.value === '' ? undefined : e.target.value)} />
      <FieldError id={`${id}-err`} error={error} />
    </div>
  );
}

/** Everything a scenario holds, as a form; each field validates on its own and never clears another. */
export function ScenarioPanel() {
  const catalog = useCatalog(currentCatalog);
  const technologies = useScenario((s) => s.scenario.fabric.technologies);
  const gpus = useScenario((s) => s.scenario.cluster.gpus);
  const minimize = useScenario((s) => s.scenario.objective.minimize);
  const errorCount = useScenario((s) => Object.keys(s.errors).length);
  const current = useScenario((s) => s.scenario);
  const floor = useMemo(() => floorDefaults(current, catalog), [current, catalog]);
  const fabric = useMemo(() => fabricDefaults(current, catalog), [current, catalog]);
  const models = [...new Set(catalog.switches.filter((s) => technologies.includes(s.technology)).map((s) => s.model))];
  return (
    <aside className="scenario-panel" aria-label="Scenario">
      <div className="panel-head">
        <h2>Scenario</h2>
        {errorCount > 0 && (
          <span className="badge badge-error" role="status">
            {errorCount} invalid field{errorCount > 1 ? 's' : ''}
          </span>
        )}
        <button type="button" className="link-button" onClick={() => resetScenario(scenarioStore)}>
          Reset scenario
        </button>
      </div>
      <TemplatePicker />
      <Section title="Cluster" summary={`${fmtInt(gpus)} GPUs`}>
        <NameField />
        <ProfileField />
        <div className="row">
          <NumberField path="cluster.gpus" label="GPUs" hint="1 to 4,194,304" />
          <NumberField path="cluster.gpusPerNode" label="GPUs per node" placeholder="profile" />
        </div>
        <div className="row">
          <NumberField path="cluster.railsPerNode" label="Rails per node" placeholder="profile" />
          <NumberField path="cluster.nicGbps" label="NIC port speed" unit="Gb/s" placeholder="profile" />
        </div>
        <NumberField path="cluster.scaleUpDomainGpus" label="Scale-up domain" unit="GPUs" placeholder="profile" wide />
        <ProfileFacts />
      </Section>
      <Section title="Fabric">
        <CheckList path="fabric.technologies" legend="Technologies" options={TECHNOLOGIES.map((t) => ({ value: t, label: TECH_LABEL[t] }))} columns={2} />
        <CheckList path="fabric.families" legend="Topology families" options={FAMILIES.map((f) => ({ value: f, label: FAMILY_LABEL[f] }))} columns={3} />
        <CheckList
          path="fabric.planes"
          legend="Plane counts"
          options={[1, 2, 4, 8].map((p) => ({ value: p, label: `${p} plane${p > 1 ? 's' : ''}` }))}
          columns={4}
          resolvedDefault={fabric?.planes}
          defaultHint={fabric && `Default for ${fmtInt(gpus)} GPUs: ${fabric.planes.join(' and ')} plane${fabric.planes.length > 1 ? 's' : ''} (more planes only when one plane cannot connect the cluster)`}
        />
        <div className="row">
          <TiersField />
          <OversubscriptionField resolved={fabric?.maxOversubscription} />
        </div>
        <div className="row">
          <NumberField
            path="fabric.maxEndToEndOversubscription"
            label="Max end-to-end oversubscription"
            unit=":1"
            placeholder={`= max oversubscription${fabric ? ` (${fabric.maxOversubscription})` : ''}`}
            hint="GPU to top of fabric, tier ratios compounded; 1 to 4,096"
          />
          <NumberField path="fabric.minRailLocalGpus" label="Min rail-local GPUs" unit="GPUs" placeholder="no minimum" hint="GPUs of one rail behind a single switch" />
        </div>
        <CheckList
          path="fabric.switchModels"
          legend="Switch models (all when none is unticked)"
          emptyMeansAll
          options={models.map((m) => ({ value: m, label: m, title: catalog.switches.find((s) => s.model === m)?.name }))}
          columns={2}
        />
      </Section>
      <Section title="Layout" open={false}>
        <div className="row">
          <NumberField path="layout.nodesPerRack" label="Nodes per rack" placeholder={floor && `${floor.nodesPerRack} (profile)`} />
          <NumberField path="layout.racksPerRow" label="Racks per row" placeholder={floor && `${floor.racksPerRow} (grows)`} />
        </div>
        <div className="row">
          <NumberField path="layout.rackWidthM" label="Rack width" unit="m" />
          <NumberField path="layout.rowPitchM" label="Row pitch" unit="m" />
        </div>
        <div className="row">
          <NumberField path="layout.verticalRunM" label="Vertical run" unit="m" />
          <NumberField path="layout.slackFactor" label="Slack factor" unit="x" />
        </div>
        <div className="row">
          <NumberField path="layout.networkRowSpanM" label="Network row span" unit="m" placeholder={floor && String(floor.networkRowSpanM)} />
          <NumberField path="layout.rackUnitsPerNetworkRack" label="U per network rack" unit="U" />
        </div>
        <div className="row">
          <NumberField path="layout.maxRackPowerKW" label="Max network rack power" unit="kW" placeholder={floor && `${floor.maxRackPowerKW} (profile)`} />
        </div>
        <LeafPlacement />
      </Section>
      <Section title="Sourcing">
        <SourcingMatrix />
        <AllowUnconfirmedField />
        <div className="row">
          <NumberField path="sourcing.maxLeadTimeWeeks" label="Max lead time" unit="weeks" placeholder="any" />
          <NumberField path="sourcing.minWarrantyYears" label="Min warranty" unit="years" placeholder="any" />
        </div>
      </Section>
      <Section title="Objective and search" summary={minimize === 'tco' ? 'TCO' : 'Capex'}>
        <ObjectiveField />
        <div className="row">
          <NumberField path="objective.years" label="TCO years" unit="yr" />
          <NumberField path="objective.energyPricePerKWh" label="Energy price" unit="/kWh" />
        </div>
        <div className="row">
          <NumberField path="objective.pue" label="PUE" />
          <NumberField path="objective.maxPowerW" label="Max network power" unit="W" placeholder="no cap" />
        </div>
        <fieldset className="spares">
          <legend>Spares, % of installed units</legend>
          <div className="row">
            <NumberField path="objective.sparesPct.switch" label="Spare switches" unit="%" hint="0 to 100" />
            <NumberField path="objective.sparesPct.optic" label="Spare optics" unit="%" hint="0 to 100" />
            <NumberField path="objective.sparesPct.cable" label="Spare cables" unit="%" hint="0 to 100" />
          </div>
        </fieldset>
        <div className="row">
          <NumberField path="search.topK" label="Top-K designs" hint="1 to 100" />
        </div>
      </Section>
    </aside>
  );
}

function LeafPlacement() {
  const id = useId();
  const placement = useScenario((s) => s.scenario.layout.switchPlacement);
  return (
    <div className="field field-wide">
      <label htmlFor={id}>Leaf placement</label>
      <select id={id} value={placement} onChange={(e) => scenarioStore.getState().setField('layout.switchPlacement', e.target.value)}>
        <option value="group-center">Middle of the nodes it serves</option>
        <option value="row-end">End of row</option>
      </select>
    </div>
  );
}
