import { z } from 'zod';

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z.string().regex(/^(file:|libsql:|https?:|wss?:)/, { error: 'must start with file:, libsql:, http(s): or ws(s):' }).optional(),
  DATABASE_AUTH_TOKEN: z.string().optional(),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  SEED_DEMO: z.enum(['0', '1']).optional(),
  DEMO_PASSWORD: z.string().min(1).default('concord-demo'),
  SMTP_URL: z.url({ protocol: /^smtps?$/, error: 'must be smtp://user:pass@host:port or smtps://…' }).optional(),
  MAIL_FROM: z.string().min(3).default('Concord <no-reply@concord.local>'),
  /** The address people reach Concord at, for links in emails (meeting pages, the dossier); http://HOST:PORT when unset. */
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** Where the embedded database (at the default DATABASE_URL) and uploaded files are kept. */
  DATA_DIR: z.string().min(1).default('data'),
  /** Where the daily backups go (`npm run backup` too); unset: the server makes none. */
  BACKUP_DIR: z.string().min(1).optional(),
  /** How many daily backups are kept in BACKUP_DIR; older ones are removed after each new one. */
  BACKUP_KEEP: z.coerce.number().int().min(1).max(1000).default(7),
  /** redis://host:port: several instances serve the same database (fan-out, shared limits, once-only jobs). */
  REDIS_URL: z.string().regex(/^rediss?:\/\//, { error: 'must start with redis:// or rediss://' }).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

/** The environment as parsed, the database at `<DATA_DIR>/concord.db` unless DATABASE_URL names another. */
export type Env = z.infer<typeof schema> & { DATABASE_URL: string };

/** Parses the environment once at boot; a bad value stops the server with a message naming it. */
export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const result = schema.safeParse(source);
  if (!result.success) {
    console.error(`Concord cannot start: invalid environment\n${z.prettifyError(result.error)}`);
    process.exit(78);
  }
  return { ...result.data, DATABASE_URL: result.data.DATABASE_URL ?? `file:${result.data.DATA_DIR}/concord.db` };
}
