import { bomCsv } from '../export/bom-csv';
import { candidateJson, exportFileName, resultJson } from '../export/json';
import type { BomLine, Candidate, Result } from '../model/result';
import { FloorSummary } from './FloorSummary';
import { RackElevations } from './RackElevations';
import { currentCatalog, useCatalog } from '../state/catalog-store';
import { usePricedCatalog } from '../state/inventory-store';
import { ReuseSummary } from './ReuseSummary';
import { PhasesSummary } from './PhasesSummary';
import { runStore, useRun } from '../state/run-store';
import { pinDesign } from '../state/pin-edit';
import { scenarioStore } from '../state/scenario-store';
import { pinText } from './TemplatePicker';
import { useExports, type ExportState } from '../state/export-store';
import { cancelExport, downloadNow, saveFabricExport } from './export-actions';
import { catalogMismatch, DIRECT_DOWNLOAD_BYTES, estimateBytes, exportLimit, fmtBytes, offeredExports, PHASE_BOM_EXPORT, phaseChoices } from './export-plan';
import { fmtInt, fmtMoney, fmtPct, fmtPower, fmtRatio } from './format';
import { EmptyState } from './ResultsPanel';
import { TopologyDiagram } from './TopologyDiagram';
import { PartWarningMarker, warningsByPart, WarningsList } from './Warnings';
import { bomGroups, CATEGORY_LABEL, FAMILY_LABEL, METRICS, SOURCE_LABEL, splitPorts, tiersSummary } from './view-model';
import { ecmpWords, failureWords } from './resilience-view';

const LINK_LABEL = { 'node-leaf': 'Node – leaf', 'leaf-spine': 'Leaf – spine', 'spine-core': 'Spine – core' } as const;

/** What the status line says while an export runs: every click shows something within a frame. */
function runningText(r: NonNullable<ExportState['running']>): string {
  if (r.phase === 'preparing') return `Preparing ${r.fileName}…`;
  if (r.phase === 'choosing') return `Choose where to save ${r.fileName} in the save dialog…`;
  return r.toDisk
    ? `${r.label}: ${Math.round(r.fraction * 100)}% · ${fmtBytes(r.bytes)} written to ${r.fileName}`
    : `${r.label}: ${Math.round(r.fraction * 100)}% · ${fmtBytes(r.bytes)} prepared for ${r.fileName}`;
}

