/** Runs the reminders every minute (and once at start), and the daily email digest when SMTP is set. */
import type { Logger } from 'pino';
import { createTransport } from 'nodemailer';
import type { Db } from '../../db/client.ts';
import { sendDailyDigests, sendDueReminders } from './reminders.ts';

export function startReminderScheduler(db: Db, log: Logger, mail: { smtpUrl?: string; from: string }, everyMs = 60_000): () => void {
  const mailer = mail.smtpUrl ? createTransport(mail.smtpUrl) : null;
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const reminders = await sendDueReminders(db);
      if (reminders) log.info({ reminders }, 'reminders sent');
      if (mailer) {
        const digests = await sendDailyDigests(db, mailer, mail.from);
        if (digests) log.info({ digests }, 'email digests sent');
      }
    } catch (error) {
      log.error({ err: error }, 'reminder run failed; it is tried again at the next tick');
    } finally {
      running = false;
    }
  };
  void tick();
  const timer = setInterval(tick, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
