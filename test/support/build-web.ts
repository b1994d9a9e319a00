/** Browser suites need the built app: build it once per run when sources are newer. */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export default function setup(): void {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  execFileSync(process.execPath, ['bin/gnbv', 'build-web', '--if-stale'], { cwd: root, stdio: 'inherit' });
}