function ExportCard({ result, candidate }: { result: Result; candidate: Candidate }) {
  // Exports rebuild the design with the catalog it was priced with, owned offers included.
  const catalog = usePricedCatalog();
  const running = useExports((s) => s.running);
  const last = useExports((s) => s.last);
  const base = `${candidate.rank ? `rank${candidate.rank}-` : ''}${candidate.id}`;
  const mismatch = catalogMismatch(result, catalog.name);
  const offered = offeredExports(candidate);
  const imported = useRun((s) => s.imported);
  const busy = !!running;
  // A phased result exports the whole design or one phase (docs/exports.md "Phases").
  const choices = phaseChoices(candidate);
  const chosen = useExports((s) => s.forPhase);
  const phase = choices.some((c) => c.value === chosen) ? chosen ?? undefined : undefined;
  const choosePhase = useExports((s) => s.choosePhase);
  return (
    <section className="card export-card" aria-label="Exports">
      <h3>Export</h3>
      {choices.length > 0 && (
        <label className="export-phase">
          Export for{' '}
          <select value={phase ?? ''} disabled={busy} onChange={(e) => choosePhase(e.target.value === '' ? null : Number(e.target.value))}>
            {choices.map((c) => <option key={c.label} value={c.value ?? ''}>{c.label}</option>)}
          </select>
          <span className="muted small">
            {phase
              ? ` The BOM lists what phase ${phase} buys; the cable schedule, rack and NetBox files what it installs; DOT, ibnetdiscover, Slurm and containerlab the fabric as built after it.`
              : ' Every phase together; the cable schedule says which phase pulls each cable.'}
          </span>
        </label>
      )}
      <div className="export-buttons" role="group" aria-label="Export">
        <button type="button" className="primary" disabled={busy}
          onClick={() => void downloadNow('Candidate JSON', exportFileName(base, 'json'), 'application/json', () => candidateJson(result, candidate))}>
          Export JSON
        </button>
        <button type="button" disabled={busy || (!!phase && !!mismatch)} title={phase ? mismatch ?? `What phase ${phase} buys, rebuilt along the plan in a background worker` : undefined}
          onClick={() => void (phase
            ? saveFabricExport(PHASE_BOM_EXPORT, result, candidate, catalog, phase)
            : downloadNow('BOM CSV', exportFileName(`${base}-bom`, 'csv'), 'text/csv', () => bomCsv(candidate, result.currency)))}>
          BOM CSV
        </button>
        <button type="button" disabled={busy}
          onClick={() => void downloadNow('All results JSON', exportFileName(`all-results-${result.scenario.cluster.gpus}gpu`, 'json'), 'application/json', () => resultJson(result))}>
          All results JSON
        </button>
        <span className="export-sep" aria-hidden="true" />
        {offered.filter((f) => !('group' in f)).map((f) => {
          const limit = exportLimit(f.id, candidate, phase);
          const bytes = estimateBytes(f.id, candidate);
          const direct = bytes <= DIRECT_DOWNLOAD_BYTES;
          return (
            <button
              key={f.id}
              type="button"
              disabled={busy || !!mismatch || !!limit}
              title={mismatch ?? limit ?? `About ${fmtBytes(bytes)}, rebuilt from the design in a background worker; ${direct ? 'downloads directly' : 'streamed to a file you choose, with progress'}`}
              onClick={() => void saveFabricExport(f, result, candidate, catalog, phase)}
            >
              {f.label}
            </button>
          );
        })}
      </div>
      <details className="export-netbox">
        <summary>NetBox import (8 CSV files, import them in this order)</summary>
        <div className="export-buttons" role="group" aria-label="NetBox import">
          {offered.filter((f) => 'group' in f && f.group === 'netbox').map((f, i) => (
            <button key={f.id} type="button" disabled={busy || !!mismatch}
              title={mismatch ?? `NetBox bulk import: ${f.label.toLowerCase()}, about ${fmtBytes(estimateBytes(f.id, candidate))}`}
              onClick={() => void saveFabricExport(f, result, candidate, catalog, phase)}>
              {i + 1}. {f.label}
            </button>
          ))}
        </div>
      </details>
      <p className="muted export-note">
        {fmtInt(candidate.metrics.linkCount)} links · cable schedule about {fmtBytes(estimateBytes('cables-csv', candidate))}
        {estimateBytes('cables-csv', candidate) > DIRECT_DOWNLOAD_BYTES ? ' (over 50 MB: streamed to a file you choose)' : ''}
        {imported ? ` · imported from ${imported.name}` : ''}
      </p>
      {mismatch && <p className="export-message is-error" role="alert">{mismatch}</p>}
      <div className="export-status" role="status" aria-live="polite">
        {running && (
          <div className="export-progress">
            {running.phase === 'writing' && (
              <div className="progress" role="progressbar" aria-label="Export progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(running.fraction * 100)}>
                <div className="progress-fill" style={{ width: `${Math.round(running.fraction * 100)}%` }} />
              </div>
            )}
            <span>{runningText(running)}</span>
            {running.cancellable && <button type="button" onClick={cancelExport}>Cancel export</button>}
          </div>
        )}
        {!running && last?.kind === 'info' && <p className="export-message">{last.text}</p>}
      </div>
      {!running && last?.kind === 'error' && <p className="export-message is-error" role="alert">{last.text}</p>}
    </section>
  );
}

const CONFIDENCE_LABEL = { verified: 'verified', estimated: 'estimated', unconfirmed: 'unconfirmed' } as const;

/** Installed units draw power, spares sit on the shelf (the same rule as the BOM CSV). */
const lineDrawW = (l: BomLine, unit: number | undefined) => (l.spare || unit === undefined ? 0 : unit * l.quantity);

