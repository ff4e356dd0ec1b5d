// Shared pieces of the action forms.
import { getAddress } from 'ethers';
import { h } from '../dom.js';
import { UserError } from '../format.js';

/** Parses an address typed by a person; throws UserError with plain words. */
export function parseAddress(text, what = 'The address') {
  const t = String(text ?? '').trim();
  if (!t) throw new UserError(`${what} is empty: paste an address starting with 0x.`);
  try {
    return getAddress(t.toLowerCase() === t || t.toUpperCase().slice(2) === t.slice(2) ? t.toLowerCase() : t);
  } catch {
    throw new UserError(`${what} "${t}" is not a valid address: it starts with 0x followed by 40 letters and digits. Check for a typo.`);
  }
}

/**
 * A form whose submit runs `action` (async) with the button disabled meanwhile. The page never reloads.
 */
export function actionForm(props, children, action) {
  const form = h('form', { ...props, novalidate: true }, children);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const buttons = [...form.querySelectorAll('button')];
    buttons.forEach((b) => { b.disabled = true; });
    try {
      await action(event);
    } finally {
      buttons.forEach((b) => { b.disabled = false; });
    }
  });
  return form;
}

/** An amount input (decimal keyboard on phones). */
export function amountInput(testid, placeholder = '0.0') {
  return h('input', { type: 'text', inputmode: 'decimal', autocomplete: 'off', placeholder, testid, class: 'input' });
}

/** An address input. */
export function addressInput(testid, placeholder = '0x…') {
  return h('input', { type: 'text', autocomplete: 'off', spellcheck: 'false', autocapitalize: 'off', placeholder, testid, class: 'input mono' });
}
