from enum import StrEnum


class OpenSupportRequestFilesBodySupportCategory(StrEnum):
    ACCESS = "access"
    ELIGIBILITY = "eligibility"
    ENGAGEMENT = "engagement"
    OTHER = "other"
    PAYMENT = "payment"
    PROFILE = "profile"
    REDEMPTION = "redemption"
    RETIREMENT = "retirement"
    VOUCHERS = "vouchers"

    def __str__(self) -> str:
        return str(self.value)
