import type { CleanupCounts } from '../../api';
import type { Context } from '../../context';
import { checkbox, errorBox, h, nextId, openDialog } from '../../dom';
import { type Done, form, run } from './fields';

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
