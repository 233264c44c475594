"""Partner portal pages of onboarding (seed steps 1-3), one module per page family: eligibility,
enrollment, profile (the business profile and its logo), consultants (consultants and locations,
and the R-EVD-1 evidence page with exam and competency claims). Views translate; partners.services and partners.selectors decide."""

PARTNER = ("partner",)
