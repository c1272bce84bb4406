import type { Candidate, Result } from '../model/result';
import { leafShareWords } from '../topology/node-spread';
import { terminalCell } from './terminal';

const money0 = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

export function money(x: number, currency = 'USD'): string {
  const sign = currency === 'USD' ? '$' : `${currency} `;
  return `${x < 0 ? '-' : ''}${sign}${money0.format(Math.abs(x))}`;
}

export function ratio(x: number): string {
  return `${Number(x.toFixed(2))}:1`;
}

/** "32 x QM9700 leaf / 16 x QM9700 spine"; 3-tier designs also say how the spines form pods, fat-tree leaves holding part of each node how much. */
export function tiersSummary(c: Candidate): string {
  return c.tiers
    .map((t) => {
      const lp = c.design.leavesPerPod;
      const pods = t.role === 'spine' && lp ? ` (${Math.ceil(c.tiers[0].countPerPlane / lp)} pods of ${lp} leaves)` : '';
      // A cage-split tier says both sides: "64 x SN5600 leaf (64x400G down / 32x800G up)".
      const split = t.upPortMode ? ` (${t.downPorts}x${t.portGbps}G down / ${t.upPorts}x${t.upPortGbps}G up)` : '';
      // A fat-tree leaf holding part of each node: "128 x QM9700 leaf (4 of 8 NICs per node)".
      const share = t.role === 'leaf' ? leafShareWords(c.design) : undefined;
      return `${t.count} x ${t.switchModel} ${t.role}${split}${share ? ` (${share})` : ''}${pods}`;
    })
    .join(' / ');
}

