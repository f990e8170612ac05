// What the page was opened with: Telegram's Mini App launch parameters (in the URL fragment,
// so no script from telegram.org is needed) or the Login Widget's redirect result.

export interface Launch {
  /** A Mini App's signed initData, to sign in with. */
  initData?: string;
  /** The Login Widget's payload after the redirect back from oauth.telegram.org. */
  widgetResult?: Record<string, unknown>;
  /** Telegram's language for the user, from initData. */
  language?: string;
  /** Telegram's theme (bg_color, text_color, ...), followed by the page's colours. */
  theme?: Record<string, string>;
  /** The playground's one-time sign-in code, from the link `make run` prints. */
  playgroundCode?: string;
}

function decodeBase64Json(value: string): Record<string, unknown> | undefined {
  try {
    const text = atob(value.replace(/-/g, '+').replace(/_/g, '/'));
    const parsed: unknown = JSON.parse(new TextDecoder().decode(Uint8Array.from(text, (c) => c.charCodeAt(0))));
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export function readLaunch(hash: string): Launch {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const launch: Launch = {};
  const initData = params.get('tgWebAppData');
  if (initData) {
    launch.initData = initData;
    try {
      const user = JSON.parse(new URLSearchParams(initData).get('user') ?? '{}') as { language_code?: string };
      if (user.language_code) launch.language = user.language_code;
    } catch {
      // A user field that is not JSON: the server refuses the sign-in and says why.
    }
  }
  const theme = params.get('tgWebAppThemeParams');
  if (theme) {
    try {
      launch.theme = JSON.parse(theme) as Record<string, string>;
    } catch {
      // No theme: the page's own colours.
    }
  }
  const code = params.get('playground');
  if (code) launch.playgroundCode = code;
  const result = params.get('tgAuthResult');
  if (result) {
    const decoded = decodeBase64Json(result);
    if (decoded) launch.widgetResult = decoded;
  }
  return launch;
}

/** Telegram's theme as CSS variables: only colour values, so a crafted fragment cannot inject CSS. */
export function applyTheme(theme: Record<string, string> | undefined, root: HTMLElement): void {
  if (!theme) return;
  const map: Record<string, string> = {
    bg_color: '--bg',
    text_color: '--fg',
    hint_color: '--muted',
    link_color: '--link',
    button_color: '--accent',
    button_text_color: '--accent-fg',
    secondary_bg_color: '--panel',
  };
  for (const [key, variable] of Object.entries(map)) {
    const value = theme[key];
    if (value && /^#[0-9a-fA-F]{3,8}$/.test(value)) root.style.setProperty(variable, value);
  }
}
