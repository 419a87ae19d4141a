/**
 * The layout rules the code keeps (STYLE.md): a request goes page → router → policy → domain → SQL,
 * and nothing below calls back up. Read from the sources, so a change that breaks a rule fails here.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

function sources(folder: string): string[] {
  const dir = join(ROOT, folder);
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(relative(ROOT, path));
    return path.endsWith('.ts') || path.endsWith('.tsx') ? [relative(ROOT, path)] : [];
  });
}

/** Every module a file imports, as a path from the repository root. */
function importsOf(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  return [...text.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+'([^']+)'/gm), ...text.matchAll(/import\('([^']+)'\)/g)]
    .map((match) => match[1])
    .filter((spec) => spec.startsWith('.'))
    .map((spec) => relative(ROOT, resolve(ROOT, dirname(file), spec)));
}

describe('the code layout', () => {
  it('the domain never imports the collaboration server, the API or the HTTP app', () => {
    const offenders = sources('server/domain').flatMap((file) => importsOf(file)
      .filter((target) => target.startsWith('server/collab/') || target.startsWith('server/trpc/') || target.startsWith('server/http/') || target === 'server/app.ts')
      .map((target) => `${file} → ${target}`));
    expect(offenders).toEqual([]);
  });

  it('routers hold no SQL and open no transaction: they validate, run a command or a domain query, and present', () => {
    const offenders = sources('server/trpc/routers').filter((file) => {
      const text = readFileSync(join(ROOT, file), 'utf8');
      return /\b(SELECT|INSERT|UPDATE|DELETE)\s/.test(text) || /\.(execute|batch|write)\(/.test(text)
        || importsOf(file).some((target) => target.startsWith('server/db/') || target.startsWith('server/collab/'));
    });
    expect(offenders).toEqual([]);
  });

  it('nothing below the app imports it (no cycle through server/app.ts)', () => {
    const offenders = sources('server').filter((file) => file !== 'server/main.ts' && importsOf(file).includes('server/app.ts'));
    expect(offenders).toEqual([]);
  });

  it('the policy imports no domain, database or collaboration module (scopes are SQL text only)', () => {
    const offenders = sources('server/policy').flatMap((file) => importsOf(file).filter((target) => !target.startsWith('shared/') && !target.startsWith('server/policy/')).map((t) => `${file} → ${t}`));
    expect(offenders).toEqual([]);
  });

  it('the web app imports only shared code and the router type from the server', () => {
    const offenders = sources('web').flatMap((file) => {
      const text = readFileSync(join(ROOT, file), 'utf8');
      return importsOf(file)
        .filter((target) => target.startsWith('server/'))
        .filter((target) => !new RegExp(`import type [^;]*'[^']*${target.split('/').pop()}`).test(text))
        .map((target) => `${file} → ${target}`);
    });
    expect(offenders).toEqual([]);
  });
});
