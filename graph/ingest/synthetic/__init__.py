"""A deterministic synthetic world for scale tests and benchmarks: skewed actor activity,
regional clustering, waves made of incidents, agreements with parties and scopes,
statements, and some violations. Everything is tied to one source marked 'synthetic'."""
