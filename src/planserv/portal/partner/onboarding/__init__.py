"""Partner portal pages of onboarding (seed steps 1-3), one module per page family: eligibility,
enrollment, profile (the business profile and its logo), consultants (consultants and locations,
read-only). Views translate; partners.services and partners.selectors decide."""

PARTNER = ("partner",)
