"""Forms of the support pages: shape only; the services decide (files are checked there)."""

from __future__ import annotations

from django import forms

from planserv.support.attachments import MAX_ATTACHMENTS_PER_MESSAGE
from planserv.support.lifecycle import SupportStatus
from planserv.support.models import SupportCategory
from planserv.support.validation import BODY_MAX, REFERENCE_MAX, SUBJECT_MAX

ATTACHMENT_HELP = (
    f"Up to {MAX_ATTACHMENTS_PER_MESSAGE} files: PDF, PNG, JPEG, DOCX, XLSX or TXT, "
    "at most 10 MB each."
)


class SupportRequestForm(forms.Form):
    subject = forms.CharField(max_length=SUBJECT_MAX, min_length=3)
    category = forms.ChoiceField(choices=SupportCategory.choices)
    voucher_id = forms.CharField(
        max_length=REFERENCE_MAX,
        required=False,
        label="Related voucher id",
        help_text="Optional: the voucher this is about.",
    )
    payment_request_id = forms.CharField(
        max_length=REFERENCE_MAX,
        required=False,
        label="Related payment request id",
        help_text="Optional: the payment request this is about.",
    )
    message = forms.CharField(max_length=BODY_MAX, widget=forms.Textarea(attrs={"rows": 8}))


class SupportReplyForm(forms.Form):
    body = forms.CharField(
        max_length=BODY_MAX, label="Your reply", widget=forms.Textarea(attrs={"rows": 6})
    )


class SupportAgentReplyForm(SupportReplyForm):
    then_status = forms.ChoiceField(
        choices=SupportStatus.choices,
        initial=SupportStatus.WAITING_ON_REQUESTER,
        required=False,
        label="Then set the status to",
    )


class SupportStatusForm(forms.Form):
    status = forms.ChoiceField(choices=SupportStatus.choices)
