import type { Context } from '../../context';
import { errorBox, field, h, openDialog, showFieldError } from '../../dom';
import { type Done, expiryPicker, form, run, scopePicker, tierHint, tierSelect } from './fields';
import { showTokenDialog } from './token';

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
