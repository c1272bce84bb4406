import { describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../src/catalog/default';
import { checkCatalog, type FieldProblem } from '../../src/model/validate';
import { expectFieldProblem } from './clean-messages';

/** The default catalog as a file would hold it, with one edit. */
const edited = (edit: (c: Record<string, any>) => void): unknown => {
  const c = JSON.parse(JSON.stringify(defaultCatalog));
  edit(c);
  return c;
};

const problemsOf = (input: unknown): FieldProblem[] => {
  const r = checkCatalog(input);
  if (r.ok) throw new Error('expected the catalog to be refused');
  for (const p of r.problems) expectFieldProblem(`${p.path}: ${p.message}`);
  return r.problems;
};

describe('catalog cross-checks (ids that refer to other parts)', () => {
  const huge = 'Q'.repeat(300_000);
  const escape = '\u001b]0;pwned\u0007\u001b[2J';

  it('reports an offer part that breaks the id rule once, by that rule, without cross-checking or quoting it', () => {
    for (const part of [huge, escape, `${escape}${huge}`]) {
      const problems = problemsOf(edited((c) => (c.offers[0].part = part)));
      expect(problems.length).toBeGreaterThan(0);
      for (const p of problems) {
        expect(p.path).toBe('offers[0].part');
        expect(p.message).toMatch(/^must be (at most 80 characters|letters, digits and \. _ \+ : \/ - only)/);
        expect(p.message).not.toContain('in the catalog');
        expect(p.message.length).toBeLessThan(200);
      }
    }
  });

  it('does not cross-check recipe parts, server NICs or duplicate ids that break the id rule', () => {
    const problems = problemsOf(
      edited((c) => {
        c.mediaRecipes[0].parts[0].part = huge;
        c.serverProfiles[0].nic = escape;
        c.offers[1].id = escape;
        c.offers[2].id = escape;
        c.switches[1].id = huge;
        c.switches[2].id = huge;
      }),
    );
    const badIds = ['mediaRecipes[0].parts[0].part', 'offers[1].id', 'offers[2].id', 'serverProfiles[0].nic', 'switches[1].id', 'switches[2].id'];
    for (const path of badIds) expect(problems.some((p) => p.path === path), path).toBe(true);
    for (const p of problems.filter((p) => badIds.includes(p.path))) expect(p.message, `${p.path}: ${p.message}`).not.toMatch(/in the catalog|must be unique/);
    // The rest are offers for the two switches, whose ids no longer match: those well-formed parts are cross-checked.
    for (const p of problems.filter((p) => !badIds.includes(p.path))) expect(p.message).toMatch(/^must name a switch, transceiver or cable in the catalog, got "[\w.:+/-]+"$/);
  });

  it('still cross-checks well-formed ids, quoting them cut to 40 characters', () => {
    const unknown = `NO-SUCH-PART-${'x'.repeat(60)}`;
    const problems = problemsOf(edited((c) => (c.offers[0].part = unknown)));
    expect(problems).toEqual([{ path: 'offers[0].part', message: `must name a switch, transceiver or cable in the catalog, got "${unknown.slice(0, 40)}…"` }]);
    const dup = problemsOf(edited((c) => (c.offers[1].id = c.offers[0].id)));
    expect(dup).toEqual([{ path: 'offers[1].id', message: `must be unique, got ${JSON.stringify(defaultCatalog.offers[0].id)} a second time` }]);
    const twin = problemsOf(edited((c) => (c.cables[0].id = c.switches[0].id)));
    expect(twin.find((p) => p.path === 'cables[0].id')).toEqual({ path: 'cables[0].id', message: `must be unique (switches.0 already uses it), got ${JSON.stringify(defaultCatalog.switches[0].id)}` });
    const nic = problemsOf(edited((c) => (c.serverProfiles[0].nic = 'CX-9')));
    expect(nic).toEqual([{ path: 'serverProfiles[0].nic', message: 'must name a NIC in the catalog, got "CX-9"' }]);
  });
});
