/**
 * Money as Broadsheet keeps it: an integer in the currency's minor unit (cents, kopiyky; yen have none), shown
 * through Intl in the reader's locale. `parseAmount` reads what a person types ("8", "8.50", "8,50") in the major
 * unit and refuses anything that is not a plain positive amount with at most the currency's decimals.
 */

/** How many minor units make one major unit (100 for EUR, 1 for JPY). */
export function minorPerMajor(currency: string): number {
  const digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits;
  return 10 ** (digits ?? 2);
}

/** "€8.00" / "8,00 €" / "8,00 ₴": the amount in the locale's way. */
export function formatMoney(amount: number, currency: string, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(amount / minorPerMajor(currency));
}

/** The amount in the major unit as a form shows it ("8.5" → "8.50"), for editing. */
export function amountText(amount: number | null, currency: string): string {
  if (amount === null) return '';
  const per = minorPerMajor(currency);
  return per === 1 ? String(amount) : (amount / per).toFixed(Math.log10(per));
}

/** The largest amount accepted anywhere (a price, a donation): 1,000,000 in the major unit. */
export const MAX_MAJOR_AMOUNT = 1_000_000;

/**
 * What a person typed → minor units, or an error message. Empty → null (not offered). Accepts digits with one
 * `.` or `,` and at most the currency's decimals; refuses signs, exponents, spaces inside, zero and huge amounts.
 */
export function parseAmount(
  text: string,
  currency: string,
): { ok: true; amount: number | null } | { ok: false; message: string } {
  const t = text.trim();
  if (t === '') return { ok: true, amount: null };
  const per = minorPerMajor(currency);
  const decimals = Math.round(Math.log10(per));
  const m = /^(\d{1,9})(?:[.,](\d+))?$/.exec(t);
  if (!m) return { ok: false, message: 'An amount is a number such as 8 or 8.50.' };
  const fraction = m[2] ?? '';
  if (fraction.length > decimals)
    return {
      ok: false,
      message: decimals ? `An amount has at most ${decimals} decimals.` : 'An amount is a whole number here.',
    };
  const amount = Number(m[1]) * per + Number(fraction.padEnd(decimals, '0') || '0');
  if (amount <= 0) return { ok: false, message: 'An amount must be more than zero.' };
  if (amount > MAX_MAJOR_AMOUNT * per) return { ok: false, message: 'That amount is too large.' };
  return { ok: true, amount };
}
