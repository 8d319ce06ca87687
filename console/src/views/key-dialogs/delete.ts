import type { ApiKey } from '../../api';
import type { Context } from '../../context';
import { errorBox, h, openDialog } from '../../dom';
import { type Done, form, run } from './fields';

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
