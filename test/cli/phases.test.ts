import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkResult } from '../../src/model/validate';

const bin = join(__dirname, '..', '..', 'bin', 'railyard.mjs');
const example = join(__dirname, '..', '..', 'examples', 'h100-1024-to-4096-phases.json');
const run = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', cwd: mkdtempSync(join(tmpdir(), 'railyard-')) });

describe('railyard optimize on a scenario that grows in phases', () => {
  it('ranks by a capex PV column and prints the best design\'s capex per phase, its present value and day one', () => {
    const r = run('optimize', example, '--top', '3', '--out', 'r.json');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/capex\s+capex PV/);
    expect(r.stdout).toContain('Phases at 8% a year (ranked by capex present value):');
    expect(r.stdout).toMatch(/^1\s+0\s+1,024\s+16 leaf \+ 32 spine switches, 2,048 links\s+\$2,187,776/m);
    expect(r.stdout).toMatch(/^2\s+12\s+4,096\s+48 leaf switches, 6,144 links\s+\$4,100,506\s+0\.925926\s+\$3,796,764/m);
    expect(r.stdout).toContain('phased: capex $6,288,282, capex PV $5,984,540; day one: capex $6,288,282, capex PV $6,288,282; growing in phases saves $303,741 today');
  });

  it('puts each candidate\'s phase summary in --json, a valid result', () => {
    const r = run('optimize', example, '--top', '2', '--json', '--quiet');
    expect(r.status).toBe(0);
    const checked = checkResult(JSON.parse(r.stdout));
    if (!checked.ok) throw new Error(JSON.stringify(checked.problems));
    const best = checked.value.candidates[0];
    expect(best.objectiveValue).toBe(5_984_540.44);
    expect(best.phases?.savingVsDayOne).toBe(303_741.16);
    expect(best.phases?.phases.map((p) => p.capex)).toEqual([2_187_776, 4_100_505.6]);
  });
});
