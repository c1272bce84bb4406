import type { PartCategory, Source } from '../model/common';
import type { Candidate, Result } from '../model/result';

type BomLine = Candidate['bom'][number];
import { fmtDec, fmtGbps, fmtInt, fmtMoney, fmtPct, fmtPower, fmtRatio } from './format';
import { ecmpWords, failureWords } from './resilience-view';
import { leafShareWords } from '../topology/node-spread';

export const FAMILY_LABEL: Record<Candidate['family'], string> = {
  'fat-tree': 'Fat-tree',
  'rail-optimized': 'Rail-optimized',
  'rail-only': 'Rail-only',
};

export const SOURCE_LABEL: Record<Source, string> = {
  'oem-new': 'OEM new',
  'oem-refurbished': 'OEM refurb',
  'compatible-new': 'Compatible',
  owned: 'Owned (reused)',
};

export const CATEGORY_LABEL: Record<PartCategory, string> = { switch: 'Switches', optic: 'Transceivers', cable: 'Cables' };

/** "32 x QM9700 leaf / 16 x QM9700 spine"; a fat-tree leaf holding part of each node says how much: "128 x QM9700 leaf (4 of 8 NICs per node)". */
export function tiersSummary(c: Candidate): string {
  return c.tiers.map((t) => {
    const notes = [t.upPortMode ? splitPorts(t) : undefined, t.role === 'leaf' ? leafShareWords(c.design) : undefined].filter(Boolean);
    return `${fmtInt(t.count)} x ${t.switchModel} ${t.role}${notes.length ? ` (${notes.join('; ')})` : ''}`;
  }).join(' / ');
}

/** A cage-split tier's ports, e.g. "64x400G down / 32x800G up" (docs/model.md "Split port modes"). */
export function splitPorts(t: Candidate['tiers'][number]): string {
  return `${t.downPorts}x${t.portGbps}G down / ${t.upPorts}x${t.upPortGbps}G up`;
}

export type SortKey =
  | 'rank' | 'family' | 'planes' | 'tiers' | 'capex' | 'perGpu' | 'savings' | 'power' | 'tco' | 'oversub' | 'e2e' | 'railLocal';

export interface ResultColumn {
  key: SortKey;
  label: string;
  numeric: boolean;
  title: string;
  value(c: Candidate): number | string;
}

export const RESULT_COLUMNS: ResultColumn[] = [
  { key: 'rank', label: 'Rank', numeric: true, title: 'Rank by the objective; Pareto-only designs have none', value: (c) => c.rank ?? Number.MAX_SAFE_INTEGER },
  { key: 'family', label: 'Family', numeric: false, title: 'Topology family', value: (c) => c.family },
  { key: 'planes', label: 'Planes', numeric: true, title: 'Independent fabric planes', value: (c) => c.planes },
  { key: 'tiers', label: 'Tiers', numeric: false, title: 'Switch count and model per tier', value: (c) => c.tiers.length * 1e6 + c.metrics.switchCount },
  { key: 'capex', label: 'Capex', numeric: true, title: 'Network capital cost: switches, optics, cables', value: (c) => c.metrics.capex },
  { key: 'perGpu', label: '$/GPU', numeric: true, title: 'Capex per GPU', value: (c) => c.metrics.capexPerGpu },
  { key: 'savings', label: 'Saving', numeric: true, title: 'Saving vs the same topology bought all OEM-new', value: (c) => c.metrics.savingsVsAllOemNew },
  { key: 'power', label: 'Power', numeric: true, title: 'Switches + optics, typical', value: (c) => c.metrics.powerW },
  { key: 'tco', label: 'TCO', numeric: true, title: 'Capex + energy + support + expected replacements over the objective years', value: (c) => c.metrics.tco },
  { key: 'oversub', label: 'Worst tier', numeric: true, title: 'Worst oversubscription at any tier', value: (c) => c.metrics.maxOversubscription },
  { key: 'e2e', label: 'End-to-end', numeric: true, title: 'End-to-end oversubscription: the product of the tier ratios, GPU to the top of the fabric', value: (c) => c.metrics.endToEndOversubscription },
  { key: 'railLocal', label: 'Rail-local', numeric: true, title: 'GPUs of one rail that reach each other through a single switch; rail-only: cross-rail traffic goes through the scale-up domain', value: (c) => c.metrics.railLocalGpus ?? 0 },
];

