// Messages between the core and its store worker (store-offload.ts ↔ store-worker.ts).
import type { Delta } from '../../../shared/contract';
import type { FetchedMessage } from '../mail/fetched-message';
import type { MailboxState } from '../mail/mail-store';

export interface StoreWorkerData {
  /** The profile's database, already migrated by the core's own connection. */
  dbPath: string;
}

export interface SaveFetchedRequest {
  id: number;
  accountId: string;
  path: string;
  items: FetchedMessage[];
  checkpoint: Partial<Pick<MailboxState, 'highestModseq' | 'lastSeenUid'>>;
}

export type SaveFetchedReply =
  { id: number; ok: true; deltas: Delta[] } | { id: number; ok: false; message: string };
