import { useEffect, useState } from 'react';

export const ROUTES = ['dashboard', 'register', 'requests', 'vendors', 'breaches', 'reports', 'retention', 'sync', 'settings'] as const;
export type Route = (typeof ROUTES)[number];

function parse(hash: string): { route: Route; param?: string } {
  const [head, param] = hash.replace(/^#\/?/, '').split('/');
  const route = (ROUTES as readonly string[]).includes(head ?? '') ? (head as Route) : 'dashboard';
  return { route, param: param ? decodeURIComponent(param) : undefined };
}

/** A hash router: works the same from file:// in Electron and over http in the harness. */
export function useHashRoute(): { route: Route; param?: string } {
  const [state, setState] = useState(() => parse(window.location.hash));
  useEffect(() => {
    const on = () => setState(parse(window.location.hash));
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return state;
}

export function navigate(route: Route, param?: string): void {
  window.location.hash = `#/${route}${param ? `/${encodeURIComponent(param)}` : ''}`;
}
