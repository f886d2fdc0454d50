// Messages between the core and its store worker (store-offload.ts ↔ store-worker.ts).
import type { Delta } from '../../../shared/contract';
import type { FetchedMessage, FetchedSource, ParsedBody } from '../mail/fetched-message';
import type { MailboxState } from '../mail/mail-store';

export interface StoreWorkerData {
  /** The profile's database, already migrated by the core's own connection. */
  dbPath: string;
}

/** A catch-up batch: new messages with their sources, and the checkpoint that covers them. */
export interface SaveMessagesRequest {
  id: number;
  kind: 'messages';
  accountId: string;
  path: string;
  items: FetchedMessage[];
  checkpoint: Partial<Pick<MailboxState, 'highestModseq' | 'lastSeenUid'>>;
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

export type StoreWorkerReply =
  | { id: number; ok: true; deltas: Delta[]; savedUids: number[] }
  | { id: number; ok: false; message: string };
