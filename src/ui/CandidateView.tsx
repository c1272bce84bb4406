import { bomCsv } from '../export/bom-csv';
import { candidateJson, exportFileName, resultJson } from '../export/json';
import type { Candidate, Result } from '../model/result';
import { FloorSummary } from './FloorSummary';
import { currentCatalog, useCatalog } from '../state/catalog-store';
import { runStore, useRun } from '../state/run-store';
import { useExports } from '../state/export-store';
import { cancelExport, saveFabricExport } from './export-actions';
import { catalogMismatch, estimateBytes, exportLimit, fmtBytes, offeredExports } from './export-plan';
import { downloadText } from './files';
import { fmtInt, fmtMoney, fmtPct, fmtPower, fmtRatio } from './format';
import { EmptyState } from './ResultsPanel';
import { TopologyDiagram } from './TopologyDiagram';
import { PartWarningMarker, warningsByPart, WarningsList } from './Warnings';
import { bomGroups, CATEGORY_LABEL, FAMILY_LABEL, METRICS, SOURCE_LABEL, tiersSummary } from './view-model';

const LINK_LABEL = { 'node-leaf': 'Node – leaf', 'leaf-spine': 'Leaf – spine', 'spine-core': 'Spine – core' } as const;

function ExportCard({ result, candidate }: { result: Result; candidate: Candidate }) {
  const catalog = useCatalog(currentCatalog);
  const running = useExports((s) => s.running);
  const last = useExports((s) => s.last);
  const base = `${candidate.rank ? `rank${candidate.rank}-` : ''}${candidate.id}`;
  const mismatch = catalogMismatch(result, catalog.name);
  const offered = offeredExports(candidate);
  const imported = useRun((s) => s.imported);
  return (
    <section className="card export-card" aria-label="Exports">
      <h3>Export</h3>
      <div className="export-buttons" role="group" aria-label="Export">
        <button type="button" className="primary" onClick={() => downloadText(exportFileName(base, 'json'), candidateJson(result, candidate), 'application/json')}>
          Export JSON
        </button>
        <button type="button" onClick={() => downloadText(exportFileName(`${base}-bom`, 'csv'), bomCsv(candidate, result.currency), 'text/csv')}>
          BOM CSV
        </button>
        <button type="button" onClick={() => downloadText(exportFileName(`all-results-${result.scenario.cluster.gpus}gpu`, 'json'), resultJson(result), 'application/json')}>
          All results JSON
        </button>
        <span className="export-sep" aria-hidden="true" />
        {offered.map((f) => {
          const limit = exportLimit(f.id, candidate);
          return (
            <button
              key={f.id}
              type="button"
              disabled={!!running || !!mismatch || !!limit}
              title={mismatch ?? limit ?? `Rebuilt from the design in a background worker${f.id === 'cables-csv' ? ' and streamed to the file' : ''}`}
              onClick={() => void saveFabricExport(f, result, candidate, catalog)}
            >
              {f.label}
            </button>
          );
        })}
      </div>
      <p className="muted export-note">
        {fmtInt(candidate.metrics.linkCount)} links · cable schedule about {fmtBytes(estimateBytes('cables-csv', candidate))}
        {imported ? ` · imported from ${imported.name}` : ''}
      </p>
      {mismatch && <p className="export-message is-error" role="alert">{mismatch}</p>}
      {running && (
        <div className="export-progress">
          <div className="progress" role="progressbar" aria-label="Export progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(running.fraction * 100)}>
            <div className="progress-fill" style={{ width: `${Math.round(running.fraction * 100)}%` }} />
          </div>
          <span>
            {running.label}: {Math.round(running.fraction * 100)}% · {fmtBytes(running.bytes)} written to {running.fileName}
          </span>
          <button type="button" onClick={cancelExport}>Cancel export</button>
        </div>
      )}
      {!running && last && (
        <p className={`export-message${last.kind === 'error' ? ' is-error' : ''}`} role={last.kind === 'error' ? 'alert' : 'status'}>
          {last.text}
        </p>
      )}
    </section>
  );
}

