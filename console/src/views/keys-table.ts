/*
 * The keys table: sortable column headers, and a row per key with its
 * status switch, expiry, sparkline and actions. The Keys view (keys.ts)
 * owns the filters, the loading and the paging.
 */
import type { ApiKey } from '../api';
import { lacks, type Context } from '../context';
import { actionButton, errorBox, h } from '../dom';
import { dayOf, exactTime } from '../format';
import { deleteKeyDialog, editKeyDialog, regenerateKeyDialog } from './key-dialogs';
import { usageDialog } from './usage-dialog';
import { tableWrap, timeCell } from './shared';

export type SortColumn = 'name' | 'expires_at' | 'last_used' | 'created_at';
export type SortOrder = 'asc' | 'desc';

export interface KeysTableOptions {
  /** The sort the rows are in, read when a header is chosen (the view's state). */
  sorting: { readonly sort: SortColumn; readonly order: SortOrder };
  /** A header was chosen: sort by it, in this order. */
  onSort: (sort: SortColumn, order: SortOrder) => void;
  /** Where a failed switch says so. */
  errors: ReturnType<typeof errorBox>;
  /** After a change: reload, then announce `message`. */
  done: (message: string) => void;
}

const ROOT_KEY_REASON =
  'The root key is managed through its key file: delete the file and restart to rotate it.';

const COLUMNS: { label: string; sort?: SortColumn }[] = [
  { label: 'Name', sort: 'name' },
  { label: 'Key' },
  { label: 'Scopes' },
  { label: 'Tier' },
  { label: 'Status' },
  { label: 'Expires', sort: 'expires_at' },
  { label: 'Last used', sort: 'last_used' },
  { label: 'Last 30 days' },
  { label: 'Created', sort: 'created_at' },
  { label: 'Actions' },
];

/** The table of `keys`, each row with its placeholder from `sparks` (by key id). */
export function keysTable(
  ctx: Context,
  keys: ApiKey[],
  sparks: Map<string, HTMLElement>,
  options: KeysTableOptions,
): HTMLElement {
  const { errors, done } = options;
  const isAdmin = ctx.me.user.role === 'admin';
  const canWrite = ctx.can('api_keys.write');
  const canDelete = ctx.can('api_keys.delete');

  function header(column: (typeof COLUMNS)[number]): HTMLElement {
    if (!column.sort) return h('th', { scope: 'col' }, column.label);
    const { sorting } = options;
    const active = sorting.sort === column.sort;
    const ariaSort = active ? (sorting.order === 'asc' ? 'ascending' : 'descending') : null;
    const arrow = active ? (sorting.order === 'asc' ? ' ▲' : ' ▼') : '';
    return h(
      'th',
      { scope: 'col', 'aria-sort': ariaSort },
      h(
        'button',
        {
          type: 'button',
          class: 'sort',
          onclick: () =>
            options.onSort(
              column.sort!,
              active && sorting.order === 'desc'
                ? 'asc'
                : active
                  ? 'desc'
                  : column.sort === 'name'
                    ? 'asc'
                    : 'desc',
            ),
        },
        column.label,
        h('span', { 'aria-hidden': 'true' }, arrow),
      ),
    );
  }

  function row(key: ApiKey, spark: HTMLElement): HTMLElement {
    const write = rowPermission(key, canWrite, 'api_keys.write');
    const remove = rowPermission(key, canDelete, 'api_keys.delete');
    return h(
      'tr',
      { 'data-key-id': key.id },
      h('th', { scope: 'row' }, key.name),
      isAdmin ? h('td', {}, ctx.users.get(key.owner_id) ?? key.owner_id.slice(0, 8)) : null,
      h('td', {}, h('code', { class: 'masked' }, key.masked_key)),
      h(
        'td',
        {},
        key.scopes.length === 0
          ? h('span', { class: 'muted' }, 'none')
          : h(
              'ul',
              { class: 'chips' },
              key.scopes.map((s) => h('li', {}, s)),
            ),
      ),
      h('td', {}, key.tier),
      h('td', {}, statusToggle(key, write)),
      h('td', {}, expiry(key)),
      h('td', {}, timeCell(key.last_used)),
      h('td', { class: 'spark' }, spark),
      h('td', {}, timeCell(key.created_at)),
      h(
        'td',
        { class: 'row-actions' },
        actionButton('Usage', () => usageDialog(ctx, key), {
          allowed: true,
          ariaLabel: `Usage of ${key.name}`,
        }),
        actionButton('Edit', () => editKeyDialog(ctx, key, done), {
          ...write,
          ariaLabel: `Edit ${key.name}`,
        }),
        actionButton('Regenerate', () => regenerateKeyDialog(ctx, key, done), {
          ...write,
          ariaLabel: `Regenerate ${key.name}`,
        }),
        actionButton('Delete', () => deleteKeyDialog(ctx, key, done), {
          ...remove,
          class: 'button danger',
          ariaLabel: `Delete ${key.name}`,
        }),
      ),
    );
  }

  function statusToggle(key: ApiKey, write: { allowed: boolean; reason: string }): HTMLElement {
    const on = key.status === 'active';
    return actionButton(
      on ? 'Active' : 'Inactive',
      () => {
        errors.clear();
        ctx.api
          .updateKey(key.id, { status: on ? 'inactive' : 'active' })
          .then((updated) => done(`Key "${updated.name}" is now ${updated.status}.`))
          .catch((error: unknown) =>
            errors.show(error, `Switching "${key.name}" ${on ? 'off' : 'on'} failed`),
          );
      },
      {
        ...write,
        class: `switch ${on ? 'on' : 'off'}`,
        ariaLabel: `${key.name}: ${on ? 'active' : 'inactive'}, switch ${on ? 'off' : 'on'}`,
      },
    );
  }

  const cols = isAdmin
    ? [...COLUMNS.slice(0, 1), { label: 'Owner' }, ...COLUMNS.slice(1)]
    : COLUMNS;
  const table = h(
    'table',
    { class: 'keys' },
    h('caption', { class: 'visually-hidden' }, 'API keys'),
    h('thead', {}, h('tr', {}, cols.map(header))),
    h(
      'tbody',
      {},
      keys.length === 0
        ? h('tr', {}, h('td', { colspan: cols.length, class: 'muted' }, 'No keys match.'))
        : keys.map((key) => row(key, sparks.get(key.id)!)),
    ),
  );
  return tableWrap('Keys table', table);
}

/**
 * Whether this key may be changed from here, and why not: the grant, and
 * for a root key its key file, since the API refuses every change to it
 * with a 409.
 */
function rowPermission(
  key: ApiKey,
  granted: boolean,
  grant: string,
): { allowed: boolean; reason: string } {
  if (key.is_root) {
    return { allowed: false, reason: ROOT_KEY_REASON };
  }
  return { allowed: granted, reason: lacks(grant) };
}

function expiry(key: ApiKey): HTMLElement {
  if (!key.expires_at) return h('span', { class: 'muted' }, 'never');
  if (key.expired)
    return h(
      'span',
      { class: 'expired', title: exactTime(key.expires_at) },
      `Expired ${dayOf(key.expires_at)}`,
    );
  return h('span', { title: exactTime(key.expires_at) }, dayOf(key.expires_at));
}