function Bom({ c, currency }: { c: Candidate; currency: string }) {
  const groups = bomGroups(c);
  const warned = warningsByPart(c.warnings);
  // Two lines per row (number over description, source over vendor, typical over maximum power) keep it readable at 1280 px.
  const widths = ['24%', '16%', '6%', '7%', '8%', '11%', '9%', '10%', '9%'];
  return (
    <table className="data bom" aria-label="Bill of materials">
      <colgroup>
        {widths.map((w, i) => <col key={i} style={{ width: w }} />)}
      </colgroup>
      <thead>
        <tr>
          <th scope="col" title="What to order: a cable's length-coded number, or the part's model; the description below">Part number</th>
          <th scope="col">Source · vendor</th>
          <th scope="col" className="num" title="The standard length bought">Len.</th>
          <th scope="col" className="num" title="Units, spares included (spare lines are marked)">Qty</th>
          <th scope="col" className="num">Unit</th>
          <th scope="col" className="num">Extended</th>
          <th scope="col" className="num" title="Lead time in weeks, and warranty in years below, from the offer">Lead</th>
          <th scope="col" className="num" title="The line's draw: installed units at typical power, and at maximum below (spares draw nothing)">Power</th>
          <th scope="col" title="The catalog's confidence in the part; estimated when only the part family is known">Conf.</th>
        </tr>
      </thead>
      {groups.map((g) => (
        <tbody key={g.category}>
          <tr className="group-row">
            <th scope="rowgroup" colSpan={3}>{CATEGORY_LABEL[g.category]}</th>
            <td className="num">{fmtInt(g.quantity)}</td>
            <td />
            <td className="num">{fmtMoney(g.total, currency)}</td>
            <td />
            <td className="num">{fmtPower(g.lines.reduce((x, l) => x + lineDrawW(l, l.unitPowerW), 0))}</td>
            <td />
          </tr>
          {g.lines.map((l, i) => {
            const family = l.partNumberKind === 'family';
            const pn = l.partNumber ?? l.model;
            const typ = lineDrawW(l, l.unitPowerW);
            const max = lineDrawW(l, l.unitMaxPowerW);
            return (
              <tr key={`${l.offer}-${l.lengthM ?? ''}-${l.spare ? 's' : ''}-${i}`}>
                <td title={family ? `${pn}: the catalog knows only this part family; order the ${l.lengthM} m variant by its own number` : `${pn} · ${l.name} · catalog part ${l.part}`}>
                  <span className="line1">
                    <PartWarningMarker warnings={warned.get(l.part)} />
                    <span className="mono">{pn}</span>
                    {family && <span className="pn-family" aria-label="part family only">family</span>}
                  </span>
                  <span className="line2">{l.name}</span>
                </td>
                <td title={`${SOURCE_LABEL[l.source]} · ${l.vendor} · offer ${l.offer}`}>
                  <span className="line1"><span className={`src src-${l.source}`}>{SOURCE_LABEL[l.source]}</span></span>
                  <span className="line2">{l.vendor}</span>
                </td>
                <td className="num">{l.lengthM !== undefined ? `${l.lengthM} m` : ''}</td>
                <td className="num">
                  <span className="line1">{fmtInt(l.quantity)}</span>
                  {l.spare && <span className="line2" title="Spare units (objective.sparesPct), kept on the shelf">spare</span>}
                </td>
                <td className="num">{fmtMoney(l.unitPrice, currency, l.unitPrice < 100)}</td>
                <td className="num">{fmtMoney(l.extendedPrice, currency)}</td>
                <td className="num">
                  {l.leadTimeWeeks !== undefined && <><span className="line1">{l.leadTimeWeeks} wk</span><span className="line2">{l.warrantyYears} y warr.</span></>}
                </td>
                <td className="num" title={l.unitPowerW !== undefined ? `${l.unitPowerW} W typical, ${l.unitMaxPowerW} W maximum per unit` : undefined}>
                  {l.unitPowerW === undefined ? '' : typ === 0 && max === 0 ? '—' : <><span className="line1">{fmtPower(typ)}</span><span className="line2">{fmtPower(max)} max</span></>}
                </td>
                <td>{l.confidence && <span className={`conf conf-${l.confidence}`}>{CONFIDENCE_LABEL[l.confidence]}</span>}</td>
              </tr>
            );
          })}
        </tbody>
      ))}
      <tfoot>
        <tr>
          <th scope="row" colSpan={5}>Total</th>
          <td className="num strong">{fmtMoney(c.metrics.capex, currency)}</td>
          <td className="num">{fmtInt(c.metrics.maxLeadTimeWeeks)} wk</td>
          <td className="num">{fmtPower(c.metrics.powerW)}</td>
          <td />
        </tr>
        <tr>
          <th scope="row" colSpan={5}>Same topology, all OEM-new</th>
          <td className="num">{fmtMoney(c.metrics.capexAllOemNew, currency)}</td>
          <td colSpan={3} />
        </tr>
        <tr className="saving">
          <th scope="row" colSpan={5}>Saving from sourcing ({fmtPct(c.metrics.savingsPct)})</th>
          <td className="num strong">{fmtMoney(c.metrics.savingsVsAllOemNew, currency)}</td>
          <td colSpan={3} />
        </tr>
      </tfoot>
    </table>
  );
}

