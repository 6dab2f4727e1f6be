"""The public read-only api: a strawberry GraphQL schema served by Starlette."""
