/**
 * The renderer's typed API client. In Electron it calls `window.vigie.invoke` (the preload bridge);
 * in a browser it posts to the loopback web harness with the per-launch token from the URL.
 */
import type { ApiError, AppEvent, Method, MethodInput, MethodOutput, Result } from '../src-main/api/contract';

interface Bridge {
  invoke(method: string, input: unknown): Promise<Result<unknown>>;
  onEvent(listener: (event: AppEvent) => void): () => void;
}

declare global {
  interface Window {
    vigie?: Bridge;
  }
}

export class ApiCallError extends Error {
  constructor(readonly error: ApiError) {
    super(error.message);
  }
  get code(): string {
    return this.error.code;
  }
}

function harnessToken(): string {
  const fromUrl = new URLSearchParams(window.location.search).get('token');
  if (fromUrl) {
    sessionStorage.setItem('vigie.token', fromUrl);
    return fromUrl;
  }
  return sessionStorage.getItem('vigie.token') ?? '';
}

const httpBridge: Bridge = {
  async invoke(method, input) {
    const res = await fetch('./api/invoke', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${harnessToken()}` },
      body: JSON.stringify({ method, input }),
    });
    try {
      return (await res.json()) as Result<unknown>;
    } catch {
      return { ok: false, error: { code: 'transport', message: `The harness answered ${res.status}.` } };
    }
  },
  onEvent() {
    return () => undefined;
  },
};

export const bridge: Bridge = window.vigie ?? httpBridge;

/** Sends one call over the bridge; no cache side effect (the query hook's fetcher). */
export async function invoke<M extends Method>(method: M, input: MethodInput<M>, signal?: AbortSignal): Promise<MethodOutput<M>> {
  // The bridge cannot cancel a call in flight; an aborted query simply drops the late reply.
  signal?.throwIfAborted();
  const r = await bridge.invoke(method, input);
  if (!r.ok) throw new ApiCallError(r.error);
  return r.value as MethodOutput<M>;
}

let afterSuccess: ((method: Method, value: unknown) => Promise<void> | void) | undefined;

/** Registered by the query cache: told of every successful call (and its answer) so a mutation invalidates its areas. */
export function onCallSuccess(listener: ((method: Method, value: unknown) => Promise<void> | void) | undefined): void {
  afterSuccess = listener;
}

/**
 * Calls one API method. After a successful change the cached reads it affects are refreshed before
 * the promise resolves: once `await call(change)` returns, what the page shows is the new state, so a
 * caller never reloads by hand (a refetch that fails shows as that read's error, not as this call's).
 */
export async function call<M extends Method>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const value = await invoke(method, input);
  await afterSuccess?.(method, value);
  return value;
}

export function onAppEvent(listener: (event: AppEvent) => void): () => void {
  return bridge.onEvent(listener);
}
