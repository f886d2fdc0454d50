// IMAP sync benchmarks against a local Dovecot (issue 3): figures and ratios to a bare
// imapflow doing the same work in the same run. No assertions.
//   header sync of N messages   syncMailboxOnce (headers only) vs a bare FETCH of the same fields
//   no-change resync            one QRESYNC pass over the synced folder
//   full catch-up               `passerelle sync --once` on a fresh profile vs a bare fetch of
//                               envelope, flags, structure, threading headers and source,
//                               whole process against whole process
// BENCH_MESSAGES scales N (default 20,000); BENCH_LARGE=1 adds a 100,000-message header run;
// BENCH_RUNS (default 3) runs of each side, alternating, median reported; BENCH_CATCHUP=0
// skips the whole-process catch-up (header-path work only); BENCH_HEADER_BATCH sets the
// sync's header batch. CPU time of this process is printed too: steadier than wall time
// when other work shares the machine.
import { execFile, spawn } from 'node:child_process';
import { readFileSync, rmSync, mkdtempSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { ImapFlow } from 'imapflow';
import { insertImapAccount } from '../test/harness/mail-db';
import { openDatabase } from '../electron/core/db/connection';
import { Writer } from '../electron/core/db/deltas';
import { createSqliteMailStore } from '../electron/core/db/mail-store-sqlite';
import { syncMailboxOnce } from '../electron/core/mail/mailbox-sync';
import { HEADER_QUERY } from '../electron/core/mail/message-mapper';
import { buildMessage, startDovecot, type DovecotServer } from '../test/harness/dovecot';

const run = promisify(execFile);
/** Runs of each measurement; the median is reported (other engineers share the machine). */
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
/** BENCH_HEADER_BATCH overrides the sync's header batch (UIDs per FETCH and per transaction). */
const HEADER_BATCH = process.env.BENCH_HEADER_BATCH
  ? { headerBatch: Number(process.env.BENCH_HEADER_BATCH) }
  : {};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const list = (xs: number[], digits = 0) => xs.map((x) => x.toFixed(digits)).join(', ');
const load = () =>
  `load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`;
const CLI = join(__dirname, '..', 'bin', 'passerelle.mjs');
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
const rate = (n: number, ms: number) => `${Math.round(n / (ms / 1000)).toLocaleString()} msg/s`;

async function fill(server: DovecotServer, total: number): Promise<void> {
  for (let start = 0; start < total; start += 5000) {
    const raws = Array.from({ length: Math.min(5000, total - start) }, (_, k) => {
      const i = start + k;
      const root = i - (i % 5);
      return buildMessage({
        subject: i % 5 ? `Re: topic ${root}` : `topic ${root}`,
        messageId: `<b${i}@bench>`,
        from: `Sender ${i % 97} <s${i % 97}@bench.test>`,
        ...(i % 5 ? { inReplyTo: `<b${i - 1}@bench>`, references: [`<b${root}@bench>`] } : {}),
        date: new Date(Date.UTC(2025, 0, 1) + i * 60_000),
        text: `Paragraph ${i}. `.repeat(120),
      });
    });
    await server.importMessages(raws);
  }
}

async function connect(server: DovecotServer): Promise<ImapFlow> {
  const c = new ImapFlow({
    host: server.host,
    port: server.port,
    secure: false,
    doSTARTTLS: false,
    auth: { user: server.user, pass: server.password },
    logger: false,
    qresync: true,
    disableAutoIdle: true,
  });
  c.on('error', () => undefined);
  await c.connect();
  return c;
}

/** CPU time of this process (all its threads) since `from`, in ms. */
const cpuMs = (from: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(from);
  return (used.user + used.system) / 1000;
};
/** CPU ms of each side's runs: what the wall time costs this process (Dovecot excluded). */
const cpu = { bare: [] as number[], ours: [] as number[] };

async function bareHeaderFetch(server: DovecotServer): Promise<number> {
  const c = await connect(server);
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  const lock = await c.getMailboxLock('INBOX');
  let n = 0;
  for await (const msg of c.fetch('1:*', HEADER_QUERY, { uid: true })) if (msg.uid) n++;
  lock.release();
  const ms = performance.now() - start;
  cpu.bare.push(cpuMs(cpuStart));
  await c.logout();
  return ms + (n ? 0 : NaN);
}

function openBenchStore(server: DovecotServer) {
  const dir = mkdtempSync(join(tmpdir(), 'passerelle-bench-'));
  const db = openDatabase(join(dir, 'bench.db'));
  insertImapAccount(db, {
    name: 'Bench',
    imap: { host: server.host, port: server.port, user: server.user },
  });
  const store = createSqliteMailStore(new Writer(db));
  const dispose = () => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  };
  return { store, dispose };
}

