// How a design's warnings (unconfirmed parts, estimated figures) show: a count badge for the results
// table, a marker for BOM lines, and the full list for the design view. A user never meets an
// unconfirmed part without seeing so.
import type { CandidateWarning } from '../model/result';
export { warningsByPart } from '../topology/warnings';

type Code = CandidateWarning['code'];

const CODE_LABEL: Record<Code, [string, string]> = {
  'unconfirmed-part': ['unconfirmed part', 'unconfirmed parts'],
  'estimated-figure': ['estimated figure', 'estimated figures'],
};

const plural = (n: number, [one, many]: [string, string]) => `${n} ${n === 1 ? one : many}`;

/** "2 warnings: 1 unconfirmed part, 1 estimated figure" (accessible name of the badge). */
export function warningsSummary(warnings: readonly CandidateWarning[]): string {
  const counts = (['unconfirmed-part', 'estimated-figure'] as const)
    .map((code) => [code, warnings.filter((w) => w.code === code).length] as const)
    .filter(([, n]) => n > 0);
  if (counts.length === 0) return 'no warnings';
  return `${plural(warnings.length, ['warning', 'warnings'])}: ${counts.map(([code, n]) => plural(n, CODE_LABEL[code])).join(', ')}`;
}

/** The worst code among the warnings (unconfirmed before estimated). */
const worst = (warnings: readonly CandidateWarning[]): Code =>
  warnings.some((w) => w.code === 'unconfirmed-part') ? 'unconfirmed-part' : 'estimated-figure';

/** Count badge for a results-table row; nothing when the design has no warnings. */
export function WarningBadge({ warnings }: { warnings: readonly CandidateWarning[] | undefined }) {
  if (!warnings || warnings.length === 0) return null;
  const summary = warningsSummary(warnings);
  return (
    <span
      className={`warn-badge warn-${worst(warnings)}`}
      role="img"
      aria-label={summary}
      title={`${summary}\n${warnings.map((w) => `• ${w.message}`).join('\n')}`}
    >
      ⚠ {warnings.length}
    </span>
  );
}

/** Marker for one BOM line whose part carries a warning. */
export function PartWarningMarker({ warnings }: { warnings: readonly CandidateWarning[] | undefined }) {
  if (!warnings || warnings.length === 0) return null;
  const code = worst(warnings);
  const messages = warnings.map((w) => w.message);
  const label = code === 'unconfirmed-part' ? 'Unconfirmed part' : 'Estimated figure';
  return (
    <span className={`warn-marker warn-${code}`} role="img" aria-label={label} title={`${label}: ${messages.join(' · ')}`}>
      {code === 'unconfirmed-part' ? '⚠' : '≈'}
    </span>
  );
}

/** The design view's list of every warning, unconfirmed parts first. */
export function WarningsList({ warnings }: { warnings: readonly CandidateWarning[] | undefined }) {
  if (!warnings || warnings.length === 0) return null;
  const unconfirmed = warnings.filter((w) => w.code === 'unconfirmed-part');
  return (
    <section className={`card warnings${unconfirmed.length ? ' has-unconfirmed' : ''}`} aria-label="Warnings">
      <h3>
        Warnings <span className="muted">({warningsSummary(warnings)})</span>
      </h3>
      {unconfirmed.length > 0 && (
        <p role="note">
          This design uses parts not known as standard products (allowed by sourcing.allowUnconfirmed). Confirm them with a
          vendor before ordering.
        </p>
      )}
      <ul>
        {warnings.map((w) => (
          <li key={`${w.code}:${w.partIds.join(',')}`} className={`warn-${w.code}`}>
            <strong>{w.code === 'unconfirmed-part' ? 'Unconfirmed' : 'Estimated'}</strong> {w.message}
          </li>
        ))}
      </ul>
    </section>
  );
}

