import { useEffect, useId, useState } from 'react';
import { useCatalog } from '../state/catalog-store';
import { browserStorage, useSavedCopies, type SavedCopy } from '../state/saved-storage';
import { useScenario } from '../state/scenario-store';
import { linkOpener } from '../state/share-link';
import { downloadText } from './files';
import { useStore } from 'zustand';

const when = (ms: number | null) => (ms === null ? 'undated (earlier version)' : new Date(ms).toLocaleString());
const fileNameOf = (key: string) => `${key.replace(/[^\w.-]+/g, '-')}.json`;

/** Another tab saved the scenario or catalog while this tab changed it too: the user picks one. */
function TabConflict({ what, savedAt, onTheirs, onMine }: { what: string; savedAt: number | null; onTheirs(): void; onMine(): void }) {
  const id = useId();
  return (
    <section className="saved-work saved-work-conflict" role="alertdialog" aria-labelledby={`${id}-t`} aria-describedby={`${id}-d`}>
      <h2 id={`${id}-t`}>The {what} was changed in another tab</h2>
      <p id={`${id}-d`}>
        Another tab saved a different {what}{savedAt ? ` at ${new Date(savedAt).toLocaleTimeString()}` : ''} while this tab changed its
        own. Changes in this tab are not saved until you choose; the version you do not choose is kept as a dated copy.
      </p>
      <div className="saved-work-actions">
        <button type="button" onClick={onTheirs}>Use the other tab's version</button>
        <button type="button" onClick={onMine}>Keep mine</button>
      </div>
    </section>
  );
}

function TabConflicts() {
  const scenarioConflict = useScenario((s) => s.conflict);
  const resolveScenario = useScenario((s) => s.resolveConflict);
  const catalogConflict = useCatalog((s) => s.conflict);
  const resolveCatalog = useCatalog((s) => s.resolveConflict);
  return (
    <>
      {scenarioConflict && (
        <TabConflict what="scenario" savedAt={scenarioConflict.entry.savedAt} onTheirs={() => resolveScenario('theirs')} onMine={() => resolveScenario('mine')} />
      )}
      {catalogConflict && (
        <TabConflict what="catalog" savedAt={catalogConflict.entry.savedAt} onTheirs={() => resolveCatalog('theirs')} onMine={() => resolveCatalog('mine')} />
      )}
    </>
  );
}

/** A shared link whose scenario would replace a different saved one waits here for the user's answer. */
function SharedLinkPrompt() {
  const pending = useStore(linkOpener, (s) => s.pending);
  const id = useId();
  if (!pending) return null;
  return (
    <section className="saved-work" role="alertdialog" aria-labelledby={`${id}-t`} aria-describedby={`${id}-d`}>
      <h2 id={`${id}-t`}>Open the scenario from this link?</h2>
      <p id={`${id}-d`}>
        It would replace your saved scenario, which differs in {pending.differences.length === 1 ? 'one field' : 'these fields'}. Your scenario
        would be kept as a dated copy, and Undo brings it back.
      </p>
      <ul className="mono">
        {pending.differences.map((d) => <li key={d}>{d}</li>)}
      </ul>
      <div className="saved-work-actions">
        <button type="button" className="primary" onClick={() => linkOpener.getState().replace()}>Replace my scenario</button>
        <button type="button" onClick={() => linkOpener.getState().keep()}>Keep my scenario</button>
      </div>
    </section>
  );
}

/**
 * Saved data this version could not use stays in localStorage under dated keys until the user
 * discards it; this notice shows at every visit until then, says where the copies are and exports them.
 */
function SavedCopiesNotice() {
  const copies = useSavedCopies((s) => s.copies).filter((c) => c.kind === 'unreadable');
  const held = useSavedCopies((s) => s.held);
  const [confirming, setConfirming] = useState(false);
  const id = useId();
  useEffect(() => useSavedCopies.getState().refresh(), []);
  if (copies.length === 0 && held.length === 0) return null;
  const download = (c: SavedCopy) => {
    const raw = browserStorage()?.getItem(c.key);
    if (raw != null) downloadText(fileNameOf(c.key), raw, 'application/json');
  };
  const count = copies.length + held.length;
  return (
    <section className="saved-work saved-work-risk" role="region" aria-labelledby={`${id}-t`}>
      <h2 id={`${id}-t`}>Saved data at risk</h2>
      <p>
        {count === 1
          ? 'One saved entry could not be used by this version of Railyard. It is kept in this browser\'s localStorage under the key below, where clearing the browser\'s data would delete it: export it to a file to keep it.'
          : `${count} saved entries could not be used by this version of Railyard. They are kept in this browser's localStorage under the keys below, where clearing the browser's data would delete them: export them to files to keep them.`}
      </p>
      <ul>
        {copies.map((c) => (
          <li key={c.key}>
            <span className="mono">{c.key}</span> <span className="muted">({when(c.savedAt)}, {c.chars.toLocaleString('en-US')} characters)</span>{' '}
            <button type="button" className="link-button" aria-label={`Export ${c.key}`} onClick={() => download(c)}>Export</button>
          </li>
        ))}
        {held.map((h, i) => (
          <li key={`held-${i}`}>
            <span className="mono">{h.of}</span> <span className="muted">(not stored: the browser's storage is full; kept until this tab closes)</span>{' '}
            <button type="button" className="link-button" aria-label={`Export the unsaved copy of ${h.of}`} onClick={() => downloadText(fileNameOf(`${h.of}:unreadable:${new Date(h.at).toISOString()}`), h.raw, 'application/json')}>
              Export
            </button>
          </li>
        ))}
      </ul>
      <div className="saved-work-actions">
        {!confirming && <button type="button" onClick={() => setConfirming(true)}>Discard these copies…</button>}
        {confirming && (
          <>
            <span>Delete {count === 1 ? 'this copy' : `these ${count} copies`} for good?</span>
            <button type="button" className="danger" onClick={() => { useSavedCopies.getState().discardUnreadable(); setConfirming(false); }}>Delete for good</button>
            <button type="button" onClick={() => setConfirming(false)}>Keep them</button>
          </>
        )}
      </div>
    </section>
  );
}

/** Everything about the user's saved work that needs an answer: tab conflicts, a shared link, copies at risk. */
export function SavedWorkNotice() {
  return (
    <>
      <TabConflicts />
      <SharedLinkPrompt />
      <SavedCopiesNotice />
    </>
  );
}
