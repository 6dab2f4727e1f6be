// Runs graphql-http's auditServer against the URL given as the first argument; prints the results as JSON.
import { auditServer } from 'graphql-http';

const url = process.argv[2];
if (!url) {
  console.error('usage: node audit.mjs http://127.0.0.1:PORT/graphql');
  process.exit(2);
}
const results = await auditServer({ url });
const rows = results.map((r) => ({ id: r.id, name: r.name, status: r.status, reason: r.reason ?? null }));
process.stdout.write(JSON.stringify(rows));
