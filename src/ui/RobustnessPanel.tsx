import { useEffect } from 'react';
import { robustnessWithKernel } from '../engine/browser';
import type { BreakEvenLine, RobustnessReport } from '../engine/robustness';
import { currentCatalog, catalogStore, useCatalog } from '../state/catalog-store';
import { inventoryStore, pricedCatalog, useInventory } from '../state/inventory-store';
import { notify } from '../state/notices';
import { robustnessSpec, robustnessStore, useRobustness, type RangeRow } from '../state/robustness-store';
import { scenarioStore, useScenario } from '../state/scenario-store';
import { fmtMoney } from './format';

// The analysis runs on its own pool of module workers (src/engine/browser.ts), as the search does;
// aborting terminates them.
let controller: AbortController | null = null;

async function startAnalysis(): Promise<void> {
  const state = robustnessStore.getState();
  if (state.status === 'running') return;
  const { scenario, errors } = scenarioStore.getState();
  if (Object.keys(errors).length > 0) {
    notify('error', 'Fix the highlighted scenario fields before the robustness analysis.', Object.entries(errors).map(([p, m]) => `${p}: ${m}`));
    return;
  }
  const spec = robustnessSpec(state);
  if (!spec.ok) {
    notify('error', 'Fix the price ranges before the robustness analysis.', spec.problems);
    return;
  }
  const priced = pricedCatalog(currentCatalog(catalogStore.getState()), inventoryStore.getState().inventory);
  if (!priced.ok) {
    notify('error', 'Fix the inventory before the robustness analysis: it does not fit the current catalog.', priced.problems.map((p) => `inventory ${p.path}: ${p.message}`));
    return;
  }
  controller = new AbortController();
  const mine = controller;
  robustnessStore.getState().begin([scenario, currentCatalog(catalogStore.getState()), inventoryStore.getState().inventory]);
  try {
    const outcome = await robustnessWithKernel({ ...scenario, robustness: spec.value }, priced.value, {
      signal: mine.signal,
      onProgress: (p) => { if (!mine.signal.aborted) robustnessStore.getState().progressed(p); },
    });
    if (mine.signal.aborted) robustnessStore.getState().cancelled();
    else if (outcome.ok) robustnessStore.getState().succeed(outcome.report);
    else robustnessStore.getState().fail(outcome.reason);
  } catch (err) {
    if (mine.signal.aborted || (err instanceof Error && err.name === 'AbortError')) robustnessStore.getState().cancelled();
    else robustnessStore.getState().fail(`the analysis failed: ${err instanceof Error ? err.message : String(err)}`);
  } finally {
    if (controller === mine) controller = null;
  }
}

const STEP_LABEL = { nominal: 'Searching at catalog prices', samples: 'Searching each price set', designs: 'Pricing the other winners', 'break-even': 'Searching break-even prices' } as const;
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const signedPct = (x: number) => `${x > 0 ? '+' : ''}${x.toFixed(1)}%`;

