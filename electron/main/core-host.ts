// The main-process side of the core: starts the worker thread that runs it, talks to it
// with the shared RPC client, and serves the worker's safeStorage requests.
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import {
  createRpcClient,
  type RpcChannel,
  type RpcClient,
  type WireMessage,
} from '../../shared/rpc';
import type { SecretCipher } from '../core/secrets/secret-store';
import {
  isRecord,
  type CoreWorkerData,
  type HostReply,
  type HostRequest,
  type MessagePortLike,
} from './core-worker-protocol';

/** The part of a worker_threads Worker the host uses; tests pass an in-thread stand-in. */
export interface WorkerLike extends MessagePortLike {
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  terminate(): Promise<number>;
}

export interface CoreHostOptions {
  /** Built worker entry (out/main/core-worker.js). */
  workerFile: string;
  profileDir: string;
  /** Main-process cipher for secrets (safeStorage in the desktop app). */
  cipher: SecretCipher;
  log?: (line: string) => void;
  /** How long dispose() waits for the core to close its database and sessions. */
  shutdownTimeoutMs?: number;
  spawn?: (file: string, data: CoreWorkerData, transfer: MessagePort[]) => WorkerLike;
}

export interface CoreHost {
  readonly client: RpcClient;
  /** Asks the core to shut down cleanly, then stops the worker. Idempotent. */
  dispose(): Promise<void>;
}

const CORE_STOPPED = { code: 'unavailable', message: 'The core stopped unexpectedly.' };

const defaultSpawn = (file: string, data: CoreWorkerData, transfer: MessagePort[]): WorkerLike =>
  new Worker(file, { workerData: data, transferList: transfer, name: 'passerelle-core' });

export function startCoreHost(options: CoreHostOptions): CoreHost {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const { port1: hostPort, port2: workerHostPort } = new MessageChannel();
  const worker = (options.spawn ?? defaultSpawn)(
    options.workerFile,
    { profileDir: options.profileDir, hostPort: workerHostPort },
    [workerHostPort],
  );

  let alive = true;
  let stopped = false;
  const receivers = new Set<(message: WireMessage) => void>();
  const channel: RpcChannel = {
    send(message) {
      if (alive) {
        worker.postMessage(message);
        return;
      }
      // A dead worker never answers: fail the request instead of leaving it pending.
      if (message.type !== 'request') return;
      const outcome = { ok: false as const, error: CORE_STOPPED };
      queueMicrotask(() => {
        for (const receiver of receivers) receiver({ type: 'response', id: message.id, outcome });
      });
    },
    onMessage(receiver) {
      const listener = (message: unknown) => receiver(message as WireMessage);
      receivers.add(receiver);
      worker.on('message', listener);
      return () => {
        receivers.delete(receiver);
        worker.off('message', listener);
      };
    },
  };
  const client = createRpcClient(channel);

  const lost = (why: string) => {
    alive = false;
    if (stopped) return;
    log(`[core] ${why}`);
    client.failPending(CORE_STOPPED);
  };
  // 'error' is an uncaught exception in the worker; 'exit' follows it, or a clean stop.
  worker.on('error', (error) => lost(`worker error: ${error.message}`));
  worker.on('exit', (code) => lost(`worker exited with code ${code}`));

  hostPort.on('message', (message: unknown) => {
    if (!isRecord(message) || message.type !== 'cipher') return;
    const request = message as Extract<HostRequest, { type: 'cipher' }>;
    const work =
      request.op === 'encrypt'
        ? options.cipher.encrypt(request.text)
        : options.cipher.decrypt(request.text);
    void work.then(
      (value): void =>
        hostPort.postMessage({
          type: 'cipher-result',
          id: request.id,
          ok: true,
          value,
        } satisfies HostReply),
      (error: unknown): void =>
        hostPort.postMessage({
          type: 'cipher-result',
          id: request.id,
          ok: false,
          message: error instanceof Error ? error.message : 'Encryption failed.',
        } satisfies HostReply),
    );
  });

  function shutDownCore(): Promise<void> {
    return new Promise<void>((resolve) => {
      hostPort.on('message', (message: unknown) => {
        if (isRecord(message) && message.type === 'disposed') resolve();
      });
      setTimeout(resolve, options.shutdownTimeoutMs ?? 5000).unref();
      hostPort.postMessage({ type: 'dispose' } satisfies HostReply);
    });
  }

  let disposing: Promise<void> | undefined;
  function dispose(): Promise<void> {
    disposing ??= (async () => {
      if (alive) await shutDownCore();
      stopped = true;
      client.dispose();
      hostPort.close();
      await worker.terminate();
    })();
    return disposing;
  }

  return { client, dispose };
}
