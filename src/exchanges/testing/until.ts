// Test helper: poll a condition until it holds (no fixed sleeps in venue tests).

/** Resolves once `cond()` holds; rejects after `ms` naming `what`. */
export async function until(what: string, cond: () => boolean, ms = 8000): Promise<void> {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
