import type { AuditEvent } from '../api';
import type { Context } from '../context';
import { errorBox, field, h } from '../dom';
import { pager, tableWrap, timeCell } from './shared';

/** The actions Latchkey records (README, "Audit events"). */
const ACTIONS = [
  'key.created',
  'key.updated',
  'key.enabled',
  'key.disabled',
  'key.regenerated',
  'key.deleted',
  'key.cleanup',
  'key.leak_reported',
  'auth.root_key_registered',
  'auth.root_key_rotated',
  'user.created',
  'user.updated',
  'user.role_changed',
  'user.disabled',
];

export function renderAudit(ctx: Context, main: HTMLElement): void {
  const errors = errorBox();
  const tableSlot = h('div');
  let page = 1;
  const action = h(
    'select',
    { onchange: () => ((page = 1), void load()) },
    h('option', { value: '' }, 'Every action'),
    ACTIONS.map((a) => h('option', { value: a }, a)),
  );
  main.append(
    h('h1', {}, 'Audit'),
    h('div', { class: 'toolbar' }, field('Action', action).row),
    errors.element,
    tableSlot,
  );

  const who = (id: string | null) => (id ? (ctx.users.get(id) ?? id.slice(0, 8)) : '—');
  const row = (event: AuditEvent) =>
    h(
      'tr',
      {},
      h('td', {}, timeCell(event.at)),
      h('th', { scope: 'row' }, event.action),
      h('td', {}, who(event.actor_user_id)),
      h('td', {}, `${event.target_type} ${event.target_id?.slice(0, 8) ?? ''}`),
      h('td', {}, event.ip ?? '—'),
      h('td', {}, h('code', { class: 'details' }, JSON.stringify(event.details))),
    );

  async function load(): Promise<void> {
    errors.clear();
    try {
      const events = await ctx.api.listAuditEvents({
        page,
        per_page: 25,
        action: action.value || undefined,
      });
      const table = h(
        'table',
        {},
        h('caption', { class: 'visually-hidden' }, 'Audit events, newest first'),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ['When', 'Action', 'Actor', 'Target', 'IP', 'Details'].map((c) =>
              h('th', { scope: 'col' }, c),
            ),
          ),
        ),
        h(
          'tbody',
          {},
          events.data.length === 0
            ? h('tr', {}, h('td', { colspan: 6, class: 'muted' }, 'No events.'))
            : events.data.map(row),
        ),
      );
      tableSlot.replaceChildren(
        tableWrap('Audit events table', table),
        pager(events.meta, (p) => ((page = p), void load()), 'Audit'),
      );
    } catch (error) {
      errors.show(error, 'Loading events failed');
    }
  }
  void load();
}
