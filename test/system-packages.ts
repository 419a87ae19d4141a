/**
 * vitest global setup: the system packages the tests drive are installed when missing, so that a
 * fresh Debian machine passes `npm test` alone. Chromium for the browser tests, Redis for the
 * scale-out tests, Liberation Serif (Times metrics, Vietnamese) for the PDF exports; installed with apt-get when the tests run as root, else the missing one is named.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const PACKAGES: { binary: string; name: string }[] = [
  { binary: '/usr/bin/chromium', name: 'chromium' },
  { binary: '/usr/bin/redis-server', name: 'redis-server' },
  { binary: '/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf', name: 'fonts-liberation2' },
];

export default function setup(): void {
  const missing = PACKAGES.filter((p) => !existsSync(p.binary));
  if (missing.length === 0) return;
  const names = missing.map((p) => p.name);
  if (process.getuid?.() !== 0) {
    // One line, then stop before any suite runs: never suites failing one by one for want of a browser.
    console.error(`Missing system packages for the tests: ${names.join(', ')}. Run: sudo apt-get install -y ${names.join(' ')}`);
    process.exit(1);
  }
  console.log(`Installing ${names.join(', ')} (apt-get), needed by the tests…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '--no-install-recommends', ...names], { stdio: 'inherit', env });
}
