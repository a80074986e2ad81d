import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { platform } from '../platform/index.ts';
import en from './en.json';
import vi from './vi.json';

export const LANGUAGES = ['vi', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const LANGUAGE_KEY = 'language';

// Fails type checking when en.json misses a key that vi.json has.
const english: typeof vi = en;

export const resources = { vi: { translation: vi }, en: { translation: english } } as const;

function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** The language in use, as one of ours (i18next may report a region variant). */
export function currentLanguage(): Language {
  return isLanguage(i18next.resolvedLanguage) ? i18next.resolvedLanguage : 'vi';
}

/** Starts i18next in the language saved on this device (Vietnamese by default) and keeps <html lang> in sync. */
export async function initI18n(): Promise<void> {
  const saved = await platform.storage.getItem<string>(LANGUAGE_KEY).catch(() => null);
  i18next.on('languageChanged', (lng) => {
    document.documentElement.lang = isLanguage(lng) ? lng : 'vi';
  });
  await i18next.use(initReactI18next).init({
    resources,
    lng: isLanguage(saved) ? saved : 'vi',
    fallbackLng: 'vi',
    supportedLngs: LANGUAGES,
    interpolation: { escapeValue: false }, // React escapes already.
  });
}

/** Switches the language and remembers it on this device. */
export async function setLanguage(language: Language): Promise<void> {
  await i18next.changeLanguage(language);
  await platform.storage.setItem(LANGUAGE_KEY, language);
}
