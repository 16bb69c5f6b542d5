// Suggestions as one types in a search box: the ARIA 1.2 combobox pattern (list autocomplete).
// Progressive enhancement of a plain <input type="search">: the server renders, next to it,
//   <ul role="listbox" data-suggest-for="INPUT_ID" data-url="…" data-msg-*="…" hidden>
//   <p aria-live="polite" data-suggest-status-for="INPUT_ID">
// Keys: ArrowDown/ArrowUp move through the options (Alt+ArrowDown opens), Enter picks the
// active option (its name fills the box and the form is submitted), Escape closes the list
// (a second Escape clears the box), Home/End move the caret. Focus stays in the box; the
// active option is announced through aria-activedescendant.
//
// Picker mode (an actor field of a form, see maillage/directory/widgets.py): the listbox also
// has data-suggest-select="SELECT_ID". The <select>, which works without JavaScript, is hidden
// and stays the submitted value; a text box with the same label takes its place. Picking an
// option sets the <select> (only actors it offers are suggested) and does not submit the form.

const DELAY_MS = 150;
const MIN_CHARS = 2;

function format(template, n) {
  return (template || "").replace("{n}", String(n));
}

function normalize(text) {
  return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/\s+/g, " ").trim();
}

// Picker mode: put a text box, labelled as the <select> was, in the <select>'s place.
function replaceSelect(listbox) {
  const select = document.getElementById(listbox.dataset.suggestSelect);
  if (!select || document.getElementById(listbox.dataset.suggestFor)) return null;
  const input = document.createElement("input");
  input.type = "text";
  input.id = listbox.dataset.suggestFor;
  input.className = select.className;
  const chosen = select.selectedOptions[0];
  if (chosen && chosen.value) input.value = chosen.textContent.trim();
  for (const name of ["aria-invalid", "aria-required"]) {
    if (select.hasAttribute(name)) input.setAttribute(name, select.getAttribute(name));
  }
  if (select.required) input.setAttribute("aria-required", "true");
  const described = [select.getAttribute("aria-describedby")];
  if (listbox.dataset.msgHint) {
    const hint = document.createElement("p");
    hint.className = "help";
    hint.id = `${input.id}-hint`;
    hint.textContent = listbox.dataset.msgHint;
    select.parentNode.insertBefore(hint, select);
    described.push(hint.id);
  }
  const describedBy = described.filter(Boolean).join(" ");
  if (describedBy) input.setAttribute("aria-describedby", describedBy);
  for (const label of document.querySelectorAll(`label[for="${select.id}"]`)) label.htmlFor = input.id;
  select.parentNode.insertBefore(input, select);
  select.hidden = true;
  select.tabIndex = -1;
  return select;
}