/** A plain-text table; cells may hold catalog text (switch models, currency), made terminal-safe. */
function table(headers: string[], cellRows: string[][], rightAligned: Set<number>): string {
  const rows = cellRows.map((r) => r.map(terminalCell));
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (rightAligned.has(i) ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** The ranked summary table the CLI prints. */
export function summaryTable(result: Result): string {
  const gpus = result.scenario.cluster.gpus;
  const cur = result.currency;
  const ranked = result.candidates.filter((c) => c.rank !== null);
  // Growing in phases, the rank is by present value (capex PV, or TCO PV): its own column after the total capex.
  const phased = ranked.some((c) => c.phases);
  const pvHeader = result.objective === 'tco' ? 'TCO PV' : 'capex PV';
  const rows = ranked.map((c) => [
    String(c.rank),
    c.family,
    `${c.technology === 'infiniband' ? 'IB' : 'Eth'} ${c.planes > 1 ? `${c.planes}x` : ''}${c.linkGbps}G`,
    tiersSummary(c),
    String(c.metrics.switchCount),
    money(c.metrics.capex, cur),
    ...(phased ? [money(c.objectiveValue, cur)] : []),
    money(c.metrics.capex / gpus, cur),
    `${money(c.metrics.savingsVsAllOemNew, cur)} (${c.metrics.savingsPct.toFixed(0)}%)`,
    `${(c.metrics.powerW / 1000).toFixed(1)} kW`,
    failureSafety(c),
    ecmpSummary(c),
    ratio(Math.max(1, c.metrics.maxOversubscription)),
    ratio(Math.max(1, c.metrics.endToEndOversubscription)),
    c.metrics.railLocalGpus?.toLocaleString('en-US') ?? '-',
    warningsSummary(c),
  ]);
  const headers = ['rank', 'family', 'links', 'tiers', 'switches', 'capex', ...(phased ? [pvHeader] : []), 'per GPU', 'saved vs all-OEM-new', 'power', '1-fail safe', 'ECMP leaf/pod', 'oversub', 'e2e', 'rail-local', 'warnings'];
  const right = ['rank', 'switches', 'capex', pvHeader, 'per GPU', 'saved vs all-OEM-new', 'power', 'ECMP leaf/pod', 'oversub', 'e2e', 'rail-local'];
  return table(headers, rows, new Set(headers.flatMap((h, i) => (right.includes(h) ? [i] : []))));
}

/**
 * A phased build of one design, as the CLI prints it: per phase its month, GPUs, what it adds,
 * its capex and present value; the totals; and the same design bought on day one.
 */
export function phasesReport(c: Candidate, currency: string, objective: 'capex' | 'tco'): string {
  const p = c.phases;
  if (!p) return '';
  const n = (x: number) => x.toLocaleString('en-US');
  const adds = (a: NonNullable<Candidate['phases']>['phases'][number]['adds']) =>
    [`${n(a.switches.leaf)} leaf`, `${n(a.switches.spine)} spine`, `${n(a.switches.core)} core`].filter((x) => !x.startsWith('0 ')).join(' + ') +
    ` switches, ${n(a.links['node-leaf'] + a.links['leaf-spine'] + a.links['spine-core'])} links`;
  const rows = p.phases.map((x) => [
    String(x.phase), String(x.month), n(x.gpus), adds(x.adds), money(x.capex, currency), x.discountFactor.toFixed(6), money(x.capexPresentValue, currency),
    `${money(x.runningCost, currency)} (${x.runningYears} y)`, money(x.runningPresentValue, currency),
  ]);
  rows.push(['day one', '0', n(p.phases[p.phases.length - 1].gpus), 'the whole design', money(p.dayOne.capex, currency), '1', money(p.dayOne.capexPresentValue, currency),
    money(p.dayOne.runningCost, currency), money(p.dayOne.runningPresentValue, currency)]);
  const what = objective === 'tco' ? 'TCO' : 'capex';
  return `Phases at ${p.discountRatePct}% a year (ranked by ${what} present value):\n` +
    table(['phase', 'month', 'GPUs', 'adds', 'capex', 'factor', 'capex PV', 'running', 'running PV'], rows, new Set([1, 2, 4, 5, 6, 7, 8])) + '\n' +
    `  phased: capex ${money(p.capex, currency)}, ${what} PV ${money(p.objectivePresentValue, currency)}; day one: capex ${money(p.dayOne.capex, currency)}, ${what} PV ${money(p.dayOne.objectivePresentValue, currency)}; ` +
    `growing in phases saves ${money(p.savingVsDayOne, currency)} today\n`;
}

/**
 * Whether one spine or core failure can cut a leaf off (docs/model.md, "Resilience and ECMP paths"),
 * with the spines each leaf reaches: "yes (32 spines)", "no (1 spine)"; a 1-tier design has no upper switch.
 */
export function failureSafety(c: Pick<Candidate, 'metrics' | 'tiers'>): string {
  const m = c.metrics;
  if (m.singleSwitchFailureSafe === undefined) return '-';
  if (c.tiers.length === 1) return '1 tier';
  const up = m.uplinkSwitchesPerLeaf ?? 0;
  return `${m.singleSwitchFailureSafe ? 'yes' : 'NO'} (${up.toLocaleString('en-US')} spine${up === 1 ? '' : 's'})`;
}

/** Link-level equal-cost paths between GPUs on two leaves of a pod, and across pods at 3 tiers: "32", "32 / 1,024". */
export function ecmpSummary(c: Pick<Candidate, 'metrics'>): string {
  const m = c.metrics;
  if (m.ecmpPathsCrossLeaf == null) return '-';
  const pod = m.ecmpPathsCrossPod == null ? '' : ` / ${m.ecmpPathsCrossPod.toLocaleString('en-US')}`;
  return `${m.ecmpPathsCrossLeaf.toLocaleString('en-US')}${pod}`;
}

/** A row's warnings by kind, e.g. "1 unconfirmed, 3 estimated" (the Best block lists them in full). */
export function warningsSummary(c: Pick<Candidate, 'warnings'>): string {
  const counts = new Map<string, number>();
  for (const w of c.warnings) counts.set(w.code, (counts.get(w.code) ?? 0) + 1);
  const short: Record<string, string> = { 'unconfirmed-part': 'unconfirmed', 'estimated-figure': 'estimated' };
  return [...counts].map(([code, n]) => `${n} ${short[code] ?? code}`).join(', ') || '-';
}
