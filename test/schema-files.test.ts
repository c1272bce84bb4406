import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

describe('published JSON Schemas', () => {
  it('match what the zod schemas generate (npm run schema)', () => {
    const root = join(__dirname, '..');
    const files = ['scenario', 'catalog', 'result'].map((n) => join(root, 'public', 'schema', `${n}.schema.json`));
    const before = files.map((f) => readFileSync(f, 'utf8'));
    execFileSync(process.execPath, ['--import', 'tsx', join(root, 'scripts', 'generate-schemas.ts')], { cwd: root });
    const after = files.map((f) => readFileSync(f, 'utf8'));
    expect(after).toEqual(before);
    const scenario = JSON.parse(after[0]);
    expect(scenario.required).toEqual(['cluster']);
    expect(scenario.properties.cluster.required).toEqual(['gpus']);
  });
});
