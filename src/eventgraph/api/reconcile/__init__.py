"""/reconcile: the Reconciliation Service API 0.2 as OpenRefine uses it, over the store's search index."""
