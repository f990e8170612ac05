// English and Russian, chosen from Telegram's language (inside a Mini App) or the browser's.
const en = {
  title: 'botplatform',
  signIn: 'Sign in with Telegram',
  signInIntro: 'Sign in with your Telegram account to run the groups where you are an admin.',
  signInUnavailable: 'Sign-in is not configured on this server.',
  signingIn: 'Signing in…',
  signOut: 'Sign out',
  myGroups: 'Your groups',
  noGroups: 'You manage no groups yet. Add the bot to a group as an admin, then open /dashboard there.',
  members: 'Members',
  overview: 'Overview',
  inactive: 'bot removed',
  messagesPerDay: 'Messages per day',
  joinsLeaves: 'Joins and leaves',
  actionsByType: 'Moderation actions by type',
  messages: 'Messages',
  joins: 'Joins',
  leaves: 'Leaves',
  activeMembers: 'Active members',
  period: 'Period',
  days: '{n} days',
  memberCount: '{n} members',
  loading: 'Loading…',
  retry: 'Try again',
  role: 'Role',
  allRoles: 'All roles',
  name: 'Name',
  username: 'Username',
  warnings: 'Warnings',
  lastSeen: 'Last seen',
  more: 'Show more',
  needs: 'You need the {permission} permission in this group to see this.',
  back: 'Back to your groups',
  noActions: 'No moderation actions in this period.',
  audit: 'Audit log',
  liveOn: 'Live: new entries appear as they happen.',
  liveOff: 'Reconnecting… entries will catch up.',
  liveDenied: 'Live updates are off: you lack the logs.view permission.',
};
type Messages = typeof en;
const ru: Messages = {
  title: 'botplatform',
  signIn: 'Войти через Telegram',
  signInIntro: 'Войдите через Telegram, чтобы управлять группами, где вы администратор.',
  signInUnavailable: 'Вход на этом сервере не настроен.',
  signingIn: 'Входим…',
  signOut: 'Выйти',
  myGroups: 'Ваши группы',
  noGroups: 'Вы пока не управляете группами. Добавьте бота в группу администратором и откройте там /dashboard.',
  members: 'Участники',
  overview: 'Обзор',
  inactive: 'бот удалён',
  messagesPerDay: 'Сообщения по дням',
  joinsLeaves: 'Вступления и выходы',
  actionsByType: 'Действия модерации по типам',
  messages: 'Сообщения',
  joins: 'Вступили',
  leaves: 'Вышли',
  activeMembers: 'Активные участники',
  period: 'Период',
  days: '{n} дн.',
  memberCount: 'Участников: {n}',
  loading: 'Загрузка…',
  retry: 'Повторить',
  role: 'Роль',
  allRoles: 'Все роли',
  name: 'Имя',
  username: 'Имя пользователя',
  warnings: 'Предупреждения',
  lastSeen: 'Был(а)',
  more: 'Показать ещё',
  needs: 'Чтобы видеть это, нужно право {permission} в этой группе.',
  back: 'К вашим группам',
  noActions: 'За этот период действий модерации не было.',
  audit: 'Журнал',
  liveOn: 'В реальном времени: новые записи появляются сразу.',
  liveOff: 'Переподключаемся… записи догонят.',
  liveDenied: 'Обновления выключены: нет права logs.view.',
};

export type Lang = 'en' | 'ru';
export function pickLang(telegramLang: string | undefined, browser: readonly string[]): Lang {
  for (const l of [telegramLang, ...browser]) if (l?.toLowerCase().startsWith('ru')) return 'ru';
  return 'en';
}

export function translator(lang: Lang) {
  const m = lang === 'ru' ? ru : en;
  return (key: keyof Messages, vars: Record<string, string | number> = {}) => m[key].replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? ''));
}
export type T = ReturnType<typeof translator>;
