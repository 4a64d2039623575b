import { AuthenticationFailedError } from '@credential-rotation/engine-adapters';
import type {
  DatabaseCredentials,
  DatabaseSession,
  Engine,
  EngineAdapter,
  EngineFamily,
} from '@credential-rotation/engine-adapters';

interface User {
  password?: string;
  privileged: boolean;
  privileges: Set<string>;
}

/**
 * A database in memory behind the engine adapter contract: users, passwords, privileges.
 * Counts logins so tests can prove a step refused "before connecting".
 */
export class InMemoryDatabase {
  readonly users = new Map<string, User>();
  reachable = true;
  logins = 0;

  constructor(readonly family: EngineFamily = 'postgres') {}

  addUser(
    username: string,
    password: string | undefined,
    options: { privileged?: boolean; privileges?: string[] } = {},
  ): void {
    this.users.set(username, {
      ...(password === undefined ? {} : { password }),
      privileged: options.privileged ?? false,
      privileges: new Set(options.privileges ?? []),
    });
  }

  passwordOf(username: string): string | undefined {
    return this.users.get(username)?.password;
  }

  accepts(username: string, password: string | undefined): boolean {
    return password !== undefined && this.users.get(username)?.password === password;
  }

  adapter(): EngineAdapter {
    return {
      family: this.family,
      maxUsernameLength: this.family === 'postgres' ? 63 : 32,
      quoteIdentifier: (identifier) => `"${identifier.replace(/"/g, '""')}"`,
      verifyLogin: async (credentials) => {
        this.checkReachable(credentials);
        this.logins++;
        return this.accepts(credentials.username, credentials.password);
      },
      connect: async (credentials) => {
        this.checkReachable(credentials);
        this.logins++;
        if (!this.accepts(credentials.username, credentials.password)) {
          throw new AuthenticationFailedError('authentication', credentials);
        }
        return this.session(credentials.username);
      },
    };
  }

  adapterFor(): (engine: Engine) => EngineAdapter {
    const adapter = this.adapter();
    return () => adapter;
  }

  private checkReachable(credentials: DatabaseCredentials): void {
    if (!this.reachable) throw new Error(`connect ECONNREFUSED ${credentials.host}:${credentials.port}`);
  }

  private session(username: string): DatabaseSession {
    const requirePrivileged = (): void => {
      if (this.users.get(username)?.privileged !== true) throw new Error('permission denied');
    };
    const requireUser = (name: string): User => {
      const user = this.users.get(name);
      if (user === undefined) throw new Error(`role "${name}" does not exist`);
      return user;
    };
    return {
      setOwnPassword: async (password) => {
        requireUser(username).password = password;
      },
      setUserPassword: async (name, password) => {
        requirePrivileged();
        requireUser(name).password = password;
      },
      ensureCloneUser: async (source, clone, password) => {
        requirePrivileged();
        const privileges = new Set(requireUser(source).privileges);
        const existing = this.users.get(clone);
        if (existing === undefined) this.users.set(clone, { password, privileged: false, privileges });
        else Object.assign(existing, { password, privileges });
      },
      ping: async () => undefined,
      close: async () => undefined,
    };
  }
}