function Links({ c }: { c: Candidate }) {
  return (
    <table className="data links" aria-label="Links by length and media">
      <thead>
        <tr>
          <th scope="col">Media</th>
          <th scope="col" className="num">Bought length</th>
          <th scope="col" className="num">Longest run</th>
          <th scope="col" className="num">Links</th>
        </tr>
      </thead>
      {c.links.map((l) => (
        <tbody key={l.between}>
          <tr className="group-row">
            <th scope="rowgroup" colSpan={3}>{LINK_LABEL[l.between]} · {l.gbps}G</th>
            <td className="num">{fmtInt(l.count)}</td>
          </tr>
          {l.media.map((m, i) => (
            <tr key={`${m.recipe}-${m.lengthM}-${i}`}>
              <td title={m.recipe}>{m.recipeName}</td>
              <td className="num">{m.lengthM} m</td>
              <td className="num">{m.maxRunM.toFixed(2)} m</td>
              <td className="num">{fmtInt(m.count)}</td>
            </tr>
          ))}
        </tbody>
      ))}
    </table>
  );
}

/** One design in full: diagram, BOM with sourcing, links, metrics and exports. */
export function CandidateView() {
  const result = useRun((s) => s.result);
  const selectedId = useRun((s) => s.selectedId);
  const pinned = useRun((s) => s.pinned);
  const stale = useRun((s) => s.stale);
  const catalog = useCatalog(currentCatalog);
  if (!result || result.candidates.length === 0)
    return (
      <EmptyState>
        <h3>No design selected</h3>
        <p>Run Optimize, then pick a design in the Results table or on the chart.</p>
      </EmptyState>
    );
  const c = result.candidates.find((x) => x.id === selectedId) ?? result.candidates[0];
  const currency = result.currency;
  const cl = result.scenario.cluster;
  const profile = catalog.serverProfiles.find((p) => p.id === cl.serverProfile);
  const rails = cl.railsPerNode ?? profile?.railsPerNode ?? 8;
  const gpn = cl.gpusPerNode ?? profile?.gpusPerNode ?? 8;
  const isPinned = pinned.includes(c.id);
  return (
    <article className="candidate" aria-label="Design detail">
      <header className="candidate-head">
        <div>
          <h2>
            {c.rank ? `#${c.rank} ` : 'Pareto '}
            {FAMILY_LABEL[c.family]} · {c.technology === 'infiniband' ? 'InfiniBand' : 'Ethernet'} · {c.planes} plane{c.planes > 1 ? 's' : ''} · {c.linkGbps}G
          </h2>
          {(c.podSplits?.length ?? 0) > 1 && (
            <p className="muted pod-splits" title="These pod splits build the same switch counts, links, cost and power: one row. The spines each leaf reaches, and so the paths between two leaves of a pod, differ per split">
              Equivalent pod splits: {c.podSplits.map((p) => `${p.pods} pods of ${p.leavesPerPod} leaves (${p.spinesPerPod} spines each${p.ecmpPathsCrossLeaf ? `, ${fmtInt(p.ecmpPathsCrossLeaf)} ECMP paths between leaves` : ''})`).join('; ')}
            </p>
          )}
          <p className="muted">
            {tiersSummary(c)}
            {stale && <span className="badge badge-warn" title="The scenario or catalog changed after this design was computed">stale</span>}
          </p>
        </div>
        <div className="headline">
          <div><span>Capex</span><strong>{fmtMoney(c.metrics.capex, currency)}</strong></div>
          <div><span>per GPU</span><strong>{fmtMoney(c.metrics.capexPerGpu, currency)}</strong></div>
          <div><span>Saving</span><strong className="good">{fmtPct(c.metrics.savingsPct)}</strong></div>
          <div><span>Power</span><strong>{fmtPower(c.metrics.powerW)}</strong></div>
          <div><span>Oversub.</span><strong>{fmtRatio(Math.max(1, c.metrics.maxOversubscription))}</strong></div>
        </div>
        <div className="candidate-actions">
          <button type="button" aria-pressed={isPinned} onClick={() => runStore.getState().togglePin(c.id)}>
            {isPinned ? 'Unpin' : 'Pin to compare'}
          </button>
          <button type="button" title="Pin this design's family, planes, tiers, switches, counts and ports in the scenario, so the next run varies only sourcing and media" onClick={() => pinDesign(scenarioStore, c, pinText)}>
            Keep this design, vary sourcing
          </button>
        </div>
      </header>
      <WarningsList warnings={c.warnings} />
      <ExportCard result={result} candidate={c} />
      <FloorSummary result={result} candidate={c} />
      <RackElevations result={result} candidate={c} />
      <section aria-label="Topology diagram" className="card">
        <h3>Topology</h3>
        <TopologyDiagram candidate={c} gpus={cl.gpus} railsPerNode={rails} gpusPerNode={gpn} />
      </section>
      <section className="card" aria-label="BOM">
        <h3>Bill of materials</h3>
        <Bom c={c} currency={currency} />
      </section>
      <ReuseSummary candidate={c} currency={currency} />
      <PhasesSummary candidate={c} currency={currency} objective={result.objective} />
      <div className="two-col">
        <section className="card" aria-label="Links">
          <h3>Links by media and length</h3>
          <Links c={c} />
        </section>
        <section className="card" aria-label="Tiers">
          <h3>Tiers</h3>
          <table className="data compact">
            <thead>
              <tr><th scope="col">Tier</th><th scope="col">Model · mode</th><th scope="col" className="num">Count</th><th scope="col" className="num">Down / up</th><th scope="col" className="num">Free</th><th scope="col" className="num">Oversub.</th></tr>
            </thead>
            <tbody>
              {c.tiers.map((t) => (
                <tr key={t.role}>
                  <td>{t.role}</td>
                  <td><span className="mono">{t.switchModel}</span> <span className="muted">{t.upPortMode ? `${t.portMode} down / ${t.upPortMode} up (${splitPorts(t)})` : t.portMode}</span></td>
                  <td className="num">{fmtInt(t.count)}</td>
                  <td className="num">{t.downPorts} / {t.upPorts}</td>
                  <td className="num">{t.freePortsPerSwitch}</td>
                  <td className="num">{t.upPorts ? fmtRatio(t.oversubscription) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </div>
      <section className="card" aria-label="Metrics">
        <h3>Metrics</h3>
        <dl className="metrics">
          {METRICS.map((m) => (
            <div key={m.key}>
              <dt>{m.label}</dt>
              <dd className="metric-value">{m.value(c, currency)}</dd>
              <dd className="metric-explain">{m.explain}</dd>
            </div>
          ))}
          <div>
            <dt>Single switch failure</dt>
            <dd className="metric-value">{failureWords(c)}</dd>
            <dd className="metric-explain">Whether losing any one spine or core cuts a leaf off from the other leaves of its plane (rail-only: of its rail). A leaf&apos;s own failure takes only its own nodes&apos; ports (leaf blast radius).</dd>
          </div>
          <div>
            <dt>ECMP paths</dt>
            <dd className="metric-value">{ecmpWords(c)}</dd>
            <dd className="metric-explain">Equal-cost shortest paths between two GPUs on different leaves, each parallel link counted; in brackets the spines (or spine-core routes) they pass. Rail-only: between leaves of one rail; cross-rail traffic crosses the scale-up domain first (docs/model.md).</dd>
          </div>
        </dl>
      </section>
    </article>
  );
}