function Bom({ c, currency }: { c: Candidate; currency: string }) {
  const groups = bomGroups(c);
  const warned = warningsByPart(c.warnings);
  return (
    <table className="data bom" aria-label="Bill of materials">
      <colgroup>
        <col style={{ width: '35%' }} />
        <col style={{ width: '12%' }} />
        <col style={{ width: '17%' }} />
        <col style={{ width: '7%' }} />
        <col style={{ width: '7%' }} />
        <col style={{ width: '8%' }} />
        <col style={{ width: '14%' }} />
      </colgroup>
      <thead>
        <tr>
          <th scope="col">Part</th>
          <th scope="col">Source</th>
          <th scope="col">Vendor / offer</th>
          <th scope="col" className="num">Len.</th>
          <th scope="col" className="num">Qty</th>
          <th scope="col" className="num">Unit</th>
          <th scope="col" className="num">Extended</th>
        </tr>
      </thead>
      {groups.map((g) => (
        <tbody key={g.category}>
          <tr className="group-row">
            <th scope="rowgroup" colSpan={4}>{CATEGORY_LABEL[g.category]}</th>
            <td className="num">{fmtInt(g.quantity)}</td>
            <td />
            <td className="num">{fmtMoney(g.total, currency)}</td>
          </tr>
          {g.lines.map((l, i) => (
            <tr key={`${l.offer}-${l.lengthM ?? ''}-${i}`}>
              <td className="ellipsis" title={`${l.model} · ${l.name} · ${l.part}`}><PartWarningMarker warnings={warned.get(l.part)} /><span className="mono">{l.model}</span> <span className="muted">{l.name}</span></td>
              <td><span className={`src src-${l.source}`}>{SOURCE_LABEL[l.source]}</span></td>
              <td className="muted ellipsis" title={`${l.vendor} · ${l.offer}`}>{l.vendor}</td>
              <td className="num">{l.lengthM !== undefined ? `${l.lengthM} m` : ''}</td>
              <td className="num">{fmtInt(l.quantity)}</td>
              <td className="num">{fmtMoney(l.unitPrice, currency, l.unitPrice < 100)}</td>
              <td className="num">{fmtMoney(l.extendedPrice, currency)}</td>
            </tr>
          ))}
        </tbody>
      ))}
      <tfoot>
        <tr>
          <th scope="row" colSpan={6}>Total</th>
          <td className="num strong">{fmtMoney(c.metrics.capex, currency)}</td>
        </tr>
        <tr>
          <th scope="row" colSpan={6}>Same topology, all OEM-new</th>
          <td className="num">{fmtMoney(c.metrics.capexAllOemNew, currency)}</td>
        </tr>
        <tr className="saving">
          <th scope="row" colSpan={6}>Saving from sourcing ({fmtPct(c.metrics.savingsPct)})</th>
          <td className="num strong">{fmtMoney(c.metrics.savingsVsAllOemNew, currency)}</td>
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
            <p className="muted pod-splits" title="These pod splits build the same switch counts, links, cost, power and metrics: one row">
              Equivalent pod splits: {c.podSplits.map((p) => `${p.pods} pods of ${p.leavesPerPod} leaves (${p.spinesPerPod} spines each)`).join('; ')}
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
        </div>
      </header>
      <WarningsList warnings={c.warnings} />
      <ExportCard result={result} candidate={c} />
      <FloorSummary result={result} candidate={c} />
      <section aria-label="Topology diagram" className="card">
        <h3>Topology</h3>
        <TopologyDiagram candidate={c} gpus={cl.gpus} railsPerNode={rails} gpusPerNode={gpn} />
      </section>
      <section className="card" aria-label="BOM">
        <h3>Bill of materials</h3>
        <Bom c={c} currency={currency} />
      </section>
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
                  <td><span className="mono">{t.switchModel}</span> <span className="muted">{t.portMode}</span></td>
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
        </dl>
      </section>
    </article>
  );
}
