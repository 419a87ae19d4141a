/** A person's calendar feed address, renewed or revoked, as commands. */
import type { CommandDeps } from '../command.ts';
import { renewCalendarToken, revokeCalendarTokens } from './index.ts';

/** A new personal feed address; the previous one stops working. The token is shown this once. */
export async function renew(deps: CommandDeps): Promise<{ path: string }> {
  const token = await deps.db.write((tx) => renewCalendarToken(tx, deps.actor));
  return { path: `/export/calendar/${token}.ics` };
}

export async function revoke(deps: CommandDeps): Promise<{ active: false }> {
  await deps.db.write((tx) => revokeCalendarTokens(tx, deps.actor));
  return { active: false };
}
