// Quantities are exact decimals with at most three places (decision 0029): the database and every
// calculation hold thousandths of the sale unit as integers ("milli": 1.5 kg is 1500). JSON carries
// the decimal as a number (1.5), which is converted here, by its decimal text, never by float
// arithmetic; a person may type "1,5" (Vietnamese) or "1.5".

/** Thousandths per unit. */
export const MILLI = 1000;

const DECIMAL = /^\s*(\d{1,12})(?:[.,](\d*))?\s*$/;

/**
 * Thousandths from a decimal typed or sent: "1,5" / "1.5" / 1.5 → 1500. Null when it is not a
 * non-negative decimal or has more than three decimal places (a trailing zero does not count).
 */
export function parseQuantityMilli(input: string | number): number | null {
  if (typeof input === 'number' && !Number.isFinite(input)) return null;
  const text = typeof input === 'number' ? numberText(input) : input;
  if (text === null) return null;
  const match = DECIMAL.exec(text);
  if (!match) return null;
  const whole = match[1] as string;
  const fraction = (match[2] ?? '').replace(/0+$/, '');
  if (fraction.length > 3) return null;
  return Number(whole) * MILLI + Number(fraction.padEnd(3, '0'));
}

// A number's shortest decimal text; exponent forms (1e-7, 1e21) are never a valid quantity.
function numberText(value: number): string | null {
  const text = String(value);
  return /e/i.test(text) ? null : text;
}

/** Thousandths of a decimal already validated as having at most three places (contracts do); a stock correction may be negative. */
export function toMilli(quantity: number): number {
  const milli = parseQuantityMilli(Math.abs(quantity));
  if (milli === null) throw new RangeError(`not a quantity with at most 3 decimals: ${quantity}`);
  return quantity < 0 ? -milli : milli;
}

/** The decimal for JSON: 1500 → 1.5 (the nearest double, whose shortest text is exactly "1.5"). */
export function fromMilli(milli: number): number {
  return milli / MILLI;
}

/** True for a number with at most three decimal places, either sign (zod refinement). */
export function hasAtMostThreeDecimals(quantity: number): boolean {
  return parseQuantityMilli(Math.abs(quantity)) !== null;
}

/** "1,5" in Vietnamese, "1.5" in English; whole numbers without decimals, thousands grouped. */
export function formatQuantity(milli: number, locale: 'vi' | 'en'): string {
  return new Intl.NumberFormat(locale === 'vi' ? 'vi-VN' : 'en-US', { maximumFractionDigits: 3 }).format(
    fromMilli(milli),
  );
}

/** How a listing may be ordered: at least `minOrderMilli`, in multiples of `stepMilli`. */
export type QuantityRule = { minOrderMilli: number; stepMilli: number };

/** Why a quantity cannot be ordered from a listing, or null when it can. */
export function quantityProblem(rule: QuantityRule, milli: number): 'below_minimum' | 'off_step' | null {
  if (milli < rule.minOrderMilli) return 'below_minimum';
  if (milli % rule.stepMilli !== 0) return 'off_step';
  return null;
}

/**
 * Whole đồng for `milli` thousandths at `unitPriceVnd` per unit, rounded half up: the one rule
 * for every line (the order_items CHECK computes the same). BigInt: price × thousandths can pass
 * 2^53 even when the đồng result cannot.
 */
export function priceForMilli(unitPriceVnd: number, milli: number): number {
  return Number((BigInt(unitPriceVnd) * BigInt(milli) + 500n) / 1000n);
}
