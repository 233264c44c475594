"""Request and response schemas of the API: one module per router, shared parts in `common`.

The error envelope (`ERRORS`, `ErrorOut`) is re-exported here because every router names it.
"""

from planserv.api.schemas.common import ERRORS, ErrorDetail, ErrorOut, MilestoneOut

__all__ = ["ERRORS", "ErrorDetail", "ErrorOut", "MilestoneOut"]
