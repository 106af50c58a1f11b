// Grafana's PostgreSQL data source against hookql serve, with node-postgres sending the SQL Grafana
// sends (there is no Grafana on these machines). The SQL is copied from grafana/grafana:
// - "Save & test": pkg/tsdb/grafana-postgresql-datasource/pgx/handler_checkhealth.go calls Ping,
//   which pgx sends as the simple query `-- ping` (an empty query: EmptyQueryResponse).
// - the config page's version and TimescaleDB detection, and the query builder's table and column
//   lists: public/app/plugins/datasource/grafana-postgresql-datasource/postgresMetaQuery.ts
//   (getVersion, getTimescaleDBVersion, showSchemas, showTables, getSchema; buildSchemaConstraint
//   reads the search_path with generate_series / string_to_array, getSchema uses parse_ident).
// Its macros ($__timeFilter …) are expanded by Grafana before the SQL is sent, so serve sees plain SQL.
// The provisioned data source in docs/serve.md is read from the page and its settings are used to connect.

import { readFileSync } from 'node:fs';
import pg from 'pg';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, RESOURCE, seed, startFixture, type ServeFixture } from './helpers.js';

interface Provisioned {
  readonly type: string;
  readonly url: string;
  readonly user: string;
  readonly jsonData: { readonly database: string; readonly sslmode: string; readonly postgresVersion: number };
  readonly secureJsonData: { readonly password: string };
}

function provisionedDataSource(): Provisioned {
  const page = readFileSync(new URL('../../docs/serve.md', import.meta.url), 'utf8');
  const block = [...page.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]).find((b) => b.includes('grafana-postgresql-datasource'));
  if (block === undefined) throw new Error('docs/serve.md has no Grafana data source YAML block');
  return (parse(block) as { datasources: Provisioned[] }).datasources[0];
}

const SCHEMA_CONSTRAINT = `
          quote_ident(table_schema) IN (
          SELECT
            CASE WHEN trim(s[i]) = '"$user"' THEN user ELSE trim(s[i]) END
          FROM
            generate_series(
              array_lower(string_to_array(current_setting('search_path'),','),1),
              array_upper(string_to_array(current_setting('search_path'),','),1)
            ) as i,
            string_to_array(current_setting('search_path'),',') s
          )`;

const SHOW_TABLES = `SELECT
    CASE WHEN ${SCHEMA_CONSTRAINT}
      THEN quote_ident(table_name)
      ELSE quote_ident(table_schema) || '.' || quote_ident(table_name)
    END AS "table"
    FROM information_schema.tables
    WHERE quote_ident(table_schema) NOT IN ('information_schema',
                             'pg_catalog',
                             '_timescaledb_cache',
                             '_timescaledb_catalog',
                             '_timescaledb_internal',
                             '_timescaledb_config',
                             'timescaledb_information',
                             'timescaledb_experimental')
    ORDER BY CASE WHEN ${SCHEMA_CONSTRAINT} THEN 0 ELSE 1 END, 1`;

const getSchema = (table: string) => {
  const tableNamePart = "'" + table.replace(/'/g, "''") + "'";
  return `SELECT quote_ident(column_name) AS "column", data_type AS "type"
    FROM information_schema.columns
    WHERE
      CASE WHEN array_length(parse_ident(${tableNamePart}),1) = 2
        THEN quote_ident(table_schema) = (parse_ident(${tableNamePart}))[1]
          AND quote_ident(table_name) = (parse_ident(${tableNamePart}))[2]
        ELSE quote_ident(table_name) = ${tableNamePart}
          AND ${SCHEMA_CONSTRAINT}
      END`;
};

describe('Grafana (PostgreSQL data source) against hookql serve', () => {
  const ds = provisionedDataSource();
  let fixture: ServeFixture;
  let client: pg.Client;
  beforeAll(async () => {
    fixture = await startFixture({ user: ds.user });
    await seed(fixture, ['churn', 'fraud']);
    // The page's url is host:port with serve's default port; here the server runs on port 0.
    const [host, port] = ds.url.split(':');
    expect(port).toBe('5433');
    expect(ds.jsonData.sslmode).toBe('disable'); // serve without --tls-cert takes plain connections
    client = new pg.Client({ host, port: fixture.server.port, user: ds.user, password: PASSWORD, database: ds.jsonData.database, ssl: false });
    await client.connect();
  });
  afterAll(async () => {
    await client?.end();
    await fixture?.close();
  });

  it('"Save & test" (pgx Ping) and the config page detection work', async () => {
    expect(ds.type).toBe('grafana-postgresql-datasource');
    const ping = await client.query('-- ping');
    expect(ping.rows).toEqual([]);
    const version = await client.query("SELECT current_setting('server_version_num')::int/100 as version");
    expect(version.rows).toEqual([{ version: String(ds.jsonData.postgresVersion) }]);
    expect((await client.query("SELECT extversion FROM pg_extension WHERE extname = 'timescaledb'")).rows).toEqual([]);
    expect(fixture.log.join('\n')).toContain(`user ${ds.user} from 127.0.0.1`);
  });

  it('lists tables (unqualified for the search_path schemas) and columns for the query builder', async () => {
    const tables = (await client.query(SHOW_TABLES)).rows.map((r) => r.table);
    expect(tables).toContain('model_registry_webhooks');
    expect(tables.every((t: string) => !t.includes('.'))).toBe(true);
    const columns = (await client.query(getSchema('model_registry_webhooks'))).rows;
    const qualified = (await client.query(getSchema('ml.model_registry_webhooks'))).rows;
    expect(qualified).toEqual(columns);
    expect(columns).toEqual(expect.arrayContaining([{ column: 'model_name', type: 'text' }, { column: 'creation_timestamp', type: 'bigint' }, { column: 'events', type: 'json' }]));
    expect((await client.query(getSchema('nope'))).rows).toEqual([]);
  });

  it('runs a table panel query written in the code editor', async () => {
    const r = await client.query(`SELECT model_name, status, events FROM ${RESOURCE} WHERE workspace = '${fixture.workspace}' ORDER BY model_name`);
    expect(r.rows).toEqual([
      { model_name: 'churn', status: 'ACTIVE', events: ['MODEL_VERSION_CREATED'] },
      { model_name: 'fraud', status: 'ACTIVE', events: ['MODEL_VERSION_CREATED'] },
    ]);
  });
});
