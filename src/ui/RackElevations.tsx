import { useEffect, useState } from 'react';
import { exportSubject, type Found } from '../export/fabric';
import type { Candidate, Result } from '../model/result';
import { currentCatalog, useCatalog } from '../state/catalog-store';
import { fmtInt, fmtPower } from './format';
import { buildElevations, type ElevationRack, type Elevations } from './rack-elevations';

const U_PX = 11;
const HEAD_PX = 40;
const GUTTER_PX = 20;
const RACK_W = 176;

const roleClass = (role: string) => `elev-${role}`;

/** One rack drawn to scale: U numbers on the left, switches at their U, servers below, patch panels on top. */
function RackColumn({ rack, limitW }: { rack: ElevationRack; limitW: number }) {
  const h = HEAD_PX + rack.heightU * U_PX + 4;
  const y = (u: number, heightU: number) => HEAD_PX + (rack.heightU - (u + heightU - 1)) * U_PX;
  // Servers have no U in the catalog: they share the space below the lowest switch, slot 1 lowest.
  const lowest = Math.min(rack.heightU + 1, ...rack.devices.map((d) => d.u));
  const serverU = rack.servers.length ? (lowest - 1) / rack.servers.length : 0;
  const power = `${fmtPower(rack.typicalW)} typical, ${fmtPower(rack.maxW)} maximum`;
  const label = `Rack ${rack.name}, ${rack.kind} rack of ${rack.heightU} U: ${rack.devices.filter((d) => d.role !== 'patch-panel').length} switches`
    + `${rack.servers.length ? `, ${rack.servers.length} servers` : ''}; network power ${power}${rack.overLimit ? `, over the ${fmtPower(limitW)} limit` : ''}`;
  return (
    <svg className="elev-rack" width={RACK_W} height={h} viewBox={`0 0 ${RACK_W} ${h}`} role="img" aria-label={label}>
      <title>{label}</title>
      <text x={GUTTER_PX} y={13} className="elev-name">{rack.name}</text>
      <text x={GUTTER_PX} y={26} className={rack.overLimit ? 'elev-power elev-over' : 'elev-power'}>
        {fmtPower(rack.typicalW)} typ · {fmtPower(rack.maxW)} max{rack.overLimit ? ' · over limit' : ''}
      </text>
      <rect x={GUTTER_PX} y={HEAD_PX} width={RACK_W - GUTTER_PX - 2} height={rack.heightU * U_PX} className="elev-frame" />
      {Array.from({ length: rack.heightU }, (_, i) => {
        const u = i + 1;
        return <text key={u} x={GUTTER_PX - 3} y={y(u, 1) + U_PX - 2} className="elev-u">{u}</text>;
      })}
      {serverU > 0 && rack.servers.map((name, i) => (
        <g key={name}>
          <rect x={GUTTER_PX + 2} y={HEAD_PX + (rack.heightU - (i + 1) * serverU) * U_PX + 1} width={RACK_W - GUTTER_PX - 6} height={serverU * U_PX - 2} className="elev-node" />
          <text x={GUTTER_PX + 6} y={HEAD_PX + (rack.heightU - (i + 0.5) * serverU) * U_PX + 3} className="elev-label">{name} (slot {i + 1})</text>
        </g>
      ))}
      {rack.devices.map((d) => (
        <g key={`${d.name}-${d.u}`}>
          <rect x={GUTTER_PX + 2} y={y(d.u, d.heightU) + 1} width={RACK_W - GUTTER_PX - 6} height={d.heightU * U_PX - 2} className={roleClass(d.role)}>
            <title>{d.role === 'patch-panel' ? `U${d.u}-${d.u + d.heightU - 1}: patch panels` : `U${d.u}${d.heightU > 1 ? `-${d.u + d.heightU - 1}` : ''}: ${d.name}, ${d.model} ${d.role}, plane ${d.plane}; ${fmtPower(d.typicalW ?? 0)} typical, ${fmtPower(d.maxW ?? 0)} maximum with optics`}</title>
          </rect>
          <text x={GUTTER_PX + 6} y={y(d.u, d.heightU) + d.heightU * U_PX / 2 + 3} className="elev-label">
            {d.role === 'patch-panel' ? 'patch panels' : `${d.name} · ${d.model}`}
          </text>
        </g>
      ))}
    </svg>
  );
}

