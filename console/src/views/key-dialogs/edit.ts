import type { ApiKey } from '../../api';
import type { Context } from '../../context';
import { errorBox, field, h, openDialog } from '../../dom';
import { type Done, form, ipList, run, same, scopePicker, tierHint, tierSelect } from './fields';

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
