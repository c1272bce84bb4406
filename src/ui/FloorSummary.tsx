import type { Catalog } from '../model/catalog';
import type { Candidate, Result } from '../model/result';
import type { Scenario } from '../model/scenario';
import { resolveProfile } from '../topology/context';
import { resolveLayout, type ResolvedLayout } from '../topology/floor-defaults';
import { fmtInt, fmtPower } from './format';

const FROM_DEFAULT = 'from the server profile and cluster size (not set in the scenario)';

/** The floor a design's costs assume (the resolved layout) and where its switches stand. */
export function FloorSummary({ result, candidate }: { result: Result; candidate: Candidate }) {
  const l = result.resolvedLayout;
  if (!l) return null;
  const m = candidate.metrics;
  const d = (field: string) => (l.defaulted.includes(field) ? <abbr title={FROM_DEFAULT} className="muted"> (default)</abbr> : null);
  const limitW = l.maxRackPowerKW * 1000;
  return (
    <section className="card floor-summary" aria-label="Floor">
      <h3>Floor</h3>
      <dl className="facts">
        <dt>Compute racks</dt>
        <dd>{fmtInt(l.computeRacks)} racks of {fmtInt(l.nodesPerRack)} nodes{d('nodesPerRack')}, in {fmtInt(l.rows)} row{l.rows > 1 ? 's' : ''} of {fmtInt(l.racksPerRow)}{d('racksPerRow')}</dd>
        <dt>Leaves</dt>
        <dd>
          {l.switchesInComputeRack ? 'may sit in their nodes\u2019 compute rack (top of rack)' : 'never in compute racks: network racks at the row ends and after every ten racks'}
          {d('switchesInComputeRack')}; {l.switchPlacement === 'row-end' ? 'at the end of their row' : 'beside the middle of their nodes'}
        </dd>
        <dt>Spine to core</dt>
        <dd>{l.networkRowSpanM} m mean run in the central network row{d('networkRowSpanM')}</dd>
        <dt>Switches</dt>
        <dd>
          {fmtInt(m.computeRackSwitches)} in compute racks; {fmtInt(m.networkRackUnits)} U in {fmtInt(m.networkRacks)} network rack{m.networkRacks === 1 ? '' : 's'} of {l.rackUnitsPerNetworkRack} U
        </dd>
        <dt>Network rack power</dt>
        <dd className={m.networkRacksOverPowerLimit > 0 ? 'bad' : undefined}>
          at most {fmtPower(m.maxNetworkRackPowerW)} a rack (switch maximum + optics), limit {fmtPower(limitW)}{d('maxRackPowerKW')}
          {m.networkRacksOverPowerLimit > 0 && (
            <strong role="status"> · {fmtInt(m.networkRacksOverPowerLimit)} rack{m.networkRacksOverPowerLimit > 1 ? 's' : ''} over the limit (layout.maxRackPowerKW)</strong>
          )}
        </dd>
      </dl>
    </section>
  );
}

/** The floor the current scenario would get, for the layout fields' placeholders; undefined when the profile is unknown. */
export function floorDefaults(scenario: Scenario, catalog: Catalog): ResolvedLayout | undefined {
  const profile = resolveProfile(scenario, catalog);
  if ('ok' in profile) return undefined;
  const base = catalog.serverProfiles.find((p) => p.id === profile.id)!;
  return resolveLayout(scenario.layout, base, Math.ceil(scenario.cluster.gpus / profile.gpusPerNode));
}
