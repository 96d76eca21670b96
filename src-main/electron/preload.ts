/**
 * Preload (sandboxed, CommonJS): exposes `window.vigie = { invoke, onEvent }` and nothing else.
 * The renderer never sees ipcRenderer, Node or the file system.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';

contextBridge.exposeInMainWorld('vigie', {
  invoke: (method: string, input: unknown) => ipcRenderer.invoke('vigie:invoke', method, input),
  onEvent: (listener: (event: unknown) => void) => {
    const handler = (_e: IpcRendererEvent, event: unknown) => listener(event);
    ipcRenderer.on('vigie:event', handler);
    return () => ipcRenderer.removeListener('vigie:event', handler);
  },
});
