// Messages between the core and its store workers (store-offload.ts ↔ store-worker.ts):
// the core sends requests to the parser, the parser sends them parsed to the store, and
// the store answers the core (the parser too, when a request fails there).
import type { MessagePort } from 'node:worker_threads';
import type { Delta } from '../../../shared/contract';
import type { FetchedMessage, FetchedSource, ParsedBody } from '../mail/fetched-message';
import type { IncomingMessage, MailboxState } from '../mail/mail-store';

export type StoreWorkerData =
  /** `next`: where parsed requests go (the store). */
  | { role: 'parser'; next: MessagePort }
  /**
   * `dbPath`: the profile's database, already migrated by the core's own connection;
   * `coreWriting`: how many of the core's writes are waiting or running (shared memory).
   */
  | { role: 'store'; dbPath: string; from: MessagePort; coreWriting: Int32Array };

type Checkpoint = Partial<Pick<MailboxState, 'highestModseq' | 'lastSeenUid'>>;

/** A catch-up batch: new messages with their sources, and the checkpoint that covers them. */
export interface SaveMessagesRequest {
  id: number;
  kind: 'messages';
  accountId: string;
  path: string;
  items: FetchedMessage[];
  checkpoint: Checkpoint;
}

/** A background body batch: sources of stored messages, and bodies parsed already. */
export interface SaveBodiesRequest {
  id: number;
  kind: 'bodies';
  accountId: string;
  path: string;
  sources: FetchedSource[];
  parsed: ParsedBody[];
}

export type StoreWorkerRequest = SaveMessagesRequest | SaveBodiesRequest;

/** What the parser hands the store: the same requests with every source parsed. */
export type ParsedRequest =
  | (Omit<SaveMessagesRequest, 'items'> & { messages: IncomingMessage[] })
  | Omit<SaveBodiesRequest, 'sources'>;

export type StoreWorkerReply =
  | { id: number; ok: true; deltas: Delta[]; savedUids: number[] }
  /** `code` is the error's own (SQLITE_FULL…), so the core can tell a full disk from a bug. */
  | { id: number; ok: false; message: string; code?: string };
