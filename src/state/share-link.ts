import { create } from 'zustand';
import type { Scenario } from '../model/scenario';
import { checkScenario, parseJsonText, type Checked } from '../model/validate';
import { canonicalJson } from './canonical-json';
import { notify } from './notices';
import { replaceWithUndo } from './replace-with-undo';
import { browserStorage } from './saved-storage';
import { DEFAULT_SCENARIO } from './scenario-defaults';
import { SCENARIO_STORAGE_KEY, scenarioStore, type ScenarioStore } from './scenario-store';

/** The hash parameter that carries a shared scenario: `#s=<base64url of deflate-raw JSON>`. */
export const HASH_KEY = 's';

function toBase64Url(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const body = new Blob([bytes as BlobPart]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(body).arrayBuffer());
}

/**
 * Largest scenario a link may inflate to. A real scenario is a few KB; deflate packs 1,000 to 1,
 * so without a bound a 1 MB link could inflate to 1 GB in the tab's memory before any check.
 */
export const MAX_LINK_SCENARIO_BYTES = 1024 * 1024;

/** Compressed bytes handed to the inflater at a time: at most about 1 MB of output each (deflate's ratio is at most 1,032:1). */
const FEED_BYTES = 1024;

/**
 * Inflates deflate-raw bytes, counting the output as it is read and stopping past `limit` bytes.
 * The input is fed in small pieces, so the inflater never holds much more than `limit` either.
 */
async function inflateAtMost(bytes: Uint8Array, limit: number): Promise<Uint8Array | 'too large'> {
  let offset = 0;
  const source = new ReadableStream<BufferSource>({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(offset, offset + FEED_BYTES));
      offset += FEED_BYTES;
    },
  });
  const reader = source.pipeThrough(new DecompressionStream('deflate-raw')).getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => {});
      return 'too large';
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}

const damaged = (message: string): Checked<Scenario> => ({ ok: false, problems: [{ path: '(link)', message }] });

/** Encodes a scenario for a URL hash: JSON, deflate-raw, base64url. */
export async function encodeScenarioHash(scenario: Scenario): Promise<string> {
  const json = new TextEncoder().encode(JSON.stringify(scenario));
  return `${HASH_KEY}=${toBase64Url(await pipe(json, new CompressionStream('deflate-raw')))}`;
}

/**
 * Reads the scenario from a hash (with or without the leading #); undefined when the hash carries
 * no `s=` at all. An empty, damaged or oversized link is reported, never thrown.
 */
export async function decodeScenarioHash(hash: string): Promise<Checked<Scenario> | undefined> {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  if (!params.has(HASH_KEY)) return undefined;
  const payload = params.get(HASH_KEY)!;
  if (!payload) return damaged('is damaged: it carries no scenario (was it cut short?)');
  let inflated: Uint8Array | 'too large';
  try {
    inflated = await inflateAtMost(fromBase64Url(payload), MAX_LINK_SCENARIO_BYTES);
  } catch {
    return damaged('is damaged: its scenario could not be decompressed (was it cut short?)');
  }
  if (inflated === 'too large')
    return damaged(`must hold a scenario of at most ${MAX_LINK_SCENARIO_BYTES / 1024 / 1024} MB; this one is larger, so it was not opened`);
  const parsed = parseJsonText(new TextDecoder().decode(inflated));
  if (!parsed.ok) return damaged(parsed.problems[0].message);
  return checkScenario(parsed.value);
}

/** Where a link's scenario differs from the one it would replace, one line per field: `cluster.gpus: 1024 → 3072`. */
export function scenarioDifferences(from: Scenario, to: Scenario, limit = 12): string[] {
  const leaves = (value: unknown, prefix: string, out: Map<string, string>) => {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      for (const [k, v] of Object.entries(value)) leaves(v, prefix ? `${prefix}.${k}` : k, out);
    } else if (value !== undefined) out.set(prefix, canonicalJson(value));
    return out;
  };
  const a = leaves(from, '', new Map());
  const b = leaves(to, '', new Map());
  const lines: string[] = [];
  for (const path of [...new Set([...a.keys(), ...b.keys()])].sort()) {
    if (a.get(path) !== b.get(path)) lines.push(`${path}: ${a.get(path) ?? '(not set)'} → ${b.get(path) ?? '(not set)'}`);
  }
  return lines.length > limit ? [...lines.slice(0, limit), `and ${lines.length - limit} more`] : lines;
}

export interface LinkOffer {
  scenario: Scenario;
  /** The fields where it differs from the saved scenario. */
  differences: string[];
}

export interface LinkOpenerState {
  /** A link's scenario waiting for the user to agree to replace the saved one. */
  pending: LinkOffer | null;
  /** Opens a link's (valid) scenario: at once when nothing would be lost, otherwise it waits in `pending`. */
  offer(link: Scenario): 'opened' | 'same' | 'asking';
  /** Replaces the saved scenario with the pending one, keeping the replaced one as a dated copy with an Undo. */
  replace(): void;
  /** Keeps the saved scenario; the link is not opened. */
  keep(): void;
}

/**
 * Opening a shared link never replaces a saved scenario without asking: a first visit (nothing
 * saved, or the untouched default) just opens it; a different saved scenario waits for the user's
 * answer, and the replaced one stays restorable.
 */
export function createLinkOpener(scenarioStore: ScenarioStore, getStorage: () => Storage | undefined = browserStorage) {
  return create<LinkOpenerState>()((set, get) => ({
    pending: null,
    offer(link) {
      const current = scenarioStore.getState().scenario;
      if (canonicalJson(current) === canonicalJson(link)) {
        set({ pending: null });
        notify('info', 'Scenario loaded from the link (it is the one you already have).');
        return 'same';
      }
      const saved = getStorage()?.getItem(SCENARIO_STORAGE_KEY) ?? null;
      if (saved === null || canonicalJson(current) === canonicalJson(DEFAULT_SCENARIO)) {
        scenarioStore.getState().load(link);
        set({ pending: null });
        notify('info', 'Scenario loaded from the link.');
        return 'opened';
      }
      set({ pending: { scenario: link, differences: scenarioDifferences(current, link) } });
      return 'asking';
    },
    replace() {
      const pending = get().pending;
      if (!pending) return;
      set({ pending: null });
      replaceWithUndo({
        storage: getStorage(), storageKey: SCENARIO_STORAGE_KEY, previous: scenarioStore.getState().scenario, noun: 'scenario',
        done: 'Scenario loaded from the link.',
        replace: () => scenarioStore.getState().load(pending.scenario),
        restore: (p) => scenarioStore.getState().load(p),
      });
    },
    keep() {
      if (!get().pending) return;
      set({ pending: null });
      notify('info', 'Your saved scenario is kept; the scenario in the link was not opened.');
    },
  }));
}

export type LinkOpener = ReturnType<typeof createLinkOpener>;
export const linkOpener = createLinkOpener(scenarioStore);
