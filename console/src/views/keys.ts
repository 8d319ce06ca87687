import type { ApiKey, CleanupCounts, KeyPage } from '../api';
import { lacks, type Context } from '../context';
import { actionButton, errorBox, field, h } from '../dom';
import { dayOf, exactTime } from '../format';
import {
  UNUSED_DAYS,
  cleanupDialog,
  createKeyDialog,
  deleteKeyDialog,
  editKeyDialog,
  regenerateKeyDialog,
} from './key-dialogs';
import { usageDialog } from './usage-dialog';
import { sparkline, totalOf } from '../chart';
import { pager, statusLine, tableWrap, timeCell } from './shared';

type SortColumn = 'name' | 'expires_at' | 'last_used' | 'created_at';

interface State {
  page: number;
  per_page: number;
  sort: SortColumn;
  order: 'asc' | 'desc';
  q: string;
  status: string;
  owner_id: string;
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

export function renderKeys(ctx: Context, main: HTMLElement): void {
  if (!ctx.can('api_keys.read')) {
    main.append(h('h1', {}, 'Keys'), h('p', { class: 'notice' }, lacks('api_keys.read')));
    return;
  }
  const state: State = {
    page: 1,
    per_page: 20,
    sort: 'created_at',
    order: 'desc',
    q: '',
    status: '',
    owner_id: '',
  };
  const errors = errorBox();
  const status = statusLine();
  const isAdmin = ctx.me.user.role === 'admin';
  const canWrite = ctx.can('api_keys.write');
  const canDelete = ctx.can('api_keys.delete');

  const search = h('input', { type: 'search', placeholder: 'Name contains…' });
  let searchTimer: number | undefined;
  search.addEventListener('input', () => {
    window.clearTimeout(searchTimer);
    searchTimer = window.setTimeout(() => {
      state.q = search.value.trim();
      state.page = 1;
      void load();
    }, 250);
  });
  const statusFilter = h(
    'select',
    { onchange: () => ((state.status = statusFilter.value), (state.page = 1), void load()) },
    h('option', { value: '' }, 'Any status'),
    h('option', { value: 'active' }, 'Active'),
    h('option', { value: 'inactive' }, 'Inactive'),
    h('option', { value: 'expired' }, 'Expired'),
  );
  const ownerFilter = h(
    'select',
    { onchange: () => ((state.owner_id = ownerFilter.value), (state.page = 1), void load()) },
    h('option', { value: '' }, 'Every owner'),
    [...ctx.users].map(([id, name]) => h('option', { value: id }, name)),
  );
  const cleanupSlot = h('span');
  const toolbar = h(
    'div',
    { class: 'toolbar' },
    field('Search by name', search).row,
    field('Status', statusFilter).row,
    isAdmin && ctx.users.size > 0 ? field('Owner', ownerFilter).row : null,
    h(
      'div',
      { class: 'toolbar-actions' },
      cleanupSlot,
      actionButton('Create key', () => createKeyDialog(ctx, done), {
        allowed: canWrite,
        reason: lacks('api_keys.write'),
        class: 'button primary',
      }),
    ),
  );
  const tableSlot = h('div');
  main.append(h('h1', {}, 'Keys'), toolbar, status.element, errors.element, tableSlot);

  /** After a change: the table reloads, then the change is announced. */
  function done(message: string): void {
    void load().then(() => status.say(message));
  }

  async function load(): Promise<void> {
    errors.clear();
    const ownerQuery = state.owner_id || undefined;
    let page: KeyPage;
    let counts: CleanupCounts;
    try {
      [page, counts] = await Promise.all([
        ctx.api.listKeys({
          ...state,
          q: state.q || undefined,
          status: state.status || undefined,
          owner_id: ownerQuery,
        }),
        ctx.api.cleanupCounts({ owner_id: ownerQuery, unused_days: UNUSED_DAYS[0] }),
      ]);
    } catch (error) {
      errors.show(error, 'Loading keys failed');
      return;
    }
    renderCleanup(counts, ownerQuery);
    const sparks = new Map(page.data.map((key) => [key.id, h('span', { class: 'muted' }, '…')]));
    tableSlot.replaceChildren(
      renderTable(page.data, sparks),
      pager(page.meta, (p) => ((state.page = p), void load()), 'Keys'),
    );
    fillSparklines(sparks);
  }

  /** Each row's requests per day over the last 30 days: one request for the whole page. */
  function fillSparklines(sparks: Map<string, HTMLElement>): void {
    if (sparks.size === 0) return;
    ctx.api.keysUsage([...sparks.keys()], { granularity: 'day' }).then(
      (usages) => {
        for (const { key_id, series } of usages) {
          const values = series.map(totalOf);
          const total = values.reduce((sum, n) => sum + n, 0);
          sparks
            .get(key_id)
            ?.replaceWith(sparkline(values, `${total} requests over the last 30 days`, 90, 20));
        }
      },
      // The table stands without them; the Usage dialog says what went wrong.
      () => sparks.forEach((spark) => (spark.textContent = '–')),
    );
  }

  function renderCleanup(counts: CleanupCounts, ownerId: string | undefined): void {
    cleanupSlot.replaceChildren();
    if (counts.expired + counts.inactive + (counts.unused ?? 0) === 0) return;
    cleanupSlot.append(
      actionButton('Clean up…', () => cleanupDialog(ctx, counts, ownerId, done), {
        allowed: canDelete,
        reason: lacks('api_keys.delete'),
      }),
    );
  }

  function header(column: (typeof COLUMNS)[number]): HTMLElement {
    if (!column.sort) return h('th', { scope: 'col' }, column.label);
    const active = state.sort === column.sort;
    const ariaSort = active ? (state.order === 'asc' ? 'ascending' : 'descending') : null;
    const arrow = active ? (state.order === 'asc' ? ' ▲' : ' ▼') : '';
    return h(
      'th',
      { scope: 'col', 'aria-sort': ariaSort },
      h(
        'button',
        {
          type: 'button',
          class: 'sort',
          onclick: () => {
            state.order =
              active && state.order === 'desc'
                ? 'asc'
                : active
                  ? 'desc'
                  : column.sort === 'name'
                    ? 'asc'
                    : 'desc';
            state.sort = column.sort!;
            state.page = 1;
            void load();
          },
        },
        column.label,
        h('span', { 'aria-hidden': 'true' }, arrow),
      ),
    );
  }

  function renderTable(keys: ApiKey[], sparks: Map<string, HTMLElement>): HTMLElement {
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

  void load();
}
