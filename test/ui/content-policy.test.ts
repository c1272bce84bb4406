import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CSP_DIRECTIVES, HEADER_CSP, headersFile, META_CSP, SECURITY_HEADERS } from '../../src/ui/content-policy';

const hosting = readFileSync(new URL('../../docs/hosting.md', import.meta.url), 'utf8');
const fenced = [...hosting.matchAll(/```(\w*)\n([\s\S]*?)```/g)].map((m) => ({ lang: m[1], body: m[2] }));

describe('content policy', () => {
  it('sends as a header the meta tag\'s policy plus frame-ancestors, which a meta tag cannot carry', () => {
    expect(META_CSP).not.toMatch(/frame-ancestors/);
    expect(HEADER_CSP).toBe(`${CSP_DIRECTIVES.join('; ')}; frame-ancestors 'none'`);
    expect(HEADER_CSP).toMatch(/worker-src 'self' blob:/);
    expect(HEADER_CSP).toMatch(/connect-src 'self' blob: data:/);
  });

  it('writes a _headers file that applies every security header to every path', () => {
    const lines = headersFile().split('\n');
    expect(lines).toContain('/*');
    for (const [name, value] of SECURITY_HEADERS) expect(lines).toContain(`  ${name}: ${value}`);
  });

  it('docs/hosting.md gives every host the policy the build ships, word for word', () => {
    const configs = fenced.filter((b) => ['', 'nginx', 'apache', 'caddy'].includes(b.lang) && /Content-Security-Policy/.test(b.body));
    expect(configs.map((b) => b.lang || '_headers').sort()).toEqual(['_headers', 'apache', 'caddy', 'nginx']);
    for (const b of configs) {
      expect(b.body).toContain(HEADER_CSP);
      expect(b.body).toMatch(/X-Content-Type-Options:? "?nosniff/);
    }
    expect(hosting).toContain(`| \`Content-Security-Policy\` | \`${HEADER_CSP}\` |`);
  });
});
