// Money is kept in integer cents and power in integer milliwatts so that sums are exact and the
// WebAssembly kernel reproduces every figure to the cent. Rounding is half-up: floor(x + 0.5).

/** Rounds half-up; the same arithmetic the kernel uses. */
export function roundHalfUp(x: number): number {
  return Math.floor(x + 0.5);
}

export const toMilliwatts = (watts: number): number => roundHalfUp(watts * 1000);
export const fromCents = (cents: number): number => cents / 100;

/** Unit price of an offer at a cable length (cm), in cents: base + perMeter x length. */
export function unitPriceCents(price: number, perMeterPrice: number, lengthCm: number): number {
  return roundHalfUp((price + perMeterPrice * (lengthCm / 100)) * 100);
}

export const HOURS_PER_YEAR = 8766;

/** Energy cost in cents of running `milliwatts` for the objective's years at its PUE and price. */
export function energyCostCents(milliwatts: number, pue: number, years: number, pricePerKWh: number): number {
  return roundHalfUp((milliwatts / 1_000_000) * pue * HOURS_PER_YEAR * years * pricePerKWh * 100);
}
