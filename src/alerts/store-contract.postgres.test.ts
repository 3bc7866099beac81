import { PgSchemas, pgTestServer, uniqueSchema, withSchema } from '../store/postgres/test-support.js';
import { PostgresAlertStore } from './postgres-store.js';
import { describeAlertStoreContract } from './store-contract.js';

const server = await pgTestServer();
// PgSchemas drops every schema it made; the alert stores open their own pools on those schemas.
const schemas = new PgSchemas(server.url);

describeAlertStoreContract(
  'PostgreSQL',
  {
    async fresh() {
      const schema = uniqueSchema('alerts');
      await schemas.open({ schema }).close(); // registers the schema for dropAll
      return PostgresAlertStore.open(withSchema(server.url, schema));
    },
    async reopen(s) {
      return PostgresAlertStore.open(withSchema(server.url, (s as PostgresAlertStore).schema));
    },
    cleanup: () => schemas.dropAll(),
  },
  server.skip,
);