async function headerSync(server: DovecotServer, total: number): Promise<void> {
  await bareHeaderFetch(server); // warm Dovecot's caches so both sides read the same way
  cpu.bare = [];
  cpu.ours = [];
  // Bare and ours alternate, RUNS times each, so a load change on the machine hits both.
  const bare: number[] = [];
  const ours: number[] = [];
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  let kept: ReturnType<typeof openBenchStore> | null = null;
  for (let i = 0; i < RUNS; i++) {
    bare.push(await bareHeaderFetch(server));
    kept?.dispose();
    kept = openBenchStore(server);
    const c = await connect(server);
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    await syncMailboxOnce(c, kept.store, 'a', 'INBOX', { maxBodiesPerPass: 0, ...HEADER_BATCH });
    ours.push(performance.now() - start);
    cpu.ours.push(cpuMs(cpuStart));
    await c.logout();
  }
  clearInterval(sampler);
  const { store, dispose } = kept!;
  const bareMs = median(bare);
  const oursMs = median(ours);
  const c = await connect(server);
  const resync: number[] = [];
  for (let i = 0; i < 7; i++) {
    const start = performance.now();
    const r = await syncMailboxOnce(c, store, 'a', 'INBOX', { maxBodiesPerPass: 0 });
    resync.push(performance.now() - start);
    if (i === 0) console.log(`  (resync: ${r.mode}, changes in the SELECT: ${r.selectResync})`);
  }
  resync.sort((x, y) => x - y);
  await c.logout();
  dispose();
  console.log(`initial header sync, ${total.toLocaleString()} messages (median of ${RUNS}):`);
  console.log(`  bare imapflow fetch   ${rate(total, bareMs)} (${bareMs.toFixed(0)} ms)`);
  console.log(
    `  syncMailboxOnce       ${rate(total, oursMs)} (${oursMs.toFixed(0)} ms), ratio ${(oursMs / bareMs).toFixed(2)}x (goal <= 1.5x), peak RSS ${mib(peak)}`,
  );
  console.log(`  runs (ms): bare ${list(bare)}; ours ${list(ours)}; ${load()}`);
  console.log(
    `  CPU of this process (ms): bare ${list(cpu.bare)}; ours ${list(cpu.ours)}; median ratio ${(median(cpu.ours) / median(cpu.bare)).toFixed(2)}x`,
  );
  console.log(
    `no-change resync of ${total.toLocaleString()} messages: p50 ${resync[3]!.toFixed(1)} ms, max ${resync[6]!.toFixed(1)} ms (goal < 200 ms)`,
  );
}

/** Runs a process to its end; wall time and peak RSS (VmHWM) read from /proc while it runs. */
function timedProcess(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ ms: number; hwm: number }> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    let hwm = 0;
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const sample = setInterval(() => {
      const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      if (m) hwm = Number(m[1]) * 1024;
    }, 25);
    child.on('exit', (code) => {
      clearInterval(sample);
      if (code === 0) resolve({ ms: performance.now() - start, hwm });
      else reject(new Error(`${args.join(' ')} exited ${code}: ${stderr.slice(-500)}`));
    });
  });
}

