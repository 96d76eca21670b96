/**
 * The preload against a stand-in of Electron's renderer modules (vi.mock): the bridge exposes
 * exactly { invoke, onEvent }, early events reach the first subscriber, and a dropped .vigie file
 * is reported by path while the page's own drop zones keep theirs.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';

const exposed: Record<string, unknown> = {};
const listeners = new Map<string, ((e: unknown, ...args: unknown[]) => void)[]>();
const sent: unknown[][] = [];
const invoked: unknown[][] = [];

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => (exposed[key] = api) },
  ipcRenderer: {
    invoke: async (...args: unknown[]) => void invoked.push(args),
    send: (...args: unknown[]) => void sent.push(args),
    on: (channel: string, l: (e: unknown, ...args: unknown[]) => void) => listeners.set(channel, [...(listeners.get(channel) ?? []), l]),
    removeListener: () => undefined,
  },
  webUtils: { getPathForFile: (f: { path: string }) => f.path },
}));

const win = new EventTarget();
function mainSends(event: unknown) {
  for (const l of listeners.get('vigie:event') ?? []) l({}, event);
}
function drag(type: 'dragover' | 'drop', files: { name: string; path: string }[], preventedByPage = false): Event {
  const ev = new Event(type, { cancelable: true });
  Object.defineProperty(ev, 'dataTransfer', { value: { types: ['Files'], files, dropEffect: 'none' } });
  if (preventedByPage) ev.preventDefault();
  win.dispatchEvent(ev);
  return ev;
}

beforeAll(async () => {
  vi.stubGlobal('window', win);
  await import('./preload');
});

describe('preload bridge', () => {
  it('exposes invoke and onEvent only, on one channel', async () => {
    const vigie = exposed.vigie as { invoke(m: string, i: unknown): Promise<unknown>; onEvent(l: (e: unknown) => void): () => void };
    expect(Object.keys(exposed)).toEqual(['vigie']);
    expect(Object.keys(vigie).sort()).toEqual(['invoke', 'onEvent']);
    await vigie.invoke('app.info', {});
    expect(invoked).toEqual([['vigie:invoke', 'app.info', {}]]);
  });

  it('keeps events sent before the page subscribed and hands them to the first subscriber', () => {
    const vigie = exposed.vigie as { onEvent(l: (e: unknown) => void): () => void };
    mainSends({ type: 'menu', action: 'open-recent', path: '/w/early.vigie' });
    const got: unknown[] = [];
    const off = vigie.onEvent((e) => got.push(e));
    expect(got).toEqual([{ type: 'menu', action: 'open-recent', path: '/w/early.vigie' }]);
    mainSends({ type: 'language', language: 'en' });
    expect(got).toHaveLength(2);
    off();
  });

  it('reports a dropped .vigie file by its path and keeps the window from navigating to it', () => {
    expect(drag('dragover', []).defaultPrevented).toBe(true);
    const ev = drag('drop', [{ name: 'notes.txt', path: '/w/notes.txt' }, { name: 'ACME.vigie', path: '/w/ACME.vigie' }]);
    expect(ev.defaultPrevented).toBe(true);
    expect(sent).toEqual([['vigie:file-dropped', '/w/ACME.vigie']]);
  });

  it('leaves drops the page handled itself (import drop zones) alone, and sends nothing for other files', () => {
    sent.length = 0;
    drag('drop', [{ name: 'registre.csv', path: '/w/registre.csv' }], true);
    drag('drop', [{ name: 'other.vigie', path: '/w/other.vigie' }], true);
    drag('drop', [{ name: 'photo.png', path: '/w/photo.png' }]);
    expect(sent).toEqual([]);
  });
});
