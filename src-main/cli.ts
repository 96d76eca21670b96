/**
 * `npm run cli -- <command>`: the scripting surface for DPOs and for acceptance checks.
 * Command names, flags and JSON keys are a contract: keep them.
 */
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { runCli } from './cli/run';

function promptSecret(question: string): Promise<string> {
  return new Promise((resolvePromise) => {
    let muted = false;
    const output = new Writable({
      write(chunk, _enc, cb) {
        if (!muted) process.stderr.write(chunk);
        cb();
      },
    });
    const rl = createInterface({ input: process.stdin, output, terminal: true });
    process.stderr.write(question);
    muted = true;
    rl.question('', (answer) => {
      muted = false;
      process.stderr.write('\n');
      rl.close();
      resolvePromise(answer);
    });
  });
}

function promptLine(question: string): Promise<string> {
  return new Promise((resolvePromise) => {
    const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
    rl.question(question, (answer) => {
      rl.close();
      resolvePromise(answer);
    });
  });
}

const code = await runCli(process.argv.slice(2), {
  out: (t) => process.stdout.write(t.endsWith('\n') ? t : `${t}\n`),
  err: (t) => process.stderr.write(t.endsWith('\n') ? t : `${t}\n`),
  env: process.env,
  promptSecret: process.stdin.isTTY ? promptSecret : undefined,
  promptLine: process.stdin.isTTY ? promptLine : undefined,
});
process.exitCode = code;
