"""Guidance: read models that span the domain apps and tell each organisation where it stands.

- `getting_started/`: the getting-started checklists of the customer and partner home pages
  (and `GET /api/v1/getting-started`).
- `program_info.py`: the program information page: the retirement timeline, what each milestone
  means for the reader's organisation, and the partner deadlines.

Read-only, beside `reports`: it reads vouchers, partners, payments and customers and writes nothing.
"""
