/**
 * Formats a config path the way messages show it: `accounts.workloads[1].accountId`.
 *
 * @example formatPath(['accounts', 'workloads', 1, 'accountId']) // 'accounts.workloads[1].accountId'
 */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][\w$]*$/.test(key)) out += out === '' ? key : `.${key}`;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out;
}