const BARE_FULL = `
import { ImapFlow } from 'imapflow';
const c = new ImapFlow({ host: '127.0.0.1', port: Number(process.env.P), secure: false,
  doSTARTTLS: false, auth: { user: 'alice', pass: process.env.TEST_IMAP_PASSWORD },
  logger: false, qresync: true, disableAutoIdle: true });
await c.connect();
const lock = await c.getMailboxLock('INBOX');
let bytes = 0;
for await (const m of c.fetch('1:*', { uid: true, envelope: true, flags: true, bodyStructure: true,
  internalDate: true, size: true, headers: ['references', 'in-reply-to'], source: true }, { uid: true }))
  bytes += m.source.length;
lock.release();
await c.logout();
if (!bytes) process.exit(1);
`;

/** One `passerelle sync --once` on a fresh profile. */
async function oursCatchUp(env: NodeJS.ProcessEnv, port: number) {
  const profile = mkdtempSync(join(tmpdir(), 'passerelle-bench-profile-'));
  try {
    // Also builds the CLI bundle for the current sources, outside the timed run.
    await run(
      process.execPath,
      [CLI, '--profile', profile, 'account', 'add', 'imap', '--name', 'Bench'].concat(
        ['--host', '127.0.0.1', '--port', String(port), '--tls', 'none'],
        ['--user', 'alice', '--password-env', 'TEST_IMAP_PASSWORD'],
      ),
      { env },
    );
    return await timedProcess([CLI, '--profile', profile, 'sync', '--once'], env);
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

async function fullCatchUp(server: DovecotServer, total: number): Promise<void> {
  const env = { ...process.env, TEST_IMAP_PASSWORD: server.password, P: String(server.port) };
  const bare: { ms: number; hwm: number }[] = [];
  const ours: { ms: number; hwm: number }[] = [];
  for (let i = 0; i < RUNS; i++) {
    bare.push(await timedProcess(['--input-type=module', '-e', BARE_FULL], env));
    ours.push(await oursCatchUp(env, server.port));
  }
  const bareS = median(bare.map((r) => r.ms)) / 1000;
  const oursS = median(ours.map((r) => r.ms)) / 1000;
  const hwm = (rs: { hwm: number }[]) => mib(Math.max(...rs.map((r) => r.hwm)));
  console.log(
    `full catch-up of ${total.toLocaleString()} messages (whole process, median of ${RUNS}):`,
  );
  console.log(
    `  bare imapflow fetch (envelope, flags, structure, refs, source) ${bareS.toFixed(1)} s, peak RSS ${hwm(bare)}`,
  );
  console.log(
    `  passerelle sync --once                                        ${oursS.toFixed(1)} s, peak RSS ${hwm(ours)}, ratio ${(oursS / bareS).toFixed(2)}x (goal <= 2x)`,
  );
  const secs = (rs: { ms: number }[]) =>
    list(
      rs.map((r) => r.ms / 1000),
      1,
    );
  console.log(`  runs (s): bare ${secs(bare)}; ours ${secs(ours)}; ${load()}`);
}

export async function benchImapSync(): Promise<void> {
  const sizes = [Number(process.env.BENCH_MESSAGES ?? 20_000)];
  if (process.env.BENCH_LARGE === '1') sizes.push(100_000);
  for (const [i, total] of sizes.entries()) {
    const server = await startDovecot();
    try {
      const start = performance.now();
      await fill(server, total);
      console.log(
        `(imported ${total.toLocaleString()} messages in ${((performance.now() - start) / 1000).toFixed(1)} s)`,
      );
      await headerSync(server, total);
      // The whole-process catch-up is the 20,000 figure the issue asks for; skip it for 100,000.
      if (i === 0 && process.env.BENCH_CATCHUP !== '0') await fullCatchUp(server, total);
    } finally {
      await server.stop();
    }
  }
}
