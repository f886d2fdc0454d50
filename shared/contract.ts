// The one contract between the core and every client (Electron IPC, the browser-mode
// WebSocket, the CLI and tests). Requests are declared once with a params schema,
// which every transport validates at its edge, and a result type.
import { z } from 'zod';
import type {
  Account,
  AppInfo,
  ThreadDetail,
  ThreadSummary,
  TimelinePage,
} from './domain';

/** A request: its params schema (validated at the edge) and its result type. */
export interface RequestSpec<P extends z.ZodType, R> {
  params: P;
  /** Phantom field carrying the result type; never set at run time. */
  result?: R;
}

function request<R>() {
  return <P extends z.ZodType>(params: P): RequestSpec<P, R> => ({ params });
}

const id = z.string().min(1).max(200);
const noParams = z.object({}).strict();

export const AddImapAccountParams = z
  .object({
    name: z.string().trim().min(1).max(100),
    host: z.string().trim().min(1).max(255),
    port: z.number().int().min(1).max(65535),
    tls: z.enum(['none', 'starttls', 'tls']),
    user: z.string().min(1).max(320),
    password: z.string().min(1).max(4096),
  })
  .strict();
export type AddImapAccountParams = z.infer<typeof AddImapAccountParams>;

export const TimelineQuery = z
  .object({
    limit: z.number().int().min(1).max(500).default(100),
    unreadOnly: z.boolean().default(false),
    before: z.object({ date: z.string(), id: z.string() }).strict().optional(),
  })
  .strict();
export type TimelineQuery = z.input<typeof TimelineQuery>;

export const requests = {
  'app.info': request<AppInfo>()(noParams),
  'accounts.list': request<Account[]>()(noParams),
  'accounts.addImap': request<Account>()(AddImapAccountParams),
  'accounts.remove': request<null>()(z.object({ id }).strict()),
  'sync.now': request<null>()(z.object({ accountId: id.optional() }).strict()),
  'timeline.page': request<TimelinePage>()(TimelineQuery),
  'threads.list': request<ThreadSummary[]>()(noParams),
  'threads.get': request<ThreadDetail | null>()(z.object({ threadId: id }).strict()),
  'threads.markRead': request<null>()(
    z.object({ threadId: id, read: z.boolean() }).strict(),
  ),
} as const;

export type RequestName = keyof typeof requests;
export type ParamsOf<N extends RequestName> = z.input<(typeof requests)[N]['params']>;
export type ValidParamsOf<N extends RequestName> = z.output<(typeof requests)[N]['params']>;
export type ResultOf<N extends RequestName> = Exclude<(typeof requests)[N]['result'], undefined>;

/** A change the single writer committed; the UI refreshes what it shows from these. */
export interface Delta {
  table: 'accounts' | 'messages' | 'threads';
  op: 'insert' | 'update' | 'delete';
  ids: string[];
}

export interface Events {
  /** Deltas merged per committed transaction. */
  'db.changed': Delta[];
  'account.status': { accountId: string; status: Account['status'] };
}
export type EventName = keyof Events;

export interface ApiError {
  /** Stable, machine-readable: 'invalid-params', 'not-found', 'auth-failed', 'unavailable', 'internal'… */
  code: string;
  /** For people; never contains a secret. */
  message: string;
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** What the core implements; transports and tests are checked against it. */
export type Handlers = {
  [N in RequestName]: (params: ValidParamsOf<N>) => Promise<ResultOf<N>>;
};

/** What every client sees, whatever the transport. */
export interface Client {
  invoke<N extends RequestName>(name: N, params: ParamsOf<N>): Promise<ResultOf<N>>;
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void;
}

export function isRequestName(name: unknown): name is RequestName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(requests, name);
}

/**
 * What the desktop preload exposes as `window.passerelle`: the contract's invoke/on and
 * nothing else. Outcomes, not exceptions, cross the bridge.
 */
export interface Bridge {
  invoke(name: string, params: unknown): Promise<Outcome<unknown>>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}

export const IPC_INVOKE_CHANNEL = 'passerelle:invoke';
export const IPC_EVENT_CHANNEL = 'passerelle:event';
