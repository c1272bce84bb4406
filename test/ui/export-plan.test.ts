import { describe, expect, it } from 'vitest';
import { blobSink } from '../../src/export/stream-client';
import { ScenarioSchema } from '../../src/model/scenario';
import type { Candidate } from '../../src/model/result';
import { optimize } from '../../src/topology/optimize';
import {
  BLOB_LIMIT_BYTES, catalogMismatch, DIRECT_DOWNLOAD_BYTES, chooseRoute, cliCommand, countLines, estimateBytes, expectedLines, exportFraction, exportLimit, fmtBytes, offeredExports,
} from '../../src/ui/export-plan';
import { labCatalog } from '../fixtures/lab-catalog';

function labCandidate(): Candidate {
  const r = optimize(ScenarioSchema.parse({ cluster: { gpus: 64, serverProfile: 'one-port-400g' }, search: { topK: 1 } }), labCatalog());
  if (!r.ok) throw new Error(r.reason);
  return r.result.candidates[0];
}

const withLinks = (c: Candidate, linkCount: number, technology = c.technology): Candidate => ({ ...c, technology, metrics: { ...c.metrics, linkCount, cableCount: linkCount } });

describe('export plan', () => {
  it('offers ibnetdiscover only for InfiniBand, containerlab only for Ethernet, and the NetBox import set for both', () => {
    const c = labCandidate();
    const ids = (t: Candidate['technology']) => offeredExports({ ...c, technology: t }).map((f) => f.id);
    const netbox = ['sites', 'racks', 'manufacturers', 'device-roles', 'device-types', 'devices', 'interfaces', 'cables'].map((t) => `netbox-${t}`);
    expect(ids('infiniband')).toEqual(['cables-csv', 'dot', 'ibnetdiscover', 'topology-conf', 'rack-csv', ...netbox]);
    expect(ids('ethernet')).toEqual(['cables-csv', 'dot', 'topology-conf', 'containerlab', 'rack-csv', ...netbox]);
  });

  it('names the writers\' own limits', () => {
    const c = labCandidate();
    expect(exportLimit('containerlab', withLinks(c, 5000, 'ethernet'))).toBeUndefined();
    expect(exportLimit('containerlab', withLinks(c, 5001, 'ethernet'))).toMatch(/limited to 5,000 links; this design has 5,001/);
    expect(exportLimit('ibnetdiscover', withLinks(c, 3_000_000, 'infiniband'))).toMatch(/limited to 2,000,000 links/);
    expect(exportLimit('cables-csv', withLinks(c, 6_291_456))).toBeUndefined();
  });

  it('downloads an export under 50 MB directly, even where the save dialog exists', () => {
    const c = labCandidate();
    const cli = cliCommand('cables-csv', c.id, 'results.json', 'cables.csv');
    expect(DIRECT_DOWNLOAD_BYTES).toBe(50 * 1024 * 1024);
    expect(chooseRoute('cables-csv', c, true, cli)).toEqual({ kind: 'blob' });
    expect(chooseRoute('cables-csv', c, false, cli)).toEqual({ kind: 'blob' });
    // The 1,024-GPU example's schedule (about 4,000 links) is far below the limit.
    expect(estimateBytes('cables-csv', withLinks(c, 4096))).toBeLessThan(DIRECT_DOWNLOAD_BYTES);
    // Right at the limit it still downloads; one link more and it streams.
    const atLimit = Math.floor((DIRECT_DOWNLOAD_BYTES - 1024) / 300);
    expect(chooseRoute('cables-csv', withLinks(c, atLimit), true, cli)).toEqual({ kind: 'blob' });
    expect(chooseRoute('cables-csv', withLinks(c, atLimit + 1), true, cli)).toEqual({ kind: 'stream' });
  });

  it('streams a large export to a chosen file when the browser can, builds it in memory when it fits, and otherwise points at the CLI', () => {
    const c = labCandidate();
    const big = withLinks(c, 6_291_456);
    const cli = cliCommand('cables-csv', big.id, 'results.json', 'cables.csv');
    expect(cli).toBe(`npx railyard export results.json --candidate ${big.id} --format cables-csv --out cables.csv`);
    expect(chooseRoute('cables-csv', big, true, cli)).toEqual({ kind: 'stream' });
    expect(chooseRoute('cables-csv', withLinks(c, 500_000), false, cli)).toEqual({ kind: 'blob' });
    const refused = chooseRoute('cables-csv', big, false, cli);
    expect(refused.kind).toBe('refuse');
    if (refused.kind === 'refuse') {
      expect(refused.message).toContain(cli);
      expect(refused.message).toMatch(/about 1\.9 GB/);
    }
    // The aggregated DOT of a huge fabric is small, so it downloads directly.
    expect(chooseRoute('dot', big, true, cli)).toEqual({ kind: 'blob' });
    expect(estimateBytes('cables-csv', big)).toBeGreaterThan(BLOB_LIMIT_BYTES);
  });

  it('refuses exports when the catalog is not the one the result was priced with', () => {
    expect(catalogMismatch({ catalogName: 'A' }, 'A')).toBeUndefined();
    expect(catalogMismatch({ catalogName: 'Quotes 2026-Q1' }, 'Railyard default catalog')).toMatch(/priced with the catalog "Quotes 2026-Q1", but the current catalog is "Railyard default catalog"/);
  });

  it('reports progress from lines when known and from bytes otherwise, never 100% before the end', () => {
    const c = withLinks(labCandidate(), 999);
    expect(expectedLines('cables-csv', c)).toBe(1000);
    // A splitter is one row for two links: the rows follow the cable count.
    expect(expectedLines('cables-csv', { ...c, metrics: { ...c.metrics, linkCount: 2048, cableCount: 1536 } })).toBe(1537);
    expect(expectedLines('dot', c)).toBeUndefined();
    expect(countLines('a\nb\nc')).toBe(2);
    expect(countLines('')).toBe(0);
    expect(exportFraction({ lines: 500, bytes: 1 }, { lines: 1000, bytes: 10 })).toBe(0.5);
    expect(exportFraction({ lines: 0, bytes: 50 }, { bytes: 100 })).toBe(0.5);
    expect(exportFraction({ lines: 2000, bytes: 500 }, { lines: 1000, bytes: 100 })).toBe(0.99);
    expect(fmtBytes(838e6)).toBe('838 MB');
    expect(fmtBytes(1.26e9)).toBe('1.3 GB');
    expect(fmtBytes(12_300)).toBe('12 kB');
  });
});

describe('blob sink', () => {
  it('collects the chunks into one Blob', async () => {
    let out: Blob | undefined;
    const sink = blobSink('text/csv', 1000, (b) => (out = b));
    await sink.write('a,b\n');
    await sink.write('1,2\n');
    await sink.close();
    expect(await out!.text()).toBe('a,b\n1,2\n');
    expect(out!.type).toBe('text/csv');
  });

  it('fails past its limit', async () => {
    const sink = blobSink('text/plain', 5, () => {});
    await sink.write('abc');
    await expect(sink.write('def')).rejects.toThrow(/too large to build in memory/);
  });
});
