import { execFileSync } from 'node:child_process';
import { chownSync, readdirSync, statSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { MissingBinaryError } from './errors';

/** The OS account a database server runs as: ourselves, or a dedicated user when we are root. */
export interface ServiceUser {
  readonly name: string;
  readonly uid: number;
  readonly gid: number;
  readonly home: string;
  /** True when we are root and the server must drop to this user. */
  readonly switchUser: boolean;
}

export function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/** Looks an account up in the passwd database (getent covers NSS, not only /etc/passwd). */
export function lookupUser(name: string): ServiceUser | undefined {
  try {
    const line = execFileSync('getent', ['passwd', name], { encoding: 'utf8' }).trim();
    const fields = line.split(':');
    return {
      name,
      uid: Number(fields[2]),
      gid: Number(fields[3]),
      home: fields[5] ?? '/',
      switchUser: true,
    };
  } catch {
    return undefined;
  }
}

/**
 * PostgreSQL refuses to run as root, so as root we drop to the `postgres` account the Debian
 * package creates (spawn's uid/gid, which also clears supplementary groups: the same effect as
 * `runuser -u postgres`, without a wrapper process that could outlive a SIGKILL).
 */
export function postgresServiceUser(): ServiceUser {
  if (!isRoot()) {
    const info = userInfo();
    return { name: info.username, uid: info.uid, gid: info.gid, home: info.homedir, switchUser: false };
  }
  const user = lookupUser('postgres');
  if (user === undefined)
    throw new MissingBinaryError('The `postgres` OS account (created by the postgresql package)');
  return user;
}

/** Gives a directory tree to the service user (no-op when we are that user). */
export function chownTree(path: string, user: ServiceUser): void {
  if (!user.switchUser) return;
  chownSync(path, user.uid, user.gid);
  if (statSync(path).isDirectory()) {
    for (const entry of readdirSync(path)) chownTree(join(path, entry), user);
  }
}

/** spawn() options that run a child as the service user. */
export function spawnAs(user: ServiceUser): { uid?: number; gid?: number; env: NodeJS.ProcessEnv } {
  const env = { ...process.env, HOME: user.home, USER: user.name, LOGNAME: user.name };
  return user.switchUser ? { uid: user.uid, gid: user.gid, env } : { env };
}
