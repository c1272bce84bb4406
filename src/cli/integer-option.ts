import { UsageError } from './exit-codes';

/** An integer option such as --top or --samples, or undefined when not given; out of range is a usage error naming it. */
export function integerOption(name: string, text: string | undefined, min: number, max: number): number | undefined {
  if (text === undefined) return undefined;
  const n = text.trim() === '' ? Number.NaN : Number(text);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new UsageError(`--${name}: must be an integer from ${min.toLocaleString('en-US')} to ${max.toLocaleString('en-US')}, got ${text}`);
  return n;
}
