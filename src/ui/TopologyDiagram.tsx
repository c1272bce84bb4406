import type { Candidate } from '../model/result';
import { fmtInt } from './format';

const W = 900;
const ROW_H = 92;
const BOX_H = 30;
const MAX_DETAILED = 40;

const RAIL_COLORS = ['#4e79a7', '#f28e2b', '#59a14f', '#e15759', '#76b7b2', '#edc948', '#b07aa1', '#9c755f'];
export const railColor = (r: number) => RAIL_COLORS[r % RAIL_COLORS.length];

function mediaText(c: Candidate, between: string): { head: string; media: string } {
  const l = c.links.find((x) => x.between === between);
  if (!l) return { head: '', media: '' };
  const byRecipe = new Map<string, { n: number; lo: number; hi: number }>();
  for (const m of l.media) {
    const e = byRecipe.get(m.recipeName) ?? { n: 0, lo: Infinity, hi: 0 };
    e.n += m.count;
    e.lo = Math.min(e.lo, m.lengthM);
    e.hi = Math.max(e.hi, m.lengthM);
    byRecipe.set(m.recipeName, e);
  }
  const parts = [...byRecipe.entries()].map(([name, e]) => `${fmtInt(e.n)} ${name} ${e.lo === e.hi ? `${e.lo} m` : `${e.lo}–${e.hi} m`}`);
  return { head: `${fmtInt(l.count)} links x ${l.gbps}G${c.planes > 1 ? ` in ${c.planes} planes` : ''}`, media: parts.join(' + ') };
}

/**
 * The fabric as rows of switch tiers over the nodes: every switch when a plane is small, groups
 * with counts when not. Leaves are coloured by rail in the rail families; planes show as a stack.
 */
