import { useEffect, useRef, useState, useSyncExternalStore } from 'react';

export const ROUTES = ['dashboard', 'register', 'requests', 'vendors', 'breaches', 'reports', 'retention', 'sync', 'settings'] as const;
export type Route = (typeof ROUTES)[number];

export interface Location {
  route: Route;
  param?: string;
  /** List filters (`#/requests?view=overdue`): dashboard counters and the Today list link to them. */
  query: URLSearchParams;
}

export type Query = Record<string, string | undefined | null>;

function parse(hash: string): Location {
  const raw = hash.replace(/^#\/?/, '');
  const q = raw.indexOf('?');
  const path = q >= 0 ? raw.slice(0, q) : raw;
  const [head, param] = path.split('/');
  const route = (ROUTES as readonly string[]).includes(head ?? '') ? (head as Route) : 'dashboard';
  return { route, param: param ? decodeURIComponent(param) : undefined, query: new URLSearchParams(q >= 0 ? raw.slice(q + 1) : '') };
}

/** The hash of a page, with its filters: works the same from file:// in Electron and over http in the harness. */
export function href(route: Route, param?: string, query?: Query): string {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined && v !== null && v !== '') qs.set(k, v);
  const s = qs.toString();
  return `#/${route}${param ? `/${encodeURIComponent(param)}` : ''}${s ? `?${s}` : ''}`;
}

// ── Leaving an edited form ───────────────────────────────────────────────────────────────────────
// An editor registers a guard while it holds unsaved changes. Every navigation (links, menu, palette,
// the browser's back button) then asks first: save, discard or stay.

export interface LeaveGuard {
  /** Saves the form; resolves false when the save failed (the form stays). */
  save: () => Promise<boolean>;
}

let guard: LeaveGuard | null = null;
let pending: string | null = null;
const listeners = new Set<() => void>();
const emit = () => listeners.forEach((l) => l());

/** Registers the current editor's guard (null: nothing unsaved). */
export function setLeaveGuard(g: LeaveGuard | null): void {
  guard = g;
}

/** The hash the person tried to reach while a form was unsaved (the Shell shows the question). */
export function usePendingLeave(): string | null {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => pending,
  );
}

function go(target: string): void {
  if (window.location.hash !== target) window.location.hash = target;
}

/** Answers the leave question: 'stay' keeps the form, 'discard' drops it, 'save' saves then leaves. */
export async function resolveLeave(choice: 'save' | 'discard' | 'stay'): Promise<void> {
  const target = pending;
  if (choice === 'save' && guard && !(await guard.save())) {
    pending = null;
    emit();
    return;
  }
  pending = null;
  emit();
  if (choice === 'stay' || target === null) return;
  guard = null;
  go(target);
}

export function navigateTo(target: string): void {
  if (guard && target !== window.location.hash) {
    pending = target;
    emit();
    return;
  }
  go(target);
}

export function navigate(route: Route, param?: string, query?: Query): void {
  navigateTo(href(route, param, query));
}

/** Changes the current page's filters without a new history entry (list pages keep them in the URL). */
export function replaceQuery(query: Query): void {
  const here = parse(window.location.hash);
  const target = href(here.route, here.param, query);
  if (target === window.location.hash) return;
  window.history.replaceState(window.history.state, '', target);
  window.dispatchEvent(new HashChangeEvent('hashchange'));
}

let current = window.location.hash;

/** The current page; a hash change made outside `navigate` (back button, plain link) also asks first. */
export function useHashRoute(): Location {
  const [state, setState] = useState(() => parse(window.location.hash));
  useEffect(() => {
    // The hash may have changed while no router listened (welcome screen, locked workspace).
    current = window.location.hash;
    const on = () => {
      const next = window.location.hash;
      if (guard && next !== current && parse(next).route + (parse(next).param ?? '') !== parse(current).route + (parse(current).param ?? '')) {
        // Put the edited page back and ask; the question's answer navigates again.
        window.history.replaceState(window.history.state, '', current);
        pending = next;
        emit();
        return;
      }
      current = next;
      setState(parse(next));
    };
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return state;
}

/** Warns before the window closes or reloads while a form is unsaved. */
export function installUnloadGuard(): () => void {
  const on = (e: BeforeUnloadEvent) => {
    if (!guard) return;
    e.preventDefault();
    e.returnValue = '';
  };
  window.addEventListener('beforeunload', on);
  return () => window.removeEventListener('beforeunload', on);
}

/**
 * While `dirty`, leaving the page (link, menu, palette, back button, reload) asks to save or discard.
 * `save` resolves true when the record was saved.
 */
export function useLeaveGuard(dirty: boolean, save: () => Promise<boolean>): void {
  const saveRef = useRef(save);
  useEffect(() => {
    saveRef.current = save;
  });
  useEffect(() => {
    if (!dirty) return;
    const g: LeaveGuard = { save: () => saveRef.current() };
    setLeaveGuard(g);
    return () => {
      if (guard === g) setLeaveGuard(null);
    };
  }, [dirty]);
}