function RangeEditor() {
  const ranges = useRobustness((s) => s.ranges);
  const running = useRobustness((s) => s.status === 'running');
  const st = robustnessStore.getState();
  return (
    <table className="matrix" aria-label="Price ranges">
      <thead><tr><th>source</th><th>category</th><th>low %</th><th>high %</th><th /></tr></thead>
      <tbody>
        {ranges.map((r, i) => (
          <tr key={i}>
            <td>
              <select aria-label={`Range ${i + 1} source`} value={r.source} disabled={running} onChange={(e) => st.setRange(i, { source: e.target.value as RangeRow['source'] })}>
                <option value="oem-new">oem-new</option>
                <option value="oem-refurbished">oem-refurbished</option>
                <option value="compatible-new">compatible-new</option>
              </select>
            </td>
            <td>
              <select aria-label={`Range ${i + 1} category`} value={r.category} disabled={running} onChange={(e) => st.setRange(i, { category: e.target.value as RangeRow['category'] })}>
                <option value="switch">switch</option>
                <option value="optic">optic</option>
                <option value="cable">cable</option>
              </select>
            </td>
            <td><input type="text" aria-label={`Range ${i + 1} low %`} value={r.lowPct} disabled={running} size={5} onChange={(e) => st.setRange(i, { lowPct: e.target.value })} /></td>
            <td><input type="text" aria-label={`Range ${i + 1} high %`} value={r.highPct} disabled={running} size={5} onChange={(e) => st.setRange(i, { highPct: e.target.value })} /></td>
            <td><button type="button" className="icon-button" aria-label={`Remove range ${i + 1}`} disabled={running} onClick={() => st.removeRange(i)}>✕</button></td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A bar's label: the nominal rank first (long labels are cut, and two cut labels may read alike), then as much of the label as fits. */
function barLabel(d: RobustnessReport['designs'][number]): string {
  const text = `${d.nominalRank ? `#${d.nominalRank} ` : ''}${d.label}`;
  return text.length > 58 ? `${text.slice(0, 57)}…` : text;
}

/** Each design's share of the samples it wins, as horizontal bars. */
function WinShares({ report }: { report: RobustnessReport }) {
  const rows = report.designs;
  const rowH = 22;
  const labelW = 360;
  const barW = 300;
  const h = rows.length * rowH + 8;
  return (
    <svg className="chart" role="img" aria-label="Win shares" width={labelW + barW + 70} height={h} viewBox={`0 0 ${labelW + barW + 70} ${h}`}>
      {rows.map((d, i) => {
        const y = 4 + i * rowH;
        return (
          <g key={d.id} className="win-share" data-design={d.id}>
            <title>{`${d.label}: wins ${d.wins} of ${report.samples} samples`}</title>
            <text x={labelW - 6} y={y + 14} textAnchor="end" fontSize="11" fill="currentColor">{barLabel(d)}</text>
            <rect x={labelW} y={y + 3} width={barW} height={rowH - 8} fill="none" stroke="var(--line)" />
            <rect x={labelW} y={y + 3} width={Math.max(0, d.winShare * barW)} height={rowH - 8} fill="var(--accent)" />
            <text x={labelW + barW + 6} y={y + 14} fontSize="11" fill="currentColor">{pct(d.winShare)}</text>
          </g>
        );
      })}
    </svg>
  );
}

/** Break-even prices as a tornado: per cost line, how far its price may fall and rise before another design ranks first. */
function Tornado({ report }: { report: RobustnessReport }) {
  const lines = report.breakEven;
  if (lines.length === 0) return null;
  const found = lines.flatMap((l) => [l.high?.changePct, l.low?.changePct]).filter((x): x is number => x !== undefined);
  const up = Math.max(100, ...found.filter((x) => x > 0));
  const down = -100;
  const labelW = 300;
  // Room between the names and the plot for the lower percentages.
  const gap = 48;
  const plotW = 420;
  const rowH = 26;
  const h = lines.length * rowH + 30;
  const x = (p: number) => labelW + gap + ((p - down) / (up - down)) * plotW;
  const zero = x(0);
  const lineName = (l: BreakEvenLine) => `${l.model}${l.lengthM !== undefined ? ` ${l.lengthM} m` : ''} (${l.source})`;
  return (
    <svg className="chart" role="img" aria-label="Break-even prices" width={labelW + gap + plotW + 56} height={h} viewBox={`0 0 ${labelW + gap + plotW + 56} ${h}`}>
      <line x1={zero} x2={zero} y1={4} y2={h - 22} stroke="currentColor" />
      <text x={x(down)} y={h - 6} fontSize="10" fill="var(--muted)">{`${down}%`}</text>
      <text x={zero} y={h - 6} fontSize="10" textAnchor="middle" fill="var(--muted)">catalog price</text>
      <text x={x(up)} y={h - 6} fontSize="10" textAnchor="end" fill="var(--muted)">{`+${Math.round(up)}%`}</text>
      {lines.map((l, i) => {
        const y = 4 + i * rowH;
        const lo = l.low ? l.low.changePct : down;
        const hi = l.high ? Math.min(l.high.changePct, up) : up;
        const tip = `${lineName(l)}: ${l.quantity.toLocaleString('en-US')} x ${fmtMoney(l.nominalUnitPrice, report.currency, true)}; ` +
          `${l.low ? `below ${fmtMoney(l.low.unitPrice, report.currency, true)} (${signedPct(l.low.changePct)}) ${l.low.overtakenBy.label} ranks first` : 'no other design ranks first down to 0'}; ` +
          `${l.high ? `above ${fmtMoney(l.high.unitPrice, report.currency, true)} (${signedPct(l.high.changePct)}) ${l.high.overtakenBy.label} ranks first` : `none up to ${fmtMoney(l.limitHigh, report.currency, true)}`}`;
        return (
          <g key={`${l.offerId}/${l.lengthM ?? ''}`} className="break-even" data-offer={l.offerId}>
            <title>{tip}</title>
            <text x={labelW - 6} y={y + 16} textAnchor="end" fontSize="11" fill="currentColor">{lineName(l)}</text>
            <rect x={x(lo)} y={y + 5} width={zero - x(lo)} height={rowH - 10} fill={l.low ? 'var(--warn)' : 'var(--line)'} />
            <rect x={zero} y={y + 5} width={x(hi) - zero} height={rowH - 10} fill={l.high ? 'var(--bad)' : 'var(--line)'} />
            {l.low && <text x={x(lo) - 3} y={y + 16} textAnchor="end" fontSize="10" fill="currentColor">{signedPct(l.low.changePct)}</text>}
            {l.high && <text x={x(hi) + 3} y={y + 16} fontSize="10" fill="currentColor">{signedPct(l.high.changePct)}</text>}
          </g>
        );
      })}
    </svg>
  );
}

function Report({ report }: { report: RobustnessReport }) {
  const m = (x: number | null) => (x === null ? '-' : fmtMoney(x, report.currency));
  return (
    <div className="stack">
      <p className="stats">
        {report.samples.toLocaleString('en-US')} price sets (seed {report.seed}) over {report.swinging.length} swinging offers; {report.objective} at catalog prices is lowest for {report.designs.find((d) => d.nominalRank === 1)?.label}.
        {report.infeasibleSamples > 0 && ` ${report.infeasibleSamples} samples have no feasible design.`}
        {report.phases && <><br /><strong>Phases not applied:</strong> {report.phases.note}.</>}
      </p>
      <WinShares report={report} />
      <div className="table-wrap">
        <table className="matrix" aria-label="Designs under price swings">
          <thead><tr><th>nominal</th><th>wins</th><th>mean {report.objective}</th><th>P10</th><th>P90</th><th>design</th></tr></thead>
          <tbody>
            {report.designs.map((d) => (
              <tr key={d.id}>
                <td>{d.nominalRank ?? '-'}</td>
                <td>{pct(d.winShare)}</td>
                <td>{m(d.mean)}</td>
                <td>{m(d.p10)}</td>
                <td>{m(d.p90)}</td>
                <td title={d.id}>{d.label}{d.feasibleSamples < report.samples ? ` (feasible in ${d.feasibleSamples})` : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h3 className="section-title">Break-even prices of the nominal winner's largest cost lines</h3>
      <Tornado report={report} />
      <ul className="small" aria-label="Break-even list">
        {report.breakEven.map((l) => (
          <li key={`${l.offerId}/${l.lengthM ?? ''}`}>
            {l.model}{l.lengthM !== undefined ? ` ${l.lengthM} m` : ''} ({l.source}, {l.vendor}): {l.quantity.toLocaleString('en-US')} x {fmtMoney(l.nominalUnitPrice, report.currency, true)};{' '}
            up: {l.high ? `${fmtMoney(l.high.unitPrice, report.currency, true)} (${signedPct(l.high.changePct)}) → ${l.high.overtakenBy.label}` : `none up to ${fmtMoney(l.limitHigh, report.currency, true)}`};{' '}
            down: {l.low ? `${fmtMoney(l.low.unitPrice, report.currency, true)} (${signedPct(l.low.changePct)}) → ${l.low.overtakenBy.label}` : 'none down to 0'}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Which designs stay cheapest when prices swing (docs/robustness.md). */
export function RobustnessPanel() {
  const status = useRobustness((s) => s.status);
  const progress = useRobustness((s) => s.progress);
  const report = useRobustness((s) => s.report);
  const failure = useRobustness((s) => s.failure);
  const settingsChanged = useRobustness((s) => s.stale);
  const inputs = useRobustness((s) => s.inputs);
  const samples = useRobustness((s) => s.samples);
  const seed = useRobustness((s) => s.seed);
  const scenario = useScenario((s) => s.scenario);
  const catalog = useCatalog(currentCatalog);
  const inventory = useInventory((s) => s.inventory);
  const running = status === 'running';
  const st = robustnessStore.getState();
  // The scenario's own robustness section is the starting point until the user edits the ranges here.
  useEffect(() => { st.fromScenario(scenario); }, [scenario, st]);
  const stale = settingsChanged || (inputs !== null && (inputs[0] !== scenario || inputs[1] !== catalog || inputs[2] !== inventory));
  const share = progress && progress.total > 0 ? progress.done / progress.total : 0;
  return (
    <section className="stack" aria-label="Robustness">
      <div className="card stack">
        <p className="small muted" style={{ margin: 0 }}>
          Draws price sets, each price uniformly in its range (offers' own priceLow / priceHigh win), runs the exact search for each, and
          shows which designs win how often and where the cheapest design's largest cost lines stop it winning. Owned parts keep their residual value.
        </p>
        <RangeEditor />
        <div className="row" style={{ alignItems: 'end' }}>
          <label className="field">Samples<input type="text" aria-label="Samples" value={samples} disabled={running} onChange={(e) => st.setSamples(e.target.value)} /></label>
          <label className="field">Seed<input type="text" aria-label="Seed" value={seed} disabled={running} onChange={(e) => st.setSeed(e.target.value)} /></label>
        </div>
        <div className="file-buttons">
          <button type="button" onClick={() => st.addRange()} disabled={running}>Add range</button>
          <button type="button" className="primary" onClick={() => void startAnalysis()} disabled={running}>Run analysis</button>
          <button type="button" onClick={() => controller?.abort()} disabled={!running}>Stop analysis</button>
        </div>
        {running && (
          <div role="status" aria-label="Robustness progress" className="small">
            {progress ? `${STEP_LABEL[progress.step]}: ${progress.done.toLocaleString('en-US')} / ${progress.total.toLocaleString('en-US')}` : 'Starting…'}
            <div className="progress"><div className="progress-fill" style={{ width: `${Math.round(share * 100)}%` }} /></div>
          </div>
        )}
        {status === 'cancelled' && <p role="status" className="small">Analysis stopped; {report ? 'the last report is kept.' : 'nothing was reported.'}</p>}
        {status === 'failed' && failure && <p role="alert" className="field-error">{failure}</p>}
        {stale && report && <p className="small muted">The scenario, catalog, inventory or these settings changed since this report: run it again to update it.</p>}
      </div>
      {report ? <Report report={report} /> : !running && <p className="empty">Set the ranges and press Run analysis.</p>}
    </section>
  );
}
