import type { ApiKey } from '../../api';
import type { Context } from '../../context';
import { errorBox, field, h, nextId, openDialog } from '../../dom';
import { type Done, expiryPicker, form, run } from './fields';
import { showTokenDialog } from './token';

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
