import type { CleanupCounts } from '../../api';
import type { Context } from '../../context';
import { checkbox, errorBox, field, h, nextId, openDialog } from '../../dom';
import { type Done, form, run } from './fields';

/** The "unused for" choices of the clean-up, shortest first. */
export const UNUSED_DAYS = [30, 90, 180] as const;

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
      '"Both expired and inactive" cannot be combined with the others.',
    );
    // Keys unused for N days: counted for the chosen N when it is chosen.
    const unused = h(
      'select',
      { name: 'unused_days' },
      h('option', { value: '' }, 'Keep them'),
      UNUSED_DAYS.map((days) => h('option', { value: String(days) }, `Unused for ${days} days`)),
    );
    const unusedCount = h('p', { class: 'hint', 'aria-live': 'polite' });
    const unusedDays = () => (unused.value ? Number(unused.value) : undefined);
    let submit: HTMLButtonElement | null = null;
    const sync = () => {
      for (const other of [expired, inactive])
        other.input.disabled =
          both.input.checked || counts[other.input.value as keyof CleanupCounts] === 0;
      both.input.disabled =
        expired.input.checked ||
        inactive.input.checked ||
        unusedDays() !== undefined ||
        counts.expired_and_inactive === 0;
      unused.disabled = both.input.checked;
      if (submit)
        submit.disabled =
          ![expired, inactive, both].some((o) => o.input.checked) && unusedDays() === undefined;
    };
    [expired, inactive, both].forEach((o) => o.input.addEventListener('change', sync));
    unused.addEventListener('change', () => {
      sync();
      const days = unusedDays();
      unusedCount.textContent = '';
      if (days === undefined) return;
      ctx.api.cleanupCounts({ owner_id: ownerId, unused_days: days }).then(
        (counted) => {
          if (unusedDays() === days) unusedCount.textContent = `${counted.unused ?? 0} unused keys`;
        },
        (error: unknown) => errors.show(error, 'Counting unused keys failed'),
      );
    });
    const element = form(
      (button) => {
        const body: Record<string, unknown> = Object.fromEntries(
          [expired, inactive, both]
            .filter((o) => o.input.checked)
            .map((o) => [o.input.value, true]),
        );
        const days = unusedDays();
        if (days !== undefined) body.unused_days = days;
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
        field('Keys with no successful use', unused).row,
        unusedCount,
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
