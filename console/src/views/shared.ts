import type { PageMeta } from '../api';
import { h } from '../dom';
import { exactTime, relativeTime } from '../format';

/** Prev/next paging with "page x of y"; calls `go` with the new page. */
export function pager(meta: PageMeta, go: (page: number) => void, label: string): HTMLElement {
  const pages = Math.max(1, Math.ceil(meta.total / meta.per_page));
  return h(
    'nav',
    { class: 'pager', 'aria-label': `${label} pages` },
    h(
      'button',
      {
        type: 'button',
        class: 'button',
        disabled: meta.page <= 1,
        onclick: () => go(meta.page - 1),
      },
      '‹ Previous',
    ),
    h('span', { 'aria-live': 'polite' }, `Page ${meta.page} of ${pages} · ${meta.total} in all`),
    h(
      'button',
      {
        type: 'button',
        class: 'button',
        disabled: meta.page >= pages,
        onclick: () => go(meta.page + 1),
      },
      'Next ›',
    ),
  );
}

/** A relative time whose exact value shows on hover and on focus. */
export function timeCell(iso: string | null, empty = 'never'): HTMLElement {
  if (!iso) return h('span', { class: 'muted' }, empty);
  return h(
    'time',
    {
      datetime: iso,
      title: exactTime(iso),
      tabindex: '0',
      class: 'has-exact',
      'data-exact': exactTime(iso),
    },
    relativeTime(iso),
  );
}

/** A horizontally scrollable, keyboard-reachable wrapper for a wide table. */
export function tableWrap(label: string, table: HTMLTableElement): HTMLElement {
  return h(
    'div',
    { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': label },
    table,
  );
}

/** A polite live region for "key deleted" and the like. */
export function statusLine(): { element: HTMLElement; say(text: string): void } {
  const element = h('p', { class: 'status-line', role: 'status' });
  return { element, say: (text) => (element.textContent = text) };
}
