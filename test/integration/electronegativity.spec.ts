// Electronegativity (@doyensec/electronegativity) over the Electron sources and the
// built app: no high or medium finding beyond the documented exceptions. The tool is
// made offline (security/run-electronegativity.cjs: its release-list check excluded, its
// HTTP client replaced, non-loopback sockets refused) and run in a network namespace of
// its own when `unshare -n` works, under strace when present, to prove it connects to
// nothing.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const RUNNER = join(repoRoot, 'security', 'run-electronegativity.cjs');
const EXCEPTIONS = JSON.parse(
  readFileSync(join(repoRoot, 'security', 'electronegativity-exceptions.json'), 'utf8'),
) as { exceptions: { scan: string; id: string; file: string; reason: string }[] };
const ELECTRON_VERSION = (
  JSON.parse(readFileSync(join(repoRoot, 'node_modules', 'electron', 'package.json'), 'utf8')) as {
    version: string;
  }
).version;

interface Finding {
  id: string;
  file: string;
  line: number;
  severity: string;
  confidence: string;
}

const works = (cmd: string, ...args: string[]) => spawnSync(cmd, args).status === 0;
const canUnshare = works('unshare', '-n', 'true');
const hasStrace = works('strace', '-V');
const work = mkdtempSync(join(tmpdir(), 'passerelle-electronegativity-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function scan(folder: string): { findings: Finding[]; connects: string[] } {
  const trace = join(work, `${folder}.strace`);
  const command = [process.execPath, RUNNER, join(repoRoot, folder), ELECTRON_VERSION];
  const traced = hasStrace ? ['strace', '-f', '-qq', '-e', 'trace=connect', '-o', trace] : [];
  const isolated = canUnshare ? ['unshare', '-n'] : [];
  const [cmd, ...args] = [...isolated, ...traced, ...command];
  const run = spawnSync(cmd!, args, { cwd: repoRoot, encoding: 'utf8', timeout: 60_000 });
  expect(run.status, run.stderr).toBe(0);
  const json = run.stdout.split('\n@@electronegativity@@\n')[1];
  expect(json, run.stdout).toBeDefined();
  const connects = hasStrace
    ? readFileSync(trace, 'utf8')
        .split('\n')
        .filter((l) => /connect\(/.test(l) && /AF_INET6?/.test(l))
    : [];
  return { findings: (JSON.parse(json!) as { issues: Finding[] }).issues, connects };
}

function unexplained(folder: string, findings: Finding[]): Finding[] {
  return findings.filter(
    (f) =>
      (f.severity === 'HIGH' || f.severity === 'MEDIUM') &&
      !EXCEPTIONS.exceptions.some((e) => e.scan === folder && e.id === f.id && e.file === f.file),
  );
}

describe('Electronegativity', () => {
  it('documents a reason for every exception', () => {
    for (const e of EXCEPTIONS.exceptions) expect(e.reason.length, e.id).toBeGreaterThan(30);
  });

  const folders = ['electron', ...(existsSync(join(repoRoot, 'out', 'main')) ? ['out'] : [])];
  it.each(folders)('finds no unexplained high or medium issue in %s/, offline', (folder) => {
    const { findings, connects } = scan(folder);
    process.stdout.write(
      `[electronegativity] ${folder}/: ${findings.length} findings ` +
        `(unshare: ${canUnshare}, strace: ${hasStrace})\n`,
    );
    expect(connects, 'electronegativity tried to reach the network').toEqual([]);
    expect(unexplained(folder, findings)).toEqual([]);
    // An exception that no longer matches anything must be removed.
    for (const e of EXCEPTIONS.exceptions.filter((x) => x.scan === folder)) {
      expect(
        findings.some((f) => f.id === e.id && f.file === e.file),
        `stale exception ${e.id} ${e.file}`,
      ).toBe(true);
    }
  });
});
