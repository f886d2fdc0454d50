// Desktop mode: the preload's `window.passerelle` carries outcomes over Electron IPC;
// failed outcomes become RemoteErrors so callers see one error type everywhere.
import type {
  Bridge,
  Client,
  EventName,
  Events,
  ParamsOf,
  RequestName,
  ResultOf,
} from '../../../shared/contract';
import { RemoteError } from '../../../shared/rpc';

export function createBridgeClient(bridge: Bridge): Client {
  return {
    async invoke<N extends RequestName>(name: N, params: ParamsOf<N>): Promise<ResultOf<N>> {
      const outcome = await bridge.invoke(name, params);
      if (!outcome.ok) throw new RemoteError(outcome.error);
      return outcome.value as ResultOf<N>;
    },
    on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void {
      return bridge.on(event, listener as (payload: unknown) => void);
    },
  };
}
