"""Made-up data for the tests and the benchmark: a factory per model, the second-factor
helper, and the rows the changelist measurements need. Nothing here runs in production."""
