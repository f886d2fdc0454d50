// What the composer store needs besides its state: the undo window's setting, files as
// the core takes them, and the writer's clock.
import { i18n } from '../i18n';

const UNDO_KEY = 'passerelle.undoSendMs';

/** The undo window, configurable in localStorage; 5 s unless set. */
export function undoDelayMs(): number {
  const stored = Number(globalThis.localStorage?.getItem(UNDO_KEY));
  return Number.isFinite(stored) && stored >= 0 && globalThis.localStorage?.getItem(UNDO_KEY)
    ? stored
    : 5_000;
}

async function fileToBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  // In slices: one spread of a large file would pass too many arguments.
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

/** A picked or dropped file as the core's attachment requests take it. */
export async function fileUpload(
  file: File,
): Promise<{ filename: string; contentType: string; dataBase64: string }> {
  return {
    filename: file.name,
    contentType: file.type || 'application/octet-stream',
    dataBase64: await fileToBase64(file),
  };
}

/** The writer's language and time zone: the core writes dates and quote lines with them. */
export function readerClock(): { locale: string; timeZone: string } {
  return {
    locale: i18n.global.locale.value,
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
  };
}
