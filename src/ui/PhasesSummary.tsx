import type { Candidate } from '../model/result';
import { fmtMoney } from './format';

const n = (x: number) => x.toLocaleString('en-US');

/**
 * How a design grows along the scenario's phase plan (docs/phases.md): per phase its month, GPUs,
 * what it adds, its capex and their present values; the totals the search ranked by; and the same
 * design bought on day one with what growing in phases saves. Shown only for phased scenarios.
 */
export function PhasesSummary({ candidate, currency, objective }: { candidate: Candidate; currency: string; objective: 'capex' | 'tco' }) {
  const p = candidate.phases;
  if (!p) return null;
  const what = objective === 'tco' ? 'TCO' : 'Capex';
  return (
    <section className="card phases-summary" aria-label="Phases">
      <h3>Phases <span className="muted">at {p.discountRatePct}% a year</span></h3>
      <table className="data compact">
        <thead>
          <tr>
            <th scope="col">Phase</th><th scope="col" className="num">Month</th><th scope="col" className="num">GPUs</th>
            <th scope="col">Adds</th><th scope="col" className="num">Capex</th><th scope="col" className="num">Factor</th>
            <th scope="col" className="num">Capex PV</th><th scope="col" className="num">Running</th><th scope="col" className="num">Running PV</th>
          </tr>
        </thead>
        <tbody>
          {p.phases.map((x) => (
            <tr key={x.phase} className="phase-row">
              <th scope="row">{x.phase}</th>
              <td className="num">{x.month}</td>
              <td className="num">{n(x.gpus)}</td>
              <td>
                {[`${n(x.adds.switches.leaf)} leaf`, `${n(x.adds.switches.spine)} spine`, `${n(x.adds.switches.core)} core`].filter((s) => !s.startsWith('0 ')).join(' + ') || 'no'} switches,{' '}
                {n(x.adds.links['node-leaf'] + x.adds.links['leaf-spine'] + x.adds.links['spine-core'])} links
              </td>
              <td className="num">{fmtMoney(x.capex, currency)}</td>
              <td className="num">{x.discountFactor.toFixed(4)}</td>
              <td className="num">{fmtMoney(x.capexPresentValue, currency)}</td>
              <td className="num" title={`${x.runningYears} years of energy, support and replacements`}>{fmtMoney(x.runningCost, currency)}</td>
              <td className="num">{fmtMoney(x.runningPresentValue, currency)}</td>
            </tr>
          ))}
          <tr className="day-one">
            <th scope="row">Day one</th><td className="num">0</td><td className="num">{n(p.phases[p.phases.length - 1].gpus)}</td><td>the whole design</td>
            <td className="num">{fmtMoney(p.dayOne.capex, currency)}</td><td className="num">1</td><td className="num">{fmtMoney(p.dayOne.capexPresentValue, currency)}</td>
            <td className="num">{fmtMoney(p.dayOne.runningCost, currency)}</td><td className="num">{fmtMoney(p.dayOne.runningPresentValue, currency)}</td>
          </tr>
        </tbody>
      </table>
      <table className="data compact phases-totals">
        <tbody>
          <tr><th scope="row">{what} present value, in phases (ranked by)</th><td className="num strong">{fmtMoney(p.objectivePresentValue, currency)}</td></tr>
          <tr><th scope="row">{what} present value, bought on day one</th><td className="num">{fmtMoney(p.dayOne.objectivePresentValue, currency)}</td></tr>
          <tr className="saving"><th scope="row">Saving of growing in phases, today</th><td className="num strong">{fmtMoney(p.savingVsDayOne, currency)}</td></tr>
        </tbody>
      </table>
    </section>
  );
}