export function sortCandidates(cands: readonly Candidate[], key: SortKey, dir: 'asc' | 'desc'): Candidate[] {
  const col = RESULT_COLUMNS.find((c) => c.key === key) ?? RESULT_COLUMNS[0];
  const sign = dir === 'asc' ? 1 : -1;
  return [...cands].sort((a, b) => {
    const va = col.value(a);
    const vb = col.value(b);
    const d = typeof va === 'number' && typeof vb === 'number' ? va - vb : String(va).localeCompare(String(vb));
    return sign * d || (a.rank ?? 1e9) - (b.rank ?? 1e9) || a.objectiveValue - b.objectiveValue;
  });
}

/** Ranked candidates first, then Pareto-only ones by objective. */
export function rankedCandidates(result: Result): Candidate[] {
  return sortCandidates(result.candidates, 'rank', 'asc');
}

export interface BomGroup {
  category: PartCategory;
  lines: BomLine[];
  quantity: number;
  total: number;
}

export function bomGroups(c: Candidate): BomGroup[] {
  const order: PartCategory[] = ['switch', 'optic', 'cable'];
  return order
    .map((category) => {
      const lines = c.bom.filter((l) => l.category === category);
      return { category, lines, quantity: lines.reduce((x, l) => x + l.quantity, 0), total: lines.reduce((x, l) => x + l.extendedPrice, 0) };
    })
    .filter((g) => g.lines.length > 0);
}

export interface MetricRow {
  key: string;
  label: string;
  explain: string;
  value(c: Candidate, currency: string): string;
  /** For comparisons: the raw number, and whether lower is better. */
  raw(c: Candidate): number;
  lowerIsBetter?: boolean;
}

