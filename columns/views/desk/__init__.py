"""The editors' desk under /desk/, one module per page.

- ``dashboard``: the front page (for editors every column's state; for everyone
  their own work).
- ``queue``: the review queue with filters, search, keyset paging and bulk actions
  (``bulk``: their confirmation step).
- ``letters``: one letter's page: for editors the triage page, for the columnist it
  is assigned to a read-only view of what will be printed.
- ``actions``: the triage page's POST-only actions (edit, decide, merge, assign).
- ``diff`` (the word diff of the edits) and ``common`` (refusal messages) serve
  the pages above.

Columnists never see a letter's original text or internal notes: they answer the
public text, which editors have cleared of anything that identifies the reader.
Every change goes through ``columns.workflow``.
"""
