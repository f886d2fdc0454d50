// What may be shown as a sender's or recipient's name. A display name is chosen by
// whoever sent the mail, so it must not be able to pass for an address: control
// characters (an encoded NUL or CRLF), bidi overrides and zero-width characters are
// removed, and a name that itself contains an address other than the real one
// ("PayPal <service@paypal.example>") is dropped so only the real address shows.
import type { Address } from './domain';

export const MAX_DISPLAY_NAME_LENGTH = 200;
export const MAX_ADDRESS_LENGTH = 320; // RFC 5321 §4.5.3.1: 64 + 1 + 255

// C0/C1 controls, DEL, bidi embeddings/overrides/isolates, zero-width and BOM characters.
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;
const AT_WORD = /\S*@\S*/g;
const QUOTING = /[<>()"',;:[\]]/g;

// Printable ASCII words between single spaces: most names and nearly every address,
// which clean() would return unchanged. Testing for it first spares the replacements for
// each address of every synced header.
const PLAIN = /^[\x21-\x7e]+(?: [\x21-\x7e]+)*$/;

function clean(value: string): string {
  if (PLAIN.test(value)) return value;
  return value.replace(INVISIBLE, ' ').replace(/\s+/g, ' ').trim();
}

/** The address as stored and shown: no controls or invisible characters, bounded. */
export function safeAddressText(address: string): string {
  return clean(address).replace(/\s/g, '').slice(0, MAX_ADDRESS_LENGTH);
}

/** The name to show next to `address`, or undefined when none should be shown. */
export function safeDisplayName(name: string | undefined, address: string): string | undefined {
  if (!name) return undefined;
  let shown = clean(name);
  // Any word with an @ must be the real address itself, whatever quoting surrounds it.
  if (shown.includes('@')) {
    const real = address.toLowerCase();
    const claimed = shown.match(AT_WORD) ?? [];
    if (claimed.some((a) => a.replace(QUOTING, '').toLowerCase() !== real)) return undefined;
  }
  // Angle brackets in a name only serve to imitate "Name <address>".
  if (shown.includes('<') || shown.includes('>')) shown = shown.replace(/[<>]/g, '').trim();
  if (shown.length > MAX_DISPLAY_NAME_LENGTH) {
    shown = `${shown.slice(0, MAX_DISPLAY_NAME_LENGTH - 1)}…`;
  }
  return shown || undefined;
}

/** An address made safe to show; null when nothing usable remains. */
export function safeAddress(name: string | undefined, address: string): Address | null {
  const shownAddress = safeAddressText(address);
  if (!shownAddress) return null;
  const shownName = safeDisplayName(name, shownAddress);
  return shownName ? { name: shownName, address: shownAddress } : { address: shownAddress };
}
