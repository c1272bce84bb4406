import { useMemo, useState } from 'react';
import type { Candidate, Result } from '../model/result';
import { MAX_PINNED, runStore, useRun } from '../state/run-store';
import { fmtDuration, fmtInt, fmtMoney, fmtMoneyShort, fmtPct, fmtPower, fmtRatio } from './format';
import { ParetoChart } from './ParetoChart';
import { WarningBadge } from './Warnings';
import { failureBadge } from './resilience-view';
import { FAMILY_LABEL, RESULT_COLUMNS, sortCandidates, tiersSummary, type SortKey } from './view-model';

function cell(c: Candidate, key: SortKey, currency: string) {
  const m = c.metrics;
  switch (key) {
    case 'rank': return c.rank ?? <span className="muted" title="On the Pareto front, outside the top K">P</span>;
    case 'family': return FAMILY_LABEL[c.family];
    case 'planes': return c.planes;
    case 'tiers': return <span className="tiers-cell">{tiersSummary(c)}<FailureBadgeView c={c} /></span>;
    case 'capex': return fmtMoney(m.capex, currency);
    case 'perGpu': return fmtMoney(m.capexPerGpu, currency);
    case 'savings': return <span title={fmtMoney(m.savingsVsAllOemNew, currency)}>{fmtMoneyShort(m.savingsVsAllOemNew, currency)}<br /><span className="muted">{fmtPct(m.savingsPct)}</span></span>;
    case 'power': return fmtPower(m.powerW);
    case 'tco': return <span title={fmtMoney(m.tco, currency)}>{fmtMoneyShort(m.tco, currency)}</span>;
    case 'oversub': return fmtRatio(Math.max(1, m.maxOversubscription));
    case 'e2e': return fmtRatio(m.endToEndOversubscription);
    case 'railLocal': return m.railLocalGpus === undefined ? '—' : (
      <span title={m.crossRailViaScaleUp ? 'Rail-only: cross-rail traffic goes through the scale-up domain' : 'GPUs of one rail on one switch'}>
        {fmtInt(m.railLocalGpus)}{m.crossRailViaScaleUp && <><br /><span className="muted small">x-rail via</span><br /><span className="muted small">scale-up</span></>}
      </span>
    );
  }
}

/** Whether one spine or core failure can cut a leaf off: a badge under the tiers, its reason in the title. */
function FailureBadgeView({ c }: { c: Candidate }) {
  const b = failureBadge(c);
  if (!b) return null;
  return <><br /><span className={`badge fail-badge fail-${b.tone}`} title={b.title}>{b.text}</span></>;
}

export function EmptyState({ children }: { children: React.ReactNode }) {
  return <div className="empty">{children}</div>;
}

