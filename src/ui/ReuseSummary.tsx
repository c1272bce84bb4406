import type { BomLine, Candidate } from '../model/result';
import { itemLabel } from '../model/inventory';
import { fmtMoney } from './format';

const lineText = (l: BomLine) => itemLabel({ part: l.part, lengthM: l.lengthM });

/**
 * What one design reuses from the owned inventory and what it buys: the capex of what is bought,
 * the residual value of what is reused, and the saving against buying everything (prices avoided
 * minus residual value). Shown only when the design reuses something.
 */
export function ReuseSummary({ candidate, currency }: { candidate: Candidate; currency: string }) {
  const r = candidate.metrics.reuse;
  if (!r) return null;
  const reused = candidate.bom.filter((l) => l.source === 'owned');
  const bought = candidate.bom.filter((l) => l.source !== 'owned');
  return (
    <section className="card reuse-summary" aria-label="Reused and bought">
      <h3>Reused and bought</h3>
      <div className="two-col">
        <LineTable title="Reused from the inventory" lines={reused} priceHead="Residual value" kind="reused" currency={currency} />
        <LineTable title="Bought" lines={bought} priceHead="Price" kind="bought" currency={currency} />
      </div>
      <table className="data compact reuse-totals">
        <tbody>
          <tr><th scope="row">Capex of what is bought</th><td className="num">{fmtMoney(r.capexBought, currency)}</td></tr>
          <tr><th scope="row" title="What the reused parts would fetch if sold: the cost of reusing them, counted in capex">Residual value of what is reused</th><td className="num">{fmtMoney(r.residualValue, currency)}</td></tr>
          <tr><th scope="row">Capex</th><td className="num">{fmtMoney(candidate.metrics.capex, currency)}</td></tr>
          <tr><th scope="row" title="The same design with every reused part bought from the allowed offers, cheapest first">Capex buying everything</th><td className="num">{fmtMoney(r.capexBuyingEverything, currency)}</td></tr>
          <tr className="saving">
            <th scope="row" title={`Prices avoided ${fmtMoney(r.avoidedPrice, currency)} minus residual value ${fmtMoney(r.residualValue, currency)}`}>Saving against buying everything</th>
            <td className="num strong">{fmtMoney(r.savingVsBuyingEverything, currency)}</td>
          </tr>
        </tbody>
      </table>
    </section>
  );
}

/** One side of the summary: the BOM lines reused (at residual value) or bought (with their source). */
function LineTable({ title, lines, priceHead, kind, currency }: { title: string; lines: BomLine[]; priceHead: string; kind: 'reused' | 'bought'; currency: string }) {
  const units = lines.reduce((x, l) => x + l.quantity, 0);
  return (
    <div>
      <h4>{title} <span className="muted">{units.toLocaleString('en-US')} units</span></h4>
      <table className="data compact">
        <thead><tr><th scope="col">Part</th><th scope="col" className="num">Qty</th><th scope="col" className="num">{priceHead}</th></tr></thead>
        <tbody>
          {lines.map((l, i) => (
            <tr key={`${l.offer}-${l.spare ? 's' : 'i'}-${i}`} className={`${kind}-line`}>
              <td><span className="mono">{lineText(l)}</span>{kind === 'bought' && <> <span className="muted">{l.source}</span></>}{l.spare && <span className="muted"> spare</span>}</td>
              <td className="num">{l.quantity.toLocaleString('en-US')}</td>
              <td className="num">{fmtMoney(l.extendedPrice, currency)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
