import { SqliteAlertStore } from './sqlite-store.js';
import { describeAlertStoreContract } from './store-contract.js';
import { rmTmp, tmpDir } from '../store/testing/fixtures.js';

const dirs = new Map<object, string>();

describeAlertStoreContract('SQLite', {
  async fresh() {
    const d = tmpDir();
    const s = SqliteAlertStore.open(d);
    dirs.set(s, d);
    return s;
  },
  async reopen(s) {
    const d = dirs.get(s) as string;
    const r = SqliteAlertStore.open(d);
    dirs.set(r, d);
    return r;
  },
  async cleanup() {
    for (const d of new Set(dirs.values())) rmTmp(d);
  },
});
