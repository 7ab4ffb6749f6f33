"""The answer editor under /desk/answers/, one module per part of the page.

- ``pages``: the list of answers, the editor itself and the staff preview.
- ``history``: revisions, diffs between any two, restoring an old one.
- ``review``: comments and the workflow steps (submit, request changes, approve,
  publish or schedule, withdraw, back to draft, mark reviewed).
- ``live``: what the page's scripts call: the Markdown preview, image uploads and
  the "who else has this open" heartbeat.

Every view needs a desk role; columnists see only the answers they write (others
are 404), editors see all.
"""
