import { TIERS } from '../../api';
import type { Context } from '../../context';
import { checkbox, errorBox, field, h, showFieldError } from '../../dom';
import { EXPIRY_DAYS, ipEntryProblem } from '../../format';

export type Done = (message: string) => void;

/** The scope checkboxes: resource scopes grouped by resource, permissions apart. */
export function scopePicker(
  ctx: Context,
  selected: string[],
): { element: HTMLElement; value(): string[] } {
  const holdsAdmin = ctx.me.key.scopes.includes(ctx.catalogue.admin_scope);
  const reason = (grant: string) =>
    (grant === ctx.catalogue.admin_scope ? !holdsAdmin : !ctx.can(grant))
      ? 'your key does not hold it'
      : undefined;
  const box = (grant: string, label = grant) =>
    checkbox(label, grant, selected.includes(grant), reason(grant));
  const byResource = new Map<string, string[]>();
  for (const scope of ctx.catalogue.scopes) {
    const resource = scope.includes(':') ? scope.slice(scope.indexOf(':') + 1) : scope;
    byResource.set(resource, [...(byResource.get(resource) ?? []), scope]);
  }
  const element = h(
    'div',
    { class: 'scopes' },
    h(
      'fieldset',
      {},
      h('legend', {}, 'Resource scopes'),
      h(
        'div',
        { class: 'scope-groups' },
        [...byResource].map(([resource, scopes]) =>
          h(
            'div',
            { class: 'scope-group', role: 'group', 'aria-label': resource },
            h('span', { class: 'group-name' }, resource),
            scopes.map((s) => box(s)),
          ),
        ),
      ),
    ),
    h(
      'fieldset',
      {},
      h('legend', {}, 'Permissions (manage Latchkey itself)'),
      h(
        'div',
        { class: 'scope-group' },
        ctx.catalogue.permissions.map((p) => box(p)),
      ),
      box(
        ctx.catalogue.admin_scope,
        `${ctx.catalogue.admin_scope} — everything the owner's role grants`,
      ),
    ),
  );
  return {
    element,
    value: () =>
      [...element.querySelectorAll<HTMLInputElement>('input:checked')].map((i) => i.value),
  };
}

const TIER_HINT = 'Sets the rate limit.';
const ADMIN_ONLY_TIER_HINT = "Sets the rate limit; only admins set or change a key's tier.";

/** The tier picker; only admins may change it (the API answers 403 to anyone else). */
export function tierSelect(ctx: Context, current: string): HTMLSelectElement {
  return h(
    'select',
    { disabled: ctx.me.user.role !== 'admin' },
    TIERS.map((tier) => h('option', { value: tier, selected: tier === current }, tier)),
  );
}

export const tierHint = (select: HTMLSelectElement) =>
  select.disabled ? ADMIN_ONLY_TIER_HINT : TIER_HINT;

/** never / N days / a date; `body()` gives the request fields for the choice. */
export function expiryPicker(neverValue: 'omit' | 'null'): {
  rows: HTMLElement[];
  body(): Record<string, unknown> | string;
} {
  const choice = h(
    'select',
    {},
    h('option', { value: 'never' }, 'Never'),
    EXPIRY_DAYS.map((days) => h('option', { value: String(days) }, `In ${days} days`)),
    h('option', { value: 'date' }, 'On a date…'),
  );
  const date = h('input', { type: 'date' });
  const dateField = field('Expiry date', date);
  dateField.row.hidden = true;
  choice.addEventListener('change', () => (dateField.row.hidden = choice.value !== 'date'));
  return {
    rows: [field('Expires', choice).row, dateField.row],
    body() {
      if (choice.value === 'never') return neverValue === 'null' ? { expires_at: null } : {};
      if (choice.value !== 'date') return { expires_in_days: Number(choice.value) };
      if (!date.value) return 'Pick an expiry date.';
      return { expires_at: new Date(`${date.value}T23:59:59`).toISOString() };
    },
  };
}

export function form(
  onSubmit: (submit: HTMLButtonElement) => void,
  submitLabel: string,
  close: () => void,
  ...rows: (Node | null)[]
): HTMLFormElement {
  const submit = h('button', { type: 'submit', class: 'button primary' }, submitLabel);
  const element = h(
    'form',
    { novalidate: true },
    ...rows,
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'button', class: 'button', onclick: close }, 'Cancel'),
      submit,
    ),
  );
  element.addEventListener('submit', (event) => {
    event.preventDefault();
    onSubmit(submit);
  });
  return element;
}

export function run<T>(
  submit: HTMLButtonElement,
  errors: ReturnType<typeof errorBox>,
  request: Promise<T>,
  context: string,
  then: (value: T) => void,
): void {
  submit.disabled = true;
  errors.clear();
  request.then(then, (error: unknown) => {
    errors.show(error, context);
    submit.disabled = false;
  });
}

/** One input per allowlist entry, each checked as it is typed. */
export function ipList(initial: string[]): { element: HTMLElement; value(): string[] | null } {
  const list = h('ol', { class: 'ip-list' });
  const add = (value = '') => {
    const input = h('input', {
      type: 'text',
      value,
      spellcheck: 'false',
      placeholder: '10.0.0.0/8',
    });
    const entry = field(`Address ${list.children.length + 1}`, input);
    const check = () =>
      showFieldError(entry.error, input.value.trim() === '' ? null : ipEntryProblem(input.value));
    input.addEventListener('input', check);
    const item = h(
      'li',
      {},
      entry.row,
      h(
        'button',
        {
          type: 'button',
          class: 'button',
          'aria-label': `Remove address ${list.children.length + 1}`,
          onclick: () => item.remove(),
        },
        'Remove',
      ),
    );
    list.append(item);
    return input;
  };
  initial.forEach((ip) => add(ip));
  const element = h(
    'fieldset',
    {},
    h('legend', {}, 'IP allowlist'),
    h(
      'p',
      { class: 'hint' },
      'Addresses or CIDRs (IPv4 or IPv6) the key may be used from. Empty: any address.',
    ),
    list,
    h('button', { type: 'button', class: 'button', onclick: () => add().focus() }, 'Add address'),
  );
  return {
    element,
    value() {
      const inputs = [...list.querySelectorAll('input')];
      let ok = true;
      for (const input of inputs) {
        const problem = input.value.trim() === '' ? null : ipEntryProblem(input.value);
        showFieldError(document.getElementById(`${input.id}-error`)!, problem);
        if (problem) ok = false;
      }
      return ok ? inputs.map((i) => i.value.trim()).filter((v) => v !== '') : null;
    },
  };
}

export const same = (a: string[], b: string[]) =>
  a.length === b.length && a.every((v, i) => v === b[i]);
