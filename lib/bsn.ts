/**
 * Burgerservicenummer checks. The elfproef: 9·d1 + 8·d2 + … + 2·d8 − 1·d9 must be divisible
 * by 11. Nine digits, so leading zeros count.
 */
export function isValidBsn(value: string): boolean {
  if (!/^[0-9]{9}$/.test(value)) return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += (9 - i) * (value.charCodeAt(i) - 48);
  sum -= value.charCodeAt(8) - 48;
  return sum % 11 === 0;
}

/**
 * The check digit that makes `prefix` (eight digits) a valid BSN, or null when no single digit
 * can (one prefix in eleven has none).
 */
export function bsnCheckDigit(prefix: string): number | null {
  if (!/^[0-9]{8}$/.test(prefix)) throw new RangeError(`expected eight digits, got ${prefix.length} characters`);
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += (9 - i) * (prefix.charCodeAt(i) - 48);
  const digit = sum % 11;
  return digit === 10 ? null : digit;
}
