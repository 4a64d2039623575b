import { MAX_USERNAME_LENGTH_BY_ENGINE } from './constants';
import type {
  ConnectOptions,
  DatabaseCredentials,
  DatabaseSession,
  Engine,
  EngineAdapter,
  EngineFamily,
} from './types/adapter';

/**
 * An EngineAdapter that creates its implementation, and so loads its driver, on the first
 * call that needs it (`connect`, `verifyLogin`, `quoteIdentifier`). `family` and
 * `maxUsernameLength` are answered without loading anything, so validating a secret costs no
 * driver. A failed load is not cached: the next call tries again.
 *
 * @example
 * const adapter = new LazyAdapter('mysql', loadMySqlAdapter);
 * adapter.maxUsernameLength; // 32, nothing loaded yet
 * await adapter.verifyLogin(secret); // loadMySqlAdapter() runs here, once
 */
export class LazyAdapter implements EngineAdapter {
  readonly maxUsernameLength: number;
  private loaded: EngineAdapter | undefined;

  constructor(
    readonly family: EngineFamily,
    private readonly load: () => EngineAdapter,
    /** The engine whose user name limit `maxUsernameLength` reports; defaults to the family's floor. */
    engine: Engine | EngineFamily = family,
  ) {
    this.maxUsernameLength = MAX_USERNAME_LENGTH_BY_ENGINE[engine];
  }

  quoteIdentifier(identifier: string): string {
    return this.adapter().quoteIdentifier(identifier);
  }

  // async: a failed load becomes a rejection, like every other connect failure.
  async connect(credentials: DatabaseCredentials, options?: ConnectOptions): Promise<DatabaseSession> {
    return this.adapter().connect(credentials, options);
  }

  async verifyLogin(credentials: DatabaseCredentials, options?: ConnectOptions): Promise<boolean> {
    return this.adapter().verifyLogin(credentials, options);
  }

  private adapter(): EngineAdapter {
    this.loaded ??= this.load();
    return this.loaded;
  }
}
