// planserv portal: progressive enhancement only; every page works without JavaScript.
// The conventions these serve are in docs/portal.md.
document.documentElement.classList.add("js");

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

// Phones: the navigation collapses behind the "Menu" button (shown under 768 px by portal.css).
document.addEventListener("click", (event) => {
  const toggle = event.target.closest(".menu-toggle");
  if (!toggle) return;
  const open = toggle.getAttribute("aria-expanded") !== "true";
  toggle.setAttribute("aria-expanded", String(open));
  toggle.closest(".site-header").classList.toggle("menu-open", open);
});

// Irreversible actions: a form with data-confirm="sentence" asks first, in a modal dialog.
// data-confirm-button names the confirming button ("Activate the benefit"); Cancel changes nothing.
function confirmDialog(form, submitter) {
  let dialog = document.getElementById("confirm-dialog");
  if (!dialog) {
    dialog = document.createElement("dialog");
    dialog.id = "confirm-dialog";
    dialog.setAttribute("aria-labelledby", "confirm-dialog-title");
    dialog.innerHTML =
      '<article><h2 id="confirm-dialog-title">Please confirm</h2><p data-testid="confirm-text"></p>' +
      '<footer><button type="button" class="secondary" data-testid="confirm-cancel" value="cancel">Cancel</button> ' +
      '<button type="button" data-testid="confirm-ok" value="ok"></button></footer></article>';
    document.body.appendChild(dialog);
  }
  dialog.querySelector("[data-testid=confirm-text]").textContent = form.dataset.confirm;
  const ok = dialog.querySelector("[data-testid=confirm-ok]");
  ok.textContent = form.dataset.confirmButton || "Confirm";
  const cancel = dialog.querySelector("[data-testid=confirm-cancel]");
  const close = (confirmed) => {
    dialog.close();
    ok.onclick = cancel.onclick = null;
    if (confirmed) {
      form.dataset.confirmed = "yes";
      form.requestSubmit(submitter || undefined);
    } else if (submitter) {
      submitter.focus();
    }
  };
  ok.onclick = () => close(true);
  cancel.onclick = () => close(false);
  dialog.showModal();
  cancel.focus();
}

document.addEventListener("submit", (event) => {
  const form = event.target;
  if (!form.dataset || !form.dataset.confirm) return;
  if (form.dataset.confirmed === "yes") {
    delete form.dataset.confirmed;
    return;
  }
  event.preventDefault();
  confirmDialog(form, event.submitter);
}, true);

// A <select multiple data-searchable> (countries) becomes a filter box over a list of checkboxes:
// no Ctrl-click; the select stays in the form and carries the values.
function searchable(select) {
  const box = document.createElement("div");
  box.className = "multi-search";
  // The label's own words, without its hint ("Countries served").
  const label = select.labels && select.labels[0] ? select.labels[0].childNodes[0].textContent.trim() : "options";
  const filter = document.createElement("input");
  filter.type = "search";
  filter.placeholder = "Type to filter";
  filter.setAttribute("aria-label", "Filter " + label);
  const chosen = document.createElement("p");
  chosen.className = "muted multi-chosen";
  chosen.setAttribute("aria-live", "polite");
  const list = document.createElement("div");
  list.className = "multi-options";
  list.setAttribute("role", "group");
  list.setAttribute("aria-label", label);
  const summarise = () => {
    const names = Array.from(select.selectedOptions).map((o) => o.textContent.trim());
    chosen.textContent = names.length ? "Chosen: " + names.join(", ") : "None chosen";
  };
  Array.from(select.options).forEach((option, index) => {
    const row = document.createElement("label");
    const tick = document.createElement("input");
    tick.type = "checkbox";
    tick.checked = option.selected;
    tick.id = select.id + "-opt-" + index;
    tick.addEventListener("change", () => { option.selected = tick.checked; summarise(); });
    row.append(tick, " " + option.textContent.trim());
    list.appendChild(row);
  });
  filter.addEventListener("input", () => {
    const words = filter.value.trim().toLowerCase();
    list.querySelectorAll("label").forEach((row) => {
      row.hidden = words !== "" && !row.textContent.toLowerCase().includes(words);
    });
  });
  box.append(filter, list, chosen);
  select.hidden = true;
  select.after(box);
  summarise();
}

// A textarea with maxlength counts what is left ("1,234 of 2,500 characters").
function counter(area) {
  const note = document.createElement("small");
  note.className = "muted char-count";
  note.setAttribute("aria-live", "polite");
  const max = Number(area.getAttribute("maxlength"));
  const update = () => {
    note.textContent = area.value.length.toLocaleString("en") + " of " + max.toLocaleString("en") + " characters";
  };
  area.addEventListener("input", update);
  area.after(note);
  update();
}

document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("select[multiple][data-searchable]").forEach(searchable);
  document.querySelectorAll("textarea[maxlength][data-count]").forEach(counter);
});

// A table wider than its box scrolls inside it (portal.css); keyboard users reach it by Tab.
function scrollableTables() {
  document.querySelectorAll("main table, main .overflow-auto").forEach((box) => {
    if (box.scrollWidth > box.clientWidth + 1) {
      box.setAttribute("tabindex", "0");
      if (!box.hasAttribute("aria-label") && box.tagName !== "TABLE") box.setAttribute("role", "region");
      if (!box.hasAttribute("aria-label")) {
        const caption = box.querySelector("caption, h2, h3");
        box.setAttribute("aria-label", caption ? caption.textContent.trim().slice(0, 80) : "Table");
      }
    } else if (box.getAttribute("tabindex") === "0") {
      box.removeAttribute("tabindex");
    }
  });
}
document.addEventListener("DOMContentLoaded", scrollableTables);
window.addEventListener("resize", scrollableTables);

// Print buttons (docs/portal.md): the print style sheet shows the content only.
document.addEventListener("click", (event) => {
  if (event.target.closest("[data-print]")) window.print();
});
