import type { Scenario } from '../model/scenario';
import { checkScenario, parseJsonText, type Checked } from '../model/validate';

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

/** Encodes a scenario for a URL hash: JSON, deflate-raw, base64url. */
export async function encodeScenarioHash(scenario: Scenario): Promise<string> {
  const json = new TextEncoder().encode(JSON.stringify(scenario));
  return `${HASH_KEY}=${toBase64Url(await pipe(json, new CompressionStream('deflate-raw')))}`;
}

/** Reads the scenario from a hash (with or without the leading #); undefined when there is none. */
export async function decodeScenarioHash(hash: string): Promise<Checked<Scenario> | undefined> {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const payload = params.get(HASH_KEY);
  if (!payload) return undefined;
  let text: string;
  try {
    text = new TextDecoder().decode(await pipe(fromBase64Url(payload), new DecompressionStream('deflate-raw')));
  } catch {
    return { ok: false, problems: [{ path: '(link)', message: 'is damaged: its scenario could not be decompressed (was it cut short?)' }] };
  }
  const parsed = parseJsonText(text);
  if (!parsed.ok) return { ok: false, problems: [{ path: '(link)', message: parsed.problems[0].message }] };
  return checkScenario(parsed.value);
}
