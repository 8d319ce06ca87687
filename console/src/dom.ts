import { ApiError } from './api';

type Child = Node | string | null | undefined | false;
type Props = Record<
  string,
  string | number | boolean | null | undefined | ((event: Event) => void)
>;

let uid = 0;
/** A document-unique id for label/aria wiring. */
export const nextId = (prefix: string) => `${prefix}-${++uid}`;

/**
 * Builds an element. `on*` props become listeners, `true` sets a boolean
 * attribute, `false`/`null`/`undefined` leave it out; text is always text
 * (never parsed as HTML), so no value from the API can inject markup.
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Props = {},
  ...children: (Child | Child[])[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (typeof value === 'function') element.addEventListener(name.slice(2).toLowerCase(), value);
    else if (value === true) element.setAttribute(name, '');
    else if (value !== false && value !== null && value !== undefined)
      element.setAttribute(name, String(value));
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined && child !== false) element.append(child);
  }
  return element;
}

/** A labelled form field: label, control, hint and a place for its error. */
export function field(
  label: string,
  control: HTMLElement,
  hint?: string,
): { row: HTMLElement; error: HTMLElement } {
  const id = control.id || nextId('field');
  control.id = id;
  const error = h('p', { class: 'field-error', id: `${id}-error`, hidden: true });
  const hintElement = hint ? h('p', { class: 'hint', id: `${id}-hint` }, hint) : null;
  control.setAttribute('aria-describedby', [hintElement?.id, error.id].filter(Boolean).join(' '));
  return {
    row: h('div', { class: 'field' }, h('label', { for: id }, label), control, hintElement, error),
    error,
  };
}

export function showFieldError(error: HTMLElement, message: string | null): void {
  error.textContent = message ?? '';
  error.hidden = message === null;
  const control = document.getElementById(error.id.replace(/-error$/, ''));
  if (control) {
    if (message === null) control.removeAttribute('aria-invalid');
    else control.setAttribute('aria-invalid', 'true');
  }
}

/** An alert region that shows an API error's message (and its field details). */
export function errorBox(): {
  element: HTMLElement;
  show(error: unknown, context?: string): void;
  clear(): void;
} {
  const element = h('div', { class: 'alert', role: 'alert', hidden: true });
  return {
    element,
    show(error, context) {
      element.replaceChildren();
      const message =
        error instanceof ApiError
          ? error.describe()
          : error instanceof Error
            ? error.message
            : String(error);
      element.append(h('strong', {}, context ? `${context}: ` : ''), message);
      if (error instanceof ApiError && error.details.length > 0) {
        element.append(
          h(
            'ul',
            {},
            error.details.map((d) => h('li', {}, `${d.field}: ${d.message}`)),
          ),
        );
      }
      element.hidden = false;
    },
    clear() {
      element.replaceChildren();
      element.hidden = true;
    },
  };
}

/**
 * A button for an action the signed-in key may lack. Without the grant it
 * stays focusable but inert (`aria-disabled`), and says why on hover or focus.
 */
export function actionButton(
  label: string,
  onClick: () => void,
  options: { allowed: boolean; reason?: string; class?: string; ariaLabel?: string },
): HTMLElement {
  const button = h(
    'button',
    { type: 'button', class: options.class ?? 'button', 'aria-label': options.ariaLabel },
    label,
  );
  if (options.allowed) {
    button.addEventListener('click', onClick);
    return button;
  }
  const tipId = nextId('tip');
  button.setAttribute('aria-disabled', 'true');
  button.setAttribute('aria-describedby', tipId);
  return h(
    'span',
    { class: 'has-tip' },
    button,
    h('span', { class: 'tip', role: 'tooltip', id: tipId }, options.reason ?? 'Not allowed'),
  );
}

/**
 * A modal <dialog>: focus is kept inside, Escape closes it, and it is removed
 * from the page (with whatever it showed) once closed.
 */
export function openDialog(
  title: string,
  build: (close: () => void) => (Node | null)[],
  onClose?: () => void,
): HTMLDialogElement {
  const titleId = nextId('dialog-title');
  const dialog = h('dialog', { 'aria-labelledby': titleId, class: 'dialog' });
  const previousFocus = document.activeElement as HTMLElement | null;
  // Removed at once, not when the queued `close` event runs: what it showed
  // (a token) must be gone from the page as soon as it is dismissed.
  const close = () => {
    dialog.close();
    dialog.remove();
  };
  dialog.append(
    h('h2', { id: titleId }, title),
    ...build(close).filter((node): node is Node => node !== null),
  );
  dialog.addEventListener('close', () => {
    dialog.remove();
    onClose?.();
    previousFocus?.focus();
  });
  document.body.append(dialog);
  dialog.showModal();
  return dialog;
}

/** A checkbox with its label, for grouped choices. */
export function checkbox(
  label: string,
  value: string,
  checked: boolean,
  disabledReason?: string,
): HTMLLabelElement {
  const input = h('input', {
    type: 'checkbox',
    value,
    checked,
    disabled: disabledReason !== undefined,
  });
  const wrapper = h('label', { class: 'check' }, input, ` ${label}`);
  if (disabledReason) {
    wrapper.title = disabledReason;
    wrapper.append(h('span', { class: 'hint' }, ` (${disabledReason})`));
  }
  return wrapper;
}
