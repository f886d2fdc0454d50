import { describe, expect, it } from 'vitest';
import { classifyImapError } from './imap-errors';
import { CertificateUntrustedError, normalizeFingerprint } from './tls-trust';

const HEX = 'ab'.repeat(32);
const CANONICAL = Array(32).fill('AB').join(':');

describe('normalizeFingerprint', () => {
  it('accepts the spellings people paste and gives one canonical form', () => {
    expect(normalizeFingerprint(HEX)).toBe(CANONICAL);
    expect(normalizeFingerprint(CANONICAL.toLowerCase())).toBe(CANONICAL);
    expect(normalizeFingerprint(`SHA256:${CANONICAL}`)).toBe(CANONICAL);
    expect(normalizeFingerprint(CANONICAL.replaceAll(':', ' '))).toBe(CANONICAL);
  });

  it('refuses what is not a SHA-256 fingerprint (a SHA-1 one is too short)', () => {
    expect(normalizeFingerprint('ab'.repeat(20))).toBeNull();
    expect(normalizeFingerprint(`${HEX}zz`)).toBeNull();
  });
});

describe('classifyImapError for certificates', () => {
  it('names the reason in words, the code and the fingerprint, wrapped or not', () => {
    const refusal = new CertificateUntrustedError({
      reason: 'CERT_HAS_EXPIRED',
      fingerprint: CANONICAL,
      subject: 'mail.example.test',
      issuer: 'Some CA',
    });
    for (const error of [refusal, Object.assign(new Error('upgrade failed'), { _err: refusal })]) {
      const problem = classifyImapError(error, {
        host: 'mail.example.test',
        port: 993,
        tls: 'tls',
      });
      expect(problem.code).toBe('certificate-untrusted');
      expect(problem.message).toContain('it has expired [CERT_HAS_EXPIRED]');
      expect(problem.message).toContain(CANONICAL);
      expect(problem.certificate?.fingerprint).toBe(CANONICAL);
    }
  });
});
