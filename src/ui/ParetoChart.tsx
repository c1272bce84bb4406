import { useState } from 'react';
import type { Result } from '../model/result';
import { fmtMoneyShort, fmtPower, fmtRatio } from './format';
import { placeLabels } from './label-placement';
import { chartPoints, niceTicks, type ParetoAxis } from './view-model';

const W = 900;
const H = 250;
const M = { l: 64, r: 16, t: 14, b: 36 };

/** Cost against oversubscription or power; the Pareto front is joined, every point opens its design. */
export function ParetoChart({ result, selectedId, onSelect }: { result: Result; selectedId: string | null; onSelect(id: string): void }) {
  const [axis, setAxis] = useState<ParetoAxis>('oversubscription');
  const [hover, setHover] = useState<string | null>(null);
  const points = chartPoints(result, axis);
  if (points.length === 0) return null;
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const pad = (lo: number, hi: number) => (hi > lo ? [lo - (hi - lo) * 0.06, hi + (hi - lo) * 0.06] : [lo * 0.95, hi * 1.05 || 1]);
  const [x0, x1] = pad(Math.min(...xs), Math.max(...xs));
  const [y0, y1] = axis === 'oversubscription' ? [Math.min(1, ...ys) - 0.1, Math.max(2, ...ys) + 0.1] : pad(Math.min(...ys), Math.max(...ys));
  const sx = (x: number) => M.l + ((x - x0) / (x1 - x0)) * (W - M.l - M.r);
  const sy = (y: number) => H - M.b - ((y - y0) / (y1 - y0)) * (H - M.t - M.b);
  const front = points.filter((p) => p.pareto).sort((a, b) => a.x - b.x);
  const yFmt = axis === 'power' ? fmtPower : fmtRatio;
  const cost = result.objective === 'tco' ? 'TCO' : 'Capex';
  const hovered = points.find((p) => p.id === hover);
  // Rank labels (#1-#3) placed so none overlaps another or covers a point; crowded ones are named in the caption.
  const ranked = points.filter((p) => p.rank !== null && p.rank <= 3).sort((a, b) => a.rank! - b.rank!);
  const labels = placeLabels(
    ranked.map((p) => ({ id: p.id, x: sx(p.x), y: sy(p.y), text: `#${p.rank}` })),
    points.map((p) => ({ x: sx(p.x), y: sy(p.y), r: p.id === selectedId ? 6.5 : 5 })),
    { x0: M.l, y0: 0, x1: W, y1: H - M.b },
  );
  return (
    <figure className="chart">
      <figcaption>
        <span>{cost} vs</span>
        <div className="segmented small" role="group" aria-label="Chart vertical axis">
          {(['oversubscription', 'power'] as const).map((a) => (
            <button key={a} type="button" aria-pressed={axis === a} onClick={() => setAxis(a)}>
              {a === 'power' ? 'Power' : 'Oversubscription'}
            </button>
          ))}
        </div>
        <span className="legend"><i className="dot pareto" /> Pareto front <i className="dot" /> ranked
          {labels.dropped.length > 0 && <> · {labels.dropped.map((d) => d.text).join(', ')} too close to label: hover the points</>}
        </span>
      </figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`${cost} against ${axis} for ${points.length} designs`}>
        {niceTicks(x0, x1, 5).map((t) => (
          <g key={`x${t}`}>
            <line className="grid" x1={sx(t)} x2={sx(t)} y1={M.t} y2={H - M.b} />
            <text className="tick" x={sx(t)} y={H - M.b + 14} textAnchor="middle">{fmtMoneyShort(t, result.currency)}</text>
          </g>
        ))}
        {niceTicks(y0, y1, 4).map((t) => (
          <g key={`y${t}`}>
            <line className="grid" x1={M.l} x2={W - M.r} y1={sy(t)} y2={sy(t)} />
            <text className="tick" x={M.l - 6} y={sy(t) + 3} textAnchor="end">{yFmt(t)}</text>
          </g>
        ))}
        <text className="axis-label" x={(M.l + W - M.r) / 2} y={H - 4} textAnchor="middle">{cost} ({result.currency})</text>
        {front.length > 1 && <polyline className="front" points={front.map((p) => `${sx(p.x)},${sy(p.y)}`).join(' ')} />}
        {points.map((p) => (
          <g
            key={p.id}
            className={`pt${p.pareto ? ' pareto' : ''}${p.id === selectedId ? ' selected' : ''}`}
            tabIndex={0}
            role="button"
            aria-label={`${p.label}: ${fmtMoneyShort(p.x, result.currency)}, ${yFmt(p.y)}`}
            onClick={() => onSelect(p.id)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' || e.key === ' ') {
                e.preventDefault();
                onSelect(p.id);
              }
            }}
            onMouseEnter={() => setHover(p.id)}
            onMouseLeave={() => setHover(null)}
            onFocus={() => setHover(p.id)}
            onBlur={() => setHover(null)}
          >
            <circle cx={sx(p.x)} cy={sy(p.y)} r={p.id === selectedId ? 6.5 : 5} />
          </g>
        ))}
        {labels.placed.map((l) => (
          <text key={`label-${l.id}`} className="pt-label" x={l.x} y={l.y} aria-hidden="true">{l.text}</text>
        ))}
        {hovered && (
          <g className="tooltip" transform={`translate(${Math.min(sx(hovered.x) + 10, W - 250)},${Math.max(sy(hovered.y) - 40, 4)})`}>
            <rect width={240} height={34} rx={3} />
            <text x={6} y={14}>{hovered.label.length > 44 ? hovered.label.slice(0, 43) + '…' : hovered.label}</text>
            <text x={6} y={28}>{fmtMoneyShort(hovered.x, result.currency)} · {yFmt(hovered.y)}</text>
          </g>
        )}
      </svg>
    </figure>
  );
}
