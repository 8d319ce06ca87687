/*
 * The Keys view: the toolbar (search, filters, clean-up, create), loading a
 * page with its clean-up counts and sparklines, and paging. The table itself
 * is keys-table.ts; the dialogs are key-dialogs/.
 */
import type { CleanupCounts, KeyPage } from '../api';
import { sparkline, totalOf } from '../chart';
import { lacks, type Context } from '../context';
import { actionButton, errorBox, field, h } from '../dom';
import { UNUSED_DAYS, cleanupDialog, createKeyDialog } from './key-dialogs';
import { keysTable, type SortColumn, type SortOrder } from './keys-table';
import { pager, statusLine } from './shared';

interface State {
  page: number;
  per_page: number;
  sort: SortColumn;
  order: SortOrder;
  q: string;
  status: string;
  owner_id: string;
}

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
      keysTable(ctx, page.data, sparks, {
        sorting: state,
        onSort: (sort, order) => {
          state.order = order;
          state.sort = sort;
          state.page = 1;
          void load();
        },
        errors,
        done,
      }),
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

  void load();
}
