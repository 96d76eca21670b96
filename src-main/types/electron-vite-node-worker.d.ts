// electron-vite's `?nodeWorker` import (see node_modules/electron-vite/node.d.ts): a function that
// starts the imported module, bundled as its own chunk, in a worker thread.
declare module '*?nodeWorker' {
  import type { Worker, WorkerOptions } from 'node:worker_threads';
  export default function (options: WorkerOptions): Worker;
}