/** The racks drawn, as a table (the elevations' text alternative). */
function ElevationTable({ e }: { e: Elevations }) {
  return (
    <table className="data compact elev-table" aria-label="Rack elevations table">
      <thead>
        <tr><th scope="col">Rack</th><th scope="col" className="num">U</th><th scope="col">Device</th><th scope="col">Role</th><th scope="col">Model</th><th scope="col" className="num">Typical</th><th scope="col" className="num">Maximum</th></tr>
      </thead>
      {e.racks.map((r) => (
        <tbody key={r.name}>
          <tr className="group-row">
            <th scope="rowgroup" colSpan={5}>{r.name} · {r.kind} rack{r.servers.length ? ` · ${r.servers.length} servers (${r.servers[0]}–${r.servers[r.servers.length - 1]})` : ''}</th>
            <td className={r.overLimit ? 'num bad' : 'num'}>{fmtPower(r.typicalW)}</td>
            <td className={r.overLimit ? 'num bad' : 'num'}>{fmtPower(r.maxW)}{r.overLimit ? ' (over)' : ''}</td>
          </tr>
          {[...r.devices].sort((a, b) => b.u - a.u).map((d) => (
            <tr key={`${d.name}-${d.u}`}>
              <td />
              <td className="num">{d.heightU > 1 ? `${d.u}–${d.u + d.heightU - 1}` : d.u}</td>
              <td className="mono">{d.role === 'patch-panel' ? '' : d.name}</td>
              <td>{d.role}</td>
              <td>{d.model ?? ''}</td>
              <td className="num">{d.typicalW !== undefined ? fmtPower(d.typicalW) : ''}</td>
              <td className="num">{d.maxW !== undefined ? fmtPower(d.maxW) : ''}</td>
            </tr>
          ))}
        </tbody>
      ))}
    </table>
  );
}

type State = { key: string; value: Found<Elevations> } | null;

/**
 * Rack elevations of the selected design: one rack per column (SVG, scrollable), each switch at its
 * U with its name, each rack's typical and maximum power, flagged over the floor's limit; a fabric
 * with more racks than can be drawn shows the first ones and counts every rack by type. Built on the
 * main thread after the view paints (a million-GPU fabric takes about a second).
 */
export function RackElevations({ result, candidate }: { result: Result; candidate: Candidate }) {
  const catalog = useCatalog(currentCatalog);
  const key = `${candidate.id}|${catalog.name}|${result.catalogName}|${result.generator}`;
  const [state, setState] = useState<State>(null);
  const limitKW = result.resolvedLayout?.maxRackPowerKW ?? result.scenario.layout?.maxRackPowerKW ?? 40;
  useEffect(() => {
    const timer = setTimeout(() => {
      let value: Found<Elevations>;
      try {
        const subject = exportSubject(result, catalog, candidate.id);
        value = subject.ok ? { ok: true, value: buildElevations(subject.value, limitKW) } : subject;
      } catch (err) {
        value = { ok: false, message: (err as Error).message };
      }
      setState({ key, value });
    }, 0);
    return () => clearTimeout(timer);
  }, [key, result, catalog, candidate.id, limitKW]);

  const current = state?.key === key ? state.value : null;
  return (
    <section className="card rack-elevations" aria-label="Rack elevations">
      <h3>Rack elevations</h3>
      {!current && <p className="muted" role="status">Placing every switch in its rack…</p>}
      {current && !current.ok && <p className="export-message is-error" role="alert">Rack elevations cannot be drawn: {current.message}</p>}
      {current?.ok && <ElevationsBody e={current.value} />}
    </section>
  );
}

function ElevationsBody({ e }: { e: Elevations }) {
  const over = e.types.reduce((x, t) => x + t.overLimit, 0);
  return (
    <>
      <p className="muted elev-summary">
        {fmtInt(e.totalRacks)} racks, {fmtInt(e.racksWithSwitches)} with switches
        {e.hidden > 0 ? `; the first ${fmtInt(e.racks.length)} are drawn, every rack is counted by type below` : ''}
        {' '}· power is the network equipment's (switches with their optics), limit {fmtPower(e.limitW)} per rack
        {over > 0 && <strong className="bad"> · {fmtInt(over)} network rack{over > 1 ? 's' : ''} over the limit</strong>}
      </p>
      <div className="elev-scroll" role="group" tabIndex={0} aria-label="Rack elevations, one rack per column (scrolls)">
        {e.racks.map((r) => <RackColumn key={r.name} rack={r} limitW={e.limitW} />)}
        {e.hidden > 0 && (
          <div className="elev-more" role="note">+ {fmtInt(e.hidden)} more racks with switches, counted by type below</div>
        )}
      </div>
      <table className="data compact elev-types" aria-label="Racks by type">
        <thead>
          <tr><th scope="col">Rack type</th><th scope="col" className="num">Racks</th><th scope="col" className="num">Typical (busiest)</th><th scope="col" className="num">Maximum (busiest)</th><th scope="col" className="num">Over limit</th></tr>
        </thead>
        <tbody>
          {e.types.map((t) => (
            <tr key={t.label}>
              <td>{t.label}</td>
              <td className="num">{fmtInt(t.racks)}</td>
              <td className="num">{fmtPower(t.maxTypicalW)}</td>
              <td className={t.overLimit ? 'num bad' : 'num'}>{fmtPower(t.maxMaxW)}</td>
              <td className={t.overLimit ? 'num bad' : 'num'}>{t.kind === 'network' ? fmtInt(t.overLimit) : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <details className="elev-details">
        <summary>Table of the drawn racks</summary>
        <ElevationTable e={e} />
      </details>
    </>
  );
}
