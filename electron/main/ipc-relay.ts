// Relays the contract between the renderer (through the preload) and the core: one
// invoke channel whose handler answers with an Outcome, and one event channel. Only the
// app's own top-level frame may call in.
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import {
  IPC_EVENT_CHANNEL,
  IPC_INVOKE_CHANNEL,
  isRequestName,
  type Client,
  type Outcome,
} from '../../shared/contract';
import { RemoteError } from '../../shared/rpc';
import { EVENT_NAMES } from './core-worker-protocol';

export type SenderCheck = (event: IpcMainInvokeEvent) => boolean;

/** Trusts only the main frame of our window, showing one of our own pages. */
export function createSenderCheck(
  getWebContents: () => WebContents | undefined,
  isAppUrl: (url: string) => boolean,
): SenderCheck {
  return (event) => {
    const contents = getWebContents();
    const frame = event.senderFrame;
    return (
      contents !== undefined &&
      !contents.isDestroyed() &&
      event.sender === contents &&
      frame !== null &&
      frame === contents.mainFrame &&
      isAppUrl(frame.url)
    );
  };
}

/** Calls the core and turns the client's rejections back into Outcomes for the renderer. */
export async function invokeAsOutcome(
  client: Client,
  name: unknown,
  params: unknown,
): Promise<Outcome<unknown>> {
  if (!isRequestName(name)) {
    return { ok: false, error: { code: 'unknown-request', message: 'Unknown request.' } };
  }
  try {
    // The core validates params against the contract; the cast only satisfies the client type.
    return { ok: true, value: await client.invoke(name, params as never) };
  } catch (error) {
    if (error instanceof RemoteError) {
      const { code, message, details } = error;
      // details: e.g. a refused certificate's fingerprint, which the UI offers to trust.
      return {
        ok: false,
        error: { code, message, ...(details ? { details: { ...details } } : {}) },
      };
    }
    return { ok: false, error: { code: 'internal', message: 'The request failed.' } };
  }
}

export function registerIpcRelay(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  client: Client,
  isTrustedSender: SenderCheck,
): () => void {
  ipcMain.handle(
    IPC_INVOKE_CHANNEL,
    (event, name: unknown, params: unknown): Promise<Outcome<unknown>> => {
      if (!isTrustedSender(event)) {
        return Promise.resolve({
          ok: false,
          error: { code: 'forbidden', message: 'This page may not talk to Passerelle.' },
        });
      }
      return invokeAsOutcome(client, name, params);
    },
  );
  return () => ipcMain.removeHandler(IPC_INVOKE_CHANNEL);
}

/** Sends every core event to the window's page as (eventName, payload). */
export function forwardCoreEvents(
  client: Client,
  getWebContents: () => WebContents | undefined,
): () => void {
  const unsubscribes = EVENT_NAMES.map((name) =>
    client.on(name, (payload) => {
      const contents = getWebContents();
      if (contents && !contents.isDestroyed()) contents.send(IPC_EVENT_CHANNEL, name, payload);
    }),
  );
  return () => {
    for (const unsubscribe of unsubscribes) unsubscribe();
  };
}
