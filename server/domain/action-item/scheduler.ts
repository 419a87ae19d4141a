/**
 * Runs the reminders (action items, and meetings) every minute (and once at start); when SMTP is set,
 * sends the queued meeting emails (links under `mail.publicUrl`) and the daily email digest;
 * in a cluster only the instance holding the 'reminders' lease runs them; it keeps the lease while it
 * lives (renewed), and another instance takes it over within a turn or two when it dies.
 */
import type { Logger } from 'pino';
import type { Transporter } from 'nodemailer';
import type { Db } from '../../db/client.ts';
import { sendDailyDigests, sendDueReminders, sendMeetingReminders } from './reminders.ts';
import { sendMeetingMail } from '../meeting/notices.ts';
import { singleProcess, type Cluster, type Lease } from '../../cluster/index.ts';

export function startReminderScheduler(db: Db, log: Logger, mail: { smtpUrl?: string; from: string; publicUrl: string }, cluster: Cluster = singleProcess(), everyMs = 60_000): () => void {
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
    const meetingReminders = await sendMeetingReminders(db);
    if (meetingReminders) log.info({ meetingReminders }, 'meeting reminders sent');
    if (mail.smtpUrl) {
      const smtpUrl = mail.smtpUrl;
      mailer ??= import('nodemailer').then(({ createTransport }) => createTransport(smtpUrl));
      const meetingMail = await sendMeetingMail(db, await mailer, mail.from, mail.publicUrl);
      if (meetingMail) log.info({ meetingMail }, 'meeting emails sent');
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
