import { TIERS, type ApiKey, type CleanupCounts, type CreatedKey } from '../api';
import type { Context } from '../context';
import { checkbox, errorBox, field, h, nextId, openDialog, showFieldError } from '../dom';
import { EXPIRY_DAYS, ipEntryProblem } from '../format';

type Done = (message: string) => void;

/** The scope checkboxes: resource scopes grouped by resource, permissions apart. */
function scopePicker(
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
function tierSelect(ctx: Context, current: string): HTMLSelectElement {
  return h(
    'select',
    { disabled: ctx.me.user.role !== 'admin' },
    TIERS.map((tier) => h('option', { value: tier, selected: tier === current }, tier)),
  );
}

const tierHint = (select: HTMLSelectElement) =>
  select.disabled ? ADMIN_ONLY_TIER_HINT : TIER_HINT;

/** never / N days / a date; `body()` gives the request fields for the choice. */
function expiryPicker(neverValue: 'omit' | 'null'): {
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

/** The token, once: copy button, warning, and gone from the page when closed. */
export function showTokenDialog(created: CreatedKey, title: string): void {
  openDialog(title, (close) => {
    const token = h('input', {
      type: 'text',
      readonly: true,
      value: created.key,
      class: 'token',
      spellcheck: 'false',
    });
    const copied = h('span', { role: 'status', class: 'hint' });
    const copy = h(
      'button',
      {
        type: 'button',
        class: 'button',
        onclick: () => {
          token.select();
          const fallback = () =>
            document.execCommand('copy') ? 'Copied.' : 'Select the token and copy it.';
          (navigator.clipboard
            ? navigator.clipboard.writeText(created.key).then(() => 'Copied.', fallback)
            : Promise.resolve(fallback())
          ).then(
            (text) => (copied.textContent = text),
            () => undefined,
          );
        },
      },
      'Copy',
    );
    return [
      h(
        'p',
        { class: 'warning' },
        h('strong', {}, 'Copy this token now. '),
        'It cannot be shown again: Latchkey keeps only its hash.',
      ),
      field(`Token of "${created.name}"`, token).row,
      h(
        'div',
        { class: 'actions' },
        copy,
        copied,
        h('button', { type: 'button', class: 'button primary', onclick: close }, 'Done'),
      ),
    ];
  });
}

function form(
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

function run<T>(
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

export function createKeyDialog(ctx: Context, done: Done): void {
  openDialog('Create key', (close) => {
    const name = h('input', { type: 'text', required: true, maxlength: 128, autocomplete: 'off' });
    const nameField = field('Name', name, "1–128 characters, unique among the owner's keys.");
    const scopes = scopePicker(ctx, []);
    const tier = tierSelect(ctx, 'standard');
    const expiry = expiryPicker('omit');
    const owner = h(
      'select',
      {},
      h('option', { value: '' }, `${ctx.me.user.name} (you)`),
      [...ctx.users]
        .filter(([id]) => id !== ctx.me.user.id)
        .map(([id, n]) => h('option', { value: id }, n)),
    );
    const errors = errorBox();
    return [
      form(
        (submit) => {
          const expiryBody = expiry.body();
          showFieldError(nameField.error, name.value.trim() === '' ? 'Enter a name.' : null);
          if (name.value.trim() === '') return name.focus();
          if (typeof expiryBody === 'string') return errors.show(new Error(expiryBody));
          const body = {
            name: name.value.trim(),
            scopes: scopes.value(),
            ...(tier.disabled ? {} : { tier: tier.value }),
            ...expiryBody,
            ...(owner.value ? { owner_id: owner.value } : {}),
          };
          run(submit, errors, ctx.api.createKey(body), 'Creating the key failed', (created) => {
            close();
            done(`Key "${created.name}" created.`);
            showTokenDialog(created, 'Key created');
          });
        },
        'Create key',
        close,
        nameField.row,
        ctx.me.user.role === 'admin' && ctx.users.size > 1 ? field('Owner', owner).row : null,
        scopes.element,
        field('Tier', tier, tierHint(tier)).row,
        ...expiry.rows,
        errors.element,
      ),
    ];
  });
}

/** One input per allowlist entry, each checked as it is typed. */
function ipList(initial: string[]): { element: HTMLElement; value(): string[] | null } {
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

const same = (a: string[], b: string[]) => a.length === b.length && a.every((v, i) => v === b[i]);

export function editKeyDialog(ctx: Context, key: ApiKey, done: Done): void {
  openDialog(`Edit "${key.name}"`, (close) => {
    const name = h('input', { type: 'text', value: key.name, maxlength: 128, autocomplete: 'off' });
    const scopes = scopePicker(ctx, key.scopes);
    const tier = tierSelect(ctx, key.tier);
    const ips = ipList(key.allowed_ips);
    const errors = errorBox();
    return [
      form(
        (submit) => {
          const allowed = ips.value();
          if (allowed === null) return errors.show(new Error('Fix the addresses marked above.'));
          const body: Record<string, unknown> = {};
          if (name.value.trim() !== key.name) body.name = name.value.trim();
          if (!same([...scopes.value()].sort(), [...key.scopes].sort()))
            body.scopes = scopes.value();
          if (tier.value !== key.tier) body.tier = tier.value;
          if (!same(allowed, key.allowed_ips)) body.allowed_ips = allowed;
          if (Object.keys(body).length === 0) return close();
          run(submit, errors, ctx.api.updateKey(key.id, body), 'Saving failed', (updated) => {
            close();
            done(`Key "${updated.name}" saved.`);
          });
        },
        'Save',
        close,
        field('Name', name).row,
        scopes.element,
        field('Tier', tier, tierHint(tier)).row,
        ips.element,
        errors.element,
      ),
    ];
  });
}

export function regenerateKeyDialog(ctx: Context, key: ApiKey, done: Done): void {
  openDialog(`Regenerate "${key.name}"`, (close) => {
    const change = h('input', {
      type: 'checkbox',
      id: nextId('change-expiry'),
      checked: key.expired,
    });
    const expiry = expiryPicker('null');
    const expiryBox = h('div', { class: 'nested', hidden: !key.expired }, ...expiry.rows);
    change.addEventListener('change', () => (expiryBox.hidden = !change.checked));
    const grace = h('input', {
      type: 'number',
      min: 0,
      max: 86400,
      step: 1,
      value: 0,
      inputmode: 'numeric',
    });
    const errors = errorBox();
    return [
      h(
        'p',
        {},
        'A new token replaces the current one; the key keeps its id, name, scopes and settings.',
      ),
      key.expired
        ? h('p', { class: 'warning' }, 'This key has expired: choose a new expiry.')
        : null,
      form(
        (submit) => {
          const body: Record<string, unknown> = { grace_period_s: Number(grace.value || 0) };
          if (change.checked) {
            const expiryBody = expiry.body();
            if (typeof expiryBody === 'string') return errors.show(new Error(expiryBody));
            Object.assign(body, expiryBody);
          }
          run(
            submit,
            errors,
            ctx.api.regenerateKey(key.id, body),
            'Regenerating failed',
            (created) => {
              close();
              done(`Key "${created.name}" regenerated.`);
              showTokenDialog(created, 'Key regenerated');
            },
          );
        },
        'Regenerate',
        close,
        h(
          'div',
          { class: 'field check-row' },
          change,
          h('label', { for: change.id }, ' Change expiry'),
        ),
        expiryBox,
        field(
          'Grace period (seconds)',
          grace,
          'How long the current token keeps working: 0 (at once) to 86400 (a day).',
        ).row,
        errors.element,
      ),
    ];
  });
}

export function deleteKeyDialog(ctx: Context, key: ApiKey, done: Done): void {
  openDialog(`Delete "${key.name}"?`, (close) => {
    const errors = errorBox();
    return [
      h(
        'p',
        { class: 'warning' },
        `Deleting "${key.name}" (${key.masked_key}) is permanent: its token stops working at once and the key cannot be restored.`,
      ),
      form(
        (submit) =>
          run(submit, errors, ctx.api.deleteKey(key.id), 'Deleting failed', () => {
            close();
            done(`Key "${key.name}" deleted.`);
          }),
        'Delete key',
        close,
        errors.element,
      ),
    ];
  });
}

export function cleanupDialog(
  ctx: Context,
  counts: CleanupCounts,
  ownerId: string | undefined,
  done: Done,
): void {
  openDialog('Clean up keys', (close) => {
    const option = (name: keyof CleanupCounts, label: string) => {
      const box = checkbox(
        `${label} (${counts[name]})`,
        name,
        false,
        counts[name] === 0 ? 'none to delete' : undefined,
      );
      return { box, input: box.querySelector('input')! };
    };
    const expired = option('expired', 'Expired keys');
    const inactive = option('inactive', 'Inactive keys');
    const both = option('expired_and_inactive', 'Keys both expired and inactive');
    const errors = errorBox();
    const hint = h(
      'p',
      { class: 'hint', id: nextId('cleanup-hint') },
      '"Both expired and inactive" cannot be combined with the other two.',
    );
    let submit: HTMLButtonElement | null = null;
    const sync = () => {
      for (const other of [expired, inactive])
        other.input.disabled =
          both.input.checked || counts[other.input.value as keyof CleanupCounts] === 0;
      both.input.disabled =
        expired.input.checked || inactive.input.checked || counts.expired_and_inactive === 0;
      if (submit) submit.disabled = ![expired, inactive, both].some((o) => o.input.checked);
    };
    [expired, inactive, both].forEach((o) => o.input.addEventListener('change', sync));
    const element = form(
      (button) => {
        const body = Object.fromEntries(
          [expired, inactive, both]
            .filter((o) => o.input.checked)
            .map((o) => [o.input.value, true]),
        );
        run(
          button,
          errors,
          ctx.api.cleanup(body, { owner_id: ownerId }),
          'Clean-up failed',
          (result) => {
            close();
            done(`Clean-up deleted ${result.deleted} key${result.deleted === 1 ? '' : 's'}.`);
          },
        );
      },
      'Delete keys',
      close,
      h(
        'fieldset',
        { 'aria-describedby': hint.id },
        h('legend', {}, 'Delete'),
        expired.box,
        inactive.box,
        both.box,
        hint,
      ),
      h(
        'p',
        { class: 'warning' },
        "Deletion is permanent: the keys' tokens stop working at once and cannot be restored.",
      ),
      errors.element,
    );
    submit = element.querySelector<HTMLButtonElement>('button[type=submit]');
    sync();
    return [element];
  });
}
