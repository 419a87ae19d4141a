import { createContext, createSignal, useContext, type ParentProps } from 'solid-js';
import { vi, type Dictionary } from '../i18n/vi.ts';
import { en } from '../i18n/en.ts';
import type { Locale } from '../../shared/domain.ts';

const dictionaries: Record<Locale, Dictionary> = { vi, en };

function initialLocale(): Locale {
  const cookie = document.cookie.split('; ').find((c) => c.startsWith('lang='))?.slice(5);
  return cookie === 'en' ? 'en' : 'vi';
}

/** The dictionary of the locale chosen now, for code outside components (the API client's messages). */
export function currentDictionary(): Dictionary {
  return dictionaries[initialLocale()];
}

function createI18n() {
  const [locale, setLocaleSignal] = createSignal<Locale>(initialLocale());
  const setLocale = (next: Locale) => {
    document.cookie = `lang=${next}; Path=/; Max-Age=31536000; SameSite=Lax`;
    document.documentElement.lang = next;
    setLocaleSignal(next);
  };
  return { locale, setLocale, t: () => dictionaries[locale()] };
}

const I18nContext = createContext<ReturnType<typeof createI18n>>();

export function I18nProvider(props: ParentProps) {
  return <I18nContext.Provider value={createI18n()}>{props.children}</I18nContext.Provider>;
}

export function useI18n() {
  const context = useContext(I18nContext);
  if (!context) throw new Error('useI18n outside I18nProvider');
  return context;
}

/** Fills {name} placeholders of a dictionary string. */
export function fill(text: string, params: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (_, key: string) => String(params[key] ?? ''));
}
