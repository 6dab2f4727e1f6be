// The only way the explorer reads data: GET /queries/{name} (persisted documents in queries/examples/).
// GET keeps answers cacheable (ETags follow the dataset version) and works where only trusted documents run.

export class ApiError extends Error {}

const ACCEPT = 'application/graphql-response+json, application/json;q=0.9';

function clean(variables) {
  // absent, null and empty values are left out, so each document's defaults apply
  return Object.fromEntries(
    Object.entries(variables || {}).filter(
      ([, v]) => v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0),
    ),
  );
}

/** Runs the persisted document `name`; resolves to its `data`, with field errors (partial answers) attached. */
export async function persisted(name, variables = {}, { signal } = {}) {
  const vars = clean(variables);
  const query = Object.keys(vars).length ? `?variables=${encodeURIComponent(JSON.stringify(vars))}` : '';
  let response;
  try {
    response = await fetch(`/queries/${encodeURIComponent(name)}${query}`, { headers: { accept: ACCEPT }, signal });
  } catch (error) {
    if (error.name === 'AbortError') throw error;
    throw new ApiError(`The service did not answer (${error.message}).`);
  }
  let body = null;
  try {
    body = await response.json();
  } catch {
    throw new ApiError(`The service answered ${response.status} without a GraphQL answer.`);
  }
  const messages = (body.errors || []).map((e) => e.message);
  if (!body.data) throw new ApiError(messages.join('; ') || `The service answered ${response.status}.`);
  return Object.defineProperty(body.data, 'errors', { value: messages, enumerable: false });
}

/** Every page of a connection document (`pageInfo`, `nodes`), up to `limit` nodes. */
export async function allPages(name, variables, pick, { limit = 1000, signal } = {}) {
  const nodes = [];
  let after = null;
  let total = 0;
  const errors = [];
  for (;;) {
    const data = await persisted(name, { ...variables, after }, { signal });
    errors.push(...data.errors);
    const connection = pick(data);
    if (!connection) break;
    total = connection.totalCount;
    nodes.push(...connection.nodes);
    if (!connection.pageInfo.hasNextPage || nodes.length >= limit) break;
    after = connection.pageInfo.endCursor;
  }
  return { nodes, total, errors };
}
