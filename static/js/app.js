// Starts the NHS.UK design system's components. Loaded as a module, so it
// runs after the page is parsed and only in browsers the design system supports.
import { initAll } from "../vendor/nhsuk-frontend/nhsuk-frontend.min.js";

document.body.classList.add("js-enabled", "nhsuk-frontend-supported");
initAll();
