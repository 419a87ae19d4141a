import { query, revalidate } from '@solidjs/router';
import { api } from './trpc.ts';
import { forgetAllLiveDocuments } from './collab.ts';

/** The signed-in user (null when signed out), shared by every page. */
export const getMe = query(() => api.account.me.query(), 'me');

export async function signIn(email: string, password: string): Promise<'ok' | 'invalid' | 'limited' | 'error'> {
  const response = await fetch('/auth/sign-in', {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }),
  });
  if (response.ok) {
    await revalidate();
    return 'ok';
  }
  return response.status === 401 ? 'invalid' : response.status === 429 ? 'limited' : 'error';
}

export async function signOut(): Promise<void> {
  await fetch('/auth/sign-out', { method: 'POST' });
  await forgetAllLiveDocuments();
  await revalidate();
}
