const intFmt = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const dec1 = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });
const dec2 = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export const fmtInt = (n: number) => intFmt.format(n);
export const fmtDec = (n: number) => dec1.format(n);

/** Money in the catalog currency, whole units: "$2,186,970". */
export function fmtMoney(n: number, currency = 'USD', cents = false): string {
  try {
    return new Intl.NumberFormat('en-US', { style: 'currency', currency, maximumFractionDigits: cents ? 2 : 0, minimumFractionDigits: cents ? 2 : 0 }).format(n);
  } catch {
    return `${cents ? dec2.format(n) : intFmt.format(n)} ${currency}`;
  }
}

/** Short money for chart axes and tight cells: "$2.19M", "$850k". */
export function fmtMoneyShort(n: number, currency = 'USD'): string {
  const sym = currency === 'USD' ? '$' : '';
  const suffix = currency === 'USD' ? '' : ` ${currency}`;
  const a = Math.abs(n);
  if (a >= 1e9) return `${sym}${dec2.format(n / 1e9)}B${suffix}`;
  if (a >= 1e6) return `${sym}${dec2.format(n / 1e6)}M${suffix}`;
  if (a >= 1e3) return `${sym}${dec1.format(n / 1e3)}k${suffix}`;
  return `${sym}${intFmt.format(n)}${suffix}`;
}

/** Watts as "51.4 kW" or "850 W". */
export function fmtPower(w: number): string {
  if (w >= 1e6) return `${dec2.format(w / 1e6)} MW`;
  if (w >= 1e3) return `${dec1.format(w / 1e3)} kW`;
  return `${intFmt.format(w)} W`;
}

/** Oversubscription as a ratio: 1 -> "1:1", 1.5 -> "1.5:1". */
export function fmtRatio(x: number): string {
  if (x <= 0) return '—';
  return `${Number(x.toFixed(2))}:1`;
}

export function fmtGbps(g: number): string {
  if (g >= 1e6) return `${dec2.format(g / 1e6)} Pb/s`;
  if (g >= 1e3) return `${dec1.format(g / 1e3)} Tb/s`;
  return `${intFmt.format(g)} Gb/s`;
}

export function fmtDuration(ms: number): string {
  if (ms < 1000) return `${intFmt.format(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${dec1.format(s)} s`;
  return `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
}

export const fmtPct = (p: number) => `${dec1.format(p)}%`;
