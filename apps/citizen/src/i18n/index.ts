import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { platform } from '../platform/index.ts';
import vi from './vi.json';

export const LANGUAGES = ['vi', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const LANGUAGE_KEY = 'language';

/**
 * Vietnamese is in the main bundle (the default, and the fallback for any missing key); every other catalogue is
 * its own chunk, fetched only by someone who reads that language, so the home's first load carries one.
 */
const CATALOGUES: Record<Exclude<Language, 'vi'>, () => Promise<typeof vi>> = {
  // The annotation fails type checking when en.json misses a key that vi.json has.
  en: async () => (await import('./en.json')).default,
};

async function loadCatalogue(language: Language): Promise<void> {
  if (language === 'vi' || i18next.hasResourceBundle(language, 'translation')) return;
  i18next.addResourceBundle(language, 'translation', await CATALOGUES[language]());
}

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
  const language = isLanguage(saved) ? saved : 'vi';
  await i18next.use(initReactI18next).init({
    resources: { vi: { translation: vi } },
    // Started in the catalogue at hand; a saved other language is fetched and switched to just below, before
    // main.tsx renders anything.
    lng: 'vi',
    fallbackLng: 'vi',
    supportedLngs: LANGUAGES,
    interpolation: { escapeValue: false }, // React escapes already.
  });
  if (language !== 'vi') {
    await loadCatalogue(language);
    await i18next.changeLanguage(language);
  }
}

/** Switches the language and remembers it on this device. */
export async function setLanguage(language: Language): Promise<void> {
  await loadCatalogue(language);
  await i18next.changeLanguage(language);
  await platform.storage.setItem(LANGUAGE_KEY, language);
}
