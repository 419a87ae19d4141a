import { router } from '../init.ts';
import { accountRouter } from './account.ts';
import { actionItemsRouter } from './action-items.ts';
import { agenciesRouter } from './agencies.ts';
import { agreementsRouter } from './agreements.ts';
import { auditRouter } from './audit.ts';
import { calendarRouter } from './calendar.ts';
import { notificationsRouter } from './notifications.ts';
import { casesRouter } from './cases.ts';
import { meetingsRouter } from './meetings.ts';
import { usersRouter } from './users.ts';
import { statisticsRouter } from './statistics.ts';
import { searchRouter } from './search.ts';
import { changesRouter } from './changes.ts';
import { attachmentsRouter } from './attachments.ts';

export const appRouter = router({
  account: accountRouter,
  agencies: agenciesRouter,
  users: usersRouter,
  audit: auditRouter,
  agreements: agreementsRouter,
  meetings: meetingsRouter,
  cases: casesRouter,
  actionItems: actionItemsRouter,
  calendar: calendarRouter,
  statistics: statisticsRouter,
  search: searchRouter,
  notifications: notificationsRouter,
  changes: changesRouter,
  attachments: attachmentsRouter,
});

export type AppRouter = typeof appRouter;
