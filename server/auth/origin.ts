/**
 * Same-origin check for cookie-authenticated mutations and the WebSocket upgrade. A browser sends
 * Origin on every cross-site POST and on every WebSocket handshake: a request without one, or with
 * another host or scheme, is not this app's page.
 */
export interface RequestOrigin {
  origin: string | undefined;
  host: string | undefined;
  /** The scheme the client used: the connection's own, or the one a proxy in front reports. */
  protocol: 'http:' | 'https:';
}

export function isOwnOrigin({ origin, host, protocol }: RequestOrigin): boolean {
  if (!origin || !host) return false;
  try {
    const url = new URL(origin);
    return url.host === host && url.protocol === protocol;
  } catch {
    return false;
  }
}

/** `x-forwarded-proto` (first value) when a proxy terminates TLS, else the connection's scheme. */
export function clientProtocol(forwarded: string | undefined, encrypted: boolean): 'http:' | 'https:' {
  const first = forwarded?.split(',')[0]?.trim().toLowerCase();
  if (first === 'https' || first === 'http') return `${first}:`;
  return encrypted ? 'https:' : 'http:';
}
