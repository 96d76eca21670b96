/**
 * Preload (sandboxed, CommonJS): exposes `window.vigie = { invoke, onEvent }` and nothing else.
 * The renderer never sees ipcRenderer, Node or the file system.
 *
 * Two desktop duties live here because only the preload can do them safely:
 * - events the main process sends before the page subscribed (a `.vigie` file double-clicked to
 *   launch Vigie) are kept and handed to the first subscriber, so none is lost to a race;
 * - a `.vigie` file dropped on the window (and not taken by a drop zone of the page) is reported
 *   to the main process by its path (webUtils: the page itself never learns paths).
 */
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import { DROP_CHANNEL, EVENT_CHANNEL, INVOKE_CHANNEL } from './channels';

const listeners = new Set<(event: unknown) => void>();
const early: unknown[] = [];

ipcRenderer.on(EVENT_CHANNEL, (_e: IpcRendererEvent, event: unknown) => {
  if (listeners.size === 0) {
    if (early.length < 20) early.push(event);
    return;
  }
  for (const l of listeners) l(event);
});

contextBridge.exposeInMainWorld('vigie', {
  invoke: (method: string, input: unknown) => ipcRenderer.invoke(INVOKE_CHANNEL, method, input),
  onEvent: (listener: (event: unknown) => void) => {
    listeners.add(listener);
    for (const event of early.splice(0)) listener(event);
    return () => {
      listeners.delete(listener);
    };
  },
});

// The main-process tsconfig has no DOM library: the few DOM shapes used here, spelled out.
interface DroppedFile extends File {
  readonly name: string;
}
interface DragLike {
  defaultPrevented: boolean;
  preventDefault(): void;
  dataTransfer: { types: ArrayLike<string>; files: ArrayLike<DroppedFile>; dropEffect: string } | null;
}
declare const window: { addEventListener(type: 'dragover' | 'drop', listener: (e: DragLike) => void): void };

function carriesFiles(e: DragLike): boolean {
  return Boolean(e.dataTransfer && Array.from(e.dataTransfer.types).includes('Files'));
}

// Bubble phase on window: the page's own drop zones (imports) run first and prevent the default.
window.addEventListener('dragover', (e) => {
  if (!e.defaultPrevented && carriesFiles(e)) {
    e.preventDefault();
    if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
  }
});
window.addEventListener('drop', (e) => {
  if (e.defaultPrevented || !e.dataTransfer) return;
  e.preventDefault();
  const file = Array.from(e.dataTransfer.files).find((f) => f.name.toLowerCase().endsWith('.vigie'));
  if (!file) return;
  const path = webUtils.getPathForFile(file);
  if (path) ipcRenderer.send(DROP_CHANNEL, path);
});
