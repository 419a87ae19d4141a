/** Debian's redis-server on a free port, in memory only (no RDB, no AOF), for the cluster tests. */
import { spawn, type ChildProcess } from 'node:child_process';
import { Redis } from 'ioredis';
import { exited, freePort } from '../collab/server-process.ts';

export interface RedisProcess { url: string; port: number; child: ChildProcess; stop(): Promise<void>; restart(): Promise<void> }

async function launch(port: number): Promise<ChildProcess> {
  const child = spawn('/usr/bin/redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--protected-mode', 'no'], { stdio: 'ignore' });
  const probe = new Redis(`redis://127.0.0.1:${port}`, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  probe.on('error', () => {});
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode}`);
    try {
      await probe.connect();
      await probe.ping();
      probe.disconnect();
      return child;
    } catch {
      if (Date.now() > deadline) throw new Error('redis-server did not start');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

export async function startRedis(): Promise<RedisProcess> {
  const port = await freePort();
  const process = { url: `redis://127.0.0.1:${port}`, port, child: await launch(port) } as RedisProcess;
  process.stop = async () => {
    process.child.kill('SIGKILL');
    await exited(process.child);
  };
  process.restart = async () => {
    await process.stop();
    process.child = await launch(port);
  };
  return process;
}