export const METRICS: MetricRow[] = [
  { key: 'capex', label: 'Capex', explain: 'What the switches, transceivers and cables cost with the chosen sourcing.', value: (c, cur) => fmtMoney(c.metrics.capex, cur), raw: (c) => c.metrics.capex, lowerIsBetter: true },
  { key: 'capexAllOemNew', label: 'Capex all OEM-new', explain: 'The same topology and media bought entirely OEM-new.', value: (c, cur) => fmtMoney(c.metrics.capexAllOemNew, cur), raw: (c) => c.metrics.capexAllOemNew, lowerIsBetter: true },
  { key: 'savings', label: 'Saving from sourcing', explain: 'All-OEM-new capex minus capex: what refurbished and compatible parts save.', value: (c, cur) => `${fmtMoney(c.metrics.savingsVsAllOemNew, cur)} (${fmtPct(c.metrics.savingsPct)})`, raw: (c) => c.metrics.savingsVsAllOemNew },
  { key: 'reuse', label: 'Saving from reuse', explain: 'The same design buying everything minus capex: the prices of the reused parts avoided, minus their residual value (docs/inventory.md).', value: (c, cur) => (c.metrics.reuse ? `${fmtMoney(c.metrics.reuse.savingVsBuyingEverything, cur)} (${fmtInt(c.metrics.reuse.units)} owned units reused; bought ${fmtMoney(c.metrics.reuse.capexBought, cur)})` : 'nothing reused'), raw: (c) => c.metrics.reuse?.savingVsBuyingEverything ?? 0 },
  { key: 'perGpu', label: 'Capex per GPU', explain: 'Network capex divided by the GPU count.', value: (c, cur) => fmtMoney(c.metrics.capexPerGpu, cur), raw: (c) => c.metrics.capexPerGpu, lowerIsBetter: true },
  { key: 'tco', label: 'TCO', explain: 'Capex plus energy (power x PUE x price), support and expected replacements over the objective years.', value: (c, cur) => fmtMoney(c.metrics.tco, cur), raw: (c) => c.metrics.tco, lowerIsBetter: true },
  { key: 'support', label: 'Support and replacements', explain: 'Support and licences per offer, and expected replacements from annual failure rates per source (estimated), over the objective years; spares are in capex.', value: (c, cur) => c.metrics.supportCost === undefined ? 'not reported (older result)' : `support ${fmtMoney(c.metrics.supportCost, cur)}, replacements ${fmtMoney(c.metrics.replacementCost ?? 0, cur)}, ${fmtInt(c.metrics.spareUnits ?? 0)} spare units`, raw: (c) => (c.metrics.supportCost ?? 0) + (c.metrics.replacementCost ?? 0), lowerIsBetter: true },
  { key: 'energy', label: 'Energy cost', explain: 'Network energy over the objective years, including cooling via PUE.', value: (c, cur) => fmtMoney(c.metrics.energyCost, cur), raw: (c) => c.metrics.energyCost, lowerIsBetter: true },
  { key: 'power', label: 'Power', explain: 'Typical draw of switches (without optics) plus transceivers and active cables.', value: (c) => `${fmtPower(c.metrics.powerW)} (switches ${fmtPower(c.metrics.switchPowerW)}, media ${fmtPower(c.metrics.mediaPowerW)})`, raw: (c) => c.metrics.powerW, lowerIsBetter: true },
  { key: 'switches', label: 'Switches', explain: 'Switches in every tier, rail and plane.', value: (c) => fmtInt(c.metrics.switchCount), raw: (c) => c.metrics.switchCount, lowerIsBetter: true },
  { key: 'links', label: 'Links', explain: 'Physical links, node-to-leaf and between switch tiers.', value: (c) => fmtInt(c.metrics.linkCount), raw: (c) => c.metrics.linkCount, lowerIsBetter: true },
  { key: 'transceivers', label: 'Transceivers', explain: 'Optical modules at both ends; a twin-port module serves two links.', value: (c) => fmtInt(c.metrics.transceiverCount), raw: (c) => c.metrics.transceiverCount, lowerIsBetter: true },
  { key: 'cables', label: 'Cables', explain: 'DACs, active copper, AOCs and fibers.', value: (c) => fmtInt(c.metrics.cableCount), raw: (c) => c.metrics.cableCount, lowerIsBetter: true },
  { key: 'ports', label: 'Port utilization', explain: 'Switch ports cabled out of all switch ports bought.', value: (c) => `${fmtPct(c.metrics.portUtilizationPct)} (${fmtInt(c.metrics.portsUsed)} of ${fmtInt(c.metrics.portsTotal)})`, raw: (c) => c.metrics.portUtilizationPct },
  { key: 'oversub', label: 'Worst oversubscription', explain: 'Highest down:up bandwidth ratio at any tier; 1:1 is non-blocking.', value: (c) => fmtRatio(Math.max(1, c.metrics.maxOversubscription)), raw: (c) => c.metrics.maxOversubscription, lowerIsBetter: true },
  { key: 'e2e', label: 'End-to-end oversubscription', explain: 'Product of the tier ratios: the slowdown of traffic that crosses the top tier.', value: (c) => fmtRatio(c.metrics.endToEndOversubscription), raw: (c) => c.metrics.endToEndOversubscription, lowerIsBetter: true },
  { key: 'railLocal', label: 'Rail locality', explain: 'GPUs of one rail that reach each other through a single switch (their leaf), and the worst switch hops of same-rail and cross-rail traffic.', value: (c) => railLocality(c), raw: (c) => c.metrics.railLocalGpus ?? 0 },
  { key: 'bisection', label: 'Bisection bandwidth', explain: 'Capacity across the narrowest cut that splits the fabric in half.', value: (c) => fmtGbps(c.metrics.bisectionGbps), raw: (c) => c.metrics.bisectionGbps },
  { key: 'diameter', label: 'Diameter', explain: 'Switch hops on the longest shortest path between two GPUs.', value: (c) => `${c.metrics.diameterHops} hops`, raw: (c) => c.metrics.diameterHops, lowerIsBetter: true },
  { key: 'allReduce', label: 'All-reduce bandwidth', explain: 'Estimated per-GPU bandwidth of a hierarchical all-reduce: inside each leaf group, then across groups at the end-to-end ratio (docs/model.md).', value: (c) => `${fmtDec(c.metrics.allReduceGBpsPerGpu)} GB/s per GPU`, raw: (c) => c.metrics.allReduceGBpsPerGpu },
  { key: 'allToAll', label: 'All-to-all bandwidth', explain: 'Estimated per-GPU all-to-all bandwidth: traffic leaving the leaf group pays the end-to-end ratio; rail-only pays a scale-up forwarding penalty (docs/model.md).', value: (c) => `${fmtDec(c.metrics.allToAllGBpsPerGpu)} GB/s per GPU`, raw: (c) => c.metrics.allToAllGBpsPerGpu },
  { key: 'leafBlast', label: 'Leaf failure blast radius', explain: 'GPU ports cut off when one leaf switch fails; a node whose NICs spread over several leaves keeps the ports on the others.', value: (c) => `${fmtInt(c.metrics.leafFailureGpuPortsCut)} GPU ports${(c.metrics.leavesPerNode ?? 1) > 1 && c.family === 'fat-tree' ? ` (each node reaches ${c.metrics.leavesPerNode} leaves and keeps ${c.metrics.leavesPerNode! - 1} of ${c.metrics.leavesPerNode} shares of its ports)` : ''}`, raw: (c) => c.metrics.leafFailureGpuPortsCut, lowerIsBetter: true },
  { key: 'spineBlast', label: 'Spine failure impact', explain: 'Share of bisection bandwidth lost when one spine fails.', value: (c) => fmtPct(c.metrics.spineFailureBisectionLossPct), raw: (c) => c.metrics.spineFailureBisectionLossPct, lowerIsBetter: true },
  { key: 'oneFail', label: 'Single switch failure', explain: 'Whether losing any one spine or core leaves every leaf connected to the rest of its fabric, and the upper switches each leaf reaches (docs/model.md, "Resilience and ECMP paths").', value: (c) => failureWords(c), raw: (c) => c.metrics.uplinkSwitchesPerLeaf ?? 0, lowerIsBetter: false },
  { key: 'ecmp', label: 'ECMP paths', explain: 'Equal-cost shortest paths between GPUs on two leaves (and across pods at 3 tiers), counting parallel links.', value: (c) => ecmpWords(c), raw: (c) => c.metrics.ecmpPathsCrossLeaf ?? 0, lowerIsBetter: false },
  { key: 'growth', label: 'Growth headroom', explain: 'Endpoint ports that can be added without adding a tier.', value: (c) => `${fmtInt(c.metrics.growthHeadroomEndpoints)} ports`, raw: (c) => c.metrics.growthHeadroomEndpoints },
  { key: 'space', label: 'Rack space', explain: 'Switch rack units and the network racks they fill.', value: (c) => `${fmtInt(c.metrics.rackUnits)} U in ${fmtInt(c.metrics.networkRacks)} racks`, raw: (c) => c.metrics.rackUnits, lowerIsBetter: true },
  { key: 'lead', label: 'Longest lead time', explain: 'Slowest offer in the BOM: when the last part arrives.', value: (c) => `${fmtDec(c.metrics.maxLeadTimeWeeks)} week${c.metrics.maxLeadTimeWeeks === 1 ? '' : 's'}`, raw: (c) => c.metrics.maxLeadTimeWeeks, lowerIsBetter: true },
  { key: 'warranty', label: 'Shortest warranty', explain: 'Weakest warranty among the offers bought.', value: (c) => `${fmtDec(c.metrics.minWarrantyYears)} year${c.metrics.minWarrantyYears === 1 ? '' : 's'}`, raw: (c) => c.metrics.minWarrantyYears },
];

