import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkResult } from '../../src/model/validate';

const bin = join(__dirname, '..', '..', 'bin', 'railyard.mjs');
const examples = join(__dirname, '..', '..', 'examples');
const run = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', cwd: mkdtempSync(join(tmpdir(), 'railyard-')) });
const dir = () => mkdtempSync(join(tmpdir(), 'railyard-inv-'));

// 1,024 H100 GPUs on 48 QM9700 (32 leaves, 16 spines): 40 owned switches are reused, 8 more bought.
const scenario = join(examples, 'h100-1024-ndr.json');
const inventory = (d: string, items: object[]) => {
  const path = join(d, 'inventory.json');
  writeFileSync(path, JSON.stringify({ schemaVersion: 1, kind: 'inventory', name: 'Spare shelf', items }));
  return path;
};

describe('railyard optimize --inventory', () => {
  it('reuses owned switches, reports what is reused and bought, and the saving against buying everything', () => {
    const d = dir();
    const inv = inventory(d, [{ part: 'QM9700', quantity: 40, residualValue: 10000, condition: 'ex-Hopper' }]);
    const out = join(d, 'r.json');
    const plain = run('optimize', scenario, '--out', join(d, 'plain.json'), '--top', '1');
    const r = run('optimize', scenario, '--inventory', inv, '--out', out, '--top', '1');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('Reused from the inventory (40 units, residual value $400,000):');
    expect(r.stdout).toMatch(/^ {4}40 x QM9700 \(owned\) \$400,000$/m);
    expect(r.stdout).toMatch(/^Bought \(\$[\d,]+\):$/m);
    expect(r.stdout).toContain('Prices: Railyard default catalog + Spare shelf.');
    const result = JSON.parse(readFileSync(out, 'utf8'));
    expect(checkResult(result).ok).toBe(true);
    const best = result.candidates[0];
    const before = JSON.parse(readFileSync(join(d, 'plain.json'), 'utf8')).candidates[0];
    expect(best.id).toBe(before.id);
    // The same design bought outright costs what "buying everything" says, and the saving is avoided - residual.
    expect(best.metrics.reuse.capexBuyingEverything).toBe(before.metrics.capex);
    expect(Math.round((before.metrics.capex - best.metrics.capex) * 100)).toBe(Math.round((best.metrics.reuse.avoidedPrice - 400_000) * 100));
    expect(r.stdout).toContain(`saving against buying everything $${best.metrics.reuse.savingVsBuyingEverything.toLocaleString('en-US')}`);
  });

  it('says when the best design reuses nothing because the sourcing policy forbids owned parts', () => {
    const d = dir();
    const s = JSON.parse(readFileSync(scenario, 'utf8'));
    s.sourcing = { switch: ['oem-new', 'oem-refurbished', 'compatible-new'] };
    writeFileSync(join(d, 's.json'), JSON.stringify(s));
    const r = run('optimize', join(d, 's.json'), '--inventory', inventory(d, [{ part: 'QM9700', quantity: 40 }]), '--out', join(d, 'r.json'), '--top', '1');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('Reused: nothing from the inventory');
  });

  it('refuses an --out that is the inventory file, before searching, and leaves the inventory as it was', () => {
    const d = dir();
    const inv = inventory(d, [{ part: 'QM9700', quantity: 4 }]);
    const before = readFileSync(inv, 'utf8');
    const r = run('optimize', scenario, '--inventory', inv, '--out', inv);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`--out ${inv} is the inventory ${inv} (the same file)`);
    expect(r.stderr).not.toContain('Searching');
    expect(readFileSync(inv, 'utf8')).toBe(before);
  });

  it('lists every problem of an inventory by field path, against the catalog in use, and searches nothing', () => {
    const d = dir();
    const inv = inventory(d, [{ part: 'QM9700', quantity: 2.5 }, { part: 'QM9700-X', quantity: 1 }, { part: 'MFP7E10-N0xx', lengthM: 4, quantity: 1 }]);
    const out = join(d, 'r.json');
    const r = run('optimize', scenario, '--inventory', inv, '--out', out);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('items[0].quantity: must be an integer');
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+/);
    expect(() => statSync(out)).toThrow();
    const cross = run('optimize', scenario, '--inventory', inventory(d, [{ part: 'QM9700-X', quantity: 1 }, { part: 'MFP7E10-N0xx', lengthM: 4, quantity: 1 }]), '--out', out);
    expect(cross.stderr).toContain('items[0].part: must name a switch, transceiver or cable in the catalog, got "QM9700-X"');
    expect(cross.stderr).toContain("items[1].lengthM: must be one of the cable's standard lengths");
  });

  it('exports a result priced with an inventory only with the same --inventory, and its BOM CSV puts reused lines apart from the items to buy', () => {
    const d = dir();
    const inv = inventory(d, [{ part: 'QM9700', quantity: 40, residualValue: 10000 }]);
    const out = join(d, 'r.json');
    expect(run('optimize', scenario, '--inventory', inv, '--out', out, '--top', '1').status).toBe(0);
    const without = run('export', out, '--format', 'bom-csv');
    expect(without.status).toBe(1);
    expect(without.stderr).toContain('needs the same --inventory');
    const csv = run('export', out, '--format', 'bom-csv', '--inventory', inv);
    expect(csv.status, csv.stderr).toBe(0);
    // Reused lines follow the items to buy, marked so a purchase request built from `item` rows orders none of them.
    const rows = csv.stdout.trim().split('\n').map((l) => l.split(','));
    const kinds = rows.slice(1).map((r) => r[0]);
    expect(rows.filter((r) => r[0] === 'reused').map((r) => [r[2], r[3], r[11]])).toEqual([['owned', 'QM9700', '40']]);
    expect(rows.some((r) => r[0] === 'item' && r[2] === 'owned')).toBe(false);
    expect(kinds.lastIndexOf('item')).toBeLessThan(kinds.indexOf('reused'));
    expect(rows.find((r) => r[0] === 'subtotal-source' && r[2] === 'owned')?.[15]).toBe('400000');
  });
});

describe('railyard validate on an inventory', () => {
  it('recognises an inventory and checks it against the catalog', () => {
    const r = run('validate', join(examples, 'inventory-hopper-64-qm9700.json'));
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('valid inventory (schemaVersion 1): 2 lines, 2,064 units');
    const d = dir();
    const bad = inventory(d, [{ part: 'QM9700', quantity: 1 }, { part: 'X', quantity: 2 }]);
    const b = run('validate', bad);
    expect(b.status).toBe(1);
    expect(b.stderr).toContain('items[1].part: must name a switch, transceiver or cable in the catalog, got "X"');
  });
});
