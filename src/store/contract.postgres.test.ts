import { describeStoreContract } from './contract.js';
import { PgSchemas, pgTestServer } from './postgres/test-support.js';
import type { PostgresStore } from './postgres/store.js';

const server = await pgTestServer();
const schemas = new PgSchemas(server.url);

describeStoreContract(
  'PostgreSQL',
  {
    async fresh() {
      return schemas.open();
    },
    async sibling(s) {
      return schemas.open({ schema: (s as PostgresStore).schema });
    },
    cleanup: () => schemas.dropAll(),
  },
  server.skip,
);