export interface CompareRow {
  label: string;
  values: string[];
  /** The values are not all equal. */
  differs: boolean;
  /** Index of the best value when it differs and a direction is known. */
  best: number | null;
}

/** Side-by-side rows for pinned candidates, flagging the rows that differ. */
export function compareRows(cands: readonly Candidate[], currency: string): CompareRow[] {
  const structural: CompareRow[] = [
    { label: 'Family', values: cands.map((c) => FAMILY_LABEL[c.family]), differs: false, best: null },
    { label: 'Technology', values: cands.map((c) => (c.technology === 'infiniband' ? 'InfiniBand' : 'Ethernet')), differs: false, best: null },
    { label: 'Planes', values: cands.map((c) => String(c.planes)), differs: false, best: null },
    { label: 'Link speed', values: cands.map((c) => `${c.linkGbps}G`), differs: false, best: null },
    { label: 'Tiers', values: cands.map(tiersSummary), differs: false, best: null },
  ].map((r) => ({ ...r, differs: new Set(r.values).size > 1 }));
  const metric = METRICS.map((m) => {
    const values = cands.map((c) => m.value(c, currency));
    const raws = cands.map((c) => m.raw(c));
    const differs = new Set(values).size > 1;
    let best: number | null = null;
    if (differs && m.lowerIsBetter !== undefined) {
      const target = m.lowerIsBetter ? Math.min(...raws) : Math.max(...raws);
      best = raws.indexOf(target);
    }
    return { label: m.label, values, differs, best };
  });
  return [...structural, ...metric];
}

