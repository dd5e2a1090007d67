"""The application layer: every use case of CE Desktop, the same for both front ends.

New, open, save, import, review, findings, finalise (``assessments``); record a
sending and the MASH's response, and where each hand-off stands (``handoff``);
export PDF with its protection and audit entry, email draft, interchange JSON, backup
and restore (``outputs``). The window (through ``gui.session`` and the export
actions) and the command line call these functions, so both apply the same checks
and write the same audit entries. Plain Python: no Qt, no widgets, no printing to a
terminal; results are returned and refusals raised as exceptions with plain messages.
"""
