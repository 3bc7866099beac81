import { describeStoreContract } from './contract.js';
import { SqliteStore } from './sqlite/store.js';
import { rmTmp, tmpDir } from './testing/fixtures.js';

const dirs = new Map<object, string>();

describeStoreContract('SQLite', {
  async fresh() {
    const d = tmpDir();
    const s = SqliteStore.open(d);
    dirs.set(s, d);
    return s;
  },
  async sibling(s) {
    return SqliteStore.open(dirs.get(s) as string);
  },
  async cleanup() {
    for (const d of dirs.values()) rmTmp(d);
  },
});
