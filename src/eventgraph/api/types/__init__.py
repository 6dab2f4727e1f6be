"""GraphQL types, one module per entity type; strawberry types never leave `eventgraph.api`."""
