import { parse as parseCsv } from 'csv-parse/sync';
import { parse as parseYaml } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ExportSubject } from '../../src/export/fabric';
import { bestSubject } from './best-subject';
import { exportFormat } from '../../src/export/formats';
import { dot as dotLines } from '../../src/export/dot';
import { expectedIbnetdiscover, parseIbnetdiscover, parseTopologyConf } from './grammars';

// Every export of a fat-tree whose nodes spread over several leaves (docs/model.md "Partial nodes
// per leaf"): each node's R x P NIC ports go to exactly g leaves per plane, R / g rails to each.
let ib: ExportSubject; // 1,024 H100 GPUs on 2 planes of QM9700 at 200G, each node over 2 leaves per plane
let eth: ExportSubject; // 256 H100 GPUs on SN5600, each node over 4 leaves

const subject = bestSubject;

beforeAll(() => {
  ib = subject({ cluster: { gpus: 1024 }, fabric: { technologies: ['infiniband'], switchModels: ['QM9700'], families: ['fat-tree'], planes: [2], maxTiers: 2, pin: { leavesPerNode: 2 } }, search: { topK: 1 } });
  eth = subject({ cluster: { gpus: 256 }, fabric: { technologies: ['ethernet'], switchModels: ['SN5600'], families: ['fat-tree'], planes: [1], maxTiers: 2, pin: { leavesPerNode: 4 } }, search: { topK: 1 } });
});

const text = (id: string, s: ExportSubject) => [...exportFormat(id)!.write(s)].join('');
const nodeLinks = (s: ExportSubject) => s.candidate.links.find((l) => l.between === 'node-leaf')!.count;

describe('a fat-tree whose nodes spread over several leaves, in every export', () => {
  it('is the design the subjects claim: 2 leaves per node on 2 planes, and 4 on one', () => {
    expect([ib.candidate.design.leavesPerNode, ib.candidate.planes, eth.candidate.design.leavesPerNode, eth.candidate.planes]).toEqual([2, 2, 4, 1]);
  });

  it('lists every node\'s 8 x P NIC ports wired to exactly g leaves per plane, 8 / g rails to each, each NIC port once', () => {
    for (const [s, g] of [[ib, 2], [eth, 4]] as const) {
      const P = s.candidate.planes;
      const perNode = new Map<string, Map<string, Set<string>>>(); // node -> "plane|leaf" -> ports
      const seen = new Set<string>();
      for (const l of s.listing.links()) {
        if (l.linkClass !== 'node-leaf') continue;
        const key = `${l.a.device}#${l.a.port}`;
        expect(seen.has(key)).toBe(false);
        seen.add(key);
        let byLeaf = perNode.get(l.a.device);
        if (!byLeaf) perNode.set(l.a.device, (byLeaf = new Map()));
        const leaf = `${l.plane}|${l.b.device}`;
        byLeaf.set(leaf, (byLeaf.get(leaf) ?? new Set()).add(l.a.port));
      }
      expect(perNode.size).toBe(s.result.scenario.cluster.gpus / 8);
      for (const byLeaf of perNode.values()) {
        expect(byLeaf.size).toBe(g * P);
        for (let p = 1; p <= P; p++) expect([...byLeaf.keys()].filter((k) => k.startsWith(`${p}|`))).toHaveLength(g);
        for (const ports of byLeaf.values()) expect(ports.size).toBe(8 / g);
        expect([...byLeaf.values()].reduce((a, x) => a + x.size, 0)).toBe(8 * P);
      }
      expect(seen.size).toBe(nodeLinks(s));
    }
  });

  it('writes a cable schedule whose node legs reach every NIC port once', () => {
    for (const s of [ib, eth]) {
      const rows: Record<string, string>[] = parseCsv(text('cables-csv', s), { columns: true });
      const cables = [...s.listing.cables()];
      expect(rows.length).toBe(cables.length);
      const nicEnds = cables.filter((c) => c.linkClass === 'node-leaf').flatMap((c) => c.links.map((l) => `${l.a.device}#${l.a.port}`));
      expect(new Set(nicEnds).size).toBe(nicEnds.length);
      expect(nicEnds.length).toBe(nodeLinks(s));
    }
  });

  it('stands the g leaves of a group in one rack, beside their nodes', () => {
    for (const [s, g] of [[ib, 2], [eth, 4]] as const) {
      const pl = s.listing.placement();
      const leaves = s.candidate.tiers[0].countPerPlane;
      for (let p = 0; p < s.candidate.planes; p++)
        for (let first = 0; first < leaves; first += g) {
          const racks = new Set(Array.from({ length: g }, (_, m) => pl.switchRack({ tier: 0, plane: p, index: first + m })));
          expect(racks.size).toBe(1);
        }
      const rows: Record<string, string>[] = parseCsv(text('rack-csv', s), { columns: true });
      expect(rows.filter((r) => r.role === 'leaf')).toHaveLength(s.candidate.tiers[0].count);
    }
  });

  it('lists both ends of every link in ibnetdiscover', () => {
    const listing = parseIbnetdiscover(text('ibnetdiscover', ib));
    const expected = expectedIbnetdiscover(ib);
    expect(listing.switches.size).toBe(ib.candidate.metrics.switchCount);
    for (const [name, sw] of listing.switches) expect(sw.ports).toEqual(expected.switchPorts.get(name));
    expect(listing.cas).toEqual(expected.caPorts);
    const caPorts = [...listing.cas.values()].reduce((a, ports) => a + ports.size, 0);
    expect(caPorts).toBe(nodeLinks(ib));
  });

  it('groups each node under exactly one logical leaf-group switch in Slurm topology.conf (the group spans g leaves)', () => {
    for (const s of [ib, eth]) {
      const entries = parseTopologyConf(text('topology-conf', s));
      const groups = entries.filter((e) => e.kind === 'Nodes');
      expect(groups.every((e) => /^group\d+$/.test(e.name))).toBe(true);
      expect(groups).toHaveLength(s.listing.shape.groups);
      const nodes = groups.flatMap((e) => e.members);
      expect(new Set(nodes).size).toBe(nodes.length);
      expect(nodes.length).toBe(s.result.scenario.cluster.gpus / 8);
      expect(groups.every((e) => e.members.length <= s.candidate.design.nodesPerLeafGroup)).toBe(true);
    }
  });

  it('sums the DOT edges to every link, and lists every link once in containerlab and NetBox', () => {
    for (const s of [ib, eth]) {
      const dot = [...dotLines(s, 'aggregated')].join('');
      const sum = [...dot.matchAll(/ -- \S+ \[label="([\d,]+) links/g)].reduce((a, m) => a + Number(m[1].replace(/,/g, '')), 0);
      expect(sum).toBe(s.candidate.metrics.linkCount);
      const cables: Record<string, string>[] = parseCsv(text('netbox-cables', s), { columns: true });
      expect(cables.length).toBeGreaterThan(0);
      const ends = cables.map((c) => `${c.side_a_device}#${c.side_a_name}|${c.side_b_device}#${c.side_b_name}`);
      expect(new Set(ends).size).toBe(ends.length);
    }
    const doc = parseYaml(text('containerlab', eth));
    const links = doc.topology.links as { endpoints: string[] }[];
    expect(links.length).toBe(eth.candidate.metrics.linkCount);
    const used = links.flatMap((l) => l.endpoints);
    expect(new Set(used).size).toBe(used.length);
  });
});
