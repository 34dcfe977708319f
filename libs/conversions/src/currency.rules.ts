/** ISO 4217 codes the runtime knows (ICU's list: current and recent currencies). */
const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

/** The ISO 4217 code in upper case, or null when `value` is none (`eur` is accepted as EUR). */
export function normaliseCurrency(value: string): string | null {
  const code = value.trim().toUpperCase();
  return /^[A-Z]{3}$/.test(code) && CURRENCIES.has(code) ? code : null;
}
