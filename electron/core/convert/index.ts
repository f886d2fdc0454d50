// Thread → post conversion, pure: no I/O, no database, no network. The caller (the
// outbox task) fetches attachment contents, uploads them, rewrites cid: references with
// the URLs it got, then posts parts[0] and the replies in order.
export { planConversion } from './plan';
export { planFollowUp } from './follow';
export type { FollowUpInput, FollowUpResult } from './follow';
export { rewriteCidReferences } from './cid';
export { NETWORK_LIMITS, withLimits } from './presets';
export { stripQuotes } from './strip';
export type { StrippedText } from './strip';
export {
  EMPTY_PREFERENCES,
  rememberDestination,
  resolveDestination,
  setAccountDefault,
} from './destination';
export type {
  DestinationPreferences,
  DestinationReason,
  DestinationRef,
  ThreadContext,
} from './destination';
export type * from './types';
