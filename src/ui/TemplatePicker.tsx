import { useId, useState } from 'react';
import { useStore } from 'zustand';
import { REFERENCE_TEMPLATES, templateById, templateSizeFromText, type ReferenceTemplate } from '../catalog/templates';
import type { Pin } from '../model/scenario';
import { removePins } from '../state/pin-edit';
import { pinsAnything } from '../state/pin-of-design';
import { scenarioStore, useScenario } from '../state/scenario-store';
import { templateApplier } from '../state/template-apply';
import { FieldError, Section } from './fields';
import { fmtInt } from './format';
import { PinEditor } from './PinEditor';

/** What the pinned design holds at a size, in one line: "32 x QM9700 leaves, 16 spines (published)". */
function designLine(t: ReferenceTemplate, size: number): string {
  const d = t.designFor(size);
  const model = d.pin.leaf.switchModel;
  const planes = d.pin.planes > 1 ? ` in ${d.pin.planes} planes` : '';
  const counts = `${fmtInt(d.switches.leaves)} leaves, ${fmtInt(d.switches.spines)} spines${d.switches.cores ? `, ${fmtInt(d.switches.cores)} cores` : ''}`;
  const published = t.published.some((r) => r.size === size);
  return `${fmtInt(d.gpus)} GPUs: ${counts} (${model}${planes}); ${published ? 'the published table\'s counts' : 'derived by the documented rules, not a published row'}`;
}

const TIER_NAMES = ['leaf', 'spine', 'core'] as const;

/** A pin in words: "rail-optimized, infiniband, 1 plane, 2 tiers, 32 nodes per leaf group; leaf: 32 x QM9700 64x400G, 32 down, 32 up; ...". */
export function pinText(pin: Pin): string {
  const head = [
    pin.family,
    pin.technology,
    pin.planes !== undefined && `${pin.planes} plane${pin.planes > 1 ? 's' : ''}`,
    pin.tiers !== undefined && `${pin.tiers} tier${pin.tiers > 1 ? 's' : ''}`,
    pin.nodesPerLeafGroup !== undefined && `${fmtInt(pin.nodesPerLeafGroup)} nodes per leaf group`,
    pin.leavesPerNode !== undefined && `${fmtInt(pin.leavesPerNode)} lea${pin.leavesPerNode > 1 ? 'ves' : 'f'} per node`,
  ].filter(Boolean).join(', ');
  const tiers = TIER_NAMES.flatMap((role) => {
    const t = pin[role];
    if (!t) return [];
    const what = [
      [t.switchesPerPlane !== undefined && `${fmtInt(t.switchesPerPlane)} x`, t.switchModel, t.portMode, t.upPortMode !== undefined && `/ ${t.upPortMode} up`].filter(Boolean).join(' '),
      t.downPorts !== undefined && `${t.downPorts} down`,
      t.upPorts !== undefined && `${t.upPorts} up`,
    ].filter(Boolean).join(', ');
    return what ? [`${role}: ${what}`] : [];
  });
  return [head, ...tiers].filter(Boolean).join('; ');
}

/** What the scenario pins (from a template, a file, the pin editor or a pinned result), and a way to let the search choose again. */
function PinnedDesign() {
  const pin = useScenario((s) => s.scenario.fabric.pin);
  if (!pin || !pinsAnything(pin)) return null;
  const remove = () => removePins(scenarioStore);
  return (
    <div className="pinned-design" role="note" aria-label="Pinned design">
      <span>
        <strong>Pinned design</strong> (switch counts per plane): {pinText(pin)}. The search varies only what is not pinned.
      </span>{' '}
      <button type="button" className="link-button" onClick={remove}>Remove pins</button>
    </div>
  );
}

