/**
 * Runs the reminders every minute (and once at start), and the daily email digest when SMTP is set;
 * in a cluster only the instance holding the 'reminders' lease runs them; it keeps the lease while it
 * lives (renewed), and another instance takes it over within a turn or two when it dies.
 */
import type { Logger } from 'pino';
import type { Transporter } from 'nodemailer';
import type { Db } from '../../db/client.ts';
import { sendDailyDigests, sendDueReminders } from './reminders.ts';
import { singleProcess, type Cluster, type Lease } from '../../cluster/index.ts';

export function startReminderScheduler(db: Db, log: Logger, mail: { smtpUrl?: string; from: string }, cluster: Cluster = singleProcess(), everyMs = 60_000): () => void {
  // nodemailer is loaded only when mail is configured, at the first run: not at start.
  let mailer: Promise<Transporter> | null = null;
  let running = false;
  let lease: Lease | null = null;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      if (!lease?.held) lease = await cluster.lease('reminders', 2 * everyMs);
      if (lease) await turn();
    } catch (error) {
      log.error({ err: error }, 'reminder run failed; it is tried again at the next tick');
    } finally {
      running = false;
    }
  };
  const turn = async () => {
    const reminders = await sendDueReminders(db);
    if (reminders) log.info({ reminders }, 'reminders sent');
    if (mail.smtpUrl) {
      const smtpUrl = mail.smtpUrl;
      mailer ??= import('nodemailer').then(({ createTransport }) => createTransport(smtpUrl));
      const digests = await sendDailyDigests(db, await mailer, mail.from);
      if (digests) log.info({ digests }, 'email digests sent');
    }
  };
  void tick();
  const timer = setInterval(tick, everyMs);
  timer.unref();
  return () => {
    clearInterval(timer);
    void lease?.release();
  };
}
