// Edits of fabric.pin from the app: one field at a time from the pin editor, the whole pin from
// "Keep this design, vary sourcing" or "Remove pins". Each goes through the scenario store's
// setField, so the validator's rules and messages are the other fields' and an invalid value never
// replaces the saved scenario.
import type { Pin } from '../model/scenario';
import { canonicalJson } from './canonical-json';
import { problemBelongsTo, type FieldPath } from './field-path';
import { notify } from './notices';
import { pinOfDesign, prunedPin } from './pin-of-design';
import type { ScenarioStore } from './scenario-store';

export const PIN_PATH = 'fabric.pin';

/**
 * Applies one pin field (blank or undefined: not pinned), then drops tiers left with nothing
 * pinned and the pin itself once it fixes nothing, so clearing every field leaves no fabric.pin.
 * Returns false when the value was refused (its error is then shown under the field).
 */
export function editPin(store: ScenarioStore, path: FieldPath, raw: unknown): boolean {
  store.getState().setField(path, raw);
  if (store.getState().errors[path] !== undefined) return false;
  const pin = store.getState().scenario.fabric.pin;
  const pruned = prunedPin(pin);
  if (canonicalJson(pruned ?? null) !== canonicalJson(pin ?? null)) store.getState().setField(PIN_PATH, pruned);
  return true;
}

/**
 * Replaces the whole pin (undefined removes it). The pin fields' typed text and errors give way to
 * it, so the editor shows the new pin rather than text typed for the old one. A pin the validator
 * refuses changes nothing and leaves no error behind; its message is returned.
 */
export function setPin(store: ScenarioStore, pin: Pin | undefined): { ok: true } | { ok: false; problem: string } {
  store.getState().setField(PIN_PATH, prunedPin(pin));
  const s = store.getState();
  const problem = s.errors[PIN_PATH];
  const without = <T>(rec: Record<FieldPath, T>, drop: (p: FieldPath) => boolean) => Object.fromEntries(Object.entries(rec).filter(([p]) => !drop(p)));
  const drop = problem !== undefined ? (p: FieldPath) => p === PIN_PATH : (p: FieldPath) => problemBelongsTo(p, PIN_PATH);
  store.setState({ drafts: without(s.drafts, drop), errors: without(s.errors, drop) });
  return problem !== undefined ? { ok: false, problem } : { ok: true };
}

/** Removes every pin, with an Undo that puts the same pin back. */
export function removePins(store: ScenarioStore): void {
  const previous = store.getState().scenario.fabric.pin;
  setPin(store, undefined);
  notify('info', 'The pins are removed; the search chooses the whole design again.', undefined, [{ label: 'Undo', run: () => setPin(store, previous) }]);
}

/**
 * "Keep this design, vary sourcing": pins every choice of a result row (pinOfDesign), so the next
 * run searches only its sourcing and media; Undo puts the previous pin (or none) back.
 */
export function pinDesign(store: ScenarioStore, candidate: Parameters<typeof pinOfDesign>[0], describe: (pin: Pin) => string): boolean {
  const previous = store.getState().scenario.fabric.pin;
  let pin: Pin;
  try {
    pin = pinOfDesign(candidate);
  } catch (e) {
    notify('error', 'This design cannot be pinned, so the scenario is unchanged.', [(e as Error).message]);
    return false;
  }
  const set = setPin(store, pin);
  if (!set.ok) {
    notify('error', 'This design cannot be pinned, so the scenario is unchanged.', [`${PIN_PATH}: ${set.problem}`]);
    return false;
  }
  notify('info', 'Design pinned: run Optimize again to vary only its sourcing and media.', [describe(pin)], [{ label: 'Undo', run: () => setPin(store, previous) }]);
  return true;
}
