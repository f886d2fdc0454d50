// Passwords and tokens live here, never in SQLite or logs. The store is a file in the
// profile directory, created 0600; in the desktop app each value is additionally
// encrypted with Electron safeStorage through a cipher the shell provides.
import { chmod, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface SecretStore {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
}

/** Turns a secret into what is written to disk and back. */
export interface SecretCipher {
  /** Written into the file so a profile opened with the wrong cipher fails clearly. */
  readonly scheme: string;
  encrypt(plain: string): Promise<string>;
  decrypt(stored: string): Promise<string>;
}

/** Node modes (CLI, browser mode, tests): the file's 0600 mode is the protection. */
export const plainFileCipher: SecretCipher = {
  scheme: 'file-0600',
  encrypt: async (plain) => plain,
  decrypt: async (stored) => stored,
};

interface SecretFile {
  scheme: string;
  values: Record<string, string>;
}

export const SECRETS_FILE = 'secrets.json';

export class FileSecretStore implements SecretStore {
  private readonly path: string;
  // Serialises read-modify-write cycles so concurrent set() calls never lose a value.
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    profileDir: string,
    private readonly cipher: SecretCipher = plainFileCipher,
  ) {
    this.path = join(profileDir, SECRETS_FILE);
  }

  async get(key: string): Promise<string | undefined> {
    const file = await this.read();
    const stored = file.values[key];
    return stored === undefined ? undefined : this.cipher.decrypt(stored);
  }

  set(key: string, value: string): Promise<void> {
    return this.update(async (file) => {
      file.values[key] = await this.cipher.encrypt(value);
    });
  }

  delete(key: string): Promise<void> {
    return this.update(async (file) => {
      delete file.values[key];
    });
  }

  private update(change: (file: SecretFile) => Promise<void>): Promise<void> {
    const next = this.queue.then(async () => {
      const file = await this.read();
      await change(file);
      await this.write(file);
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async read(): Promise<SecretFile> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        return { scheme: this.cipher.scheme, values: {} };
      }
      throw error;
    }
    const file = JSON.parse(text) as SecretFile;
    if (file.scheme !== this.cipher.scheme) {
      throw new Error(
        `The secrets in ${this.path} were written by the ${file.scheme} store and cannot be read by the ${this.cipher.scheme} store; add the accounts again.`,
      );
    }
    return file;
  }

  private async write(file: SecretFile): Promise<void> {
    // Write-then-rename so a crash never leaves a half-written secrets file.
    const temporary = `${this.path}.${process.pid}.tmp`;
    await writeFile(temporary, JSON.stringify(file), { mode: 0o600 });
    await chmod(temporary, 0o600);
    await rename(temporary, this.path);
  }
}
