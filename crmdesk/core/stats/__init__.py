"""Stats: snapshots, ESP imports, KPIs, A/B tests and the data the charts draw."""
