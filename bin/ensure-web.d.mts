// Types of bin/ensure-web.mjs for the TypeScript callers (browser tests, bench).
export function webIsStale(): boolean;
export function ensureWeb(opts?: { force?: boolean; quiet?: boolean }): Promise<boolean>;
