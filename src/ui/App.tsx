import { useEffect, useState } from 'react';
import { notify, useNotices } from '../state/notices';
import { useRun } from '../state/run-store';
import { scenarioStore, useScenario } from '../state/scenario-store';
import { encodeScenarioHash } from '../state/share-link';
import { CandidateView } from './CandidateView';
import { CatalogPanel } from './CatalogPanel';
import { ComparePanel } from './ComparePanel';
import { InventoryPanel } from './InventoryPanel';
import { downloadText, pickTextFile } from './files';
import { importAnyFile, importResultText, importScenarioText } from './imports';
import { ResultsPanel } from './ResultsPanel';
import { RobustnessPanel } from './RobustnessPanel';
import { RunButtons, RunStatus } from './RunBar';
import { SavedWorkNotice } from './SavedWorkNotice';
import { ScenarioPanel } from './ScenarioPanel';
import { UpdateBanner } from './UpdateBanner';
import { exportFileName } from '../export/json';

type Tab = 'results' | 'design' | 'compare' | 'robustness' | 'catalog' | 'inventory';

function Notices() {
  const notices = useNotices((s) => s.notices);
  const dismiss = useNotices((s) => s.dismiss);
  if (notices.length === 0) return null;
  return (
    <div className="notices" aria-live="polite">
      {notices.map((n) => (
        <div key={n.id} className={`notice notice-${n.kind}`} role={n.kind === 'error' ? 'alert' : 'status'}>
          <div className="notice-body">
            <strong>{n.title}</strong>
            {n.details && n.details.length > 0 && (
              <ul>
                {n.details.slice(0, 12).map((d, i) => <li key={i} className="mono">{d}</li>)}
                {n.details.length > 12 && <li>and {n.details.length - 12} more</li>}
              </ul>
            )}
          </div>
          {n.actions?.map((a) => (
            <button key={a.label} type="button" onClick={() => { dismiss(n.id); a.run(); }}>{a.label}</button>
          ))}
          <button type="button" className="icon-button" aria-label="Dismiss" onClick={() => dismiss(n.id)}>✕</button>
        </div>
      ))}
    </div>
  );
}

async function copyLink() {
  const hash = await encodeScenarioHash(scenarioStore.getState().scenario);
  history.replaceState(null, '', `#${hash}`);
  const url = location.href;
  try {
    await navigator.clipboard.writeText(url);
    notify('info', 'Link copied: it carries this scenario (not the catalog or results).');
  } catch {
    notify('info', 'The link to this scenario is in the address bar (the clipboard was not available).');
  }
}

function ScenarioFileButtons() {
  const importScenario = async () => {
    const f = await pickTextFile('.json,application/json');
    if (f) importScenarioText(f.name, f.text);
  };
  const importResults = async () => {
    const f = await pickTextFile('.json,application/json');
    if (f) importResultText(f.name, f.text);
  };
  const exportScenario = () => {
    const s = scenarioStore.getState().scenario;
    downloadText(exportFileName(`scenario-${s.cluster.gpus}gpu`, 'json'), JSON.stringify(s, null, 2) + '\n', 'application/json');
  };
  return (
    <div className="file-buttons">
      <button type="button" onClick={() => void importScenario()}>Import scenario</button>
      <button type="button" onClick={exportScenario}>Export scenario</button>
      <button type="button" onClick={() => void importResults()} title="Open a result JSON (All results JSON or Export JSON) to view it again">Import results</button>
      <button type="button" onClick={() => void copyLink()}>Copy link</button>
    </div>
  );
}

export function App() {
  const [tab, setTab] = useState<Tab>('results');
  const [dragging, setDragging] = useState(false);
  const pinnedCount = useRun((s) => s.pinned.length);
  const name = useScenario((s) => s.scenario.name);
  const auto = useScenario((s) => {
    const { cluster, fabric } = s.scenario;
    const tech = fabric.technologies.map((t) => (t === 'infiniband' ? 'InfiniBand' : 'Ethernet')).join(' + ');
    const over = (fabric.maxOversubscription ?? 1) === 1 ? 'non-blocking' : `up to ${fabric.maxOversubscription}:1`;
    return `${cluster.gpus.toLocaleString('en-US')} GPUs · ${cluster.serverProfile} · ${tech} · ${over}`;
  });

  useEffect(() => {
    let depth = 0;
    const hasFiles = (e: DragEvent) => Array.from(e.dataTransfer?.types ?? []).includes('Files');
    const enter = (e: DragEvent) => { if (hasFiles(e)) { depth++; setDragging(true); } };
    const leave = (e: DragEvent) => { if (hasFiles(e) && --depth <= 0) { depth = 0; setDragging(false); } };
    const over = (e: DragEvent) => { if (hasFiles(e)) e.preventDefault(); };
    const drop = async (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth = 0;
      setDragging(false);
      const file = e.dataTransfer?.files[0];
      if (file) importAnyFile(file.name, await file.text());
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragleave', leave);
    window.addEventListener('dragover', over);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('dragover', over);
      window.removeEventListener('drop', drop);
    };
  }, []);

  const tabs: { id: Tab; label: string }[] = [
    { id: 'results', label: 'Results' },
    { id: 'design', label: 'Design' },
    { id: 'compare', label: `Compare${pinnedCount ? ` (${pinnedCount})` : ''}` },
    { id: 'robustness', label: 'Robustness' },
    { id: 'catalog', label: 'Catalog' },
    { id: 'inventory', label: 'Inventory' },
  ];
  const selectTab = (t: Tab) => {
    setTab(t);
    document.querySelector('.tab-panel')?.scrollTo(0, 0);
  };
  const onTabKey = (e: React.KeyboardEvent, i: number) => {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
    const next = tabs[(i + (e.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length];
    selectTab(next.id);
    document.getElementById(`tab-${next.id}`)?.focus();
  };
  return (
    <div className="app">
      <header className="topbar">
        <div className="brand">
          <svg width="18" height="18" viewBox="0 0 18 18" aria-hidden="true"><path d="M2 4h14M2 9h14M2 14h14M5 2v14M13 2v14" stroke="currentColor" strokeWidth="1.6" fill="none" /></svg>
          <span>Railyard</span>
        </div>
        <span className="scenario-name" title={name ?? auto}>{name ?? auto}</span>
        <ScenarioFileButtons />
        <RunButtons />
      </header>
      <UpdateBanner />
      <SavedWorkNotice />
      <Notices />
      <div className="workspace">
        <ScenarioPanel />
        <main className="main">
          <RunStatus />
          <div className="tabs" role="tablist" aria-label="Views">
            {tabs.map((t, i) => (
              <button
                key={t.id}
                id={`tab-${t.id}`}
                type="button"
                role="tab"
                aria-selected={tab === t.id}
                aria-controls={`panel-${t.id}`}
                tabIndex={tab === t.id ? 0 : -1}
                onClick={() => selectTab(t.id)}
                onKeyDown={(e) => onTabKey(e, i)}
              >
                {t.label}
              </button>
            ))}
          </div>
          <div className="tab-panel" role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
            {tab === 'results' && <ResultsPanel onOpen={() => selectTab('design')} />}
            {tab === 'design' && <CandidateView />}
            {tab === 'compare' && <ComparePanel />}
            {tab === 'robustness' && <RobustnessPanel />}
            {tab === 'catalog' && <CatalogPanel />}
            {tab === 'inventory' && <InventoryPanel />}
          </div>
        </main>
      </div>
      {dragging && <div className="drop-overlay" aria-hidden="true">Drop a scenario, result or catalog JSON, or a price list CSV</div>}
    </div>
  );
}
