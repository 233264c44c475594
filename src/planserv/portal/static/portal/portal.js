// planserv portal: progressive enhancement only; every page works without JavaScript.
document.addEventListener("change", (event) => {
  const select = event.target.closest("#membership-switch");
  if (select) select.form.requestSubmit();
});
