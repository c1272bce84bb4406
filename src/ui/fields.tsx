import { useId, type ReactNode } from 'react';
import { getAt, type FieldPath } from '../state/field-path';
import { scenarioStore, useScenario } from '../state/scenario-store';

/** The text a field shows: what the user typed, else the applied scenario value. */
function useFieldText(path: FieldPath): { text: string; error: string | undefined } {
  const draft = useScenario((s) => s.drafts[path]);
  const value = useScenario((s) => getAt(s.scenario, path));
  const error = useScenario((s) => s.errors[path]);
  const text = typeof draft === 'string' ? draft : value === undefined || value === null ? '' : String(value);
  return { text, error };
}

export function FieldError({ id, error }: { id: string; error: string | undefined }) {
  if (!error) return null;
  return (
    <div className="field-error" id={id} role="alert">
      {error}
    </div>
  );
}

export interface NumberFieldProps {
  path: FieldPath;
  label: string;
  unit?: string;
  hint?: string;
  placeholder?: string;
  wide?: boolean;
  /** Applies the typed text; the store's setField unless the field needs more (the pin editor's pruning). */
  onText?: (path: FieldPath, text: string) => void;
}

/** A typed number input bound to one scenario field; shows the validator's message under it. */
export function NumberField({ path, label, unit, hint, placeholder, wide, onText }: NumberFieldProps) {
  const id = useId();
  const { text, error } = useFieldText(path);
  const described = [error ? `${id}-err` : '', hint ? `${id}-hint` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${wide ? ' field-wide' : ''}${error ? ' has-error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <div className="input-unit">
        <input
          id={id}
          name={path}
          type="text"
          inputMode="decimal"
          autoComplete="off"
          spellCheck={false}
          value={text}
          placeholder={placeholder}
          aria-invalid={error ? true : undefined}
          aria-describedby={described}
          onChange={(e) => (onText ?? scenarioStore.getState().setField)(path, e.target.value)}
        />
        {unit && <span className="unit" aria-hidden="true">{unit}</span>}
      </div>
      {hint && !error && (
        <div className="field-hint" id={`${id}-hint`}>
          {hint}
        </div>
      )}
      <FieldError id={`${id}-err`} error={error} />
    </div>
  );
}

export interface CheckListProps<T extends string | number> {
  path: FieldPath;
  legend: string;
  options: { value: T; label: string; title?: string }[];
  /** Treat an empty list as "everything" (the switch-model allow-list). */
  emptyMeansAll?: boolean;
  columns?: number;
  /**
   * For a field the scenario may leave out: the value it resolves to then (shown ticked, with
   * `defaultHint`); ticking a box sets the list explicitly, "Use default" leaves it out again.
   */
  resolvedDefault?: T[];
  defaultHint?: string;
}

/** A group of checkboxes editing one list field; an emptied list shows its error and keeps the last valid list applied. */
export function CheckList<T extends string | number>({ path, legend, options, emptyMeansAll, columns, resolvedDefault, defaultHint }: CheckListProps<T>) {
  const id = useId();
  const draft = useScenario((s) => s.drafts[path]) as T[] | undefined;
  const applied = useScenario((s) => getAt(s.scenario, path)) as T[] | undefined;
  const error = useScenario((s) => s.errors[path]);
  const defaulted = draft === undefined && applied === undefined;
  const list = draft ?? applied ?? resolvedDefault ?? [];
  const all = emptyMeansAll && list.length === 0;
  const toggle = (v: T, on: boolean) => {
    let next: T[];
    if (all) next = options.map((o) => o.value).filter((x) => x !== v);
    else next = on ? options.map((o) => o.value).filter((x) => x === v || list.includes(x)) : list.filter((x) => x !== v);
    if (emptyMeansAll && next.length === options.length) next = [];
    scenarioStore.getState().setField(path, next);
  };
  const described = [error ? `${id}-err` : '', defaultHint ? `${id}-hint` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <fieldset className={`checklist${error ? ' has-error' : ''}`} aria-describedby={described}>
      <legend>{legend}</legend>
      <div className="checks" data-columns={columns}>
        {options.map((o) => (
          <label key={String(o.value)} className="check" title={o.title}>
            <input type="checkbox" checked={all || list.includes(o.value)} onChange={(e) => toggle(o.value, e.target.checked)} />
            <span>{o.label}</span>
          </label>
        ))}
      </div>
      {defaultHint && (
        <div className="field-hint" id={`${id}-hint`}>
          {defaulted ? defaultHint : (
            <>
              Set in the scenario.{' '}
              <button type="button" className="link-button" onClick={() => scenarioStore.getState().setField(path, undefined)}>
                Use default
              </button>
            </>
          )}
        </div>
      )}
      <FieldError id={`${id}-err`} error={error} />
    </fieldset>
  );
}

export function Section({ title, children, open = true, summary }: { title: string; children: ReactNode; open?: boolean; summary?: string }) {
  return (
    <details className="section" open={open}>
      <summary>
        <span className="section-title">{title}</span>
        {summary && <span className="section-summary">{summary}</span>}
      </summary>
      <div className="section-body">{children}</div>
    </details>
  );
}
