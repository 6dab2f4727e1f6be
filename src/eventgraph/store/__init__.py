"""Storage backends behind one small interface (see `protocols`)."""
