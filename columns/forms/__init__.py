"""Forms for every input, one module per area: ``intake`` (readers), ``desk``
(triage), ``editor`` (answers)."""
