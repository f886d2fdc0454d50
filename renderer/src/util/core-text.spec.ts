// The core's texts in the window's language: every key the core formats from
// (shared/core-text.ts) has English and French here, the English the window shows is
// word for word what the core prints, and unknown keys fall back to the core's message.
import { afterEach, describe, expect, it } from 'vitest';
import {
  CORE_TEXT_KEYS,
  CORE_TEXTS_EN,
  coreText,
  formatCoreText,
  type CoreText,
} from '../../../shared/core-text';
import { RemoteError } from '../../../shared/rpc';
import { i18n, setLocale } from '../i18n';
import { describeStatus } from './account-problem';
import { errorMessage } from '../api/client';
import { translateCoreText } from './core-text';

afterEach(() => setLocale('en'));

const placeholders = (template: string) => [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);

/** A text for `key` with a distinct value for each of its placeholders. */
function sample(key: (typeof CORE_TEXT_KEYS)[number]): CoreText {
  const names = placeholders(CORE_TEXTS_EN[key]);
  return coreText(key, Object.fromEntries(names.map((name, i) => [name!, `«v${i}»`])));
}

const messages = (locale: 'en' | 'fr') =>
  (i18n.global.getLocaleMessage(locale) as { coreText: Record<string, string> }).coreText;

describe('core texts', () => {
  it('has every key the core formats from, in English and in French, with the same placeholders', () => {
    expect(CORE_TEXT_KEYS.length).toBeGreaterThan(30);
    const missing = CORE_TEXT_KEYS.filter((key) => !messages('en')[key] || !messages('fr')[key]);
    expect(missing).toEqual([]);
    // Nothing in the window that the core cannot send.
    expect(Object.keys(messages('fr')).sort()).toEqual([...CORE_TEXT_KEYS].sort());
    const mismatched = CORE_TEXT_KEYS.filter(
      (key) =>
        placeholders(messages('fr')[key]!).sort().join() !==
        placeholders(CORE_TEXTS_EN[key]).sort().join(),
    );
    expect(mismatched).toEqual([]);
  });

  it('shows in English exactly what the core prints, and something else in French', () => {
    for (const key of CORE_TEXT_KEYS) {
      const text = sample(key);
      setLocale('en');
      expect(translateCoreText(text, 'fallback')).toBe(formatCoreText(text));
      setLocale('fr');
      expect(translateCoreText(text, 'fallback'), key).not.toBe(formatCoreText(text));
    }
  });

  it('translates reasons nested in a sentence', () => {
    const where = '127.0.0.1:1143';
    const text = coreText('imapUnreachable', { where, why: coreText('reachRefused') });
    setLocale('fr');
    expect(translateCoreText(text, formatCoreText(text))).toBe(
      'Impossible de joindre 127.0.0.1:1143\u00a0: la connexion a été refusée. Vérifiez le nom d’hôte et le port, ainsi que votre connexion réseau.',
    );
    const cert = coreText('imapCertUntrusted', {
      where,
      why: coreText('certExpired'),
      reason: 'CERT_HAS_EXPIRED',
      fingerprint: 'AB:CD',
    });
    expect(translateCoreText(cert, '')).toContain(': il a expiré [CERT_HAS_EXPIRED]');
  });

  it('falls back to the core’s message for a key this window does not know', () => {
    setLocale('fr');
    expect(translateCoreText({ key: 'fromANewerCore' }, 'As the core said.')).toBe(
      'As the core said.',
    );
    const nested = { key: 'imapUnreachable', params: { where: 'x', why: { key: 'newReason' } } };
    expect(translateCoreText(nested, 'Could not reach x: a new reason.')).toBe(
      'Could not reach x: a new reason.',
    );
    expect(translateCoreText(undefined, 'Plain message.')).toBe('Plain message.');
  });

  it('reads the text a failed request carries (details.text), or keeps its message', () => {
    const text = coreText('imapPasswordRejected', { where: 'mail.example.test:993' });
    const error = new RemoteError({
      code: 'auth-failed',
      message: formatCoreText(text),
      details: { text: JSON.stringify(text) },
    });
    setLocale('fr');
    expect(errorMessage(error)).toContain(
      'Le serveur mail.example.test:993 a refusé le nom d’utilisateur ou le mot de passe.',
    );
    const older = new RemoteError({ code: 'auth-failed', message: 'Rejected.' });
    expect(errorMessage(older)).toBe('Rejected.');
    const garbled = new RemoteError({ code: 'tls', message: 'TLS.', details: { text: '{' } });
    expect(errorMessage(garbled)).toBe('TLS.');
  });

  it('words an account’s status in the window’s language when the core sent its text', () => {
    const text = coreText('syncPausedAuth', {
      problem: coreText('imapPasswordRejected', { where: 'imap.example.test:993' }),
    });
    const status = { kind: 'auth-failed' as const, message: formatCoreText(text), text };
    expect(describeStatus(status).text).toContain('Sync is paused');
    setLocale('fr');
    const french = describeStatus(status).text;
    expect(french).toContain('La synchronisation est suspendue');
    expect(french).toContain('Le serveur imap.example.test:993 a refusé');
    // A status without text (an RSE network's own words) is shown as written.
    expect(describeStatus({ kind: 'offline', message: 'No answer.' }).text).toContain('No answer.');
  });
});
