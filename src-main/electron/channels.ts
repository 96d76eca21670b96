/** IPC channel names, shared by the preload (bundled alone, so this file imports nothing) and main. */
export const INVOKE_CHANNEL = 'vigie:invoke';
export const EVENT_CHANNEL = 'vigie:event';
/** The preload reports a `.vigie` file dropped on the window (its path, from webUtils). */
export const DROP_CHANNEL = 'vigie:file-dropped';
