// Mattermost pushes events over a WebSocket (/api/v4/websocket). We only need to know
// that something changed, so the engine reads from its cursors, plus the `mentions` list
// of `posted` events: the server computes it with the user's full notification settings
// (keywords, channel mentions, group mentions), which our text matching approximates.
import WebSocket from 'ws';

export interface MmWsEvent {
  event: string;
  data?: Record<string, unknown>;
  seq?: number;
}

/** Events that change what the timeline shows. */
export const ACTIVITY_EVENTS = new Set(['posted', 'post_edited', 'post_deleted']);

export function parseEvent(raw: string): MmWsEvent | undefined {
  try {
    const value: unknown = JSON.parse(raw);
    if (value && typeof value === 'object' && typeof (value as MmWsEvent).event === 'string') {
      return value as MmWsEvent;
    }
  } catch {
    // Not JSON: replies to our own actions or garbage; neither changes the timeline.
  }
  return undefined;
}

/** `data.post` and `data.mentions` are JSON strings inside the JSON event. */
function parseField<T>(value: unknown): T | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    return JSON.parse(value) as T;
  } catch {
    return undefined;
  }
}

/** The post id of a `posted` event whose mentions list names `userId`. */
export function mentionedPostId(event: MmWsEvent, userId: string): string | undefined {
  if (event.event !== 'posted') return undefined;
  const mentions = parseField<string[]>(event.data?.mentions) ?? [];
  if (!mentions.includes(userId)) return undefined;
  return parseField<{ id?: string }>(event.data?.post)?.id;
}

export interface SocketOptions {
  /** The server's base URL (http or https); the scheme becomes ws or wss. */
  baseUrl: string;
  token: string;
  onEvent: (event: MmWsEvent) => void;
  /** Called after every (re)connection: events may have been missed meanwhile. */
  onConnected?: () => void;
  /** First reconnection delay; doubles up to maxDelayMs, with jitter. */
  initialDelayMs?: number;
  maxDelayMs?: number;
}

/** A self-reconnecting socket; dispose() stops it for good. */
export class MattermostSocket {
  private socket: WebSocket | undefined;
  private timer: NodeJS.Timeout | undefined;
  private attempt = 0;
  private disposed = false;

  constructor(private readonly options: SocketOptions) {
    this.connect();
  }

  private connect(): void {
    const url = new URL('api/v4/websocket', this.options.baseUrl.replace(/\/?$/, '/'));
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    // The token in the upgrade request authenticates the socket (no challenge round-trip).
    const socket = new WebSocket(url, {
      headers: { authorization: `Bearer ${this.options.token}` },
    });
    this.socket = socket;
    socket.on('open', () => {
      this.attempt = 0;
      this.options.onConnected?.();
    });
    socket.on('message', (data: WebSocket.RawData) => {
      const event = parseEvent(data.toString());
      if (event) this.options.onEvent(event);
    });
    socket.on('error', () => {
      // 'close' follows and schedules the reconnection; errors carry no detail we show.
    });
    socket.on('close', () => {
      if (this.socket === socket) this.socket = undefined;
      this.scheduleReconnect();
    });
  }

  private scheduleReconnect(): void {
    if (this.disposed) return;
    const base = this.options.initialDelayMs ?? 1_000;
    const delay = Math.min(base * 2 ** this.attempt++, this.options.maxDelayMs ?? 60_000);
    this.timer = setTimeout(() => this.connect(), delay * (0.5 + Math.random() / 2));
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.timer);
    this.socket?.removeAllListeners('close');
    this.socket?.on('error', () => undefined);
    this.socket?.terminate();
    this.socket = undefined;
  }
}
