import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { catalogStore } from './state/catalog-store';
import { notify } from './state/notices';
import { runStore } from './state/run-store';
import { scenarioStore } from './state/scenario-store';
import { decodeScenarioHash } from './state/share-link';
import { watchInputs } from './state/stale';
import { App } from './ui/App';
import { registerOffline } from './ui/offline';
import { startRun } from './ui/run-controller';
import './ui/styles.css';

watchInputs(scenarioStore, catalogStore, runStore);

/** A shared link's scenario replaces the saved one; a damaged link changes nothing. */
async function loadScenarioFromHash(): Promise<void> {
  const decoded = await decodeScenarioHash(location.hash);
  if (!decoded) return;
  if (!decoded.ok) {
    notify('error', 'The scenario in this link is invalid, so your saved scenario is kept.', decoded.problems.map((p) => `${p.path}: ${p.message}`));
  } else {
    scenarioStore.getState().load(decoded.value);
    notify('info', 'Scenario loaded from the link.');
  }
  history.replaceState(null, '', location.pathname + location.search);
}

void loadScenarioFromHash();
window.addEventListener('hashchange', () => void loadScenarioFromHash());

// An edited scenario no longer matches a link in the address bar.
scenarioStore.subscribe((s, prev) => {
  if (s.scenario !== prev.scenario && /[#&]s=/.test(location.hash)) history.replaceState(null, '', location.pathname + location.search);
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
