import { Api, ApiError, type User } from './api';
import type { Context } from './context';
import { h, errorBox, field } from './dom';
import { clearKey, loadKey, saveKey } from './session';
import { renderAudit } from './views/audit';
import { renderKeys } from './views/keys';
import { renderUsers } from './views/users';

const root = document.getElementById('app')!;

interface Route {
  hash: string;
  label: string;
  grant: string;
  render: (ctx: Context, main: HTMLElement) => void;
}

const ROUTES: Route[] = [
  { hash: '#/keys', label: 'Keys', grant: 'api_keys.read', render: renderKeys },
  { hash: '#/users', label: 'Users', grant: 'users.read', render: renderUsers },
  { hash: '#/audit', label: 'Audit', grant: 'audit.read', render: renderAudit },
];

function renderSignIn(notice?: string): void {
  document.title = 'Sign in · Latchkey console';
  const key = h('input', {
    type: 'password',
    name: 'key',
    autocomplete: 'off',
    spellcheck: 'false',
    required: true,
  });
  const remember = h('input', { type: 'checkbox', id: 'remember' });
  const errors = errorBox();
  const submit = h('button', { type: 'submit', class: 'button primary' }, 'Sign in');
  const keyField = field(
    'API key',
    key,
    "Paste a key, e.g. the token in the service's key file (data/.api_key).",
  );
  const form = h(
    'form',
    { class: 'card signin', novalidate: true },
    h('h1', {}, 'Latchkey console'),
    notice ? h('p', { class: 'notice', role: 'status' }, notice) : null,
    keyField.row,
    h(
      'div',
      { class: 'field check-row' },
      remember,
      h('label', { for: 'remember' }, ' Remember on this device'),
    ),
    errors.element,
    submit,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const token = key.value.trim();
    if (token === '') {
      errors.show(new Error('Paste a key to sign in.'));
      key.focus();
      return;
    }
    submit.disabled = true;
    signIn(token)
      .then(() => saveKey(token, remember.checked))
      .catch((error: unknown) => {
        errors.show(error, 'Sign-in failed');
        submit.disabled = false;
        key.focus();
      });
  });
  root.replaceChildren(h('main', { id: 'main', class: 'signin-page' }, form));
  key.focus();
}

async function signIn(token: string): Promise<void> {
  const api = new Api(token);
  const me = await api.me();
  const catalogue = await api.catalogue();
  const grants = new Set(me.grants);
  const ctx: Context = { api, me, catalogue, can: (grant) => grants.has(grant), users: new Map() };
  if (ctx.can('users.read')) {
    const users = await api.listUsers({ per_page: 100 });
    users.data.forEach((user: User) => ctx.users.set(user.id, user.name));
  }
  api.onUnauthorized = () => {
    clearKey();
    renderSignIn('The service no longer accepts this key (401). Sign in again.');
  };
  renderShell(ctx);
}

function signOut(): void {
  clearKey();
  window.removeEventListener('hashchange', onHashChange);
  if (location.hash) history.replaceState(null, '', location.pathname);
  renderSignIn('Signed out.');
}

let onHashChange: () => void = () => undefined;

function renderShell(ctx: Context): void {
  const main = h('main', { id: 'main', tabindex: '-1' });
  const routes = ROUTES.filter((route) => route.hash === '#/keys' || ctx.can(route.grant));
  const links = routes.map((route) => h('a', { href: route.hash }, route.label));
  const header = h(
    'header',
    { class: 'topbar' },
    h('span', { class: 'brand' }, 'Latchkey'),
    h('nav', { 'aria-label': 'Sections' }, links),
    h(
      'div',
      { class: 'who', 'aria-label': 'Signed in' },
      h('span', {}, 'Signed in as ', h('strong', { 'data-testid': 'who-user' }, ctx.me.user.name)),
      h('span', { class: 'badge', 'data-testid': 'who-role' }, ctx.me.user.role),
      h(
        'code',
        { 'data-testid': 'who-key', title: `Key "${ctx.me.key.name}"` },
        ctx.me.key.masked_key,
      ),
      h('button', { type: 'button', class: 'button', onclick: signOut }, 'Sign out'),
    ),
  );
  root.replaceChildren(header, main);

  onHashChange = () => {
    const route = routes.find((r) => r.hash === location.hash) ?? routes[0];
    links.forEach((link) => {
      if (link.getAttribute('href') === route.hash) link.setAttribute('aria-current', 'page');
      else link.removeAttribute('aria-current');
    });
    document.title = `${route.label} · Latchkey console`;
    main.replaceChildren();
    route.render(ctx, main);
  };
  window.addEventListener('hashchange', onHashChange);
  onHashChange();
}

const saved = loadKey();
if (saved) {
  signIn(saved).catch((error: unknown) => {
    clearKey();
    renderSignIn(
      error instanceof ApiError ? `Sign in again: ${error.describe()}` : 'Sign in again.',
    );
  });
} else {
  renderSignIn();
}
