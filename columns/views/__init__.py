"""HTTP views, one module per area: ``intake`` (readers), ``archive`` (the public),
``errors`` (friendly error pages)."""
