import { paginateListAliases } from '@aws-sdk/client-kms';
import type { KMSClient } from '@aws-sdk/client-kms';

/**
 * The key id an alias points to in one account and region; undefined when the alias does not
 * exist, null when the role may not list aliases (the key check is then skipped, not failed).
 */
export async function resolveKeyAlias(
  client: KMSClient,
  aliasName: string,
): Promise<string | undefined | null> {
  try {
    for await (const page of paginateListAliases({ client, pageSize: 100 }, {})) {
      const alias = (page.Aliases ?? []).find((entry) => entry.AliasName === aliasName);
      if (alias !== undefined) return alias.TargetKeyId;
    }
    return undefined;
  } catch {
    return null;
  }
}
