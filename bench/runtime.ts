/**
 * Runtime benchmark: the compiled server as `npm start` runs it (scripts/start.mjs under
 * NODE_ENV=production, the build already present). Prints one JSON line: the first start (empty
 * database: migrations and demo data) and the second start to a healthy /healthz, the idle RSS after
 * 10 s and after 45 s (once V8's memory reducer has run), and the RSS after each heavy route is used once (Word, PDF, Excel, calendar, attachment
 * upload, Word import, case register import). Targets (issue #16): second start
 * under 3 s, idle RSS at most 100 MB.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildServer, buildWeb, isStale, ROOT, TARGETS } from '../scripts/launcher.mjs';
import { exited, freePort } from '../test/collab/server-process.ts';
import { DEMO_IDS } from '../server/demo/seed.ts';
import { serverNodeArgs } from './_common.ts';

const MB = 1024 * 1024;
const rssMb = (pid: number) => {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'))!;
  return Math.round((Number(line.split(/\s+/)[1]) * 1024 / MB) * 10) / 10;
};

async function start(dataDir: string, port: number): Promise<{ child: ChildProcess; ms: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, [...(await serverNodeArgs()), 'scripts/start.mjs'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', SEED_DEMO: '1', DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
    if (await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false)) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return { child, ms: Math.round(performance.now() - started) };
}

async function stop(child: ChildProcess) {
  child.kill('SIGTERM');
  await exited(child);
}

async function main() {
  if (isStale(TARGETS.web)) buildWeb();
  if (isStale(TARGETS.server)) await buildServer();
  const dataDir = mkdtempSync(join(tmpdir(), 'concord-bench-runtime-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  try {
    const first = await start(dataDir, port);
    await stop(first.child);
    const second = await start(dataDir, port);
    const pid = second.child.pid!;
    const startRss = rssMb(pid);
    await new Promise((resolve) => setTimeout(resolve, 10_000));
    const idleRss = rssMb(pid);
    // V8's memory reducer runs after some idle seconds: it gives back the young generation the start grew.
    await new Promise((resolve) => setTimeout(resolve, 35_000));
    const settledRss = rssMb(pid);

    const signIn = await fetch(`${url}/auth/sign-in`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'thads@demo.concord.vn', password: 'concord-demo' }),
    });
    const cookie = signIn.headers.getSetCookie().find((line) => line.startsWith('session='))!.split(';')[0];
    const headers = { cookie, origin: url };
    const afterRoute: Record<string, { status: number; rssMb: number }> = { 'sign-in': { status: signIn.status, rssMb: rssMb(pid) } };
    let docx: Blob | null = null;
    const routes: [string, () => Promise<Response>][] = [
      ['agreement.docx', () => fetch(`${url}/export/agreements/${DEMO_IDS.agreement}.docx`, { headers })],
      ['agreement.pdf', () => fetch(`${url}/export/agreements/${DEMO_IDS.agreement}.pdf`, { headers })],
      ['statistics.xlsx', () => fetch(`${url}/export/statistics.xlsx?from=2026-01-01&to=2026-12-31`, { headers })],
      ['meeting.ics', () => fetch(`${url}/export/meetings/${DEMO_IDS.meeting}.ics`, { headers })],
      ['attachment upload', () => {
        const form = new FormData();
        form.set('target', `agreement:${DEMO_IDS.agreement}`);
        form.set('file', new File([Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n')], 'a.pdf'));
        return fetch(`${url}/attachments`, { method: 'POST', body: form, headers });
      }],
      ['word import', () => {
        const form = new FormData();
        form.set('file', new File([docx!], 'quy-che.docx'));
        for (const agency of ['agency-thads', 'agency-tand']) form.append('partyAgencyIds', agency);
        return fetch(`${url}/import/agreements`, { method: 'POST', body: form, headers });
      }],
      ['case register import', () => fetch(`${url}/trpc/cases.import`, {
        method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ csv: 'Số bản án;Ngày bản án;Tòa án\n12/2025/DS-ST;01/02/2025;TAND tỉnh Phú Thọ\n' }),
      })],
    ];
    for (const [name, call] of routes) {
      const response = await call();
      if (name === 'agreement.docx') docx = await response.blob();
      else await response.arrayBuffer();
      afterRoute[name] = { status: response.status, rssMb: rssMb(pid) };
    }
    await stop(second.child);
    console.log(JSON.stringify({
      benchmark: 'runtime',
      firstStartMs: first.ms,
      secondStartMs: second.ms,
      rssAtStartMb: startRss,
      idleRssAfter10sMb: idleRss,
      idleRssAfter45sMb: settledRss,
      afterRoute,
      targets: { secondStartMs: 3000, idleRssMb: 100 },
      met: { secondStart: second.ms < 3000, idleRssAt10s: idleRss <= 100, idleRssAt45s: settledRss <= 100 },
    }));
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
