// Where a profile (database, settings, secrets) lives. The desktop app uses Electron's
// userData; the CLI and browser mode take --profile, else $PASSERELLE_HOME, else the
// same per-OS folder the desktop app uses, so all three modes share one profile.
import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export const APP_DIR_NAME = 'Passerelle';

/** The folder Electron's app.getPath('userData') gives for productName "Passerelle". */
export function defaultProfileDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = homedir(),
): string {
  if (platform === 'win32')
    return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), APP_DIR_NAME);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_DIR_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), APP_DIR_NAME);
}

export function resolveProfileDir(
  explicit: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): string {
  if (explicit) return resolve(explicit);
  if (env.PASSERELLE_HOME) return resolve(env.PASSERELLE_HOME);
  return defaultProfileDir(process.platform, env);
}

export function ensureProfileDir(dir: string): string {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dir;
}
