"""Model stage: issue files (issue.yaml + body text files) → a validated, frozen `Issue`.

Public entry point: `load_issue(folder)`.
"""

from layout.model.loader import load_issue
from layout.model.schema import Issue

__all__ = ["Issue", "load_issue"]