export function TopologyDiagram({ candidate: c, gpus, railsPerNode, gpusPerNode }: { candidate: Candidate; gpus: number; railsPerNode: number; gpusPerNode: number }) {
  const tiers = [...c.tiers].reverse();
  const T = c.tiers.length;
  const H = 20 + T * ROW_H + BOX_H + 42;
  const nodes = Math.ceil(gpus / gpusPerNode);
  const R = railsPerNode;
  const rail = c.family !== 'fat-tree';
  // A fat-tree whose nodes spread over several leaves (docs/model.md "Partial nodes per leaf").
  const spread = c.design.leavesPerNode;
  const left = 120;
  const right = W - 16;
  const span = right - left;
  const planeStack = Math.min(c.planes, 4) - 1;
  const yOf = (rowFromTop: number) => 20 + rowFromTop * ROW_H;
  const classOf = ['node-leaf', 'leaf-spine', 'spine-core'];

  /** Where the boxes of a detailed row sit: left edge of the first, box width and gap. */
  const slots = (n: number) => {
    const gap = 4;
    const w = Math.min(60, (span - gap * (n - 1)) / n);
    const x0 = left + (span - (n * w + (n - 1) * gap)) / 2;
    return { x0, w, gap, center: (i: number) => x0 + i * (w + gap) + w / 2 };
  };
  const railOfSwitch = (tierIndex: number, i: number, n: number): number | null => {
    if (tierIndex === 0 && rail) return c.family === 'rail-optimized' ? i % R : Math.floor(i / Math.max(1, n / R));
    if (tierIndex > 0 && c.family === 'rail-only') return Math.floor(i / Math.max(1, n / R));
    return null;
  };

  // In a small two-tier plane every leaf-spine pair is wired (per rail for rail-only): draw each pair.
  const wires: React.ReactNode[] = [];
  if (T === 2 && c.tiers[0].countPerPlane <= MAX_DETAILED && c.tiers[1].countPerPlane <= MAX_DETAILED) {
    const nl = c.tiers[0].countPerPlane;
    const ns = c.tiers[1].countPerPlane;
    const ls = slots(nl);
    const ss = slots(ns);
    const yTop = yOf(0) + BOX_H;
    const yBottom = yOf(1);
    for (let i = 0; i < nl; i++)
      for (let j = 0; j < ns; j++) {
        const r = railOfSwitch(0, i, nl);
        if (c.family === 'rail-only' && r !== railOfSwitch(1, j, ns)) continue;
        wires.push(<line key={`${i}-${j}`} className="wire" x1={ls.center(i)} y1={yBottom} x2={ss.center(j)} y2={yTop} style={r !== null ? { stroke: railColor(r) } : undefined} />);
      }
  }

  const row = (t: (typeof c.tiers)[number], rowIdx: number) => {
    const y = yOf(rowIdx);
    const n = t.countPerPlane;
    const tierIndex = c.tiers.indexOf(t);
    const boxes: React.ReactNode[] = [];
    if (n <= MAX_DETAILED) {
      const { x0, w, gap } = slots(n);
      for (let i = 0; i < n; i++) {
        const r = railOfSwitch(tierIndex, i, n);
        boxes.push(
          <g key={i}>
            <rect className="sw" x={x0 + i * (w + gap)} y={y} width={w} height={BOX_H} rx={2} style={r !== null ? { stroke: railColor(r), strokeWidth: 2 } : undefined} />
            {w >= 22 && <text className="sw-label" x={x0 + i * (w + gap) + w / 2} y={y + 19} textAnchor="middle">{t.role[0].toUpperCase()}{i + 1}</text>}
          </g>,
        );
      }
    } else {
      const groups = tierIndex === 0 && rail ? R : c.family === 'rail-only' && tierIndex > 0 ? R : 1;
      const gap = 10;
      const w = (span - gap * (groups - 1)) / groups;
      for (let g = 0; g < groups; g++) {
        const x = left + g * (w + gap);
        const per = Math.round(n / groups);
        boxes.push(
          <g key={g}>
            <rect className="sw group" x={x} y={y} width={w} height={BOX_H} rx={3} style={groups > 1 ? { stroke: railColor(g), strokeWidth: 2 } : undefined} />
            <text className="sw-label" x={x + w / 2} y={y + 19} textAnchor="middle">
              {groups > 1 ? `rail ${g + 1}: ${fmtInt(per)}` : `${fmtInt(n)} x ${t.switchModel}`}
            </text>
          </g>,
        );
      }
    }
    return (
      <g key={t.role}>
        {Array.from({ length: planeStack }, (_, k) => (
          <rect key={k} className="plane-shadow" x={left + (planeStack - k) * 4} y={y - (planeStack - k) * 4} width={span} height={BOX_H} rx={3} />
        ))}
        {boxes}
        <text className="row-label" x={8} y={y + 12}>{t.role[0].toUpperCase() + t.role.slice(1)}</text>
        <text className="row-sub" x={8} y={y + 26}>{fmtInt(t.countPerPlane)} x {t.switchModel}</text>
        <text className="row-sub" x={8} y={y + 39}>{t.downPorts}↓ {t.upPorts}↑ @{t.upPortGbps !== undefined ? `${t.portGbps}G↓ ${t.upPortGbps}G↑` : `${t.portGbps}G`}</text>
      </g>
    );
  };

  const bundle = (upperRow: number, between: string) => {
    const y1 = yOf(upperRow) + BOX_H;
    const y2 = yOf(upperRow + 1);
    const { head, media } = mediaText(c, between);
    const shown = media.length > 118 ? media.slice(0, 117) + '…' : media;
    const mid = (y1 + y2) / 2;
    const labelWidth = Math.min(span - 40, Math.max(head.length, shown.length) * 5.9 + 20);
    return (
      <g key={between} className="bundle">
        <title>{`${head}: ${media}`}</title>
        {!(wires.length > 0 && between === 'leaf-spine') && (
          <path d={`M${left + span * 0.1},${y2} L${left + span * 0.3},${y1} L${left + span * 0.7},${y1} L${left + span * 0.9},${y2} Z`} />
        )}
        <rect className="bundle-label-bg" x={left + span / 2 - labelWidth / 2} y={mid - 15} width={labelWidth} height={30} rx={2} />
        <text className="bundle-label strong" x={left + span / 2} y={mid - 3} textAnchor="middle">{head}</text>
        <text className="bundle-label" x={left + span / 2} y={mid + 10} textAnchor="middle">{shown}</text>
      </g>
    );
  };

  const nodeY = yOf(T);
  const nodeBoxes: React.ReactNode[] = [];
  const shown = Math.min(nodes, 24);
  const nw = Math.min(36, (span - (shown - 1) * 4) / shown);
  const nx0 = left + (span - (shown * nw + (shown - 1) * 4)) / 2;
  for (let i = 0; i < shown; i++) {
    const x = nx0 + i * (nw + 4);
    nodeBoxes.push(
      <g key={i}>
        <rect className="node" x={x} y={nodeY} width={nw} height={BOX_H} rx={2} />
        {Array.from({ length: Math.min(R, 8) }, (_, r) => (
          <rect key={r} x={x + 2 + r * ((nw - 4) / Math.min(R, 8))} y={nodeY + 3} width={Math.max(1, (nw - 4) / Math.min(R, 8) - 1)} height={5} style={{ fill: rail ? railColor(r) : 'var(--muted)' }} />
        ))}
      </g>,
    );
  }
  return (
    <svg className="topology" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`Topology: ${c.tiers.map((t) => `${t.count} ${t.switchModel} ${t.role}`).join(', ')}, ${nodes} nodes, ${c.planes} plane${c.planes > 1 ? 's' : ''}`}>
      {wires.length > 0 && <g aria-hidden="true">{wires}</g>}
      {tiers.map((t, i) => (i < T - 1 ? bundle(i, classOf[T - 1 - i]) : null))}
      {bundle(T - 1, 'node-leaf')}
      {tiers.map((t, i) => row(t, i))}
      {nodeBoxes}
      <text className="row-label" x={8} y={nodeY + 12}>Nodes</text>
      <text className="row-sub" x={8} y={nodeY + 26}>{fmtInt(nodes)} x {R} rails</text>
      {nodes > shown && <text className="row-sub" x={right} y={nodeY + BOX_H + 14} textAnchor="end">showing {shown} of {fmtInt(nodes)} nodes</text>}
      <text className="row-sub" x={left} y={H - 6}>
        {c.planes > 1 ? `${c.planes} identical planes (stacked); counts per plane. ` : ''}
        {rail ? 'Colours mark rails: NIC port r of every node lands on a rail-r leaf. '
          : spread ? `Each node's ${R} rails spread over the ${spread} leaves of its group, ${R / spread} to each. ` : 'All rails of a node land on the same leaf. '}
        {c.family === 'rail-only' ? 'Rails are not connected to each other.' : ''}
      </text>
    </svg>
  );
}
