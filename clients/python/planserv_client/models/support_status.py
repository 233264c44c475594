from enum import StrEnum


class SupportStatus(StrEnum):
    OPEN = "open"
    RESOLVED = "resolved"
    WAITING_ON_REQUESTER = "waiting_on_requester"

    def __str__(self) -> str:
        return str(self.value)
