// The real `passerelle` CLI (sources through tsx) with two test-only changes, for the
// conversion kill tests:
// - CRASH_AFTER=post|comment and CRASH_COUNT=N: once the Nth such item has been created
//   by WordPress (its 201 answer received) and before the CLI can record it, the process
//   kills itself with SIGKILL, as a power cut or `kill -9` would at that exact moment;
// - SPLIT_AT=N: the WordPress preset's body limit, as a site reporting a tighter limit
//   would set it, so a thread is planned as a post plus replies (WordPress has no limit of
//   its own, so nothing is ever split there otherwise).
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
require('tsx/cjs');

const crashAfter = process.env.CRASH_AFTER;
const crashCount = Number(process.env.CRASH_COUNT ?? '1');
if (crashAfter) {
  const route = crashAfter === 'post' ? '/wp/v2/posts' : '/wp/v2/comments';
  const realFetch = globalThis.fetch;
  let created = 0;
  globalThis.fetch = async (input, init) => {
    const response = await realFetch(input, init);
    const url = decodeURIComponent(String(input instanceof Request ? input.url : input));
    const method = (
      init?.method ?? (input instanceof Request ? input.method : 'GET')
    ).toUpperCase();
    if (method === 'POST' && response.status === 201 && url.includes(route)) {
      if (++created === crashCount) process.kill(process.pid, 'SIGKILL');
    }
    return response;
  };
}

if (process.env.SPLIT_AT) {
  const { NETWORK_LIMITS } = require('../../electron/core/convert/presets.ts');
  NETWORK_LIMITS.wordpress.maxBodyLength = Number(process.env.SPLIT_AT);
}

const { main } = require('../../electron/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
