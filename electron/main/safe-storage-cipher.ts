// The main-process half of secret storage: values are encrypted with Electron
// safeStorage (OS keychain / DPAPI / libsecret) before the worker writes them to the
// profile's secrets file. Without OS encryption we refuse rather than store in clear.
import type { SafeStorage } from 'electron';
import type { SecretCipher } from '../core/secrets/secret-store';
import { SAFE_STORAGE_SCHEME } from './core-worker-protocol';

export type SafeStorageLike = Pick<
  SafeStorage,
  'isAsyncEncryptionAvailable' | 'encryptStringAsync' | 'decryptStringAsync'
>;

export const ENCRYPTION_UNAVAILABLE_MESSAGE =
  'Passwords cannot be stored: this system offers no encryption for them (no keychain or ' +
  'secret service is available to Electron safeStorage). Start a keyring and try again.';

export function createSafeStorageCipher(safeStorage: SafeStorageLike): SecretCipher {
  async function ensureAvailable(): Promise<void> {
    if (!(await safeStorage.isAsyncEncryptionAvailable())) {
      throw new Error(ENCRYPTION_UNAVAILABLE_MESSAGE);
    }
  }
  return {
    scheme: SAFE_STORAGE_SCHEME,
    async encrypt(plain) {
      await ensureAvailable();
      const encrypted = await safeStorage.encryptStringAsync(plain);
      return encrypted.toString('base64');
    },
    async decrypt(stored) {
      await ensureAvailable();
      const { result } = await safeStorage.decryptStringAsync(Buffer.from(stored, 'base64'));
      return result;
    },
  };
}
