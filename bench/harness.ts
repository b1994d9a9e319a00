/** The benchmark harness: every figure is printed beside a baseline measured in the same run. */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface Figure {
  name: string;
  value: number;
  unit: string;
  baseline: { name: string; value: number };
}

export type RecordFigure = (figure: Figure) => void;

export function createReport() {
  const figures: Figure[] = [];
  const record: RecordFigure = (figure) => {
    figures.push(figure);
    const ratio = figure.baseline.value > 0 ? figure.value / figure.baseline.value : Number.NaN;
    console.log(
      `${figure.name.padEnd(58)} ${format(figure.value).padStart(12)} ${figure.unit.padEnd(6)}` +
        ` | ${figure.baseline.name}: ${format(figure.baseline.value)} ${figure.unit} (×${ratio.toFixed(2)})`,
    );
  };
  const save = (file: string, meta: Record<string, unknown>) =>
    writeFileSync(file, `${JSON.stringify({ ...meta, figures }, null, 2)}\n`);
  return { record, save, figures };
}

function format(value: number): string {
  return value >= 100 ? Math.round(value).toLocaleString('en-US') : value.toFixed(2);
}

export interface Server {
  url: string;
  stop(): Promise<void>;
}

/** Starts `gnbv serve` as a child process on a random port from `portBase` and waits until it answers. */
export async function startServer(portBase: number, env: NodeJS.ProcessEnv): Promise<Server> {
  const port = portBase + Math.floor(Math.random() * 800);
  const child = spawn(process.execPath, ['bin/gnbv', 'serve', '--port', String(port), '--host', '127.0.0.1'], {
    cwd: fileURLToPath(new URL('../', import.meta.url)),
    env: { ...process.env, DATABASE_URL: '', GNBV_LOG: '', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 600_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`gnbv serve exited with ${child.exitCode}: ${stderr.slice(-500)}`);
    if (Date.now() > deadline) throw new Error('gnbv serve did not answer within 10 minutes');
    if (await fetch(`${url}/api/health`).then((r) => r.ok, () => false)) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    url,
    stop: async () => {
      child.kill('SIGTERM');
      if (child.exitCode === null) await new Promise((resolve) => child.once('exit', resolve));
    },
  };
}
