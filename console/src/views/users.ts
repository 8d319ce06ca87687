import { ROLES, type User } from '../api';
import { lacks, type Context } from '../context';
import { actionButton, errorBox, field, h } from '../dom';
import { pager, statusLine, tableWrap, timeCell } from './shared';

export function renderUsers(ctx: Context, main: HTMLElement): void {
  const canWrite = ctx.can('users.write');
  const errors = errorBox();
  const status = statusLine();
  const tableSlot = h('div');
  let page = 1;

  const name = h('input', { type: 'text', autocomplete: 'off', required: true });
  const email = h('input', { type: 'email', autocomplete: 'off' });
  const role = h(
    'select',
    {},
    ROLES.map((r) => h('option', { value: r, selected: r === 'viewer' }, r)),
  );
  const createErrors = errorBox();
  const create = h(
    'form',
    { class: 'card inline-form', novalidate: true, 'aria-labelledby': 'new-user-title' },
    h('h2', { id: 'new-user-title' }, 'New user'),
    field('Name', name).row,
    field('Email (optional)', email).row,
    field('Role', role).row,
    h(
      'div',
      { class: 'actions' },
      h(
        'button',
        {
          type: 'submit',
          class: 'button primary',
          disabled: !canWrite,
          title: canWrite ? null : lacks('users.write'),
        },
        'Create user',
      ),
    ),
    createErrors.element,
  );
  create.addEventListener('submit', (event) => {
    event.preventDefault();
    createErrors.clear();
    const body = {
      name: name.value.trim(),
      role: role.value,
      ...(email.value.trim() ? { email: email.value.trim() } : {}),
    };
    ctx.api.createUser(body).then(
      (user) => {
        ctx.users.set(user.id, user.name);
        name.value = '';
        email.value = '';
        void load().then(() => status.say(`User "${user.name}" created.`));
      },
      (error: unknown) => createErrors.show(error, 'Creating the user failed'),
    );
  });
  main.append(
    h('h1', {}, 'Users'),
    canWrite ? create : h('p', { class: 'notice' }, lacks('users.write')),
    status.element,
    errors.element,
    tableSlot,
  );

  function change(user: User, body: object, what: string): void {
    errors.clear();
    ctx.api.updateUser(user.id, body).then(
      (updated) => {
        void load().then(() => status.say(`User "${updated.name}" ${what}.`));
      },
      (error: unknown) => {
        errors.show(error, `Changing "${user.name}" failed`);
        void load();
      },
    );
  }

  function row(user: User): HTMLElement {
    const roleSelect = h(
      'select',
      {
        'aria-label': `Role of ${user.name}`,
        disabled: !canWrite,
        onchange: () => change(user, { role: roleSelect.value }, `is now ${roleSelect.value}`),
      },
      ROLES.map((r) => h('option', { value: r, selected: r === user.role }, r)),
    );
    const active = user.status === 'active';
    return h(
      'tr',
      {},
      h('th', { scope: 'row' }, user.name),
      h('td', {}, user.email ?? h('span', { class: 'muted' }, '—')),
      h('td', {}, roleSelect),
      h('td', {}, active ? 'active' : h('span', { class: 'expired' }, 'disabled')),
      h('td', {}, timeCell(user.created_at)),
      h(
        'td',
        {},
        actionButton(
          active ? 'Disable' : 'Enable',
          () =>
            change(
              user,
              { status: active ? 'disabled' : 'active' },
              active ? 'disabled' : 'enabled',
            ),
          {
            allowed: canWrite,
            reason: lacks('users.write'),
            class: active ? 'button danger' : 'button',
            ariaLabel: `${active ? 'Disable' : 'Enable'} ${user.name}`,
          },
        ),
      ),
    );
  }

  async function load(): Promise<void> {
    try {
      const users = await ctx.api.listUsers({ page, per_page: 20 });
      const table = h(
        'table',
        {},
        h('caption', { class: 'visually-hidden' }, 'Users'),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ['Name', 'Email', 'Role', 'Status', 'Created', 'Actions'].map((c) =>
              h('th', { scope: 'col' }, c),
            ),
          ),
        ),
        h('tbody', {}, users.data.map(row)),
      );
      tableSlot.replaceChildren(
        tableWrap('Users table', table),
        pager(users.meta, (p) => ((page = p), void load()), 'Users'),
      );
    } catch (error) {
      errors.show(error, 'Loading users failed');
    }
  }
  void load();
}
