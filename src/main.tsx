import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { catalogStore } from './state/catalog-store';
import { inventoryStore } from './state/inventory-store';
import { notify } from './state/notices';
import { runStore } from './state/run-store';
import { scenarioStore } from './state/scenario-store';
import { browserStorage, useSavedCopies } from './state/saved-storage';
import { decodeScenarioHash, linkOpener } from './state/share-link';
import { watchInputs } from './state/stale';
import { App } from './ui/App';
import { registerOffline } from './ui/offline';
import { startRun } from './ui/run-controller';
import './ui/styles.css';

watchInputs(scenarioStore, catalogStore, runStore);
// Results priced with other owned stock are stale too.
inventoryStore.subscribe((s, prev) => {
  if (s.inventory !== prev.inventory) runStore.getState().markStale();
});

const clearLinkFromAddress = () => history.replaceState(null, '', location.pathname + location.search);

/**
 * A shared link's scenario opens at once when it would replace nothing of the user's, and
 * otherwise asks first (the link stays in the address bar until answered); a damaged link changes nothing.
 */
async function loadScenarioFromHash(): Promise<void> {
  const decoded = await decodeScenarioHash(location.hash);
  if (!decoded) return;
  if (!decoded.ok) {
    notify('error', 'The scenario in this link is invalid, so your saved scenario is kept.', decoded.problems.map((p) => `${p.path}: ${p.message}`));
    clearLinkFromAddress();
  } else if (linkOpener.getState().offer(decoded.value) !== 'asking') {
    clearLinkFromAddress();
  }
}

void loadScenarioFromHash();
window.addEventListener('hashchange', () => void loadScenarioFromHash());
linkOpener.subscribe((s, prev) => {
  if (prev.pending && !s.pending) clearLinkFromAddress();
});

// Another tab saved: take its version over, or offer the choice when both changed (see state/tab-sync.ts).
window.addEventListener('storage', (e) => {
  if (e.storageArea !== browserStorage()) return;
  if (e.key === null || e.key === scenarioStore.persist.getOptions().name) scenarioStore.getState().receiveFromOtherTab();
  if (e.key === null || e.key === catalogStore.persist.getOptions().name) catalogStore.getState().receiveFromOtherTab();
  if (e.key === null || e.key === inventoryStore.persist.getOptions().name) inventoryStore.getState().receiveFromOtherTab();
  if (e.key === null || e.key === runStore.persist.getOptions().name) runStore.getState().receiveFromOtherTab();
  useSavedCopies.getState().refresh();
});

// Edits made while a choice between tabs is pending are only in this tab: closing it would lose them.
window.addEventListener('beforeunload', (e) => {
  if (scenarioStore.getState().conflict || catalogStore.getState().conflict) e.preventDefault();
});

// An edited scenario no longer matches a link in the address bar.
scenarioStore.subscribe((s, prev) => {
  if (s.scenario !== prev.scenario && /[#&]s=/.test(location.hash) && !linkOpener.getState().pending) clearLinkFromAddress();
});

window.addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
    e.preventDefault();
    void startRun();
  }
});

registerOffline();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
