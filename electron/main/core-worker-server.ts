// The worker-thread side of the desktop core: starts the core, answers WireMessage
// requests from the main process with the core's outcomes, forwards its events, and
// asks the main process to encrypt and decrypt secrets. Plain Node, so it is tested
// without Electron or a real thread.
import type { Outcome } from '../../shared/contract';
import type { WireMessage } from '../../shared/rpc';
import type { Core, CoreOptions } from '../core/core-types';
import { FileSecretStore, type SecretCipher } from '../core/secrets/secret-store';
import {
  EVENT_NAMES,
  SAFE_STORAGE_SCHEME,
  isRecord,
  type CipherOp,
  type HostReply,
  type HostRequest,
  type MessagePortLike,
} from './core-worker-protocol';

export interface CoreWorkerDeps {
  /** Carries WireMessages to and from the main process (the worker's parentPort). */
  wirePort: MessagePortLike;
  /** Carries HostRequest / HostReply (safeStorage, shutdown). */
  hostPort: MessagePortLike;
  profileDir: string;
  createCore: (options: CoreOptions) => Promise<Core>;
  log?: (line: string) => void;
}

export interface CoreWorker {
  /** Settles once the core has started (or failed to). */
  readonly started: Promise<void>;
}

/** A SecretCipher whose work is done by the main process (Electron safeStorage). */
export function createRemoteCipher(hostPort: MessagePortLike): SecretCipher {
  let nextId = 1;
  const pending = new Map<number, { resolve: (v: string) => void; reject: (e: Error) => void }>();
  hostPort.on('message', (message) => {
    if (!isRecord(message) || message.type !== 'cipher-result') return;
    const reply = message as Extract<HostReply, { type: 'cipher-result' }>;
    const waiter = pending.get(reply.id);
    if (!waiter) return;
    pending.delete(reply.id);
    if (reply.ok) waiter.resolve(reply.value);
    else waiter.reject(new Error(reply.message));
  });
  const call = (op: CipherOp, text: string) =>
    new Promise<string>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      hostPort.postMessage({ type: 'cipher', id, op, text } satisfies HostRequest);
    });
  return {
    scheme: SAFE_STORAGE_SCHEME,
    encrypt: (plain) => call('encrypt', plain),
    decrypt: (stored) => call('decrypt', stored),
  };
}

function isRequest(message: unknown): message is Extract<WireMessage, { type: 'request' }> {
  return (
    isRecord(message) &&
    message.type === 'request' &&
    typeof message.id === 'number' &&
    typeof message.name === 'string'
  );
}

export function serveCore(deps: CoreWorkerDeps): CoreWorker {
  const { wirePort, hostPort } = deps;
  const log = deps.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const send = (message: WireMessage) => wirePort.postMessage(message);

  const corePromise = deps.createCore({
    profileDir: deps.profileDir,
    mode: 'desktop',
    secrets: new FileSecretStore(deps.profileDir, createRemoteCipher(hostPort)),
    log,
  });
  const started = corePromise.then(
    (core) => {
      for (const name of EVENT_NAMES) {
        core.on(name, (payload) => send({ type: 'event', name, payload }));
      }
    },
    (error: unknown) => log(`[core] could not start: ${describe(error)}`),
  );

  async function answer(name: string, params: unknown): Promise<Outcome<unknown>> {
    let core: Core;
    try {
      core = await corePromise;
    } catch (error) {
      return {
        ok: false,
        error: { code: 'unavailable', message: `The core could not start: ${describe(error)}` },
      };
    }
    try {
      return await core.dispatch(name, params);
    } catch (error) {
      // dispatch promises never to throw; if it does, keep the details out of the UI.
      log(`[core] ${name} threw: ${describe(error)}`);
      return {
        ok: false,
        error: { code: 'internal', message: 'The request failed inside the core.' },
      };
    }
  }

  wirePort.on('message', (message) => {
    if (!isRequest(message)) return;
    void answer(message.name, message.params).then((outcome) =>
      send({ type: 'response', id: message.id, outcome }),
    );
  });

  hostPort.on('message', (message) => {
    if (!isRecord(message) || message.type !== 'dispose') return;
    void corePromise
      .then((core) => core.dispose())
      .catch((error: unknown) => log(`[core] shutdown: ${describe(error)}`))
      .finally(() => hostPort.postMessage({ type: 'disposed' } satisfies HostRequest));
  });

  return { started };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
