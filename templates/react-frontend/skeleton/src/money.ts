/** Formats an amount in minor units (cents) for display, e.g. 123456 EUR -> "€1,234.56". */
export function formatMoney(
  minorUnits: number,
  currency: string,
  locale = 'en-GB',
): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(
    minorUnits / 100,
  );
}
