/**
 * What the collaboration server and the web app agree on: the names of live documents and the
 * WebSocket close codes. 44xx mirror HTTP 4xx: the y-websocket client does not reconnect after
 * them; 45xx and standard codes are transient, the client reconnects.
 */
/**
 * The largest paste or drop the editors accept, in characters of the pasted content: its update
 * stays well below the server's 2 MB message limit, so nothing is applied locally that the server
 * would then refuse (and lose).
 */
export const MAX_PASTE_CHARS = 400_000;

/** The server writes to every open connection at least this often, so a silent one is known lost within seconds. */
export const HEARTBEAT_MS = 1_000;

export const CLOSE = {
  badMessage: 4400,
  unauthenticated: 4401,
  forbidden: 4403,
  documentGone: 4404,
  tooLarge: 4413,
  serverError: 4500,
  /** This user's rights on the document changed (now read-only): reconnect and re-read them. */
  accessChanged: 4001,
  /** The server is shutting down or restarting; reconnect. */
  goingAway: 1001,
} as const;
export type CloseCode = (typeof CLOSE)[keyof typeof CLOSE];

export const COLLAB_PATH = '/collab';

export const DOC_KINDS = ['agreement', 'minutes'] as const;
export type DocKind = (typeof DOC_KINDS)[number];

export interface DocRef { kind: DocKind; id: string }

const DOC_NAME = /^(agreement|minutes):([A-Za-z0-9_-]{1,64})$/;

/** `agreement:<id>` or `minutes:<meetingId>`; anything else is not a live document. */
export function parseDocName(name: string): DocRef | null {
  const match = DOC_NAME.exec(name);
  return match ? { kind: match[1] as DocKind, id: match[2] } : null;
}

export function docName(kind: DocKind, id: string): string {
  return `${kind}:${id}`;
}
