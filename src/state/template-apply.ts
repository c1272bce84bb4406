import { create } from 'zustand';
import type { Scenario } from '../model/scenario';
import { checkScenario } from '../model/validate';
import { canonicalJson } from './canonical-json';
import { notify } from './notices';
import { replaceWithUndo } from './replace-with-undo';
import { browserStorage } from './saved-storage';
import { DEFAULT_SCENARIO } from './scenario-defaults';
import { SCENARIO_STORAGE_KEY, scenarioStore, type ScenarioStore } from './scenario-store';
import { scenarioDifferences } from './share-link';

/** A template's scenario waiting for the user to agree to replace an edited one. */
export interface TemplateOffer {
  scenario: Scenario;
  /** The template and size, as the question names them. */
  title: string;
  /** The fields where it differs from the current scenario. */
  differences: string[];
}

export interface TemplateApplierState {
  pending: TemplateOffer | null;
  /**
   * Applies a template's scenario: at once when nothing would be lost (the untouched default
   * scenario), otherwise it waits in `pending` for replace() or keep(). A scenario that fails
   * validation is refused with its problems named.
   */
  offer(input: unknown, title: string): 'applied' | 'same' | 'asking' | 'invalid';
  /** Replaces the scenario with the pending one, keeping the replaced one as a dated copy with an Undo. */
  replace(): void;
  /** Keeps the current scenario; the template is not applied. */
  keep(): void;
}

/**
 * Starting from a template replaces the whole scenario, so it follows the share link's rules
 * (src/state/share-link.ts): it asks first when the scenario has edits, keeps the replaced one as a
 * dated copy in localStorage and offers Undo.
 */
export function createTemplateApplier(store: ScenarioStore, getStorage: () => Storage | undefined = browserStorage) {
  const apply = (scenario: Scenario, title: string) => {
    const previous = store.getState().scenario;
    const edited = canonicalJson(previous) !== canonicalJson(DEFAULT_SCENARIO);
    replaceWithUndo({
      storage: getStorage(), storageKey: SCENARIO_STORAGE_KEY, previous, noun: 'scenario', done: `Scenario set from the template ${title}.`,
      keep: edited ? { copy: true } : { copy: false, undoBrings: 'the default scenario' },
      replace: () => store.getState().load(scenario),
      restore: (p) => store.getState().load(p),
    });
  };
  return create<TemplateApplierState>()((set, get) => ({
    pending: null,
    offer(input, title) {
      const checked = checkScenario(input);
      if (!checked.ok) {
        notify('error', `The template ${title} did not produce a valid scenario, so nothing was changed.`, checked.problems.map((p) => `${p.path}: ${p.message}`));
        return 'invalid';
      }
      const current = store.getState().scenario;
      if (canonicalJson(current) === canonicalJson(checked.value)) {
        set({ pending: null });
        notify('info', `The scenario already is the template ${title}.`);
        return 'same';
      }
      if (canonicalJson(current) === canonicalJson(DEFAULT_SCENARIO)) {
        set({ pending: null });
        apply(checked.value, title);
        return 'applied';
      }
      set({ pending: { scenario: checked.value, title, differences: scenarioDifferences(current, checked.value) } });
      return 'asking';
    },
    replace() {
      const pending = get().pending;
      if (!pending) return;
      set({ pending: null });
      apply(pending.scenario, pending.title);
    },
    keep() {
      if (!get().pending) return;
      set({ pending: null });
      notify('info', 'Your scenario is kept; the template was not applied.');
    },
  }));
}

export type TemplateApplier = ReturnType<typeof createTemplateApplier>;
export const templateApplier = createTemplateApplier(scenarioStore);