function NoFeasible({ result }: { result: Result }) {
  const s = result.stats;
  return (
    <div className="empty error-state" role="alert">
      <h3>No feasible design</h3>
      <p>
        {fmtInt(s.evaluated)} designs were evaluated and every one was rejected. Relax the constraint named most often below
        (oversubscription, tiers, switch models, sourcing, lead time or warranty), or add offers to the catalog.
      </p>
      {s.infeasibleReasons.some((r) => r.reason.startsWith('unconfirmed:')) && (
        <p className="unconfirmed-hint">
          Some designs need parts or media the catalog marks unconfirmed (not known as standard products), which are withheld
          by default. Set <code>sourcing.allowUnconfirmed</code> (Sourcing: “Allow unconfirmed parts”) to use them; their
          designs are then flagged with a warning.
        </p>
      )}
      {result.diagnosis.length > 0 && (
        <ul className="diagnosis">
          {result.diagnosis.map((d) => (
            <li key={d.message}>{d.field && <code>{d.field}</code>} {d.message}</li>
          ))}
        </ul>
      )}
      {s.infeasibleReasons.length > 0 && (
        <table className="data compact">
          <thead><tr><th scope="col">Why designs were rejected</th><th scope="col" className="num">Designs</th></tr></thead>
          <tbody>
            {s.infeasibleReasons.slice(0, 12).map((r) => (
              <tr key={r.reason}><td>{r.reason}</td><td className="num">{fmtInt(r.count)}</td></tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

/** Ranked designs with the Pareto chart; a click selects a design, the pin compares up to three. */
export function ResultsPanel({ onOpen }: { onOpen(): void }) {
  const result = useRun((s) => s.result);
  const selectedId = useRun((s) => s.selectedId);
  const pinned = useRun((s) => s.pinned);
  const stale = useRun((s) => s.stale);
  const status = useRun((s) => s.status);
  const imported = useRun((s) => s.imported);
  const [sort, setSort] = useState<{ key: SortKey; dir: 'asc' | 'desc' }>({ key: 'rank', dir: 'asc' });
  const rows = useMemo(() => (result ? sortCandidates(result.candidates, sort.key, sort.dir) : []), [result, sort]);

  if (!result)
    return (
      <EmptyState>
        <h3>{status === 'running' ? 'Searching…' : 'No results yet'}</h3>
        <p>Describe the cluster on the left, then press <kbd>Optimize</kbd> (or <kbd>Ctrl</kbd>+<kbd>Enter</kbd>). Railyard searches every fat-tree, rail-optimized and rail-only design the scenario allows, prices each with the catalog, and ranks them here.</p>
      </EmptyState>
    );
  if (result.candidates.length === 0) return <NoFeasible result={result} />;
  const currency = result.currency;
  const s = result.stats;
  const header = (key: SortKey) => {
    const col = RESULT_COLUMNS.find((c) => c.key === key)!;
    const active = sort.key === key;
    return (
      <th key={key} scope="col" className={col.numeric ? 'num' : ''} aria-sort={active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'} title={col.title}>
        <button type="button" className="sort" onClick={() => setSort({ key, dir: active && sort.dir === 'asc' ? 'desc' : 'asc' })}>
          {col.label}
          <span className="sort-mark" aria-hidden="true">{active ? (sort.dir === 'asc' ? '▲' : '▼') : ''}</span>
        </button>
      </th>
    );
  };
  return (
    <div className={`results${stale ? ' is-stale' : ''}`}>
      <div className="results-head">
        <p className="stats">
          {fmtInt(result.candidates.filter((c) => c.rank !== null).length)} ranked designs of {fmtInt(s.feasible)} feasible · {fmtInt(s.evaluated)} evaluated
          {s.pruned ? `, ${fmtInt(s.pruned)} pruned` : ''} in {fmtDuration(s.elapsedMs)} · {s.engine} engine, {s.workers} worker{s.workers > 1 ? 's' : ''} · minimizing{' '}
          {result.scenario.cluster.phases && 'the present value of '}
          {result.objective === 'tco' ? `TCO over ${result.scenario.objective.years} years` : 'capex'}
          {result.scenario.cluster.phases && `, growing in ${result.scenario.cluster.phases.length} phases at ${result.scenario.objective.discountRatePct}% a year (each design's Phases card)`}
          {s.phased && ` · priced ${fmtInt(s.phased.priced)} of ${fmtInt(s.phased.rows)} rows${s.phased.kernelRuns > 1 ? ` in ${fmtInt(s.phased.kernelRuns)} kernel runs (counts of the last)` : ''}`}
          {imported && <span className="badge badge-warn badge-imported" title="These results were loaded from a file, not computed in this session">imported from {imported.name}</span>}
        </p>
      </div>
      <div className="table-wrap">
        <table className="data results-table" aria-label="Ranked designs">
          <thead>
            <tr>
              {RESULT_COLUMNS.map((c) => header(c.key))}
              <th scope="col"><span className="sr-only">Pin</span></th>
            </tr>
          </thead>
          <tbody>
            {rows.map((c) => {
              const isPinned = pinned.includes(c.id);
              return (
                <tr
                  key={c.id}
                  className={c.id === selectedId ? 'selected' : ''}
                  aria-selected={c.id === selectedId}
                  onClick={() => runStore.getState().select(c.id)}
                  onDoubleClick={onOpen}
                >
                  {RESULT_COLUMNS.map((col) =>
                    col.key === 'rank' ? (
                      <td key={col.key} className="num">
                        <button type="button" className="row-open" aria-label={`Open design ${c.rank ?? 'P'}: ${tiersSummary(c)}`} onClick={(e) => { e.stopPropagation(); runStore.getState().select(c.id); onOpen(); }}>
                          {cell(c, col.key, currency)}
                        </button>
                        <WarningBadge warnings={c.warnings} />
                      </td>
                    ) : (
                      <td key={col.key} className={col.numeric ? 'num' : col.key === 'tiers' || col.key === 'family' ? col.key : ''}>{cell(c, col.key, currency)}</td>
                    ),
                  )}
                  <td>
                    <button
                      type="button"
                      className={`pin${isPinned ? ' on' : ''}`}
                      aria-pressed={isPinned}
                      aria-label={`Pin design ${c.rank ?? 'P'} for comparison`}
                      title={isPinned ? 'Unpin' : `Pin to compare (up to ${MAX_PINNED})`}
                      onClick={(e) => { e.stopPropagation(); runStore.getState().togglePin(c.id); }}
                    >
                      {isPinned ? '◆' : '◇'}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <ParetoChart result={result} selectedId={selectedId} onSelect={(id) => { runStore.getState().select(id); }} />
    </div>
  );
}
