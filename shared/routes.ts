/** The web app's client-side routes. The server answers 404 for a path none of them matches. */
export const CLIENT_ROUTES = [
  '/', '/sign-in', '/account',
  '/agreements', '/agreements/:id', '/agreements/:id/print', '/agreements/:id/implementation',
  '/meetings', '/meetings/:id',
  '/cases', '/cases/:id',
  '/action-items', '/action-items/:id', '/statistics',
  '/agencies', '/admin/users', '/admin/audit',
] as const;

export function isClientRoute(path: string): boolean {
  const segments = path.replace(/\/+$/, '').split('/');
  return CLIENT_ROUTES.some((route) => {
    const pattern = route.replace(/\/+$/, '').split('/');
    return pattern.length === segments.length && pattern.every((part, i) => part.startsWith(':') ? segments[i] !== '' : part === segments[i]);
  });
}
