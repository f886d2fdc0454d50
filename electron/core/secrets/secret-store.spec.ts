import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileSecretStore, SECRETS_FILE, type SecretCipher } from './secret-store';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'passerelle-secrets-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const reversingCipher: SecretCipher = {
  scheme: 'test-reverse',
  encrypt: async (plain) => [...plain].reverse().join(''),
  decrypt: async (stored) => [...stored].reverse().join(''),
};

describe('FileSecretStore', () => {
  it('keeps values in a file only its owner can read', async () => {
    const store = new FileSecretStore(dir);
    await store.set('account:1:password', 'hunter2');
    expect(await store.get('account:1:password')).toBe('hunter2');
    expect(statSync(join(dir, SECRETS_FILE)).mode & 0o777).toBe(0o600);
  });

  it('loses no value when several are set at once', async () => {
    const store = new FileSecretStore(dir);
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.set(`k${i}`, `v${i}`)));
    for (let i = 0; i < 20; i++) expect(await store.get(`k${i}`)).toBe(`v${i}`);
  });

  it('deletes values and answers undefined for unknown keys', async () => {
    const store = new FileSecretStore(dir);
    await store.set('a', '1');
    await store.delete('a');
    expect(await store.get('a')).toBeUndefined();
  });

  it('writes only the cipher text when a cipher is given', async () => {
    const store = new FileSecretStore(dir, reversingCipher);
    await store.set('token', 'abc-secret');
    expect(readFileSync(join(dir, SECRETS_FILE), 'utf8')).not.toContain('abc-secret');
    expect(await store.get('token')).toBe('abc-secret');
  });

  it('refuses clearly to read a file written with another cipher', async () => {
    await new FileSecretStore(dir, reversingCipher).set('token', 'x');
    await expect(new FileSecretStore(dir).get('token')).rejects.toThrow(/test-reverse store/);
  });
});
