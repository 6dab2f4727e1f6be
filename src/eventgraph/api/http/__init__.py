"""HTTP concerns of the api: GraphQL over HTTP, persisted queries, caching, CORS, JSON-LD and GraphiQL."""
