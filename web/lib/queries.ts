/** Router queries: each page's data, cached per key and revalidated after a change. */
import { query, revalidate } from '@solidjs/router';
import { api } from './trpc.ts';
import type { ActionItemPageInput } from '../../shared/action-item-pages.ts';

export const getAgencies = query(() => api.agencies.list.query(), 'agencies');
export const getUsers = query(() => api.users.list.query(), 'users');
export const getAudit = query((cursor?: number) => api.audit.list.query({ cursor, limit: 50 }), 'audit');
export const getAgreements = query(() => api.agreements.list.query(), 'agreements');
export const getAgreement = query((id: string) => api.agreements.get.query({ id }), 'agreement');
/** The agreement read again (its live document was closed because the caller's rights changed). */
export const revalidateAgreement = (id: string) => revalidate(getAgreement.keyFor(id));
export const getAgreementComments = query((agreementId: string) => api.agreements.comments.query({ agreementId }), 'agreement.comments');
export const getAgreementVersions = query((agreementId: string) => api.agreements.versions.query({ agreementId }), 'agreement.versions');
export const getAgreementLifecycle = query((agreementId: string) => api.agreements.lifecycle.query({ agreementId }), 'agreement.lifecycle');
export const getAgreementConsultation = query((agreementId: string) => api.agreements.consultation.query({ agreementId }), 'agreement.consultation');
export const getAgreementSuggestions = query((agreementId: string) => api.agreements.suggestions.query({ agreementId }), 'agreement.suggestions');
export const getAgreementReviews = query((agreementId: string) => api.agreements.reviews.query({ agreementId }), 'agreement.reviews');
export const getAgreementHistory = query((agreementId: string) => api.agreements.history.query({ agreementId }), 'agreement.history');
export const getAgreementPrintable = query((agreementId: string, versionId?: string) => api.agreements.printable.query({ agreementId, versionId }), 'agreement.printable');
export const getMeetings = query(() => api.meetings.list.query(), 'meetings');
export const getMeeting = query((id: string) => api.meetings.get.query({ id }), 'meeting');
export const getCases = query(() => api.cases.list.query(), 'cases');
export const getCaseCounts = query(() => api.cases.counts.query(), 'cases.counts');
export const getCase = query((id: string) => api.cases.get.query({ id }), 'case');
export const getMyActionItems = query((filter?: ActionItemPageInput) => api.actionItems.mine.query(filter), 'actionItems.mine');
/** The group sizes of either list; its key starts with actionItems.mine, so every change that revalidates the lists revalidates it. */
export const getActionItemCounts = query((of: 'mine' | 'assigned', filter?: ActionItemPageInput) => api.actionItems.counts.query({ of, filter }), 'actionItems.mine.counts');
export const getActiveItemCount = query(() => api.actionItems.activeCount.query(), 'actionItems.activeCount');
export const getAssignedByUs = query((filter?: ActionItemPageInput) => api.actionItems.assignedByUs.query(filter), 'actionItems.assignedByUs');
export const getAgreementDuties = query((agreementId: string) => api.actionItems.ofAgreement.query({ agreementId }), 'agreement.duties');
export const getActionItem = query((id: string) => api.actionItems.get.query({ id }), 'actionItem');
export const getNotifications = query(() => api.notifications.list.query(), 'notifications');
export const getReminderSettings = query(() => api.notifications.settings.query(), 'notifications.settings');
/** Meetings overlapping [from, to): Viet Nam calendar dates, end exclusive (the week and month views). */
export const getMeetingsBetween = query((from: string, to: string) => api.meetings.list.query({ from, to }), 'meetings.between');
/** Active people of every agency, for invitee, secretary and attendance pickers. */
export const getDirectory = query(() => api.users.directory.query(), 'directory');
export const getCalendarFeed = query(() => api.calendar.status.query(), 'calendarFeed');
