// Keeps what was typed in one form of a page when another form's button is
// pressed. A builder page holds several forms (the statements and "Add a
// theme"; an initiative and "Add a milestone"; a measure sheet and "Retire"):
// each posts only its own fields, and the page that comes back is drawn from
// what is saved, so text typed in the others was lost (issue 13, item 15).
//
// When a form is sent, the fields of the page's other post forms that differ
// from what the page was drawn with are kept in the tab's sessionStorage,
// under the address each form posts to (the same whichever page draws it).
// When a page with that form is drawn again, they are put back and the form
// says that they are not saved yet. Sending a form forgets what was kept for
// it. Nothing leaves the browser, and closing the tab forgets it all.
const PREFIX = "keep-typed:";
const SKIPPED_TYPES = new Set(["hidden", "password", "file", "submit", "button", "reset", "image"]);

function postForms() {
  return [...document.querySelectorAll("form")].filter((form) => form.method === "post");
}

function keyOf(form) {
  return PREFIX + new URL(form.action, document.baseURI).pathname;
}

function keptFields(form) {
  return [...form.elements].filter(
    (field) => field.name && !SKIPPED_TYPES.has(field.type) && field.name !== "csrfmiddlewaretoken",
  );
}

function changed(field) {
  if (field.type === "checkbox" || field.type === "radio") return field.checked !== field.defaultChecked;
  if (field.tagName === "SELECT") return [...field.options].some((o) => o.selected !== o.defaultSelected);
  return field.value !== field.defaultValue;
}

function valueOf(field) {
  if (field.type === "checkbox" || field.type === "radio") return field.checked;
  if (field.tagName === "SELECT") return [...field.selectedOptions].map((o) => o.value);
  return field.value;
}

function put(field, value) {
  if (field.type === "checkbox" || field.type === "radio") field.checked = value;
  else if (field.tagName === "SELECT") for (const o of field.options) o.selected = value.includes(o.value);
  else field.value = value;
}

// Checkboxes and radios share a name, so each is kept by name and value.
function fieldKey(field) {
  return field.type === "checkbox" || field.type === "radio" ? `${field.name}=${field.value}` : field.name;
}

function keepOthers(sent) {
  for (const form of postForms()) {
    if (form === sent) continue;
    const typed = {};
    for (const field of keptFields(form)) if (changed(field)) typed[fieldKey(field)] = valueOf(field);
    if (Object.keys(typed).length) sessionStorage.setItem(keyOf(form), JSON.stringify(typed));
  }
  sessionStorage.removeItem(keyOf(sent));
}

function notice(form) {
  const note = document.createElement("div");
  note.className = "nhsuk-inset-text app-kept-typed";
  note.innerHTML = '<span class="nhsuk-u-visually-hidden">Information: </span><p></p>';
  note.querySelector("p").textContent =
    "What you typed here before using another form on this page is back, but it is not saved yet.";
  form.prepend(note);
}

function putBack() {
  for (const form of postForms()) {
    const kept = sessionStorage.getItem(keyOf(form));
    if (!kept) continue;
    const typed = JSON.parse(kept);
    let restored = false;
    for (const field of keptFields(form)) {
      // A field the page drew with a value of its own (a form shown again
      // with its errors) keeps that value.
      if (fieldKey(field) in typed && !changed(field)) {
        put(field, typed[fieldKey(field)]);
        restored = restored || changed(field);
      }
    }
    if (restored) notice(form);
  }
}

try {
  putBack();
  document.addEventListener("submit", (event) => {
    if (event.target.method === "post") keepOthers(event.target);
  });
} catch (error) {
  // Storage can be switched off; the forms still work without this.
  if (!(error instanceof DOMException)) throw error;
}