/** Asks before a template replaces an edited scenario; the replaced one stays restorable. */
function ReplacePrompt() {
  const pending = useStore(templateApplier, (s) => s.pending);
  const id = useId();
  if (!pending) return null;
  return (
    <section className="saved-work template-prompt" role="alertdialog" aria-labelledby={`${id}-t`} aria-describedby={`${id}-d`}>
      <h2 id={`${id}-t`}>Replace your scenario with the template?</h2>
      <p id={`${id}-d`}>
        {pending.title} would replace your scenario, which differs in {pending.differences.length === 1 ? 'one field' : 'these fields'}. Your
        scenario would be kept as a dated copy, and Undo brings it back.
      </p>
      <ul className="mono">
        {pending.differences.map((d) => <li key={d}>{d}</li>)}
      </ul>
      <div className="saved-work-actions">
        <button type="button" className="primary" onClick={() => templateApplier.getState().replace()}>Replace my scenario</button>
        <button type="button" onClick={() => templateApplier.getState().keep()}>Keep my scenario</button>
      </div>
    </section>
  );
}

/**
 * "Start from a template": a published reference design (src/catalog/templates.ts) at a size,
 * with "vary only sourcing" pinning the whole design or only its family, technology and planes.
 */
export function TemplatePicker() {
  const id = useId();
  const [templateId, setTemplateId] = useState(REFERENCE_TEMPLATES[0].id);
  const t = templateById(templateId) ?? REFERENCE_TEMPLATES[0];
  const [sizeText, setSizeText] = useState<Record<string, string>>({});
  const [onlySourcing, setOnlySourcing] = useState(true);
  const text = sizeText[t.id] ?? String(t.size.default);
  const read = templateSizeFromText(t, text);
  const problem = read.ok ? undefined : read.problem;
  const size = read.ok ? read.size : Number.NaN;
  const error = problem && `Size ${problem}`;
  const apply = () => {
    if (problem) return;
    const scenario = t.scenarioFor(size, { varyOnlySourcing: onlySourcing });
    templateApplier.getState().offer(scenario, scenario.name);
  };
  return (
    <>
      <PinnedDesign />
      <Section title="Start from a template" open={false} summary="NVIDIA reference designs">
        <div className="field field-wide">
          <label htmlFor={`${id}-t`}>Template</label>
          <select id={`${id}-t`} value={t.id} onChange={(e) => setTemplateId(e.target.value)}>
            {REFERENCE_TEMPLATES.map((x) => <option key={x.id} value={x.id}>{x.title}</option>)}
          </select>
          <div className="field-hint">{t.description}</div>
        </div>
        <div className={`field${error ? ' has-error' : ''}`}>
          <label htmlFor={`${id}-s`}>{t.size.label}</label>
          <input
            id={`${id}-s`}
            type="text"
            inputMode="numeric"
            autoComplete="off"
            value={text}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-err` : `${id}-hint`}
            onChange={(e) => setSizeText({ ...sizeText, [t.id]: e.target.value })}
          />
          {!error && <div className="field-hint" id={`${id}-hint`}>{t.size.each}; {fmtInt(t.size.min)} to {fmtInt(t.size.max)}</div>}
          <FieldError id={`${id}-err`} error={error} />
        </div>
        <label className="check">
          <input type="checkbox" checked={onlySourcing} onChange={(e) => setOnlySourcing(e.target.checked)} />
          <span>Vary only sourcing</span>
        </label>
        <div className="field-hint">
          {onlySourcing
            ? 'Pins the whole published design: family, technology, planes, tiers, and each tier\'s switch model, port mode, switch count and ports. Only sourcing and media vary.'
            : 'Pins only family, technology, planes and the server profile; the search chooses switches, tiers and splits.'}
        </div>
        {!problem && <p className="facts" aria-live="polite">{designLine(t, size)}</p>}
        <details className="template-sources">
          <summary>Sources and what is published</summary>
          <ul>
            {t.sources.map((s) => (
              <li key={s.url}>
                <cite>{s.title}</cite>, {s.part}: <span className="mono template-url">{s.url}</span>
              </li>
            ))}
          </ul>
          {t.notes.map((n) => <p key={n}>{n}</p>)}
        </details>
        <div className="template-actions">
          <button type="button" onClick={apply} disabled={Boolean(problem)}>Apply template</button>
        </div>
        <ReplacePrompt />
      </Section>
      <PinEditor />
    </>
  );
}