export type ParetoAxis = 'oversubscription' | 'power';

export interface ChartPoint {
  id: string;
  x: number;
  y: number;
  rank: number | null;
  pareto: boolean;
  label: string;
}

/** Points for the cost chart: x = objective cost, y = worst oversubscription or power. */
export function chartPoints(result: Result, axis: ParetoAxis): ChartPoint[] {
  const front = new Set(result.pareto);
  return result.candidates.map((c) => ({
    id: c.id,
    x: result.objective === 'tco' ? c.metrics.tco : c.metrics.capex,
    y: axis === 'power' ? c.metrics.powerW : Math.max(1, c.metrics.maxOversubscription),
    rank: c.rank,
    pareto: front.has(c.id),
    label: `${c.rank ? `#${c.rank} ` : 'Pareto '}${FAMILY_LABEL[c.family]}, ${tiersSummary(c)}`,
  }));
}

/** Round axis ticks covering [lo, hi]. */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo)) return [lo];
  const step0 = (hi - lo) / count;
  const mag = 10 ** Math.floor(Math.log10(step0));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= step0) ?? step0;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(Number(v.toFixed(10)));
  return out;
}

/** Rail-local reach in words: how many same-rail GPUs share a switch, and how cross-rail traffic travels. */
export function railLocality(c: Candidate): string {
  const m = c.metrics;
  if (m.railLocalGpus === undefined) return 'not reported (older result)';
  const hops = (h = 0) => `${h} switch hop${h === 1 ? '' : 's'}`;
  const cross = m.crossRailViaScaleUp
    ? `cross-rail traffic goes through the scale-up domain, then ${hops(m.crossRailHops)}`
    : `cross-rail at most ${hops(m.crossRailHops)}`;
  return `${m.railLocalGpus.toLocaleString('en-US')} GPUs per rail on one switch; same rail at most ${hops(m.sameRailHops)}; ${cross}`;
}
