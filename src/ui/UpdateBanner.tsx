import { useId } from 'react';
import { useRun } from '../state/run-store';
import { useAppUpdate } from './offline';

/** "A new version is ready": reloads only when the user agrees, and not while a search runs. */
export function UpdateBanner() {
  const ready = useAppUpdate((s) => s.ready);
  const elsewhere = useAppUpdate((s) => s.activatedElsewhere);
  const requested = useAppUpdate((s) => s.requested);
  const running = useRun((s) => s.status === 'running');
  const id = useId();
  if (!ready) return null;
  return (
    <section className="saved-work update-banner" role="region" aria-labelledby={`${id}-t`}>
      <h2 id={`${id}-t`}>A new version of Railyard is ready</h2>
      <p>
        {elsewhere
          ? 'Another tab has switched to it; this tab still runs the previous version until it reloads.'
          : 'It is installed and works offline. Reload to use it; your scenario, catalog and results are kept.'}
        {running && <strong> Reloading now would stop the running search, so Reload is available when it ends.</strong>}
      </p>
      <div className="saved-work-actions">
        <button type="button" className="primary" disabled={running || requested} onClick={() => useAppUpdate.getState().apply()}>
          {requested ? 'Reloading…' : 'Reload'}
        </button>
        <button type="button" onClick={() => useAppUpdate.getState().later()} disabled={requested}>Later</button>
      </div>
    </section>
  );
}
