import type { CreatedKey } from '../../api';
import { field, h, openDialog } from '../../dom';

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
