import { describe, expect, it, vi } from 'vitest';
import { ENCRYPTION_UNAVAILABLE_MESSAGE, createSafeStorageCipher } from './safe-storage-cipher';

// Stands in for the OS keychain: reversible, but never the plain text.
function fakeSafeStorage(available: boolean) {
  return {
    isAsyncEncryptionAvailable: vi.fn(async () => available),
    encryptStringAsync: vi.fn(async (plain: string) =>
      Buffer.from(`enc:${[...plain].reverse().join('')}`, 'utf8'),
    ),
    decryptStringAsync: vi.fn(async (encrypted: Buffer) => ({
      shouldReEncrypt: false,
      result: [...encrypted.toString('utf8').slice(4)].reverse().join(''),
    })),
  };
}

describe('createSafeStorageCipher', () => {
  it('round-trips a secret through safeStorage and stores base64, not the secret', async () => {
    const storage = fakeSafeStorage(true);
    const cipher = createSafeStorageCipher(storage);
    const stored = await cipher.encrypt('hunter2 é');
    expect(stored).not.toContain('hunter2');
    expect(Buffer.from(stored, 'base64').toString('utf8')).toBe('enc:é 2retnuh');
    expect(await cipher.decrypt(stored)).toBe('hunter2 é');
  });

  it('refuses to store a secret when the OS offers no encryption', async () => {
    const storage = fakeSafeStorage(false);
    const cipher = createSafeStorageCipher(storage);
    await expect(cipher.encrypt('hunter2')).rejects.toThrow(ENCRYPTION_UNAVAILABLE_MESSAGE);
    await expect(cipher.decrypt('ZW5jOg==')).rejects.toThrow(ENCRYPTION_UNAVAILABLE_MESSAGE);
    expect(storage.encryptStringAsync).not.toHaveBeenCalled();
  });

  it('names its scheme so a plain secrets file is not misread', () => {
    expect(createSafeStorageCipher(fakeSafeStorage(true)).scheme).not.toBe('file-0600');
  });
});
