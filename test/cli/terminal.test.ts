// What the CLI prints from scenario or catalog text cannot drive the terminal.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { terminalCell, terminalText } from '../../src/cli/terminal';

/** Any character a terminal would act on rather than show. */
const ACTIVE = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/;

describe('terminalText', () => {
  it('removes ANSI colour, screen-clearing and cursor sequences but keeps the text around them', () => {
    expect(terminalText('QM9700\x1b[31;1m red\x1b[0m\x1b[2J\x1b[H')).toBe('QM9700 red');
    expect(terminalText('a\x9b2Jb')).toBe('ab');
  });

  it('removes OSC hyperlinks and title changes, terminated by BEL or ST', () => {
    expect(terminalText('\x1b]8;;http://x.example/?\x07Click\x1b]8;;\x07 here')).toBe('Click here');
    expect(terminalText('\x1b]0;pwned\x1b\\title')).toBe('title');
    expect(terminalText('\x9d0;pwned\x9ctitle')).toBe('title');
  });

  it('removes other control characters, DEL, C1 controls and bidirectional overrides; keeps newlines, tabs and Unicode', () => {
    expect(terminalText('a\x00b\x07c\x08d\re\x7ff\x85g\u202eh\u2066i\n\tj — Quantum-2 ✓')).toBe('abcdefghi\n\tj — Quantum-2 ✓');
  });

  it('terminalCell also folds newlines and tabs into spaces, so a cell cannot forge table rows', () => {
    expect(terminalCell('QM9700\n  2  fat-tree  fake row\tx')).toBe('QM9700   2  fat-tree  fake row x');
  });

  it('never lets an active character through, for any string', () => {
    fc.assert(
      // Any code point, weighted towards the pieces escape sequences are made of.
      fc.property(fc.string({ unit: fc.oneof(fc.constantFrom(...'\x1b\x9b\x9c\x9d\x07[]\\;8P0J'), fc.integer({ min: 0, max: 0x2fff }).map((c) => String.fromCodePoint(c))), maxLength: 40 }), (s) =>
        !ACTIVE.test(terminalText(s)) && !/[\n\t]/.test(terminalCell(s)),
      ),
      { numRuns: 1000 },
    );
  });

  it('leaves ordinary text unchanged', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'abcXYZ019 -_.,:;()[]/"\'=+@€°µ✓'), maxLength: 60 }), (s) => {
        expect(terminalText(s)).toBe(s);
      }),
    );
  });
});
