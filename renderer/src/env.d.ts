import type { Bridge } from '../../shared/contract';

declare global {
  interface Window {
    /** Exposed by the desktop preload; absent in browser mode. */
    passerelle?: Bridge;
  }
}
