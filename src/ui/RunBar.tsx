import { useEffect, useState } from 'react';
import { useRun } from '../state/run-store';
import { useScenario } from '../state/scenario-store';
import { fmtDuration, fmtInt, fmtMoney } from './format';
import { engineKind, NO_WASM_NOTICE } from './engine';
import { cancelRun, startRun } from './run-controller';

export function RunButtons() {
  const running = useRun((s) => s.status === 'running');
  const invalid = useScenario((s) => Object.keys(s.errors).length > 0);
  return (
    <div className="run-buttons">
      <button
        type="button"
        className="primary"
        onClick={() => void startRun()}
        disabled={running || invalid}
        title={invalid ? 'Fix the invalid scenario fields first' : 'Search every design for this scenario (Ctrl+Enter)'}
      >
        Optimize
      </button>
      <button type="button" onClick={cancelRun} disabled={!running}>
        Cancel
      </button>
    </div>
  );
}

/** Progress of the running search, or what became of the last one. */
export function RunStatus() {
  const status = useRun((s) => s.status);
  const progress = useRun((s) => s.progress);
  const failure = useRun((s) => s.failure);
  const stale = useRun((s) => s.stale);
  const hasResult = useRun((s) => s.result !== null);
  const currency = useRun((s) => s.result?.currency ?? 'USD');
  const [now, setNow] = useState(() => performance.now());
  useEffect(() => {
    if (status !== 'running') return;
    const t = setInterval(() => setNow(performance.now()), 200);
    return () => clearInterval(t);
  }, [status]);

  if (status === 'running' && progress) {
    const elapsed = Math.max(0, now - progress.startedAt);
    const pct = progress.total > 0 ? (100 * progress.evaluated) / progress.total : 0;
    const rate = elapsed > 0 ? (progress.evaluated / elapsed) * 1000 : 0;
    return (
      <div className="run-status running" role="status" aria-live="polite">
        <div
          className="progress"
          role="progressbar"
          aria-label="Search progress"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={Math.round(pct)}
        >
          <div className="progress-fill" style={{ width: `${pct}%` }} />
        </div>
        <dl className="run-figures">
          <div><dt>Evaluated</dt><dd>{fmtInt(progress.evaluated)} / {progress.total ? fmtInt(progress.total) : '…'}</dd></div>
          <div><dt>Rate</dt><dd>{fmtInt(rate)} designs/s</dd></div>
          <div><dt>Elapsed</dt><dd>{fmtDuration(elapsed)}</dd></div>
          <div><dt>Workers</dt><dd>{progress.workers}</dd></div>
          <div><dt>Best so far</dt><dd>{progress.bestObjective === null ? '—' : fmtMoney(progress.bestObjective, currency)}</dd></div>
        </dl>
        {engineKind() === 'reference' && <p className="engine-note">{NO_WASM_NOTICE}</p>}
      </div>
    );
  }
  if (status === 'failed' && failure)
    return (
      <div className="run-status failed" role="alert">
        <strong>The search could not run.</strong> {failure}
      </div>
    );
  if (status === 'cancelled')
    return (
      <div className="run-status info" role="status">
        Search cancelled.{hasResult ? ' The results below are from the previous run.' : ''}
      </div>
    );
  if (stale && hasResult)
    return (
      <div className="run-status stale" role="status">
        The scenario or catalog changed since these results were computed. Press Optimize to refresh them.
      </div>
    );
  return null;
}
