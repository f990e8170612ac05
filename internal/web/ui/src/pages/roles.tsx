import { useState } from 'preact/hooks';
import { ApiError, call, get, post } from '../api.js';
import type { T } from '../i18n.js';
import { PERMISSIONS } from '../permissions.js';
import { GroupTabs, Show, useLoad, OutcomeLine, type Outcome } from './common.js';

interface Role {
  name: string;
  permissions: string[];
  priority: number;
  description: string;
}

const failure = (err: unknown) => (err instanceof ApiError ? err.message : String(err));

/** The group's roles and what each may do; changing them needs roles.manage, as the api decides. */
export function RolesPage({ t, groupId }: { t: T; groupId: number }) {
  const [changes, setChanges] = useState(0);
  const changed = () => setChanges((n) => n + 1);
  const [roles, retry] = useLoad(() => get<{ items: Role[] }>(`/groups/${groupId}/roles`), [groupId, changes], { keep: changes > 0 });
  return (
    <section>
      <GroupTabs t={t} groupId={groupId} current="roles" />
      <h1>{t('roles')}</h1>
      <Show t={t} loaded={roles} retry={retry}>
        {({ items }) => (
          <>
            {[...items]
              .sort((a, b) => b.priority - a.priority)
              .map((r) => (
                <RoleForm key={r.name} t={t} groupId={groupId} role={r} onChanged={changed} />
              ))}
          </>
        )}
      </Show>
      <NewRole t={t} groupId={groupId} onCreated={changed} />
    </section>
  );
}

function Permissions({
  t,
  name,
  chosen,
  onToggle,
  locked = false,
}: {
  t: T;
  name: string;
  chosen: string[];
  onToggle: (p: string, on: boolean) => void;
  locked?: boolean;
}) {
  return (
    <fieldset class="locks" disabled={locked}>
      <legend>{t('permissionsOf', { name })}</legend>
      {PERMISSIONS.map((p) => (
        <label key={p}>
          <input type="checkbox" checked={chosen.includes(p)} onChange={(e) => onToggle(p, e.currentTarget.checked)} /> {p}
        </label>
      ))}
      {locked && <p class="status">{t('ownerLocked')}</p>}
    </fieldset>
  );
}

const toggled = (list: string[], p: string, on: boolean) => (on ? [...list.filter((x) => x !== p), p] : list.filter((x) => x !== p));

function RoleForm({ t, groupId, role, onChanged }: { t: T; groupId: number; role: Role; onChanged: () => void }) {
  const [chosen, setChosen] = useState(role.permissions);
  const [result, setResult] = useState<Outcome>(undefined);
  const path = `/groups/${groupId}/roles/${encodeURIComponent(role.name)}`;
  const run = async (action: () => Promise<unknown>, done: string) => {
    setResult(undefined);
    try {
      await action();
      setResult({ ok: true, text: done });
      onChanged();
    } catch (err) {
      setResult({ ok: false, text: failure(err) });
    }
  };
  return (
    <form
      class="settings role"
      data-role={role.name}
      onSubmit={(e) => (e.preventDefault(), void run(() => call('PATCH', path, { permissions: chosen }), t('saved')))}
    >
      <h2>{role.name}</h2>
      {role.description && <p class="status">{role.description}</p>}
      <Permissions t={t} name={role.name} chosen={chosen} locked={role.name === 'owner'} onToggle={(p, on) => setChosen(toggled(chosen, p, on))} />
      <div class="row">
        <button type="submit">{t('saveRole', { name: role.name })}</button>
        <button type="button" class="link" onClick={() => void run(() => call('DELETE', path), t('roleDeleted'))}>
          {t('deleteRole', { name: role.name })}
        </button>
      </div>
      <OutcomeLine outcome={result} />
    </form>
  );
}

function NewRole({ t, groupId, onCreated }: { t: T; groupId: number; onCreated: () => void }) {
  const [name, setName] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const [result, setResult] = useState<Outcome>(undefined);
  const create = async (e: Event) => {
    e.preventDefault();
    setResult(undefined);
    try {
      await post(`/groups/${groupId}/roles`, { name: name.trim(), permissions: chosen });
      setName('');
      setChosen([]);
      setResult({ ok: true, text: t('roleCreated') });
      onCreated();
    } catch (err) {
      setResult({ ok: false, text: failure(err) });
    }
  };
  return (
    <form class="settings" onSubmit={(e) => void create(e)}>
      <h2>{t('newRole')}</h2>
      <div class="field">
        <label for="role-name">{t('roleName')}</label>
        <input id="role-name" value={name} maxLength={32} onInput={(e) => setName(e.currentTarget.value)} />
      </div>
      <Permissions t={t} name={name || t('newRole')} chosen={chosen} onToggle={(p, on) => setChosen(toggled(chosen, p, on))} />
      <button type="submit" disabled={!name.trim()}>
        {t('createRole')}
      </button>
      <OutcomeLine outcome={result} />
    </form>
  );
}
