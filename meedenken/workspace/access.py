"""Staff access for workspace pages: the permissions they ask for; `staff_page` (log in, then
the role's permission for this consultation) lives with the accounts (the staff permission seam)."""

from __future__ import annotations

from meedenken.accounts.staff import View, staff_page

__all__ = ["CODE", "MANAGE", "REVIEW", "VIEW", "View", "staff_page"]

VIEW = "coding.view_codebook"
CODE = "coding.code_codebook"
MANAGE = "coding.change_codebook"
REVIEW = "coding.review_personaldataspan"
