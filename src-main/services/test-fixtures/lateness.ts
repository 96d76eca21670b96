/**
 * How long the event loop keeps a 10 ms timer waiting while `work` runs: the time the window would
 * wait for an answer (issue 11's responsiveness tests). Lateness values sorted, with the work's time.
 */
export async function lateness(work: () => Promise<unknown>): Promise<{ late: number[]; elapsed: number; p95: number; max: number }> {
  const late: number[] = [];
  let done = false;
  const probe = (async () => {
    while (!done) {
      const due = performance.now() + 10;
      await new Promise((r) => setTimeout(r, 10));
      late.push(performance.now() - due);
    }
  })();
  const t0 = performance.now();
  try {
    await work();
  } finally {
    done = true;
    await probe;
  }
  const elapsed = performance.now() - t0;
  late.sort((x, y) => x - y);
  const out = { late, elapsed, p95: late[Math.floor(0.95 * (late.length - 1))] ?? 0, max: late.at(-1) ?? 0 };
  if (process.env.VIGIE_PING_LOG) console.log(JSON.stringify({ n: late.length, p95: out.p95, max: out.max, ms: elapsed }));
  return out;
}
