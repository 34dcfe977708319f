import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { dataSourceOptions } from '@app/db';
import { DataSource } from 'typeorm';
import { normaliseEmail, weakPasswordProblem } from '../apps/api/src/auth/account.rules.js';
import { hashPassword } from '../apps/api/src/auth/password.hasher.js';

const USAGE = `Usage: npm run account -- reset-password <email> [--password P]

  reset-password   sets a new password for the account and signs out every session of it;
                   without --password a random one is made and printed (tell it to the creator)
Environment: DATABASE_URL (default postgres://postgres@127.0.0.1:5432/linkpulse)`;

export class AccountCommandError extends Error {}

/** The operator's way into an account whose creator cannot sign in (SPEC section 12): always there, with or without SMTP. */
export async function resetPassword(
  databaseUrl: string,
  email: string,
  password: string = randomBytes(12).toString('base64url'),
): Promise<{ password: string; sessionsEnded: number }> {
  const db = new DataSource(dataSourceOptions(databaseUrl, 1));
  await db.initialize();
  try {
    const [creator] = await db.query<{ id: string; email: string; username: string }[]>(
      'SELECT id, email, username FROM creators WHERE email = $1',
      [normaliseEmail(email)],
    );
    if (!creator) throw new AccountCommandError(`no account has the email ${email}`);
    const weak = weakPasswordProblem('--password', password, creator);
    if (weak) throw new AccountCommandError(weak);
    const passwordHash = await hashPassword(password);
    const sessionsEnded = await db.transaction(async (tx) => {
      await tx.query('UPDATE creators SET password_hash = $2 WHERE id = $1', [creator.id, passwordHash]);
      const [, ended] = await tx.query<[unknown[], number]>('DELETE FROM sessions WHERE creator_id = $1', [creator.id]);
      return ended;
    });
    return { password, sessionsEnded };
  } finally {
    await db.destroy();
  }
}

export async function main(argv = process.argv.slice(2), out: (line: string) => void = console.log): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { password: { type: 'string' }, help: { type: 'boolean', short: 'h', default: false } },
  });
  const [command, email] = positionals;
  if (values.help || command !== 'reset-password' || !email || positionals.length > 2) {
    if (!values.help) throw new AccountCommandError(USAGE);
    out(USAGE);
    return;
  }
  const databaseUrl = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/linkpulse';
  const result = await resetPassword(databaseUrl, email, values.password);
  out(`Password of ${normaliseEmail(email)} reset; ${result.sessionsEnded} session(s) signed out.`);
  if (values.password === undefined) out(`New password: ${result.password}`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error: Error) => {
    console.error(error instanceof AccountCommandError ? error.message : `account: ${error.message}`);
    process.exit(1);
  });
}
