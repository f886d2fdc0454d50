// Zulip's push: register an event queue (POST /register), then long-poll GET /events
// with the last event id seen. A queue the server garbage-collected (after ~10 minutes
// without a poll, or a server restart) answers 400 BAD_EVENT_QUEUE_ID: we register a new
// one and ask for a read, since events were lost in between. This talks to fetch
// directly because the error code is in the body, which the shared client discards.

export interface ZulipEvent {
  id: number;
  type: string;
  message_id?: number;
  message_ids?: number[];
}

export interface EventQueueOptions {
  /** The API root, like https://chat.example.org/api/v1 */
  apiUrl: string;
  authorization: string;
  eventTypes: string[];
  onEvents: (events: ZulipEvent[]) => void;
  /** A new queue means events may have been missed: read from the cursors. */
  onRegistered: () => void;
  fetch?: typeof fetch;
  /** Wait after a failure; doubles up to 60 s. */
  initialDelayMs?: number;
}

// Zulip sends a heartbeat event at least every minute; longer silence is a dead link.
const POLL_TIMEOUT_MS = 90_000;

export class ZulipEventQueue {
  private readonly abort = new AbortController();
  private readonly fetch: typeof fetch;
  private queueId: string | undefined;
  private lastEventId = -1;
  /** Resolves when the loop has stopped (after dispose). */
  readonly done: Promise<void>;

  constructor(private readonly options: EventQueueOptions) {
    this.fetch = options.fetch ?? globalThis.fetch;
    this.done = this.run();
  }

  dispose(): void {
    this.abort.abort();
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.abort.signal.aborted) {
      try {
        if (!this.queueId) await this.register();
        await this.poll();
        failures = 0;
      } catch {
        if (this.abort.signal.aborted) break;
        const base = this.options.initialDelayMs ?? 1_000;
        const delay = Math.min(base * 2 ** failures++, 60_000) * (0.5 + Math.random() / 2);
        await this.sleep(delay);
      }
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.abort.signal.addEventListener('abort', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  private async call(method: 'GET' | 'POST', path: string, params: Record<string, string>) {
    const query = new URLSearchParams(params).toString();
    const response = await this.fetch(
      method === 'GET' ? `${this.options.apiUrl}${path}?${query}` : `${this.options.apiUrl}${path}`,
      {
        method,
        headers: {
          authorization: this.options.authorization,
          accept: 'application/json',
          ...(method === 'POST' ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        },
        ...(method === 'POST' ? { body: query } : {}),
        signal: AbortSignal.any([this.abort.signal, AbortSignal.timeout(POLL_TIMEOUT_MS)]),
      },
    );
    const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    return { status: response.status, body };
  }

  private async register(): Promise<void> {
    const { status, body } = await this.call('POST', '/register', {
      // Form fields that are lists are JSON-encoded, as the API documents.
      event_types: JSON.stringify(this.options.eventTypes),
      apply_markdown: 'true',
    });
    if (status !== 200 || typeof body.queue_id !== 'string') {
      throw new Error(`register failed (HTTP ${status})`);
    }
    this.queueId = body.queue_id;
    this.lastEventId = typeof body.last_event_id === 'number' ? body.last_event_id : -1;
    this.options.onRegistered();
  }

  private async poll(): Promise<void> {
    const { status, body } = await this.call('GET', '/events', {
      queue_id: this.queueId ?? '',
      last_event_id: String(this.lastEventId),
    });
    if (status === 400 && body.code === 'BAD_EVENT_QUEUE_ID') {
      this.queueId = undefined; // the next turn registers again, at once
      return;
    }
    if (status !== 200) throw new Error(`events failed (HTTP ${status})`);
    const events = Array.isArray(body.events) ? (body.events as ZulipEvent[]) : [];
    if (events.length === 0) return;
    this.lastEventId = Math.max(this.lastEventId, ...events.map((e) => e.id));
    const useful = events.filter((e) => e.type !== 'heartbeat');
    if (useful.length) this.options.onEvents(useful);
  }
}
