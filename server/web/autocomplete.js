// Completions for the search box, as an ARIA 1.2 combobox: focus stays in the input, the
// highlighted option is named by aria-activedescendant. Down/Up move, Enter takes the
// highlighted option (or searches what was typed), Escape closes the list.

const DEBOUNCE_MS = 120;

export function attachAutocomplete({ input, listbox, fetchSuggestions, onChoose }) {
  let options = [];
  let active = -1;
  let timer = 0;
  let controller = null;

  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-expanded', 'false');
  input.setAttribute('aria-controls', listbox.id);

  const isOpen = () => !listbox.hidden;

  function close() {
    clearTimeout(timer);
    if (controller) controller.abort();
    controller = null;
    listbox.hidden = true;
    listbox.replaceChildren();
    options = [];
    active = -1;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
  }

  function highlight(index) {
    active = index;
    [...listbox.children].forEach((li, i) => li.setAttribute('aria-selected', String(i === index)));
    if (index >= 0) {
      input.setAttribute('aria-activedescendant', listbox.children[index].id);
      listbox.children[index].scrollIntoView({ block: 'nearest' });
    } else {
      input.removeAttribute('aria-activedescendant');
    }
  }

  function show(list) {
    const typed = input.value.trim().toLowerCase();
    options = list.filter((s) => s.text && s.text.toLowerCase() !== typed);
    if (!options.length) {
      close();
      return;
    }
    listbox.replaceChildren(...options.map((s, i) => {
      const li = document.createElement('li');
      li.id = `${listbox.id}-${i}`;
      li.setAttribute('role', 'option');
      li.setAttribute('aria-selected', 'false');
      li.className = 'suggestion-option';
      const text = document.createElement('span');
      text.className = 'suggestion-text';
      text.textContent = s.text;
      const n = document.createElement('span');
      n.className = 'suggestion-count';
      n.textContent = Number(s.count || 0).toLocaleString('en');
      n.setAttribute('aria-hidden', 'true');
      li.append(text, n);
      return li;
    }));
    active = -1;
    listbox.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    input.removeAttribute('aria-activedescendant');
  }

  function choose(index) {
    input.value = options[index].text;
    close();
    onChoose(input.value);
  }

  input.addEventListener('input', () => {
    clearTimeout(timer);
    const text = input.value;
    if (!text.trim()) {
      close();
      return;
    }
    timer = setTimeout(async () => {
      if (controller) controller.abort();
      controller = new AbortController();
      const mine = controller;
      try {
        const list = await fetchSuggestions(text, mine.signal);
        // Only the answer for what is in the box now, and only while the reader is in it.
        if (mine === controller && input.value === text && document.activeElement === input) show(list);
      } catch {
        // Completions are a convenience: a failure leaves the box working as plain input.
      }
    }, DEBOUNCE_MS);
  });

  input.addEventListener('keydown', (event) => {
    if (event.isComposing) return;
    switch (event.key) {
      case 'ArrowDown':
        if (!options.length) return;
        event.preventDefault();
        highlight(active + 1 >= options.length ? 0 : active + 1);
        break;
      case 'ArrowUp':
        if (!options.length) return;
        event.preventDefault();
        highlight(active <= 0 ? options.length - 1 : active - 1);
        break;
      case 'Enter':
        if (isOpen() && active >= 0) {
          event.preventDefault();
          choose(active);
        }
        // Otherwise the form submits what was typed.
        break;
      case 'Escape':
        if (isOpen()) {
          // Keep what was typed (a search input would clear itself on Escape).
          event.preventDefault();
          close();
        }
        break;
      default:
    }
  });

  // Pressing an option must not blur the input first (that would close the list).
  listbox.addEventListener('mousedown', (event) => event.preventDefault());
  listbox.addEventListener('click', (event) => {
    const li = event.target.closest('[role="option"]');
    if (li) choose([...listbox.children].indexOf(li));
  });
  input.addEventListener('blur', () => close());

  return { close };
}
