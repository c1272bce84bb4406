import { runStore, useRun } from '../state/run-store';
import { EmptyState } from './ResultsPanel';
import { compareRows, tiersSummary } from './view-model';

/** Pinned designs side by side; rows that differ are highlighted and the better value marked. */
export function ComparePanel() {
  const result = useRun((s) => s.result);
  const pinned = useRun((s) => s.pinned);
  const cands = result ? pinned.map((id) => result.candidates.find((c) => c.id === id)).filter((c) => c !== undefined) : [];
  if (!result || cands.length === 0)
    return (
      <EmptyState>
        <h3>Nothing pinned</h3>
        <p>Pin up to three designs with ◇ in the Results table to compare them here.</p>
      </EmptyState>
    );
  const rows = compareRows(cands, result.currency);
  return (
    <div className="compare">
      <table className="data compare-table" aria-label="Compare pinned designs">
        <thead>
          <tr>
            <th scope="col">Differences highlighted</th>
            {cands.map((c) => (
              <th key={c.id} scope="col">
                <div className="compare-head">
                  <span>{c.rank ? `#${c.rank}` : 'Pareto'} · {tiersSummary(c).slice(0, 60)}</span>
                  <button type="button" className="link-button" onClick={() => runStore.getState().togglePin(c.id)} aria-label={`Unpin design ${c.rank ?? 'P'}`}>
                    Unpin
                  </button>
                </div>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.label} className={r.differs ? 'differs' : ''}>
              <th scope="row">{r.label}</th>
              {r.values.map((v, i) => (
                <td key={i} className={r.best === i ? 'best' : ''}>
                  {v}
                  {r.best === i && <span className="sr-only"> (best)</span>}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
