import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { loadConfigOrExit } from '@app/common';
import { migrateDatabase } from '@app/db';

/**
 * `npm start`: applies migrations (creating the database if needed), then runs the API and one
 * worker (which also runs the schedules) as child processes, restarting one that crashes.
 * In production run `dist/apps/api/src/main.js` and `dist/apps/worker/src/main.js` as separate
 * services instead, as docker-compose.yml does.
 */
const config = loadConfigOrExit();
try {
  const applied = await migrateDatabase(config.databaseUrl);
  console.log(applied.length ? `migrations applied: ${applied.join(', ')}` : 'database schema is up to date');
} catch (error) {
  console.error(`linkpulse: cannot prepare the database at ${config.databaseUrl}: ${(error as Error).message}`);
  process.exit(1);
}

const children = new Map<string, ChildProcess>();
let stopping = false;

function run(name: string, entry: string): void {
  const child = fork(fileURLToPath(new URL(entry, import.meta.url)), { stdio: 'inherit' });
  children.set(name, child);
  child.on('exit', (code, signal) => {
    children.delete(name);
    if (stopping) return;
    console.error(`${name} exited (${signal ?? code}); restarting in 1 s`);
    setTimeout(() => run(name, entry), 1000);
  });
}

run('api', '../apps/api/src/main.js');
run('worker', '../apps/worker/src/main.js');

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    stopping = true;
    for (const child of children.values()) child.kill('SIGTERM');
    setTimeout(() => process.exit(0), 10_000).unref();
    const check = setInterval(() => children.size === 0 && process.exit(0), 100);
    check.unref();
  });
}
