// A Map-backed MailStore for integration tests: the interface's contract, nothing more.
// Absent checkpoint fields leave the checkpoint as it is; lastSeenUid never moves back.
import type { IncomingMessage, MailboxState, MailStore } from '../../electron/core/mail/mail-store';

interface Box {
  state: MailboxState;
  messages: Map<number, IncomingMessage>;
}

export class MemoryMailStore implements MailStore {
  readonly boxes = new Map<string, Box>();
  /** Every saveMessages call's UIDs, to prove batches were not replayed needlessly. */
  readonly saves: number[][] = [];

  private key(accountId: string, path: string): string {
    return `${accountId}\u0000${path}`;
  }

  private box(accountId: string, path: string): Box {
    const key = this.key(accountId, path);
    let box = this.boxes.get(key);
    if (!box) {
      box = {
        state: { path, uidValidity: null, highestModseq: null, lastSeenUid: 0 },
        messages: new Map(),
      };
      this.boxes.set(key, box);
    }
    return box;
  }

  messages(accountId: string, path = 'INBOX'): IncomingMessage[] {
    return [...(this.boxes.get(this.key(accountId, path))?.messages.values() ?? [])].sort(
      (a, b) => a.uid - b.uid,
    );
  }

  getMailboxState(accountId: string, path: string): MailboxState | null {
    const box = this.boxes.get(this.key(accountId, path));
    return box ? { ...box.state } : null;
  }

  resetMailbox(accountId: string, path: string, uidValidity: bigint): void {
    const box = this.box(accountId, path);
    box.messages.clear();
    box.state = { path, uidValidity, highestModseq: null, lastSeenUid: 0 };
  }

  saveMessages(
    accountId: string,
    path: string,
    messages: IncomingMessage[],
    checkpoint: Partial<Pick<MailboxState, 'highestModseq' | 'lastSeenUid'>>,
  ): void {
    const box = this.box(accountId, path);
    this.saves.push(messages.map((m) => m.uid));
    for (const m of messages) {
      const old = box.messages.get(m.uid);
      // A header replay must not drop a body fetched meanwhile.
      box.messages.set(
        m.uid,
        old && old.bodyText !== null
          ? { ...m, bodyText: old.bodyText, snippet: old.snippet }
          : { ...m },
      );
    }
    if (checkpoint.highestModseq !== undefined) box.state.highestModseq = checkpoint.highestModseq;
    if (checkpoint.lastSeenUid !== undefined)
      box.state.lastSeenUid = Math.max(box.state.lastSeenUid, checkpoint.lastSeenUid);
  }

  updateFlags(
    accountId: string,
    path: string,
    changes: { uid: number; flags: string[] }[],
    highestModseq?: bigint | null,
  ): void {
    const box = this.box(accountId, path);
    for (const c of changes) {
      const m = box.messages.get(c.uid);
      if (m) m.flags = [...c.flags];
    }
    if (highestModseq !== undefined) box.state.highestModseq = highestModseq;
  }

  removeMessages(accountId: string, path: string, uids: number[]): void {
    const box = this.box(accountId, path);
    for (const uid of uids) box.messages.delete(uid);
  }

  saveBody(accountId: string, path: string, uid: number, bodyText: string, snippet: string): void {
    const m = this.box(accountId, path).messages.get(uid);
    if (m) Object.assign(m, { bodyText, snippet });
  }

  listUids(accountId: string, path: string): number[] {
    return [...this.box(accountId, path).messages.keys()].sort((a, b) => a - b);
  }

  listUidsMissingBody(accountId: string, path: string, limit: number): number[] {
    return [...this.box(accountId, path).messages.values()]
      .filter((m) => m.bodyText === null)
      .map((m) => m.uid)
      .sort((a, b) => b - a)
      .slice(0, limit);
  }
}