function setUp(listbox) {
  const select = listbox.dataset.suggestSelect ? document.getElementById(listbox.dataset.suggestSelect) : null;
  const input = document.getElementById(listbox.dataset.suggestFor);
  const status = document.querySelector(`[data-suggest-status-for="${listbox.dataset.suggestFor}"]`);
  if (!input || input.dataset.suggestReady) return;
  input.dataset.suggestReady = "1";

  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-controls", listbox.id);
  input.setAttribute("autocomplete", "off");

  const wrap = document.createElement("div");
  wrap.className = "suggest";
  input.parentNode.insertBefore(wrap, input);
  wrap.appendChild(input);
  wrap.appendChild(listbox);

  let options = [];
  let active = -1;
  let timer = null;
  let controller = null;
  let lastQuery = null;

  function announce(text) {
    if (status) status.textContent = text;
  }

  function close() {
    listbox.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function open() {
    if (!options.length) return;
    listbox.hidden = false;
    input.setAttribute("aria-expanded", "true");
  }

  function highlight(index) {
    options.forEach((option, i) => option.setAttribute("aria-selected", i === index ? "true" : "false"));
    active = index;
    if (index >= 0) {
      input.setAttribute("aria-activedescendant", options[index].id);
      options[index].scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  // Picker mode: the <select> follows the text box (an exact name picks its actor).
  function syncSelect() {
    const typed = normalize(input.value);
    const match = [...select.options].find((o) => o.value && normalize(o.textContent) === typed);
    select.value = match ? match.value : "";
  }

  function pick(index) {
    const option = options[index];
    if (!option) return;
    input.value = option.dataset.value;
    close();
    if (select) {
      select.value = option.dataset.slug;
      select.dispatchEvent(new Event("change", { bubbles: true }));
      announce(format(listbox.dataset.msgChosen, option.dataset.value));
      return;
    }
    if (input.form) {
      if (input.form.requestSubmit) input.form.requestSubmit();
      else input.form.submit();
    }
  }

  function render(results) {
    if (select) {
      const offered = new Set([...select.options].map((o) => o.value).filter(Boolean));
      results = results.filter((result) => offered.has(result.slug));
    }
    listbox.textContent = "";
    options = results.map((result, i) => {
      const option = document.createElement("li");
      option.id = `${listbox.id}-${i}`;
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      option.dataset.value = result.name;
      if (result.slug) option.dataset.slug = result.slug;
      const name = document.createElement("span");
      name.className = "suggest-name";
      name.textContent = result.name;
      const meta = document.createElement("span");
      meta.className = "suggest-meta";
      const details = [result.type, result.place].filter(Boolean);
      if (result.disappeared) details.push(listbox.dataset.msgDisappeared || "");
      meta.textContent = details.join(" · ");
      option.append(name, " ", meta);
      // mousedown, not click: picking must happen before the input's blur closes the list.
      option.addEventListener("mousedown", (event) => {
        event.preventDefault();
        pick(i);
      });
      listbox.appendChild(option);
      return option;
    });
    active = -1;
    input.removeAttribute("aria-activedescendant");
    if (options.length) {
      open();
      announce(format(options.length === 1 ? listbox.dataset.msgOne : listbox.dataset.msgMany, options.length));
    } else {
      close();
      announce(listbox.dataset.msgNone || "");
    }
  }

  async function fetchSuggestions(query) {
    if (controller) controller.abort();
    controller = new AbortController();
    const url = new URL(listbox.dataset.url, window.location.href);
    url.searchParams.set("q", query);
    const form = input.form;
    if (listbox.dataset.includeDisappeared) url.searchParams.set("disparus", "1");
    else if (form && form.querySelector('[name="disparus"][value="1"]:checked, input[type="hidden"][name="disparus"]')) {
      url.searchParams.set("disparus", "1");
    }
    try {
      const response = await fetch(url, { signal: controller.signal, headers: { Accept: "application/json" } });
      if (!response.ok) return;
      const data = await response.json();
      if (input.value.trim() === query) render(data.results || []);
    } catch (error) {
      if (error.name !== "AbortError") close();
    }
  }

  input.addEventListener("input", () => {
    if (select) syncSelect();
    const query = input.value.trim();
    clearTimeout(timer);
    if (query.length < MIN_CHARS) {
      lastQuery = null;
      render([]);
      announce("");
      return;
    }
    if (query === lastQuery) return;
    lastQuery = query;
    timer = setTimeout(() => fetchSuggestions(query), DELAY_MS);
  });

  input.addEventListener("keydown", (event) => {
    const expanded = !listbox.hidden;
    switch (event.key) {
      case "ArrowDown":
        if (!options.length) return;
        event.preventDefault();
        if (!expanded) open();
        if (!event.altKey) highlight(active < options.length - 1 ? active + 1 : 0);
        break;
      case "ArrowUp":
        if (!options.length) return;
        event.preventDefault();
        if (!expanded) open();
        highlight(active > 0 ? active - 1 : options.length - 1);
        break;
      case "Enter":
        if (expanded && active >= 0) {
          event.preventDefault();
          pick(active);
        }
        break;
      case "Escape":
        if (expanded) {
          event.preventDefault();
          close();
        } else if (input.value) {
          event.preventDefault();
          input.value = "";
          if (select) select.value = "";
          lastQuery = null;
          render([]);
          announce("");
        }
        break;
      case "Tab":
        close();
        break;
      default:
        break;
    }
  });

  input.addEventListener("blur", () => close());
  input.addEventListener("focus", () => {
    if (options.length && input.value.trim() === lastQuery) open();
  });
}

function init() {
  document.querySelectorAll("ul[data-suggest-for]").forEach((listbox) => {
    if (listbox.dataset.suggestSelect) replaceSelect(listbox);
    setUp(listbox);
  });
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
else init();
