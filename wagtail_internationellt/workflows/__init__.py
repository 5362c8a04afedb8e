"""Approval before publishing (W1): nothing in a section goes live unapproved.

- ``permissions``: the page permission tester that takes direct publishing away
  from everyone in a section but superusers allowed by a setting;
- ``actions``: the finish action that publishes an approved page, also when the
  approver holds no publish permission;
- ``audit``: every publish in a section that no workflow approved is written to
  the audit log as such.
"""
