"""The ground floor below every app: what neighbourhoods, policy and advisories share."""
