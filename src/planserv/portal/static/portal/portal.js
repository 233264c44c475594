// planserv portal: progressive enhancement only; every page works without JavaScript.
document.addEventListener("change", (event) => {
  const select = event.target.closest("#membership-switch");
  if (select) select.form.requestSubmit();
});

// Reserve form: the delivery country follows the chosen location's country (R-RES-5).
document.addEventListener("change", (event) => {
  const select = event.target.closest("select[data-sets-country]");
  if (!select) return;
  const country = select.selectedOptions[0]?.dataset.country;
  const target = select.form?.querySelector(`[data-testid="${select.dataset.setsCountry}"]`);
  if (country && target) target.value = country;
});
