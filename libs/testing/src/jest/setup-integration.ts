// Integration tests wait on real brokers, databases and processes: conditions, not sleeps.
jest.setTimeout(120_000);
